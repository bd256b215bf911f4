/**
 * Subword-tokenizer encode throughput: WordPiece (BERT pipeline) and byte-level BPE (GPT-2 pipeline)
 * from @ml/text, each loaded from the committed test files (packages/text/src/tokenizers/__fixtures__,
 * trained on the small committed corpus: 600 and 700 tokens). Input ≈ 1 MB: the mixed English/Chinese
 * corpus lines and synthetic English-like documents from tfidf.mjs, 200 texts of ≈5 KB. No peer: Hugging
 * Face's tokenizers are not installed here.
 *
 * Through the harness: `node benchmarks/run.mjs tokenizers`; standalone: `node
 * benchmarks/workloads/tokenizers.mjs` prints MB/s (UTF-8 input bytes per second, median of 5 runs).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateDocuments } from './tfidf.mjs';

const mlText = await import('@ml/text').catch((err) => ({ missing: err.message }));
const MISSING_TEXT = mlText.missing
  ? `@ml/text cannot be imported from benchmarks/ (${mlText.missing.split('\n')[0]}): add "@ml/text": "workspace:*" to benchmarks/package.json dependencies, run pnpm install and build`
  : undefined;

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'text', 'src', 'tokenizers', '__fixtures__');

export const name = 'tokenizers';
export const title = 'WordPiece and byte-level BPE encode throughput (≈1 MB of text)';
export const description =
  'One call encodes 200 texts of ≈5 KB (≈1 MB UTF-8: mixed English/Chinese corpus lines plus synthetic ' +
  'English-like documents) with `tokenizer.encodeBatch(texts)` (offsets, masks and word ids included). ' +
  'Tokenizers: the committed WordPiece (600 tokens) and byte-level BPE (700 tokens) test files. MB/s = input ' +
  'bytes / median time. No peer. Tensor backends play no part.';

export const cases = [
  { id: 'wordpiece', label: 'WordPiece encode (≈1 MB)', kind: 'wordpiece' },
  { id: 'bpe', label: 'byte-level BPE encode (≈1 MB)', kind: 'bpe' },
];

let textsCache;
/** ≈1 MB of text as 200 strings. */
export function benchmarkTexts() {
  if (textsCache) return textsCache;
  const corpus = readFileSync(join(FIXTURES, 'corpus.txt'), 'utf8').split('\n').filter(Boolean);
  const docs = generateDocuments(2000);
  const texts = [];
  let c = 0;
  let d = 0;
  for (let i = 0; i < 200; i++) {
    let s = '';
    while (Buffer.byteLength(s) < 5000) s += `${i % 2 === 0 ? corpus[c++ % corpus.length] : docs[d++ % docs.length]} `;
    texts.push(s);
  }
  textsCache = texts;
  return texts;
}

function load(kind) {
  if (kind === 'wordpiece') return mlText.WordPieceTokenizer.fromTokenizerJson(readFileSync(join(FIXTURES, 'wordpiece', 'tokenizer.json'), 'utf8'));
  return mlText.ByteLevelBpeTokenizer.fromTokenizerJson(readFileSync(join(FIXTURES, 'bpe', 'tokenizer.json'), 'utf8'));
}

export function prepare(_tf, c) {
  if (MISSING_TEXT) throw new Error(MISSING_TEXT);
  const tok = load(c.kind);
  const texts = benchmarkTexts();
  return { step: async () => void tok.encodeBatch(texts), dispose: () => {} };
}

async function standalone() {
  if (MISSING_TEXT) throw new Error(MISSING_TEXT);
  const texts = benchmarkTexts();
  const mb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
  console.log(`tokenizer throughput on ${mb.toFixed(2)} MB (${texts.length} texts); Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(2)).join('/')}`);
  for (const c of cases) {
    const tok = load(c.kind);
    let t = performance.now();
    tok.encodeBatch(texts);
    const first = performance.now() - t;
    const times = [];
    const cpu = [];
    for (let r = 0; r < 5; r++) {
      const c0 = process.cpuUsage();
      t = performance.now();
      tok.encodeBatch(texts);
      times.push(performance.now() - t);
      const d = process.cpuUsage(c0);
      cpu.push((d.user + d.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const med = times[2];
    const tokens = tok.encodeBatch(texts).reduce((s, e) => s + e.ids.length, 0);
    console.log(
      `${c.label}: ${tokens} tokens; first call ${first.toFixed(0)} ms, median ${med.toFixed(0)} ms wall (${(mb / (med / 1000)).toFixed(2)} MB/s), ` +
        `${cpu[2].toFixed(0)} ms CPU (${(mb / (cpu[2] / 1000)).toFixed(2)} MB/s of CPU time)`,
    );
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await standalone();
}
