/**
 * @ml/classical LogisticRegression and SGDClassifier vs scikit-learn 1.2 on the classical workload's
 * data: make_classification(n_samples=20000, n_features=16, n_informative=10, n_classes=4,
 * n_clusters_per_class=2, random_state=0); first 15,000 rows train, last 5,000 test
 * (benchmarks/python/classical_data.py writes it into benchmarks/out/).
 *
 * Two ways to run it:
 * - through the harness: `node benchmarks/run.mjs classical-linear` (cases below, scikit-learn peer);
 * - standalone: `node benchmarks/workloads/classical-linear.mjs` prints median wall and minimum CPU
 *   time of ours and scikit-learn's (one thread), test accuracies and iteration counts, and checks
 *   ≤ 1.5× scikit-learn (CPU time: the machine is shared) and accuracy within ±0.01 (logistic) /
 *   ±0.02 (SGD, mean test accuracy over seeds 0–4 on both sides: the shuffles differ).
 */
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

export const name = 'classical-linear';
export const title = 'Classical ML: logistic regression and SGD (make_classification, 20,000 × 16)';
export const description =
  'Data as the classical workload: scikit-learn make_classification(n_samples=20000, n_features=16, n_informative=10, ' +
  'n_classes=4, n_clusters_per_class=2, random_state=0); rows 0–14,999 train, 15,000–19,999 test. "logistic": ' +
  '`new LogisticRegression().fit(train).predict(test)` vs `LogisticRegression()` (lbfgs, multinomial over 4 classes, ' +
  'C 1, tol 1e-4, at most 100 iterations in both). "sgd": `new SGDClassifier({randomState: 0})` vs ' +
  '`SGDClassifier(random_state=0)` (hinge, l2, one-vs-all; the shuffles differ, so epochs and accuracy may too). ' +
  'Typed-array code (no backend work). Our inputs are float64 `{data, shape}` matrices read before the clock starts.';

export const cases = [
  { id: 'logistic', label: 'LogisticRegression lbfgs: fit 15,000, predict 5,000' },
  { id: 'sgd', label: 'SGDClassifier hinge: fit 15,000, predict 5,000' },
];

function accuracy(pred, y) {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

/** One call of case `id` with @ml/classical; returns accuracy and iterations. */
export function runOurs(id) {
  const d = loadData();
  const model = id === 'logistic' ? new ml.LogisticRegression() : new ml.SGDClassifier({ randomState: 0 });
  const pred = model.fit(d.train, d.yTrain).predict(d.test);
  const nIter = Array.isArray(model.nIter) ? Math.max(...model.nIter) : model.nIter;
  return { accuracy: accuracy(pred, d.yTest), nIter };
}

/** Mean test accuracy of SGDClassifier over randomState 0–4 (untimed check). */
function sgdMeanAccuracy() {
  const d = loadData();
  let sum = 0;
  for (let s = 0; s < 5; s++) sum += accuracy(new ml.SGDClassifier({ randomState: s }).fit(d.train, d.yTrain).predict(d.test), d.yTest);
  return sum / 5;
}

export function prepare(_tf, c) {
  if (ml.missing) throw new Error(ml.missing);
  loadData();
  return { step: async () => void runOurs(c.id), dispose: () => {} };
}

export const peer = {
  name: 'scikit-learn',
  script: 'classical_linear.py',
  modules: ['numpy', 'sklearn'],
  payload: (c) => ({ id: c.id, path: dataPath(), nTrain: 15000 }),
};

// ---------------------------------------------------------------------------------------------
// Standalone mode.

async function standalone() {
  if (ml.missing) throw new Error(ml.missing);
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join('/');
  console.log(`classical-linear benchmark: Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${load()}`);
  const { probePython, runPeerScript } = await import('../lib/python-peer.mjs');
  const probe = probePython(peer.modules);
  const sk = probe.ok ? runPeerScript(peer.script, { cases: cases.map(peer.payload), options: { targetMs: 1500, maxReps: 15 } }, 1) : undefined;
  const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  const rows = [['case', '@ml/classical ms (wall / CPU)', 'scikit-learn ms (wall / CPU)', 'ratio (CPU)', 'ours', 'scikit-learn']];
  const checks = [];
  for (const c of cases) {
    runOurs(c.id); // warm-up
    const ours = timeIt(() => runOurs(c.id), 7);
    const found = sk?.results.find((x) => x.id === c.id);
    const r = found && found.samples.length > 0 ? found : undefined;
    const skWall = r ? [...r.samples].sort((a, b) => a - b)[Math.floor(r.samples.length / 2)] : undefined;
    const skCpu = r ? Math.min(...r.cpuSamples) : undefined;
    const show = (o) => `acc ${o.accuracy.toFixed(4)}, ${o.nIter} iterations`;
    rows.push([c.label, `${fmt(ours.wall)} / ${fmt(ours.cpu)}`, r ? `${fmt(skWall)} / ${fmt(skCpu)}` : 'n/a', r ? `${(ours.cpu / skCpu).toFixed(2)}×` : '', show(ours.out), r ? show(r.check) : '']);
    if (r) {
      checks.push([`${c.id}: ≤ 1.5× scikit-learn (CPU)`, ours.cpu <= 1.5 * skCpu, `${(ours.cpu / skCpu).toFixed(2)}× (wall ${(ours.wall / skWall).toFixed(2)}×)`]);
      if (c.id === 'sgd') {
        const mean = sgdMeanAccuracy();
        const ref = r.check.meanAccuracy5Seeds;
        checks.push([`sgd: mean accuracy over seeds 0–4 within ±0.02 of scikit-learn's`, Math.abs(mean - ref) <= 0.02, `${mean.toFixed(4)} vs ${ref.toFixed(4)}`]);
      } else {
        checks.push([`${c.id}: accuracy within ±0.01 of scikit-learn`, Math.abs(ours.out.accuracy - r.check.accuracy) <= 0.01, `${ours.out.accuracy.toFixed(4)} vs ${r.check.accuracy.toFixed(4)}`]);
      }
    }
  }
  console.log(rows.map((x) => `| ${x.join(' | ')} |`).join('\n'));
  if (!sk) console.log(`scikit-learn peer skipped: ${probe.reason}`);
  else console.log(`scikit-learn: ${sk.info.library}, ${sk.info.requestedThreads} thread(s)`);
  console.log(`(wall: median, CPU: minimum over the calls; load at end ${load()})`);
  for (const [what, ok, detail] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${detail}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await standalone();
}
