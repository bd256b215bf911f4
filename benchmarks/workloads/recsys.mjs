/**
 * Recommenders on a seeded MovieLens-latest-small-shaped data set (`syntheticRatings()` of
 * @ml/recsys: 610 users, 9,700 items, 100,000 ratings from a rank-10 model plus noise, 0.5–5 stars,
 * Zipf-like item popularity), 80/20 random split (seed 1). No Python peer: Surprise and implicit
 * are not installed on our machines; the published anchors are quoted in the description.
 *
 * Two ways to run it:
 * - through the harness: `node benchmarks/run.mjs recsys --backends cpu` (typed arrays only, so the
 *   backend plays no part);
 * - standalone: `node benchmarks/workloads/recsys.mjs` prints one-shot times (wall and CPU) and the
 *   quality numbers (RMSE, precision@10) and checks the targets.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const recsys = await import('@ml/recsys').catch((err) => ({ missing: err.message }));
const MISSING = recsys.missing
  ? `@ml/recsys cannot be imported from benchmarks/ (${recsys.missing.split('\n')[0]}): add "@ml/recsys": "workspace:*" to benchmarks/package.json dependencies, run pnpm install and build`
  : undefined;

export const name = 'recsys';
export const title = 'Recommenders (610 users × 9,700 items, 100k ratings)';
export const description =
  'Seeded synthetic MovieLens-latest-small-shaped ratings, 80/20 random split. "item-kNN": KnnWithMeans ' +
  '(item-based, pearsonBaseline, k = 40, top-40 neighbours stored per item) fit + top-10 for every user. ' +
  '"SVD": Svd with Surprise\'s defaults (100 factors, 20 epochs). "SVD++": Svdpp with Surprise\'s defaults ' +
  '(20 factors, 20 epochs). "BPR": Bpr fit, 10 epochs of 80,000 sampled triples, 64 factors, on the training ' +
  'ratings as implicit interactions. "ALS iteration": one ImplicitAls ' +
  'iteration (64 factors, 3 CG steps) on the training ratings as implicit confidences. Published anchors ' +
  '(not measured here): Surprise SVD on MovieLens-100k ≈ 6 s per fold (RMSE 0.934); implicit ALS on ' +
  'last.fm-360k with 256 factors: 5.3 s per iteration.';

export const cases = [
  { id: 'knn', label: 'item-kNN fit + top-10 for all users' },
  { id: 'svd', label: 'SVD fit, 20 epochs' },
  { id: 'svdpp', label: 'SVD++ fit, 20 epochs (20 factors)' },
  { id: 'bpr', label: 'BPR fit, 10 epochs (64 factors)' },
  { id: 'als', label: 'ALS, one iteration (64 factors)' },
];

let split;
function data() {
  if (split) return split;
  const all = recsys.syntheticRatings();
  split = recsys.randomSplit(all, { seed: 1 });
  split.implicit = recsys.InteractionMatrix.fromColumns(
    { users: Array.from(split.train.entryUsers()), items: Array.from(split.train.indices), values: split.train.values },
    { kind: 'implicit' },
  );
  return split;
}

function runKnn(train) {
  const model = new recsys.KnnWithMeans({ userBased: false, similarity: 'pearsonBaseline' }).fit(train);
  return { model, batch: model.recommendAll(10) };
}

function runBpr(implicit) {
  return new recsys.Bpr({ factors: 64, iterations: 10, learningRate: 0.05, seed: 0 }).fit(implicit);
}

/** Harness entry: no tensors are made. */
export function prepare(_tf, c) {
  if (MISSING) throw new Error(MISSING);
  const { train, implicit } = data();
  if (c.id === 'knn') return { step: async () => void runKnn(train), dispose: () => {} };
  if (c.id === 'svd') return { step: async () => void new recsys.Svd({ seed: 0 }).fit(train), dispose: () => {} };
  if (c.id === 'svdpp') return { step: async () => void new recsys.Svdpp({ seed: 0 }).fit(train), dispose: () => {} };
  if (c.id === 'bpr') return { step: async () => void runBpr(implicit), dispose: () => {} };
  const als = new recsys.ImplicitAls({ factors: 64, iterations: 1, seed: 0 }).fit(implicit);
  return { step: async () => void als.step(), dispose: () => {} };
}

function timed(fn) {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const d = process.cpuUsage(c);
  return { value, wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}

async function standalone() {
  if (MISSING) throw new Error(MISSING);
  console.log(`recsys benchmark; Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join('/')}`);
  const { train, test, implicit } = timed(data).value;
  console.log(`data: ${train.nUsers} users, ${train.nItems} items, ${train.nnz} train / ${test.nnz} test ratings`);
  runKnn(train); // warm-up (JIT)
  const knn = timed(() => runKnn(train));
  new recsys.Svd({ seed: 0, nEpochs: 2 }).fit(train);
  const svd = timed(() => new recsys.Svd({ seed: 0 }).fit(train));
  new recsys.Svdpp({ seed: 0, nEpochs: 2 }).fit(train);
  const svdpp = timed(() => new recsys.Svdpp({ seed: 0 }).fit(train));
  runBpr(implicit);
  const bpr = timed(() => runBpr(implicit));
  const bsl = new recsys.BaselineOnly().fit(train);
  const als = new recsys.ImplicitAls({ factors: 64, iterations: 1, seed: 0 }).fit(implicit);
  als.step();
  const alsStep = timed(() => als.step());
  const rmse = (m) => recsys.rmse(m.predictEntries(test), test.values);
  const liked = 4;
  const rows = [
    ['item-kNN fit + all top-10', knn.wall, knn.cpu, rmse(knn.value.model), recsys.evaluateRanking(knn.value.model, test, 10, liked).precision],
    ['SVD 20 epochs', svd.wall, svd.cpu, rmse(svd.value), recsys.evaluateRanking(svd.value, test, 10, liked).precision],
    ['SVD++ 20 epochs (20 f)', svdpp.wall, svdpp.cpu, rmse(svdpp.value), recsys.evaluateRanking(svdpp.value, test, 10, liked).precision],
    ['BPR 10 epochs (64 f)', bpr.wall, bpr.cpu, NaN, recsys.evaluateRanking(bpr.value, test, 10, liked).precision],
    ['BaselineOnly', NaN, NaN, rmse(bsl), recsys.evaluateRanking(bsl, test, 10, liked).precision],
    ['ALS 1 iteration (64 f)', alsStep.wall, alsStep.cpu, NaN, NaN],
  ];
  console.log('| case | wall ms | CPU ms | RMSE | precision@10 (test ratings >= 4 relevant) |');
  for (const r of rows) console.log(`| ${r[0]} | ${r.slice(1).map((x) => (Number.isNaN(x) ? '' : x.toFixed(x < 10 ? 4 : 0))).join(' | ')} |`);
  const checks = [
    ['SVD 20 epochs < 1 s (CPU)', svd.cpu < 1000],
    ['item-kNN fit + all top-10 < 1 s (CPU)', knn.cpu < 1000],
    ['SVD RMSE < BaselineOnly RMSE', rows[1][3] < rows[4][3]],
    ['SVD++ RMSE < BaselineOnly RMSE', rows[2][3] < rows[4][3]],
  ];
  for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await standalone();
}
