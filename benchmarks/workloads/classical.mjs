/**
 * @ml/classical vs scikit-learn 1.2 (and mljs when installed) on one data set: scikit-learn's
 * make_classification(n_samples=20000, n_features=16, n_informative=10, n_classes=4,
 * n_clusters_per_class=2, random_state=0), written once by benchmarks/python/classical_data.py into
 * benchmarks/out/ (gitignored). First 15,000 rows train, last 5,000 test.
 *
 * Two ways to run it:
 * - through the harness: `node benchmarks/run.mjs classical` (cases below, scikit-learn peer);
 * - standalone: `node benchmarks/workloads/classical.mjs` prints median wall and minimum CPU time of
 *   ours (wasm backend), scikit-learn's (default threads) and mljs's (ml-kmeans, ml-knn,
 *   ml-naivebayes, when installed), test accuracies, and checks the targets: ≤ 1.5× scikit-learn,
 *   ≥ 10× faster than mljs, accuracy within ±0.01 of scikit-learn's.
 */
import path from 'node:path';
import { standaloneRecorder } from '../lib/standalone-record.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timeIt } from '../lib/time-it.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// @ml/classical is optional here so one missing package cannot stop the other workloads. Until it
// is a dependency of @ml/benchmarks, its built entry is loaded by path (the same code).
async function loadClassical() {
  try {
    return await import('@ml/classical');
  } catch (err) {
    const dist = join(here, '..', '..', 'packages', 'classical', 'dist', 'index.js');
    if (existsSync(dist)) return import(pathToFileURL(dist).href);
    return { missing: `@ml/classical cannot be imported (${err.message.split('\n')[0]}): add "@ml/classical": "workspace:*" to benchmarks/package.json and build it` };
  }
}
const ml = await loadClassical();

export const name = 'classical';
export const title = 'Classical ML: KMeans, kNN, GaussianNB (make_classification, 20,000 × 16)';
export const description =
  'Data: scikit-learn make_classification(n_samples=20000, n_features=16, n_informative=10, n_classes=4, ' +
  'n_clusters_per_class=2, random_state=0); rows 0–14,999 train, 15,000–19,999 test. "kmeans": ' +
  '`new KMeans({nClusters: 8, nInit: 1, randomState: 0}).fit(X)` on all 20,000 rows vs ' +
  '`KMeans(n_clusters=8, n_init=1, random_state=0).fit(X)` (both k-means++ then Lloyd, tol 1e-4; an integer ' +
  'randomState makes numpy\'s draws, so both start from the same centers and run the same iterations); "kmeans-elkan": the same with algorithm elkan in both. "knn": `new KNeighborsClassifier({nNeighbors: 5}).fit(train).predict(test)` ' +
  'vs the same in scikit-learn (16 features: brute force in both; ours via backend matmuls on wasm, typed-array ' +
  'loops on cpu). "gaussian-nb": `new GaussianNB().fit(train).predict(test)`. Our inputs are float64 ' +
  '`{data, shape}` matrices read before the clock starts.';

const N = 20000;
const D = 16;
const N_TRAIN = 15000;

export const cases = [
  { id: 'kmeans', label: 'KMeans k=8, n_init=1 (20,000 rows)' },
  { id: 'kmeans-elkan', label: 'KMeans k=8, n_init=1, algorithm elkan' },
  { id: 'knn', label: 'kNN k=5: fit 15,000, predict 5,000' },
  { id: 'gaussian-nb', label: 'GaussianNB: fit 15,000, predict 5,000' },
];

/** Path of the data file, written with scikit-learn on first use. */
export function dataPath() {
  const dir = join(here, '..', 'out');
  const path = join(dir, 'classical-data.bin');
  if (existsSync(path) && statSync(path).size === N * D * 8 + N * 4) return path;
  mkdirSync(dir, { recursive: true });
  const python = process.env.ML_BENCH_PYTHON || '/usr/bin/python3';
  const res = spawnSync(python, [join(here, '..', 'python', 'classical_data.py'), path], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`classical_data.py failed (${python}): ${(res.stderr || res.error?.message || '').trim().split('\n').pop()}`);
  return path;
}

let cached;
/** X (Float64Array, N × D) and y (Int32Array), split into train and test. */
export function loadData() {
  if (cached) return cached;
  const buf = readFileSync(dataPath());
  const X = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + N * D * 8));
  const y = Array.from(new Int32Array(buf.buffer.slice(buf.byteOffset + N * D * 8, buf.byteOffset + N * D * 8 + N * 4)));
  cached = {
    all: { data: X, shape: [N, D] },
    train: { data: X.subarray(0, N_TRAIN * D), shape: [N_TRAIN, D] },
    test: { data: X.subarray(N_TRAIN * D), shape: [N - N_TRAIN, D] },
    yTrain: y.slice(0, N_TRAIN),
    yTest: y.slice(N_TRAIN),
  };
  return cached;
}

/** One call of case `id` with @ml/classical; returns what to check (inertia or accuracy). */
export function runOurs(id) {
  const d = loadData();
  if (id.startsWith('kmeans')) {
    const algorithm = id === 'kmeans-elkan' ? 'elkan' : 'lloyd';
    const km = new ml.KMeans({ nClusters: 8, nInit: 1, randomState: 0, algorithm }).fit(d.all);
    return { inertia: km.inertia, nIter: km.nIter };
  }
  const model = id === 'knn' ? new ml.KNeighborsClassifier({ nNeighbors: 5 }) : new ml.GaussianNB();
  const pred = model.fit(d.train, d.yTrain).predict(d.test);
  return { accuracy: accuracy(pred, d.yTest) };
}

function accuracy(pred, y) {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

/** Harness entry: `step` runs one case (typed arrays; any tensors are made and freed inside). */
export function prepare(_tf, c) {
  if (ml.missing) throw new Error(ml.missing);
  loadData();
  return { step: async () => void runOurs(c.id), dispose: () => {} };
}

export const peer = {
  name: 'scikit-learn',
  script: 'classical.py',
  modules: ['numpy', 'sklearn'],
  payload: (c) => ({ id: c.id, path: dataPath(), nTrain: N_TRAIN }),
};

// ---------------------------------------------------------------------------------------------
// Standalone mode.

async function runMljs(id, reps) {
  const d = loadData();
  const rows = (m) => Array.from({ length: m.shape[0] }, (_, i) => Array.from(m.data.subarray(i * D, (i + 1) * D)));
  try {
    if (id === 'kmeans-elkan') return { missing: 'mljs has no Elkan variant' };
    if (id === 'kmeans') {
      const { kmeans } = await import('ml-kmeans');
      const X = rows(d.all);
      return timeIt(() => {
        const r = kmeans(X, 8, { initialization: 'kmeans++', seed: 0 });
        let inertia = 0;
        X.forEach((x, i) => x.forEach((v, j) => (inertia += (v - r.centroids[r.clusters[i]][j]) ** 2)));
        return { inertia, nIter: r.iterations };
      }, reps);
    }
    const train = rows(d.train);
    const test = rows(d.test);
    if (id === 'knn') {
      const KNN = (await import('ml-knn')).default;
      return timeIt(() => ({ accuracy: accuracy(new KNN(train, d.yTrain, { k: 5 }).predict(test), d.yTest) }), reps);
    }
    const { GaussianNB } = await import('ml-naivebayes');
    return timeIt(() => {
      const m = new GaussianNB();
      m.train(train, d.yTrain);
      return { accuracy: accuracy(m.predict(test), d.yTest) };
    }, reps);
  } catch (err) {
    return { missing: err.message.split('\n')[0] };
  }
}

async function standalone() {
  const rec = standaloneRecorder(path.basename(fileURLToPath(import.meta.url)));
  if (ml.missing) throw new Error(ml.missing);
  const { setBackend } = await import('@ml/core');
  const backend = process.env.ML_BACKEND ?? 'wasm';
  await setBackend(backend);
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join('/');
  rec.log(`classical benchmark on ${backend}: Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${load()}`);
  const { probePython, runPeerScript } = await import('../lib/python-peer.mjs');
  const probe = probePython(peer.modules);
  const sk = probe.ok ? runPeerScript(peer.script, { cases: cases.map(peer.payload), options: { targetMs: 1500, maxReps: 30 } }, os.cpus().length) : undefined;
  const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  const rows = [['case', '@ml/classical ms (wall / CPU)', 'scikit-learn ms (wall / CPU)', 'ratio (wall)', 'mljs ms (wall)', 'mljs / ours', 'ours', 'scikit-learn', 'mljs']];
  const checks = [];
  for (const c of cases) {
    runOurs(c.id); // warm-up
    const reps = c.id === 'gaussian-nb' ? 21 : 7;
    const ours = timeIt(() => runOurs(c.id), reps);
    const r = sk?.results.find((x) => x.id === c.id);
    const skWall = r ? [...r.samples].sort((a, b) => a - b)[Math.floor(r.samples.length / 2)] : undefined;
    const skCpu = r ? Math.min(...r.cpuSamples) : undefined;
    const mj = await runMljs(c.id, c.id === 'knn' ? 1 : c.id === 'gaussian-nb' ? reps : 3); // as many GaussianNB calls as ours (milliseconds each)
    const show = (o) => (o.accuracy !== undefined ? `acc ${o.accuracy.toFixed(4)}` : `inertia ${o.inertia.toFixed(0)} (${o.nIter} it)`);
    rows.push([
      c.label, `${fmt(ours.wall)} / ${fmt(ours.cpu)}`, r ? `${fmt(skWall)} / ${fmt(skCpu)}` : 'n/a', r ? `${(ours.wall / skWall).toFixed(2)}×` : '',
      mj.missing ? 'not installed' : fmt(mj.wall), mj.missing ? '' : `${(mj.wall / ours.wall).toFixed(1)}×`,
      show(ours.out), r ? show(r.check) : '', mj.missing ? '' : show(mj.out),
    ]);
    if (r) checks.push([`${c.id}: ≤ 1.5× scikit-learn (wall)`, ours.wall <= 1.5 * skWall, `${(ours.wall / skWall).toFixed(2)}×`]);
    if (r && r.check.accuracy !== undefined) checks.push([`${c.id}: accuracy within ±0.01 of scikit-learn`, Math.abs(ours.out.accuracy - r.check.accuracy) <= 0.01, `${ours.out.accuracy.toFixed(4)} vs ${r.check.accuracy.toFixed(4)}`]);
    if (!mj.missing) checks.push([`${c.id}: ≥ 10× faster than mljs`, mj.wall >= 10 * ours.wall, `${(mj.wall / ours.wall).toFixed(1)}×`]);
    else rec.log(`mljs peer for ${c.id} skipped: ${mj.missing}`);
  }
  if (!sk) rec.log(`scikit-learn peer skipped: ${probe.reason}`);
  else rec.log(`scikit-learn: ${sk.info.library}, ${sk.info.requestedThreads} threads`);
  rec.log(rows.map((r) => `| ${r.join(' | ')} |`).join('\n'));
  rec.log(`(wall: median, CPU: minimum over the calls; load at end ${load()})`);
  for (const [what, ok, detail] of checks) rec.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${detail}`);
  rec.flush('classical-mljs', 'Classical ML vs scikit-learn and the mljs packages (standalone: KMeans, kNN, GaussianNB)', description);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await standalone();
}
