/**
 * Plumbing for the browser test: bundle the page with vite, serve it (and the tfjs wasm binaries) on
 * 127.0.0.1 with node:http, and start Debian's Chromium headless with WebGPU on SwiftShader.
 */
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
const coreDir = join(repoRoot, 'packages', 'core');

/** The folder holding tfjs-backend-wasm's `.wasm` files (beside its JS). */
export function wasmDir(): string {
  const require = createRequire(join(coreDir, 'package.json'));
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist';
}

interface ViteBuild {
  build(config: Record<string, unknown>): Promise<unknown>;
}

/**
 * Bundles page/ (which imports `@ml/core` from its TypeScript sources) into a fresh temp folder.
 * vite is not a root dependency; it is the one vitest itself depends on and runs on.
 */
export async function buildPage(): Promise<string> {
  const fromVitest = createRequire(createRequire(join(repoRoot, 'package.json')).resolve('vitest/package.json'));
  const vite = (await import(fromVitest.resolve('vite'))) as ViteBuild;
  const outDir = mkdtempSync(join(tmpdir(), 'ml-browser-page-'));
  await vite.build({
    configFile: false,
    root: join(here, 'page'),
    base: './',
    logLevel: 'warn',
    resolve: {
      alias: [{ find: /^@ml\/core$/, replacement: join(coreDir, 'src', 'index.ts') }],
    },
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false, sourcemap: true, reportCompressedSize: false },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

/** Serves `pageDir` at / and the wasm binaries at /wasm/; resolves to the server and its origin. */
export async function startServer(pageDir: string): Promise<{ server: Server; origin: string }> {
  const wasm = wasmDir();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [base, rel] = path.startsWith('/wasm/') ? [wasm, path.slice(6)] : [pageDir, path === '/' ? 'index.html' : path.slice(1)];
    const file = normalize(join(base, rel));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('browser test: the server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Chromium flags that expose WebGPU on SwiftShader without a GPU (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium with a fresh profile (playwright passes it as --user-data-dir). */
export async function launchChromium(executablePath: string): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'ml-chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
  });
  return { context, profile };
}
