/**
 * @ml/classical decision tree and random forest vs scikit-learn 1.2 (and ml-cart, the mljs tree) on
 * the classical workload's data: make_classification(n_samples=20000, n_features=16,
 * n_informative=10, n_classes=4, n_clusters_per_class=2, random_state=0); first 15,000 rows train,
 * last 5,000 test (benchmarks/python/classical_data.py writes it into benchmarks/out/).
 *
 * Two ways to run it:
 * - through the harness: `node benchmarks/run.mjs classical-trees` (cases below, scikit-learn peer);
 * - standalone: `node benchmarks/workloads/classical-trees.mjs` prints median wall and minimum CPU
 *   time of ours and scikit-learn's, ml-cart on training subsets (it is far too slow for 15,000 rows:
 *   each subset runs in a child process stopped after ML_CART_CAP_S seconds, default 120), test
 *   accuracies, tree sizes, and checks the targets: ≤ 1.5× scikit-learn (CPU time: the machine is
 *   shared), ≥ 10× faster than ml-cart on the same rows, accuracy within ±0.01 of scikit-learn's.
 */
import path from 'node:path';
import { standaloneRecorder } from '../lib/standalone-record.mjs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { timeIt } from '../lib/time-it.mjs';
import { dataPath, loadData } from './classical.mjs';

async function loadClassical() {
  try {
    return await import('@ml/classical');
  } catch (err) {
    return { missing: `@ml/classical cannot be imported (${err.message.split('\n')[0]}): build it first` };
  }
}
const ml = await loadClassical();

export const name = 'classical-trees';
export const title = 'Classical ML: decision tree and random forest (make_classification, 20,000 × 16)';
export const description =
  'Data as the classical workload: scikit-learn make_classification(n_samples=20000, n_features=16, n_informative=10, ' +
  'n_classes=4, n_clusters_per_class=2, random_state=0); rows 0–14,999 train, 15,000–19,999 test. "tree": ' +
  '`new DecisionTreeClassifier({randomState: 0}).fit(train).predict(test)` vs `DecisionTreeClassifier(random_state=0)` ' +
  '(fully grown, gini). "forest": `new RandomForestClassifier({nEstimators: 100, randomState: 0})` vs ' +
  '`RandomForestClassifier(n_estimators=100, random_state=0)` (one thread in both). Both libraries build the same ' +
  'trees for the same seed (our trees reproduce sklearn\'s random streams), so accuracies and node counts agree. ' +
  'Our inputs are float64 `{data, shape}` matrices read before the clock starts.';

export const cases = [
  { id: 'tree', label: 'decision tree: fit 15,000, predict 5,000' },
  { id: 'forest', label: 'random forest, 100 trees: fit 15,000, predict 5,000' },
];

function accuracy(pred, y) {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

/** One call of case `id` with @ml/classical; returns accuracy and total node count. */
export function runOurs(id, nTrain = 15000) {
  const d = loadData();
  const D = d.train.shape[1];
  const train = nTrain === 15000 ? d.train : { data: d.train.data.subarray(0, nTrain * D), shape: [nTrain, D] };
  const yTrain = d.yTrain.slice(0, nTrain);
  const model = id === 'tree' ? new ml.DecisionTreeClassifier({ randomState: 0 }) : new ml.RandomForestClassifier({ nEstimators: 100, randomState: 0 });
  const pred = model.fit(train, yTrain).predict(d.test);
  const nodes = id === 'tree' ? model.tree.nodeCount : model.treeNodeCounts.reduce((a, b) => a + b, 0);
  return { accuracy: accuracy(pred, d.yTest), nodes };
}

export function prepare(_tf, c) {
  if (ml.missing) throw new Error(ml.missing);
  loadData();
  return { step: async () => void runOurs(c.id), dispose: () => {} };
}

export const peer = {
  name: 'scikit-learn',
  script: 'classical_trees.py',
  modules: ['numpy', 'sklearn'],
  payload: (c) => ({ id: c.id, path: dataPath(), nTrain: 15000 }),
};

// ---------------------------------------------------------------------------------------------
// Standalone mode.

const ML_CART_SUBSETS = (process.env.ML_CART_SUBSETS ?? '1000,2000,4000').split(',').map(Number);
const ML_CART_CAP_S = Number(process.env.ML_CART_CAP_S ?? 120);

/** Child process: times ml-cart's default DecisionTreeClassifier (gini) on the first `n` rows, predicts the 5,000 test rows. */
async function mlCartChild(n) {
  const { DecisionTreeClassifier } = await import('ml-cart');
  const d = loadData();
  const D = d.train.shape[1];
  const rows = (m, k) => Array.from({ length: k }, (_, i) => Array.from(m.data.subarray(i * D, (i + 1) * D)));
  const train = rows(d.train, n);
  const test = rows(d.test, d.test.shape[0]);
  const r = timeIt(() => {
    const m = new DecisionTreeClassifier();
    m.train(train, d.yTrain.slice(0, n));
    return accuracy(m.predict(test), d.yTest);
  }, 1);
  process.stdout.write(JSON.stringify({ wall: r.wall, cpu: r.cpu, accuracy: r.out }) + '\n');
}

function runMlCart(n) {
  const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--ml-cart-child', String(n)], { encoding: 'utf8', timeout: ML_CART_CAP_S * 1000 });
  if (res.error?.code === 'ETIMEDOUT' || res.signal) return { missing: `stopped after ${ML_CART_CAP_S} s` };
  if (res.status !== 0) return { missing: (res.stderr || '').trim().split('\n').pop() };
  return JSON.parse(res.stdout.trim().split('\n').pop());
}

async function standalone() {
  const rec = standaloneRecorder(path.basename(fileURLToPath(import.meta.url)));
  if (ml.missing) throw new Error(ml.missing);
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join('/');
  rec.log(`classical-trees benchmark: Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${load()}`);
  const { probePython, runPeerScript } = await import('../lib/python-peer.mjs');
  const probe = probePython(peer.modules);
  const sk = probe.ok ? runPeerScript(peer.script, { cases: cases.map(peer.payload), options: { targetMs: 1500, maxReps: 7, slowCallMs: 3600000, warmupMs: 0 } }, 1) : undefined;
  const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  const rows = [['case', '@ml/classical ms (wall / CPU)', 'scikit-learn ms (wall / CPU)', 'ratio (CPU)', 'ours', 'scikit-learn']];
  const checks = [];
  for (const c of cases) {
    runOurs(c.id); // warm-up
    const ours = timeIt(() => runOurs(c.id), c.id === 'tree' ? 7 : 3);
    const found = sk?.results.find((x) => x.id === c.id);
    const r = found && found.samples.length > 0 ? found : undefined;
    const skWall = r ? [...r.samples].sort((a, b) => a - b)[Math.floor(r.samples.length / 2)] : undefined;
    const skCpu = r ? Math.min(...r.cpuSamples) : undefined;
    const show = (o) => `acc ${o.accuracy.toFixed(4)}, ${o.nodes} nodes`;
    rows.push([c.label, `${fmt(ours.wall)} / ${fmt(ours.cpu)}`, r ? `${fmt(skWall)} / ${fmt(skCpu)}` : 'n/a', r ? `${(ours.cpu / skCpu).toFixed(2)}×` : '', show(ours.out), r ? show(r.check) : '']);
    if (r) {
      checks.push([`${c.id}: ≤ 1.5× scikit-learn (CPU)`, ours.cpu <= 1.5 * skCpu, `${(ours.cpu / skCpu).toFixed(2)}× (wall ${(ours.wall / skWall).toFixed(2)}×)`]);
      checks.push([`${c.id}: accuracy within ±0.01 of scikit-learn`, Math.abs(ours.out.accuracy - r.check.accuracy) <= 0.01, `${ours.out.accuracy.toFixed(4)} vs ${r.check.accuracy.toFixed(4)}`]);
    }
  }
  rec.log(rows.map((x) => `| ${x.join(' | ')} |`).join('\n'));
  rec.log('\nml-cart 2.1.1 (defaults: gini, minNumSamples 3, gainThreshold 0.01) vs ours on the first n training rows, predicting the 5,000 test rows:');
  const cart = [['training rows', 'ml-cart ms (wall / CPU)', '@ml/classical ms (wall / CPU)', 'ml-cart / ours (CPU)', 'ml-cart acc', 'ours acc']];
  for (const n of ML_CART_SUBSETS) {
    const mj = runMlCart(n);
    runOurs('tree', n);
    const ours = timeIt(() => runOurs('tree', n), 5);
    if (mj.missing) {
      cart.push([String(n), mj.missing, `${fmt(ours.wall)} / ${fmt(ours.cpu)}`, '', '', ours.out.accuracy.toFixed(4)]);
      continue;
    }
    cart.push([String(n), `${fmt(mj.wall)} / ${fmt(mj.cpu)}`, `${fmt(ours.wall)} / ${fmt(ours.cpu)}`, `${(mj.cpu / ours.cpu).toFixed(0)}×`, mj.accuracy.toFixed(4), ours.out.accuracy.toFixed(4)]);
    checks.push([`tree on ${n} rows: ≥ 10× faster than ml-cart (CPU)`, mj.cpu >= 10 * ours.cpu, `${(mj.cpu / ours.cpu).toFixed(0)}×`]);
  }
  rec.log(cart.map((x) => `| ${x.join(' | ')} |`).join('\n'));
  if (!sk) rec.log(`scikit-learn peer skipped: ${probe.reason}`);
  else rec.log(`scikit-learn: ${sk.info.library}, ${sk.info.requestedThreads} thread(s)`);
  rec.log(`(wall: median, CPU: minimum over the calls; load at end ${load()})`);
  for (const [what, ok, detail] of checks) rec.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${detail}`);
  rec.flush('classical-trees-ml-cart', 'Decision tree and random forest vs scikit-learn and ml-cart (standalone)', description);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const k = process.argv.indexOf('--ml-cart-child');
  if (k > 0) await mlCartChild(Number(process.argv[k + 1]));
  else process.exitCode = await standalone();
}
