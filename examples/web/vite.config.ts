/**
 * The browser app's vite config. Workspace packages resolve to their TypeScript sources (the
 * 'source' export condition), and tfjs-backend-wasm's `.wasm` binaries are served at `wasm/` (dev)
 * and copied to `dist/wasm/` (build), where the page's `setBackend('wasm', { wasmPaths })` finds them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder holding tfjs-backend-wasm's `.wasm` files (a dependency of @ml/core). */
export function wasmDir(): string {
  const require = createRequire(join(here, '..', '..', 'packages', 'core', 'package.json'));
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

function tfjsWasm(): Plugin {
  const dir = wasmDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.wasm'));
  return {
    name: 'ml-tfjs-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const name = path.replace(/^.*\/wasm\//, '');
        if (!path.includes('/wasm/') || !files.includes(name)) return next();
        res.setHeader('content-type', 'application/wasm');
        res.end(readFileSync(join(dir, name)));
      });
    },
    generateBundle() {
      for (const name of files) this.emitFile({ type: 'asset', fileName: `wasm/${name}`, source: readFileSync(join(dir, name)) });
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [tfjsWasm()],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 8000 },
});
