/**
 * TF-IDF fit + transform on 20,000 synthetic documents (seeded `Rng` from @ml/core): a 30,000-word
 * vocabulary of random lower-case strings drawn with Zipf-like weights 1/(rank + 2.7)^1.07, documents of
 * 20–200 words, ~8% of words capitalised and ~6% followed by punctuation. Peer: scikit-learn's
 * TfidfVectorizer on the same documents (written to a temp file), default parameters.
 *
 * Two ways to run it:
 * - through the harness: `node benchmarks/run.mjs tfidf` (cases below, scikit-learn peer);
 * - standalone: `node benchmarks/workloads/tfidf.mjs` prints wall and CPU time of ours and of
 *   scikit-learn's, their ratio (target ≤ 1.5×), and checks the two matrices agree (same feature names,
 *   same nnz, max |Δ| of the values).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Rng } from '@ml/core';
import { median, timeIt as timeItShared } from '../lib/time-it.mjs';

/** This workload compares median CPU times (scikit-learn's side reports medians too). */
const timeIt = (fn, reps) => {
  const t = timeItShared(fn, reps);
  return { wall: t.wall, cpu: t.cpuMedian };
};

// @ml/text is optional here so one missing package cannot stop the other workloads.
const mlText = await import('@ml/text').catch((err) => ({ missing: err.message }));
const MISSING_TEXT = mlText.missing
  ? `@ml/text cannot be imported from benchmarks/ (${mlText.missing.split('\n')[0]}): add "@ml/text": "workspace:*" to benchmarks/package.json dependencies, run pnpm install and build`
  : undefined;

export const name = 'tfidf';
export const title = 'TF-IDF fit + transform (20,000 synthetic documents)';
export const description =
  'Documents: 20,000, 20–200 words each (≈2.2M words, ≈14 MB), words drawn from a 30,000-word random vocabulary with ' +
  'Zipf-like weights (seeded Rng, seed 42), some capitalised or followed by punctuation. "fit_transform": ' +
  '`new TfidfVectorizer().fitTransform(docs)` (ours: default options — lower-case, token pattern \\b\\w\\w+\\b, ' +
  'smooth idf, l2 norm; float64 CSR) vs scikit-learn 1.2 `TfidfVectorizer().fit_transform(docs)`. "transform": ' +
  'the fitted vectorizer on the same documents. Tensor backends play no part (strings and typed arrays), so ' +
  'the wasm and cpu rows measure the same code.';

const N_DOCS = 20_000;
const VOCAB = 30_000;
const SEED = 42;

export const cases = [
  { id: 'fit_transform', label: 'fit + transform (20k docs)', kind: 'fit_transform', nDocs: N_DOCS },
  { id: 'transform', label: 'transform (20k docs, fitted)', kind: 'transform', nDocs: N_DOCS },
];

const corpora = new Map();

/** The seeded synthetic corpus: `nDocs` strings. */
export function generateDocuments(nDocs, seed = SEED) {
  const key = `${nDocs}/${seed}`;
  if (corpora.has(key)) return corpora.get(key);
  const rng = new Rng(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = [];
  const seen = new Set();
  while (words.length < VOCAB) {
    const len = 2 + Math.floor(rng.random() * 9);
    let w = '';
    for (let i = 0; i < len; i++) w += letters[Math.floor(rng.random() * 26)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cdf = new Float64Array(VOCAB);
  let total = 0;
  for (let r = 0; r < VOCAB; r++) cdf[r] = total += 1 / (r + 2.7) ** 1.07;
  const draw = () => {
    const u = rng.random() * total;
    let lo = 0;
    let hi = VOCAB - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const punct = ['.', ',', ';', '!', '?', ':'];
  const docs = [];
  for (let d = 0; d < nDocs; d++) {
    const n = 20 + Math.floor(rng.random() * 181);
    const parts = [];
    for (let i = 0; i < n; i++) {
      let w = draw();
      if (rng.random() < 0.08) w = w[0].toUpperCase() + w.slice(1);
      if (rng.random() < 0.06) w += punct[Math.floor(rng.random() * punct.length)];
      parts.push(w);
    }
    docs.push(parts.join(' '));
  }
  corpora.set(key, docs);
  return docs;
}

/** Writes the documents as JSON for the Python peer; returns the path. */
function documentFile(nDocs) {
  const docs = generateDocuments(nDocs);
  const text = JSON.stringify(docs);
  const path = join(os.tmpdir(), `ml-bench-tfidf-${nDocs}-${SEED}.json`);
  if (!existsSync(path) || statSync(path).size !== Buffer.byteLength(text)) writeFileSync(path, text);
  return path;
}

/** Harness entry: `step` runs one case with @ml/text (no tensors are made). */
export function prepare(_tf, c) {
  if (MISSING_TEXT) throw new Error(MISSING_TEXT);
  const docs = generateDocuments(c.nDocs);
  if (c.kind === 'fit_transform') return { step: async () => void new mlText.TfidfVectorizer().fitTransform(docs), dispose: () => {} };
  const v = new mlText.TfidfVectorizer().fit(docs);
  return { step: async () => void v.transform(docs), dispose: () => {} };
}

export const peer = {
  name: 'scikit-learn',
  script: 'tfidf.py',
  modules: ['numpy', 'scipy', 'sklearn'],
  payload: (c) => ({ id: c.id, kind: c.kind, path: documentFile(c.nDocs) }),
};

// ---------------------------------------------------------------------------------------------
// Standalone mode.

async function standalone() {
  if (MISSING_TEXT) throw new Error(MISSING_TEXT);
  const fmt = (x) => x.toFixed(0);
  let t = performance.now();
  const docs = generateDocuments(N_DOCS);
  const mb = docs.reduce((s, d) => s + Buffer.byteLength(d), 0) / 1e6;
  console.log(`TF-IDF benchmark: ${N_DOCS} documents, ${mb.toFixed(1)} MB, generated in ${fmt(performance.now() - t)} ms; Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join('/')}`);
  new mlText.TfidfVectorizer().fitTransform(docs); // warm-up (JIT)
  const fit = timeIt(() => new mlText.TfidfVectorizer().fitTransform(docs), 5);
  const v = new mlText.TfidfVectorizer();
  const X = v.fitTransform(docs);
  const tr = timeIt(() => v.transform(docs), 5);
  const { probePython, runPeerScript } = await import('../lib/python-peer.mjs');
  const probe = probePython(peer.modules);
  const rows = [['implementation', 'fit + transform (ms, wall / CPU)', 'transform (ms, wall / CPU)']];
  rows.push(['@ml/text', `${fmt(fit.wall)} / ${fmt(fit.cpu)}`, `${fmt(tr.wall)} / ${fmt(tr.cpu)}`]);
  const checks = [];
  if (!probe.ok) console.log(`scikit-learn peer skipped: ${probe.reason}`);
  else {
    const payload = cases.map(peer.payload);
    payload[0].check = true;
    const out = runPeerScript(peer.script, { cases: payload, options: { targetMs: 3000, maxReps: 5 } }, 1);
    const med = (id, key) => median(out.results.find((r) => r.id === id)[key]);
    const sk = { fit: { wall: med('fit_transform', 'samples'), cpu: med('fit_transform', 'cpuSamples') }, tr: { wall: med('transform', 'samples'), cpu: med('transform', 'cpuSamples') } };
    rows.push([out.info.library, `${fmt(sk.fit.wall)} / ${fmt(sk.fit.cpu)}`, `${fmt(sk.tr.wall)} / ${fmt(sk.tr.cpu)}`]);
    const check = out.results[0].check;
    const names = v.getFeatureNamesOut();
    const sameNames = names.length === check.nFeatures && check.sampleNames.every(([i, n]) => names[i] === n);
    let maxDiff = 0;
    for (const [row, col, value] of check.sampleValues) {
      let ours = 0;
      for (let p = X.indptr[row]; p < X.indptr[row + 1]; p++) if (X.indices[p] === col) ours = X.data[p];
      maxDiff = Math.max(maxDiff, Math.abs(ours - value));
    }
    checks.push(['same vocabulary, nnz and values as scikit-learn', sameNames && X.nnz === check.nnz && maxDiff < 1e-9, `${names.length} features, nnz ${X.nnz} vs ${check.nnz}, max |Δ| ${maxDiff.toExponential(1)} on ${check.sampleValues.length} sampled entries`]);
    const ratio = fit.cpu / sk.fit.cpu;
    checks.push(['fit + transform ≤ 1.5× scikit-learn (CPU time)', ratio <= 1.5, `${ratio.toFixed(2)}× (wall ${(fit.wall / sk.fit.wall).toFixed(2)}×)`]);
  }
  console.log(rows.map((r) => `| ${r.join(' | ')} |`).join('\n'));
  for (const [what, ok, detail] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${detail}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await standalone();
}
