#!/usr/bin/env node
/**
 * The README's two commands go through here, so they work on a bare machine with only Node.js and
 * npm: it installs the workspace with the pinned pnpm (through npx) when needed, builds every
 * package, then runs the demo, the whole test suite, or the benchmarks.
 *
 *   node scripts/run.mjs demo    # npm run demo
 *   node scripts/run.mjs test    # npm test
 *   node scripts/run.mjs bench   # npm run bench
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmSpec = pkg.packageManager; // "pnpm@x.y.z"
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`@ml needs Node.js >= 20.19; this is ${process.version}.`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function mustRun(cmd, args, options) {
  const code = run(cmd, args, options);
  if (code !== 0) process.exit(code);
}

const pnpm = (args, options) => mustRun('npx', ['--yes', pnpmSpec, ...args], options);

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (stale) {
    console.log(`> installing the workspace with ${pnpmSpec}`);
    pnpm(['install', ...(existsSync(lock) ? ['--frozen-lockfile'] : [])]);
  }
}

function build() {
  console.log('> building packages');
  pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
}

/** Points Dawn at a software Vulkan driver (SwiftShader from Debian's chromium) when none is set. */
function vulkanEnv() {
  const env = {};
  const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
  if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES && existsSync(swiftshader)) {
    env.VK_ICD_FILENAMES = swiftshader;
  }
  return env;
}

const task = process.argv[2];
const extra = process.argv.slice(3);
ensureInstalled();
build();

if (task === 'demo') {
  mustRun(process.execPath, [join(root, 'examples', 'demo', 'main.mjs'), ...extra], { env: vulkanEnv() });
} else if (task === 'test') {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const env = { ...vulkanEnv() };
  // In CI nothing may be skipped: every backend and the browser must be there.
  if (ci && !process.env.ML_REQUIRE_BACKENDS) env.ML_REQUIRE_BACKENDS = 'cpu,wasm,webgpu';
  if (ci && !process.env.ML_REQUIRE_BROWSER) env.ML_REQUIRE_BROWSER = '1';
  if (!env.VK_ICD_FILENAMES && !process.env.VK_ICD_FILENAMES) {
    console.log('note: no Vulkan driver found (install Debian\'s chromium and libvulkan1, as .ci/run does): WebGPU tests will be skipped.');
  }
  mustRun('npx', ['--yes', pnpmSpec, 'exec', 'vitest', 'run', ...extra], { env });
  // The benchmark harness's own unit tests (no timing in them).
  mustRun(process.execPath, ['--test', join(root, 'benchmarks', 'lib')], { env });
  mustRun(process.execPath, [join(root, 'scripts', 'smoke-pack.mjs')], { env });
} else if (task === 'bench') {
  mustRun(process.execPath, [join(root, 'benchmarks', 'run.mjs'), ...extra], { env: vulkanEnv() });
} else {
  console.error(`usage: node scripts/run.mjs demo|test|bench [args]; received ${JSON.stringify(task)}`);
  process.exit(2);
}
