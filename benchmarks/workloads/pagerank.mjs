/**
 * PageRank on a directed power-law-ish graph: n = 200,000 nodes, m = 2,000,000 edges, sources
 * uniform and targets floor(n·u³) (seeded `Rng` from @ml/core), duplicates summed.
 * Peer: scipy.sparse power iteration (networkx 2.8's pagerank_scipy); graphology + graphology-metrics
 * in the same process in standalone mode.
 *
 * Two ways to run it:
 * - through the harness: `node benchmarks/run.mjs pagerank` (cases below, scipy peer);
 * - standalone: `node benchmarks/workloads/pagerank.mjs [--no-large] [--write-results]` prints build
 *   time, per-iteration time (difference of 11- and 1-iteration calls) for ours, scipy and graphology
 *   (same process as ours), whole-call times, checks our ranks against scipy's and graphology's, and
 *   runs a 10,000,000-edge graph in a child process that records its peak RSS. With
 *   `--write-results` it also derives per-iteration rows from the harness's last run
 *   (benchmarks/out/pagerank.json) and writes both tables into the PageRank section of
 *   benchmarks/RESULTS.md, below the harness's table: run it right after `run.mjs pagerank`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Rng } from '@ml/core';
import { median, timeIt } from '../lib/time-it.mjs';

// @ml/graph and graphology are optional here so one missing package cannot stop the other workloads.
const mlGraph = await import('@ml/graph').catch((err) => ({ missing: err.message }));
const MISSING_GRAPH = mlGraph.missing
  ? `@ml/graph cannot be imported from benchmarks/ (${mlGraph.missing.split('\n')[0]}): add "@ml/graph": "workspace:*" to benchmarks/package.json dependencies and run pnpm install`
  : undefined;

export const name = 'pagerank';
export const title = 'PageRank (200k nodes, 2M edges, directed)';
export const description =
  'Graph: 200,000 nodes, 2,000,000 directed edges, sources uniform, targets floor(n·u³), seeded Rng (seed 42), ' +
  'parallel edges summed (1,996,369 distinct edges). "build": ours = `Graph.fromArrays` + a first ' +
  '`pagerank(graph, {maxIter: 1})` call, which lays the CSR out in WebAssembly memory once per graph (so the ' +
  'build row includes one iteration); scipy = `csr_array` from COO + row normalisation Q @ A, as networkx. ' +
  '"k iterations": `pagerank(graph, {maxIter: k, tol: 1e-300})` (ours, per-call setup included) vs networkx\'s ' +
  'pagerank_scipy update loop run k times from x = 1/n (scipy). Per-iteration cost = (time of 11 − time of 1) / 10: ' +
  'the table under "Per iteration" below derives it from these rows and adds graphology-metrics measured in the same ' +
  'process as ours (written by `node benchmarks/workloads/pagerank.mjs --write-results` right after this run). ' +
  'Tensor backends play no part (typed arrays and a small WebAssembly kernel of our own), so wasm and cpu rows measure ' +
  'the same code.';

const N = 200_000;
const M = 2_000_000;
const SEED = 42;

export const cases = [
  { id: 'build', label: 'build CSR + first call (2M edges)', kind: 'build', n: N, m: M },
  { id: 'iter1', label: '1 iteration', kind: 'iterations', iterations: 1, n: N, m: M },
  { id: 'iter11', label: '11 iterations', kind: 'iterations', iterations: 11, n: N, m: M },
];

const graphs = new Map();

/** The seeded edge list: sources uniform in [0, n), targets floor(n·u³). */
export function generateEdges(n, m, seed = SEED) {
  const key = `${n}/${m}/${seed}`;
  if (graphs.has(key)) return graphs.get(key);
  const rng = new Rng(seed);
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    sources[i] = Math.floor(n * rng.random());
    const u = rng.random();
    targets[i] = Math.floor(n * u * u * u);
  }
  const edges = { n, m, sources, targets };
  graphs.set(key, edges);
  return edges;
}

/** Writes the edge list as int32 (m sources, then m targets) for the Python peer; returns the path. */
function edgeFile(n, m) {
  const path = join(os.tmpdir(), `ml-bench-pagerank-${n}-${m}-${SEED}.bin`);
  if (existsSync(path) && statSync(path).size === 8 * m) return path;
  const { sources, targets } = generateEdges(n, m);
  const bytes = new Uint8Array(8 * m);
  bytes.set(new Uint8Array(sources.buffer), 0);
  bytes.set(new Uint8Array(targets.buffer), 4 * m);
  writeFileSync(path, bytes);
  return path;
}

/** Our graph, ready for PageRank: CSR build + the first call's one-off layout (and one iteration). */
function buildOurs({ n, sources, targets }) {
  const graph = mlGraph.Graph.fromArrays(sources, targets, { numNodes: n });
  mlGraph.pagerank(graph, { maxIter: 1, tol: 1e-300 });
  return graph;
}

/** Harness entry: `step` runs one case with @ml/graph (no tensors are made). */
export function prepare(_tf, c) {
  if (MISSING_GRAPH) throw new Error(MISSING_GRAPH);
  const edges = generateEdges(c.n, c.m);
  if (c.kind === 'build') return { step: async () => void buildOurs(edges), dispose: () => {} };
  const graph = buildOurs(edges);
  return { step: async () => void mlGraph.pagerank(graph, { maxIter: c.iterations, tol: 1e-300 }), dispose: () => {} };
}

export const peer = {
  name: 'scipy',
  script: 'pagerank.py',
  modules: ['numpy', 'scipy'],
  payload: (c) => ({ id: c.id, kind: c.kind, n: c.n, m: c.m, iterations: c.iterations, path: edgeFile(c.n, c.m) }),
};

// ---------------------------------------------------------------------------------------------
// Standalone mode.

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS_PATH = join(here, '..', 'RESULTS.md');
const HARNESS_JSON = join(here, '..', 'out', 'pagerank.json');
const BLOCK_START = '<!-- pagerank:per-iteration:start -->';
const BLOCK_END = '<!-- pagerank:per-iteration:end -->';
const cpuTime = (f) => {
  const c = process.cpuUsage();
  const out = f();
  const d = process.cpuUsage(c);
  return { out, cpu: (d.user + d.system) / 1000 };
};

function perIteration(a, b, k) {
  return { wall: (b.wall - a.wall) / k, cpu: (b.cpu - a.cpu) / k };
}

function runOursStandalone(edges) {
  buildOurs(edges); // warm-up (JIT)
  const build = timeIt(() => buildOurs(edges), 5);
  const graph = buildOurs(edges);
  for (let i = 0; i < 3; i++) mlGraph.pagerank(graph, { maxIter: 11, tol: 1e-300 });
  const t1 = timeIt(() => mlGraph.pagerank(graph, { maxIter: 1, tol: 1e-300 }), 21);
  const t11 = timeIt(() => mlGraph.pagerank(graph, { maxIter: 11, tol: 1e-300 }), 21);
  const full = timeIt(() => mlGraph.pagerank(graph, { tol: 1e-6, maxIter: 100 }), 11);
  return { build, t1, t11, perIter: perIteration(t1, t11, 10), full, result: full.out };
}

/**
 * graphology + graphology-metrics in this process. Each pagerank call first builds a
 * WeightedNeighborhoodIndex of the graph (seconds, with GC noise of seconds), then normalises the
 * weights and iterates over typed arrays. A difference of whole calls drowns in the index's noise
 * (the earlier version of this benchmark got negative per-iteration times that way), so the index
 * constructor that graphology-metrics calls is wrapped with a timer, and the per-iteration time is
 * ((call − its index build) with K iterations − the same with 1 iteration) / (K − 1): graphology's
 * own loop, timed inside its own call.
 */
async function runGraphology(edges, ours) {
  let Graph;
  let pagerank;
  const index = { wall: 0, cpu: 0 };
  try {
    Graph = (await import('graphology')).default;
    const { createRequire } = await import('node:module');
    const pagerankPath = createRequire(import.meta.url).resolve('graphology-metrics/centrality/pagerank.js');
    const neighborhood = createRequire(pagerankPath)('graphology-indices/neighborhood');
    const Index = neighborhood.WeightedNeighborhoodIndex;
    neighborhood.WeightedNeighborhoodIndex = function TimedWeightedNeighborhoodIndex(...args) {
      const c = process.cpuUsage();
      const t = performance.now();
      const built = new Index(...args);
      index.wall = performance.now() - t;
      const d = process.cpuUsage(c);
      index.cpu = (d.user + d.system) / 1000;
      return built;
    };
    pagerank = createRequire(import.meta.url)(pagerankPath); // loaded after the wrap: it reads the constructor once
  } catch (err) {
    return { missing: `graphology / graphology-metrics not installed (${err.message.split('\n')[0]}): add them as devDependencies of @ml/benchmarks` };
  }
  const makeGraph = () => {
    const g = new Graph({ type: 'directed', multi: false });
    for (let v = 0; v < edges.n; v++) g.addNode(v);
    for (let i = 0; i < edges.m; i++) {
      // graphology keeps one edge per pair in a simple graph: sum duplicates into a weight, as we do.
      g.updateEdge(edges.sources[i], edges.targets[i], (attr) => ({ weight: (attr.weight ?? 0) + 1 }));
    }
    return g;
  };
  let g;
  const build = timeIt(() => (g = makeGraph()), 1);
  const K = 21;
  /** One call of k iterations: its whole time, its index build, and the rest. */
  const call = (k) => {
    const c = process.cpuUsage();
    const t = performance.now();
    try {
      pagerank(g, { alpha: 0.85, maxIterations: k, tolerance: 1e-300, getEdgeWeight: 'weight' });
    } catch (err) {
      if (!/converge/i.test(err.message)) throw err; // it throws when maxIterations is reached
    }
    const wall = performance.now() - t;
    const d = process.cpuUsage(c);
    const cpu = (d.user + d.system) / 1000;
    return { wall, cpu, rest: { wall: wall - index.wall, cpu: cpu - index.cpu } };
  };
  const calls = (k, reps) => {
    const runs = Array.from({ length: reps }, () => call(k));
    const pick = (f) => ({ wall: median(runs.map((r) => f(r).wall)), cpu: Math.min(...runs.map((r) => f(r).cpu)) });
    return { whole: pick((r) => r), rest: pick((r) => r.rest) };
  };
  const one = calls(1, 2);
  const many = calls(K, 2);
  const full = timeIt(() => pagerank(g, { alpha: 0.85, getEdgeWeight: 'weight' }), 1); // defaults: tolerance 1e-6, 100 iterations
  const fullIndex = { ...index };
  let maxDiff = 0;
  for (let v = 0; v < edges.n; v++) maxDiff = Math.max(maxDiff, Math.abs(full.out[v] - ours.result.scores[v]));
  return { build, t1: one.whole, index: fullIndex, K, perIter: perIteration(one.rest, many.rest, K - 1), full, maxDiff };
}

async function runScipy() {
  const { probePython, runPeerScript } = await import('../lib/python-peer.mjs');
  const probe = probePython(peer.modules);
  if (!probe.ok) return { missing: probe.reason };
  const payloadCases = cases.map(peer.payload);
  payloadCases[2].check = true;
  const out = runPeerScript(peer.script, { cases: payloadCases, options: { targetMs: 1500, maxReps: 30 } }, 1);
  const med = (id) => {
    const r = out.results.find((x) => x.id === id);
    return { wall: median(r.samples), cpu: Math.min(...r.cpuSamples) };
  };
  const t1 = med('iter1');
  return { library: out.info.library, build: med('build'), t1, perIter: perIteration(t1, med('iter11'), 10), check: out.results[2].check };
}

/** Child-process run on 10M edges: generation, build, PageRank to convergence, peak RSS. */
function runLarge() {
  const n = 1_000_000;
  const m = 10_000_000;
  const mib = (b) => Math.round(b / 2 ** 20);
  let t = performance.now();
  const edges = generateEdges(n, m);
  const genMs = performance.now() - t;
  const afterGen = process.memoryUsage();
  t = performance.now();
  const graph = mlGraph.Graph.fromArrays(edges.sources, edges.targets, { numNodes: n });
  const buildMs = performance.now() - t;
  t = performance.now();
  // networkx's test is L1 < n·tol: with n = 10⁶, tol 1e-6 stops after one iteration, so use 1e-10 (L1 < 1e-4).
  const r = mlGraph.pagerank(graph, { tol: 1e-10, maxIter: 1000 });
  const prMs = performance.now() - t;
  t = performance.now();
  mlGraph.pagerank(graph, { tol: 1e-300, maxIter: 20 });
  const twentyMs = performance.now() - t;
  const mem = process.memoryUsage();
  const out = {
    n, m, nnz: graph.indices.length, genMs, buildMs, pagerankMs: prMs, iterations: r.iterations, converged: r.converged,
    twentyIterationsMs: twentyMs, rssAfterGenerateMiB: mib(afterGen.rss), rssEndMiB: mib(mem.rss),
    arrayBuffersEndMiB: mib(mem.arrayBuffers), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const fmt = (x) => (x === undefined || Number.isNaN(x) ? '' : Math.abs(x) < 10 ? x.toFixed(2) : x.toFixed(1));
const both = (t) => `${fmt(t.wall)} / ${fmt(t.cpu)}`;
const table = (rows) => [rows[0], rows[0].map(() => '---'), ...rows.slice(1)].map((r) => `| ${r.join(' | ')} |`).join('\n');

/**
 * Per-iteration rows from the harness's last run (benchmarks/out/pagerank.json): for each
 * implementation, (11-iteration − 1-iteration) / 10 from the medians, and from the minima.
 */
function harnessPerIteration() {
  if (!existsSync(HARNESS_JSON)) return { missing: `${HARNESS_JSON} not found: run \`node benchmarks/run.mjs pagerank\` first` };
  const result = JSON.parse(readFileSync(HARNESS_JSON, 'utf8'));
  const impls = [];
  for (const impl of ['wasm', 'cpu']) {
    const one = result.rows.find((r) => r.case === 'iter1' && r.impl === impl)?.stats;
    const eleven = result.rows.find((r) => r.case === 'iter11' && r.impl === impl)?.stats;
    if (one && eleven) impls.push({ name: `@ml/graph (${impl} row)`, threads: '1', one, eleven });
  }
  for (const run of result.peer?.runs ?? []) {
    const one = run.results.find((r) => r.id === 'iter1')?.stats;
    const eleven = run.results.find((r) => r.id === 'iter11')?.stats;
    if (one && eleven) impls.push({ name: 'scipy (peer)', threads: String(run.threads), one, eleven });
  }
  for (const x of impls) {
    x.median = (x.eleven.median - x.one.median) / 10;
    x.min = (x.eleven.min - x.one.min) / 10;
  }
  const scipy1 = impls.find((x) => x.name.startsWith('scipy') && x.threads === '1');
  const scipy2 = impls.find((x) => x.name.startsWith('scipy') && x.threads !== '1');
  const ratio = (a, b) => (b === undefined ? '' : (a / b).toFixed(2));
  const rows = [['implementation', 'threads', 'per iteration, medians (ms)', 'per iteration, minima (ms)', 'ours/scipy 1T (medians)', 'ours/scipy 1T (minima)', 'ours/scipy 2T (medians)']];
  for (const x of impls) {
    const ours = !x.name.startsWith('scipy');
    rows.push([x.name, x.threads, fmt(x.median), fmt(x.min),
      ours ? ratio(x.median, scipy1?.median) : '', ours ? ratio(x.min, scipy1?.min) : '', ours ? ratio(x.median, scipy2?.median) : '']);
  }
  return { date: result.machine.date, loadavg: result.machine.loadavg, loadavgEnd: result.loadavgEnd, rows, impls, scipy1 };
}

async function standalone(argv) {
  if (MISSING_GRAPH) throw new Error(MISSING_GRAPH);
  if (argv.includes('--large-child')) return runLarge();
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  const lines = [];
  const say = (line) => {
    console.log(line);
    lines.push(line);
  };
  const startLoad = load();
  console.log(`PageRank benchmark: n = ${N}, m = ${M}, seed ${SEED}; Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${startLoad}`);
  const t = performance.now();
  const edges = generateEdges(N, M);
  console.log(`generated edges in ${(performance.now() - t).toFixed(0)} ms`);

  const derived = argv.includes('--write-results') ? harnessPerIteration() : undefined;
  const ours = runOursStandalone(edges);
  const scipy = await runScipy();
  const gl = argv.includes('--no-graphology') ? { missing: 'skipped (--no-graphology)' } : await runGraphology(edges, ours);

  const rows = [['implementation', 'build (ms, wall / CPU)', '1 iteration incl. setup (ms)', 'per iteration (ms)', 'whole call to tol 1e-6 (ms)', 'iterations to tol 1e-6']];
  rows.push(['@ml/graph', both(ours.build), both(ours.t1), both(ours.perIter), both(ours.full), String(ours.result.iterations)]);
  if (scipy.missing) say(`scipy peer skipped: ${scipy.missing}`);
  else rows.push([`${scipy.library}, 1 thread (peer process)`, both(scipy.build), both(scipy.t1), both(scipy.perIter), '', String(scipy.check.iterations)]);
  if (gl.missing) say(`graphology skipped: ${gl.missing}`);
  else rows.push(['graphology 0.26 + graphology-metrics 2.4 (same process as ours)', both(gl.build), both(gl.t1), both(gl.perIter), both(gl.full), '']);
  say(table(rows));
  say('');
  say(`Wall: median, CPU: minimum over the calls. Ours: build 5 calls (each on a fresh graph), 1 and 11 iterations 21 calls each, whole call 11; per iteration = (11 − 1) / 10. ` +
    (gl.missing ? '' : `graphology: build once; every pagerank call first rebuilds its neighbourhood index of the graph (${fmt(gl.index.wall)} / ${fmt(gl.index.cpu)} ms in the whole call), which is in its "1 iteration" and "whole call" times but not in its per-iteration time = ((call − index) with ${gl.K} iterations − (call − index) with 1) / ${gl.K - 1}, 2 calls each; whole call once. `) +
    `scipy: its peer script, 1 thread. Load average ${startLoad} at the start, ${load()} at the end.`);

  const checks = [['build ≤ 1000 ms (CPU time)', ours.build.cpu <= 1000, `${fmt(ours.build.wall)} ms wall, ${fmt(ours.build.cpu)} ms CPU`]];
  if (!scipy.missing) {
    let maxDiff = 0;
    scipy.check.top.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(ours.result.scores[v] - scipy.check.topScores[i]))));
    const sameTop = ours.result.top(10).every(([id], i) => id === scipy.check.top[i]);
    checks.push(['same top-10 as scipy, scores within 1e-8', sameTop && maxDiff < 1e-8, `max |Δ| ${maxDiff.toExponential(2)}`]);
    const ratio = ours.perIter.cpu / scipy.perIter.cpu;
    checks.push(['per-iteration ≤ 1.2× scipy 1T (CPU time, this process vs its peer process)', ratio <= 1.2, `${ratio.toFixed(2)}× scipy (wall: ${(ours.perIter.wall / scipy.perIter.wall).toFixed(2)}×)`]);
  }
  if (!gl.missing) {
    checks.push(['graphology agrees with ours (all scores within 1e-8)', gl.maxDiff < 1e-8, `max |Δ| ${gl.maxDiff.toExponential(2)}`]);
    const speedup = gl.perIter.cpu / ours.perIter.cpu;
    checks.push(['per-iteration ≥ 20× faster than graphology (CPU time)', speedup >= 20, `${speedup.toFixed(1)}× faster (wall: ${(gl.perIter.wall / ours.perIter.wall).toFixed(1)}×)`]);
    if (!scipy.missing) {
      say('');
      say(`graphology's own loop takes ${fmt(gl.perIter.cpu / scipy.perIter.cpu)}× scipy's per-iteration CPU time; 20× faster than graphology per iteration would mean ` +
        `${fmt(gl.perIter.cpu / 20)} ms CPU per iteration, ${fmt(scipy.perIter.cpu / (gl.perIter.cpu / 20))}× faster than scipy's sparse product (${fmt((gl.perIter.cpu / 20) * 1e6 / M)} ns per edge).`);
    }
    checks.push(['whole call to tol 1e-6 ≥ 20× faster than graphology (CPU time)', gl.full.cpu / ours.full.cpu >= 20, `${(gl.full.cpu / ours.full.cpu).toFixed(0)}× faster`]);
    checks.push(['build ≥ 20× faster than graphology (CPU time)', gl.build.cpu / ours.build.cpu >= 20, `${(gl.build.cpu / ours.build.cpu).toFixed(0)}× faster`]);
  }
  if (!argv.includes('--no-large')) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--large-child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      checks.push(['10M-edge run', false, child.stderr.trim().split('\n').slice(-2).join(' | ')]);
    } else {
      const big = JSON.parse(child.stdout.trim().split('\n').pop());
      say('');
      say(`10M edges (n = ${big.n}, ${big.nnz} distinct; child process): generate ${fmt(big.genMs)} ms, build ${fmt(big.buildMs)} ms, ` +
        `PageRank to tol 1e-10 (L1 change < 1e-4) ${fmt(big.pagerankMs)} ms (${big.iterations} iterations, converged: ${big.converged}; first call: includes the one-off layout), 20 iterations ${fmt(big.twentyIterationsMs)} ms, ` +
        `peak RSS ${big.peakRssMiB} MiB (after generating the edge arrays ${big.rssAfterGenerateMiB} MiB, at end ${big.rssEndMiB} MiB).`);
      checks.push(['10M-edge run fits in memory and converges', big.converged, `peak RSS ${big.peakRssMiB} MiB`]);
    }
  }
  say('');
  for (const [what, ok, detail] of checks) say(`- ${ok ? 'PASS' : 'FAIL'}  ${what}: ${detail}`);
  if (derived !== undefined) writeResults(derived, lines, argv);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

/** Writes the per-iteration block into the PageRank section of RESULTS.md (replacing an earlier one). */
function writeResults(derived, standaloneLines, argv) {
  const out = ['### Per iteration', ''];
  if (derived.missing) {
    out.push(`Harness rows: ${derived.missing}.`);
  } else {
    out.push(`From the table above (run of ${derived.date}): per iteration = (11 iterations − 1 iteration) / 10, once from the medians and once from the minima (the least disturbed calls; the load average was ${derived.loadavg.join(' / ')} at the start of that run).`, '');
    out.push(table(derived.rows));
  }
  out.push('', `Standalone: \`node benchmarks/workloads/pagerank.mjs ${argv.filter((a) => a !== '--large-child').join(' ')}\`, run right after it, ours and graphology in one Node process, scipy's peer script in its own (times in ms, wall / CPU):`, '');
  out.push(...standaloneLines);
  const block = `${BLOCK_START}\n${out.join('\n').trim()}\n${BLOCK_END}`;
  const text = readFileSync(RESULTS_PATH, 'utf8');
  const end = '<!-- workload:pagerank:end -->';
  const at = text.indexOf(end);
  if (at === -1) throw new Error(`${RESULTS_PATH} has no PageRank section: run \`node benchmarks/run.mjs pagerank\` first`);
  let before = text.slice(0, at);
  const from = before.indexOf(BLOCK_START);
  if (from !== -1) before = before.slice(0, from) + before.slice(before.indexOf(BLOCK_END) + BLOCK_END.length);
  const updated = `${before.trimEnd()}\n\n${block}\n${text.slice(at)}`;
  writeFileSync(RESULTS_PATH, updated);
  console.log(`wrote the per-iteration block into ${RESULTS_PATH}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await standalone(process.argv.slice(2));
}
