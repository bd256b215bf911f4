#!/usr/bin/env node
/**
 * Packs every publishable package in packages/* the way it would be published, installs the tarballs
 * with plain npm into an empty project, and runs a plain Node ESM script there against the built
 * package — how users first meet `@ml/*`. Run after the build (scripts/run.mjs does both).
 *
 *   node scripts/smoke-pack.mjs          # ML_KEEP_SMOKE=1 keeps the temporary folder
 *   ML_SMOKE_PACKAGES=@ml/core node scripts/smoke-pack.mjs   # only these (and their workspace deps)
 *
 * The script in the project checks that `@ml/core` loads from `node file.mjs`, that the wasm backend
 * starts, that gradients are registered in the built dist (`tf.grad`), that `Rng` is exported, that
 * `@ml/core/testing` resolves, and that a tiny MLP really trains (its loss falls) without leaking.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmSpec = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;

function run(cmd, args, cwd) {
  const res = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`'${cmd} ${args.join(' ')}' in ${cwd} exited with ${res.status}:\n${res.stdout}\n${res.stderr}`);
  }
  return res.stdout;
}

/** Publishable workspace packages: packages/<dir>/package.json without `"private": true`. */
function publishablePackages() {
  const dir = join(root, 'packages');
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (manifest.private === true) continue;
    out.push({ dir: join(dir, name), manifest });
  }
  const only = (process.env.ML_SMOKE_PACKAGES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (only.length === 0) return out;
  // The named packages plus every workspace package they depend on, directly or not.
  const byName = new Map(out.map((p) => [p.manifest.name, p]));
  const wanted = new Set();
  const visit = (name) => {
    const pkg = byName.get(name);
    if (pkg === undefined) throw new Error(`ML_SMOKE_PACKAGES: '${name}' is not a publishable package in packages/`);
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dep of Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies })) {
      if (byName.has(dep)) visit(dep);
    }
  };
  only.forEach(visit);
  return out.filter((p) => wanted.has(p.manifest.name));
}

/** The script that runs in the fresh project: plain Node ESM, only the published files. */
const SMOKE_SCRIPT = String.raw`
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tf, setBackend, getBackend, Rng } from '@ml/core';

function check(ok, what) {
  if (!ok) {
    console.error('smoke: FAILED: ' + what);
    process.exit(1);
  }
}

// Every entry point of every packed package loads from plain Node ESM ('./testing' entries need the
// optional vitest peer, so they only have to resolve).
const entries = JSON.parse(process.argv[2]);
for (const spec of entries.load) {
  try {
    await import(spec);
  } catch (err) {
    check(false, "import('" + spec + "') throws: " + (err && err.stack ? err.stack : err));
  }
}
for (const spec of entries.resolve) {
  const url = import.meta.resolve(spec);
  check(existsSync(fileURLToPath(url)), "'" + spec + "' resolves to a file; got " + url);
}

const info = await setBackend('wasm');
check(info.name === 'wasm' && getBackend() === 'wasm', "setBackend('wasm') selects wasm; got " + JSON.stringify(info));

check(typeof Rng === 'function', 'Rng is exported as a class; got ' + typeof Rng);
const rng = new Rng(7);
const r1 = rng.random();
check(r1 >= 0 && r1 < 1 && new Rng(7).random() === r1, 'Rng(7) is seeded and reproducible');

check(entries.resolve.includes('@ml/core/testing'), "'@ml/core/testing' is among the entry points checked");

// tf.grad through ops whose gradients live in tfjs-core's register_all_gradients.
const x = tf.tensor1d([0.5, -1, 2]);
const g = tf.grad((v) => tf.sum(tf.mul(tf.sigmoid(v), tf.square(v))))(x);
const gv = await g.data();
const s = (v) => 1 / (1 + Math.exp(-v));
const want = [0.5, -1, 2].map((v) => s(v) * (1 - s(v)) * v * v + 2 * v * s(v));
for (let i = 0; i < 3; i++) {
  check(Math.abs(gv[i] - want[i]) <= 1e-5 * (1 + Math.abs(want[i])), 'tf.grad: element ' + i + ' is ' + gv[i] + ', expected ' + want[i]);
}
tf.dispose([x, g]);

// A 4-8-1 tanh MLP on a seeded, linearly separable set: full-batch Adam on the logistic loss.
const n = 128;
const d = 4;
const xs = new Float32Array(n * d);
rng.fillNormal(xs);
const ys = new Float32Array(n);
const wTrue = [1.5, -2, 0.5, 1];
for (let i = 0; i < n; i++) {
  let z = 0;
  for (let j = 0; j < d; j++) z += xs[i * d + j] * wTrue[j];
  ys[i] = z > 0 ? 1 : 0;
}
const X = tf.tensor2d(xs, [n, d]);
const Y = tf.tensor2d(ys, [n, 1]);
const init = (shape, scale) => {
  const a = new Float32Array(shape.reduce((p, q) => p * q, 1));
  rng.fillNormal(a, 0, scale);
  return tf.variable(tf.tensor(a, shape));
};
const params = [init([d, 8], 0.5), tf.variable(tf.zeros([8])), init([8, 1], 0.5), tf.variable(tf.zeros([1]))];
const [w1, b1, w2, b2] = params;
const m = params.map((p) => tf.variable(tf.zerosLike(p), false));
const v = params.map((p) => tf.variable(tf.zerosLike(p), false));
// mean(softplus(z) - y*z) is the logistic loss written without tf.losses.
const lossFn = () => {
  const z = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(X, w1), b1)), w2), b2);
  return tf.mean(tf.sub(tf.softplus(z), tf.mul(Y, z)));
};
const lr = 0.05;
const beta1 = 0.9;
const beta2 = 0.999;
const losses = [];
const tensorsBefore = tf.memory().numTensors;
for (let step = 1; step <= 60; step++) {
  const { value, grads } = tf.variableGrads(lossFn, params);
  losses.push((await value.data())[0]);
  tf.tidy(() => {
    params.forEach((p, k) => {
      const grad = grads[p.name];
      m[k].assign(tf.add(tf.mul(m[k], beta1), tf.mul(grad, 1 - beta1)));
      v[k].assign(tf.add(tf.mul(v[k], beta2), tf.mul(tf.square(grad), 1 - beta2)));
      const mHat = tf.div(m[k], 1 - beta1 ** step);
      const vHat = tf.div(v[k], 1 - beta2 ** step);
      p.assign(tf.sub(p, tf.div(tf.mul(mHat, lr), tf.add(tf.sqrt(vHat), 1e-8))));
    });
  });
  tf.dispose([value, ...Object.values(grads)]);
}
const leaked = tf.memory().numTensors - tensorsBefore;
check(leaked === 0, 'training steps leak no tensors; ' + leaked + ' leaked');
const first = losses[0];
const last = losses[losses.length - 1];
check(losses.every(Number.isFinite), 'every loss is finite; got ' + losses.join(', '));
check(last < 0.5 * first, 'the loss at least halves in 60 steps; ' + first + ' -> ' + last);
const pred = tf.tidy(() => tf.greater(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(X, w1), b1)), w2), b2), 0));
const pv = await pred.data();
let correct = 0;
for (let i = 0; i < n; i++) if ((pv[i] === 1 ? 1 : 0) === ys[i]) correct++;
check(correct / n >= 0.9, 'training accuracy >= 0.9; got ' + correct / n);
tf.dispose([pred, X, Y, ...params, ...m, ...v]);

console.log(
  'smoke: OK: @ml/core on ' + getBackend() + ' from plain Node ESM: tf.grad works, Rng exported, @ml/core/testing resolves; ' +
    'imported ' + entries.load.join(', ') + '; MLP loss ' + first.toFixed(4) + ' -> ' + last.toFixed(4) + ' in 60 Adam steps, accuracy ' + (correct / n).toFixed(3),
);
`;

function main() {
  const packages = publishablePackages();
  if (packages.length === 0) throw new Error('smoke-pack: no publishable package found under packages/');
  const tmp = mkdtempSync(join(tmpdir(), 'ml-smoke-'));
  try {
    const packDir = join(tmp, 'tarballs');
    const project = join(tmp, 'project');
    mkdirSync(packDir);
    mkdirSync(project);
    const tarballs = [];
    for (const { dir, manifest } of packages) {
      if (!existsSync(join(dir, 'dist'))) {
        throw new Error(`smoke-pack: ${manifest.name} has no dist/; build first (npm test does)`);
      }
      const before = new Set(readdirSync(packDir));
      run('npx', ['--yes', pnpmSpec, 'pack', '--pack-destination', packDir], dir);
      const made = readdirSync(packDir).filter((f) => f.endsWith('.tgz') && !before.has(f));
      if (made.length !== 1) throw new Error(`smoke-pack: expected one tarball for ${manifest.name}; found ${made.join(', ') || 'none'}`);
      const tarball = join(packDir, made[0]);
      const packed = run('tar', ['-xOzf', tarball, 'package/package.json'], tmp);
      if (packed.includes('workspace:')) {
        throw new Error(`smoke-pack: ${made[0]} still has a 'workspace:' dependency range:\n${packed}`);
      }
      console.log(`smoke-pack: packed ${manifest.name}@${manifest.version} -> ${made[0]}`);
      tarballs.push(tarball);
    }
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'ml-smoke-project', version: '0.0.0', private: true, type: 'module' }, null, 2),
    );
    // All tarballs in one install, so packages that depend on each other get the packed versions.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], project);
    console.log(`smoke-pack: npm installed ${tarballs.length} tarball(s) into an empty project`);
    writeFileSync(join(project, 'smoke.mjs'), SMOKE_SCRIPT);
    const entries = { load: [], resolve: [] };
    for (const { manifest } of packages) {
      for (const key of Object.keys(manifest.exports ?? { '.': null })) {
        if (key.endsWith('package.json') || key.includes('*')) continue;
        const spec = key === '.' ? manifest.name : `${manifest.name}/${key.replace(/^\.\//, '')}`;
        (key === './testing' ? entries.resolve : entries.load).push(spec);
      }
    }
    const res = spawnSync(process.execPath, ['smoke.mjs', JSON.stringify(entries)], { cwd: project, stdio: 'inherit' });
    if (res.error) throw res.error;
    if (res.status !== 0) {
      console.error(`smoke-pack: the smoke script failed (exit ${res.status}); project kept at ${project}`);
      process.exitCode = res.status ?? 1;
      return;
    }
  } finally {
    if (process.env.ML_KEEP_SMOKE === '1' || process.exitCode) console.log(`smoke-pack: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
