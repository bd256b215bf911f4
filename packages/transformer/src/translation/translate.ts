/**
 * Decoding for `TransformerSeq2Seq`, with Hugging Face `generate()`'s beam options in camelCase:
 * greedy decoding (all sources of a chunk decoded together) and beam search (Hugging Face's
 * `BeamSearchScorer`: 2·numBeams candidates per step, a bounded pool of finished hypotheses, length
 * penalty, early stopping, n-best). The encoder runs once per source; the decoder's self-attention
 * keys/values live in a `KeyValueCache` per layer, so each step runs one position, and beam
 * reordering gathers the caches' rows. Decoding never emits PAD or BOS.
 */
import { tf } from '@ml/core';
import type { KeyValueCache } from '../attention/multihead-attention.js';
import type { TransformerSeq2Seq } from './transformer-seq2seq.js';

export interface TranslateOptions {
  /** Beams (1 = greedy). @default 1 */
  numBeams?: number;
  /** Beam scores are sum(log p) / length^lengthPenalty, length counting the output tokens and EOS. @default 1 */
  lengthPenalty?: number;
  /** Beam search stops as soon as `numBeams` hypotheses have finished. @default false */
  earlyStopping?: boolean;
  /** Most output tokens per source, EOS included. @default min(2·source length + 10, maxLength − 1) */
  maxLength?: number;
  /** Hypotheses to return per source (≤ numBeams). @default 1 */
  numReturnSequences?: number;
  /** Greedy decoding: sources decoded together per chunk. @default 64 */
  batchSize?: number;
}

export const TRANSLATE_DEFAULTS = { numBeams: 1, lengthPenalty: 1, earlyStopping: false, numReturnSequences: 1, batchSize: 64 } as const;

export interface TranslationHypothesis {
  /** Output token ids, without BOS and EOS. */
  tokens: number[];
  /** sum(log p) / length^lengthPenalty (greedy: the plain sum of log p). */
  score: number;
  /** Whether the hypothesis ended with EOS (false: cut at `maxLength`). */
  finished: boolean;
}

export interface Translation extends TranslationHypothesis {
  /** The best `numReturnSequences` hypotheses, best first (the first is this object's own). */
  sequences: TranslationHypothesis[];
}

function logSoftmaxRow(row: Float32Array): Float32Array {
  let max = -Infinity;
  for (const x of row) if (x > max) max = x;
  let sum = 0;
  for (const x of row) sum += Math.exp(x - max);
  const lse = max + Math.log(sum);
  return row.map((x) => x - lse);
}

/**
 * Translates each source (token ids, no BOS/EOS) with `model`; returns one `Translation` per source.
 * Asynchronous: each decoding step reads its logits with `await data()`, which works on every backend.
 * The model is put in eval mode for the call and restored after.
 */
export async function translate(model: TransformerSeq2Seq, sources: readonly (readonly number[])[], options: TranslateOptions = {}): Promise<Translation[]> {
  const where = 'translate';
  const o = { ...TRANSLATE_DEFAULTS, ...options };
  const c = model.config;
  if (!Array.isArray(sources) || sources.length === 0) throw new RangeError(`${where}: 'sources' must be a non-empty array of token-id arrays; received ${Array.isArray(sources) ? '[]' : typeof sources}`);
  const src = sources.map((s, i) => model.checkSequence(s, `sources[${i}]`, where, c.srcVocabSize, c.maxLength));
  for (const k of ['numBeams', 'numReturnSequences', 'batchSize'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${JSON.stringify(o[k])}`);
  }
  if (o.numReturnSequences > o.numBeams) throw new RangeError(`${where}: 'numReturnSequences' (${o.numReturnSequences}) must be <= 'numBeams' (${o.numBeams})`);
  if (typeof o.lengthPenalty !== 'number' || !Number.isFinite(o.lengthPenalty)) throw new RangeError(`${where}: 'lengthPenalty' must be a finite number; received ${JSON.stringify(o.lengthPenalty)}`);
  if (o.maxLength !== undefined && (!Number.isInteger(o.maxLength) || o.maxLength < 1 || o.maxLength > c.maxLength - 1)) {
    throw new RangeError(`${where}: 'maxLength' must be an integer in [1, ${c.maxLength - 1}] (the model's maxLength − 1 for BOS); received ${JSON.stringify(o.maxLength)}`);
  }
  const limit = (s: number[]) => o.maxLength ?? Math.min(2 * s.length + 10, c.maxLength - 1);
  const wasTraining = model.training;
  model.eval();
  try {
    if (o.numBeams === 1) {
      const out: Translation[] = [];
      for (let i = 0; i < src.length; i += o.batchSize) out.push(...(await greedy(model, src.slice(i, i + o.batchSize), limit)));
      return out;
    }
    const out: Translation[] = [];
    for (const s of src) out.push(await beamSearch(model, s, limit(s), o));
    return out;
  } finally {
    model.train(wasTraining);
  }
}

/** Encodes padded `rows` once; returns kept memory and padding mask (the caller disposes them). */
function encodeRows(model: TransformerSeq2Seq, rows: number[][], repeat: number): { memory: tf.Tensor; mask: tf.Tensor } {
  const s = Math.max(...rows.map((r) => r.length));
  const ids = new Int32Array(rows.length * s).fill(model.config.padId);
  rows.forEach((r, i) => ids.set(r, i * s));
  return tf.tidy(() => {
    const src = tf.tensor2d(ids, [rows.length, s], 'int32');
    let memory = model.encode(src); // [B, S, E]
    let mask = model.paddingMask(src); // [B, S]
    if (repeat > 1) {
      memory = tf.tile(memory, [repeat, 1, 1]);
      mask = tf.tile(mask, [repeat, 1]);
    }
    return { memory: tf.keep(memory), mask: tf.keep(mask) };
  });
}

/** One decoding step: the last token of each row → log-probabilities `[rows][V]`. */
async function step(model: TransformerSeq2Seq, last: number[], memory: tf.Tensor, mask: tf.Tensor, caches: KeyValueCache[]): Promise<Float32Array[]> {
  const v = model.config.tgtVocabSize;
  const logits = tf.tidy(() => tf.reshape(model.decode(tf.tensor2d(last, [last.length, 1], 'int32'), memory, mask, caches), [last.length, v]));
  const data = (await logits.data()) as Float32Array;
  logits.dispose();
  return last.map((_, i) => logSoftmaxRow(data.subarray(i * v, (i + 1) * v)));
}

async function greedy(model: TransformerSeq2Seq, rows: number[][], limit: (s: number[]) => number): Promise<Translation[]> {
  const c = model.config;
  const { memory, mask } = encodeRows(model, rows, 1);
  const caches = model.newCaches();
  const limits = rows.map(limit);
  const out = rows.map(() => ({ tokens: [] as number[], score: 0, finished: false }));
  try {
    let last = rows.map(() => c.bosId);
    for (let t = 0; t < Math.max(...limits); t++) {
      const lp = await step(model, last, memory, mask, caches);
      last = lp.map((row, i) => {
        const h = out[i] as TranslationHypothesis;
        if (h.finished || h.tokens.length >= (limits[i] as number)) return c.padId;
        row[c.padId] = -Infinity;
        row[c.bosId] = -Infinity;
        let best = c.eosId;
        for (let k = 0; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
        h.score += row[best] as number;
        if (best === c.eosId) h.finished = true;
        else h.tokens.push(best);
        return best;
      });
      if (out.every((h, i) => h.finished || h.tokens.length >= (limits[i] as number))) break;
    }
  } finally {
    caches.forEach((k) => k.dispose());
    tf.dispose([memory, mask]);
  }
  return out.map((h) => ({ ...h, sequences: [{ ...h, tokens: [...h.tokens] }] }));
}

async function beamSearch(model: TransformerSeq2Seq, source: number[], maxLength: number, o: Required<Omit<TranslateOptions, 'maxLength'>>): Promise<Translation> {
  const c = model.config;
  const nb = o.numBeams;
  const score = (logp: number, length: number) => logp / Math.pow(length, o.lengthPenalty);
  // All beams start as BOS; only beam 0 is live at the first step (HF sets the others to −∞).
  let beams = Array.from({ length: nb }, (_, i) => ({ tokens: [] as number[], logp: i === 0 ? 0 : -Infinity }));
  const finished: TranslationHypothesis[] = [];
  const addFinished = (h: TranslationHypothesis) => {
    finished.push(h);
    finished.sort((a, b) => b.score - a.score);
    if (finished.length > nb) finished.pop();
  };
  const { memory, mask } = encodeRows(model, [source], nb); // memory once per source, tiled over beams
  const caches = model.newCaches();
  try {
    let last = beams.map(() => c.bosId);
    for (let t = 0; t < maxLength; t++) {
      const lp = await step(model, last, memory, mask, caches);
      const candidates: { beam: number; token: number; logp: number }[] = [];
      lp.forEach((row, bi) => {
        const base = (beams[bi] as { logp: number }).logp;
        if (base === -Infinity) return;
        // Only each beam's best 2·numBeams tokens can reach the global top 2·numBeams.
        const top = Array.from(row.keys()).sort((a, b) => (row[b] as number) - (row[a] as number) || a - b).slice(0, 2 * nb);
        for (const token of top) if (token !== c.padId && token !== c.bosId) candidates.push({ beam: bi, token, logp: base + (row[token] as number) });
      });
      candidates.sort((a, b) => b.logp - a.logp);
      const next: { tokens: number[]; logp: number; from: number }[] = [];
      for (const [rank, cand] of candidates.entries()) {
        const prev = (beams[cand.beam] as { tokens: number[] }).tokens;
        if (cand.token === c.eosId) {
          // As HF: an EOS candidate outside the top numBeams is dropped.
          if (rank < nb) addFinished({ tokens: [...prev], score: score(cand.logp, prev.length + 1), finished: true });
        } else next.push({ tokens: [...prev, cand.token], logp: cand.logp, from: cand.beam });
        if (next.length === nb) break;
      }
      if (next.length === 0) break;
      while (next.length < nb) next.push({ ...(next[0] as (typeof next)[number]), logp: -Infinity });
      for (const cache of caches) cache.reorder(next.map((n) => n.from));
      beams = next;
      last = next.map((n) => n.tokens.at(-1) as number);
      if (finished.length === nb) {
        const best = beams[0] as { tokens: number[]; logp: number };
        const worst = (finished[finished.length - 1] as TranslationHypothesis).score;
        // Without early stopping, stop when no live beam can beat the worst kept hypothesis (HF's heuristic).
        if (o.earlyStopping || worst >= score(best.logp, best.tokens.length + 1)) break;
      }
    }
  } finally {
    caches.forEach((k) => k.dispose());
    tf.dispose([memory, mask]);
  }
  // Unfinished beams (cut at maxLength) compete with the finished ones, as HF's finalize.
  for (const b of beams) {
    if (b.logp === -Infinity) continue;
    const s = score(b.logp, b.tokens.length);
    if (finished.length < nb || s > (finished[finished.length - 1] as TranslationHypothesis).score) addFinished({ tokens: b.tokens, score: s, finished: false });
  }
  const sequences = finished.slice(0, o.numReturnSequences);
  return { ...(sequences[0] as TranslationHypothesis), sequences };
}
