/**
 * Text generation for decoder-only models (`Gpt`), with Hugging Face `generate()`'s options in
 * camelCase: greedy decoding, sampling with temperature / top-k / top-p (nucleus), repetition
 * penalty, no-repeat n-grams, stop sequences, an end-of-sequence token, seeded sampling, beam search
 * (length penalty, early stopping, n-best) and a per-token streaming callback. A key/value cache
 * makes each new token cost one position (`useCache: false` recomputes the whole prefix, for
 * comparison).
 */
import { tf, Rng, type SeedLike } from '@ml/core';
import type { Gpt } from '../gpt/gpt.js';
import type { KeyValueCache } from '../attention/multihead-attention.js';
import { applyRepetitionPenalty, argmax, banRepeatedNgrams, logSoftmax, softmax, topKFilter, topPFilter } from './logits-processors.js';

export interface GenerateOptions {
  /** New tokens to generate at most. @default 20 */
  maxNewTokens?: number;
  /** Sample from the (filtered) distribution instead of taking the most likely token. @default false */
  doSample?: boolean;
  /** Divides the logits before sampling (lower = more conservative). @default 1 */
  temperature?: number;
  /** Sample only among the k most likely tokens (0 = off). @default 0 */
  topK?: number;
  /** Sample only from the smallest set of tokens whose probability reaches p (1 = off). @default 1 */
  topP?: number;
  /** > 1 discourages tokens already present (CTRL's penalty). @default 1 */
  repetitionPenalty?: number;
  /** Never repeat an n-gram of this size (0 = off). @default 0 */
  noRepeatNgramSize?: number;
  /** Stop after this token (it is included in the output). @default undefined */
  eosTokenId?: number;
  /** Stop when the output ends with one of these token sequences (the stop sequence is removed). @default [] */
  stopSequences?: readonly (readonly number[])[];
  /** Beams for beam search (1 = no beam search). @default 1 */
  numBeams?: number;
  /** Beam scores are sum(log p) / length^lengthPenalty. @default 1 */
  lengthPenalty?: number;
  /** Beam search stops as soon as `numBeams` finished hypotheses exist. @default false */
  earlyStopping?: boolean;
  /** Finished beam hypotheses to return (≤ numBeams). @default 1 */
  numReturnSequences?: number;
  /** Use the key/value cache. @default true */
  useCache?: boolean;
  /** Seed for sampling. @default 0 */
  seed?: SeedLike;
  /** Called with each new token as soon as it is chosen (greedy and sampling; with beams, once per token of the best hypothesis at the end). */
  onToken?: (token: number, index: number) => void;
}

export const GENERATE_DEFAULTS = {
  maxNewTokens: 20,
  doSample: false,
  temperature: 1,
  topK: 0,
  topP: 1,
  repetitionPenalty: 1,
  noRepeatNgramSize: 0,
  numBeams: 1,
  lengthPenalty: 1,
  earlyStopping: false,
  numReturnSequences: 1,
  useCache: true,
} as const;

type Resolved = Required<Omit<GenerateOptions, 'eosTokenId' | 'seed' | 'onToken' | 'stopSequences'>> & GenerateOptions;

export type StopReason = 'max_new_tokens' | 'eos' | 'stop_sequence' | 'context_full';

export interface GenerateResult {
  /** The new tokens (the prompt excluded; a matched stop sequence removed). */
  tokens: number[];
  stopReason: StopReason;
  /** Beam search: the best `numReturnSequences` hypotheses with their scores, best first. */
  sequences?: { tokens: number[]; score: number }[];
}

function check(o: Resolved, vocab: number): void {
  const where = 'generate';
  const int = (name: keyof GenerateOptions, min: number) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${JSON.stringify(v)}`);
  };
  int('maxNewTokens', 1);
  int('topK', 0);
  int('noRepeatNgramSize', 0);
  int('numBeams', 1);
  int('numReturnSequences', 1);
  if (!(o.temperature > 0)) throw new RangeError(`${where}: 'temperature' must be > 0; received ${JSON.stringify(o.temperature)}`);
  if (!(o.topP > 0 && o.topP <= 1)) throw new RangeError(`${where}: 'topP' must be in (0, 1]; received ${JSON.stringify(o.topP)}`);
  if (!(o.repetitionPenalty > 0)) throw new RangeError(`${where}: 'repetitionPenalty' must be > 0; received ${JSON.stringify(o.repetitionPenalty)}`);
  if (o.numReturnSequences > o.numBeams) throw new RangeError(`${where}: 'numReturnSequences' (${o.numReturnSequences}) must be <= 'numBeams' (${o.numBeams})`);
  if (o.numBeams > 1 && o.doSample) throw new RangeError(`${where}: beam search with sampling is not supported; set 'doSample' to false or 'numBeams' to 1`);
  if (o.eosTokenId !== undefined && !(Number.isInteger(o.eosTokenId) && o.eosTokenId >= 0 && o.eosTokenId < vocab)) {
    throw new RangeError(`${where}: 'eosTokenId' must be a token id in [0, ${vocab}); received ${JSON.stringify(o.eosTokenId)}`);
  }
}

/** Runs the model on `ids` (one row per beam) and returns the last position's logits per row. */
async function nextLogits(model: Gpt, rows: number[][], caches: KeyValueCache[] | undefined, fresh: boolean): Promise<Float32Array[]> {
  const b = rows.length;
  const t = caches === undefined || fresh ? (rows[0] as number[]).length : 1;
  const input = rows.map((r) => r.slice(r.length - t));
  const v = model.config.vocabSize;
  const logits = tf.tidy(() => {
    const ids = tf.tensor2d(input.flat(), [b, t], 'int32');
    const out = model.forward(ids, { caches }); // [B, T, V]
    return tf.reshape(tf.slice(out, [0, t - 1, 0], [b, 1, v]), [b, v]);
  });
  const data = (await logits.data()) as Float32Array; // async: works on WebGPU too
  logits.dispose();
  return Array.from({ length: b }, (_, i) => data.slice(i * v, (i + 1) * v));
}

const endsWith = (seq: readonly number[], tail: readonly number[]) => tail.length > 0 && tail.length <= seq.length && tail.every((x, i) => seq[seq.length - tail.length + i] === x);

/**
 * Continues `prompt` (token ids) with `model`. Asynchronous because it reads each step's logits
 * with `await data()`, which every backend supports (WebGPU included). The model is put in eval mode
 * for the call and restored after.
 */
export async function generate(model: Gpt, prompt: readonly number[], options: GenerateOptions = {}): Promise<GenerateResult> {
  const o: Resolved = { ...GENERATE_DEFAULTS, ...options };
  const vocab = model.config.vocabSize;
  if (!Array.isArray(prompt) || prompt.length === 0 || prompt.some((id) => !Number.isInteger(id) || id < 0 || id >= vocab)) {
    throw new RangeError(`generate: 'prompt' must be a non-empty array of token ids in [0, ${vocab}); received ${Array.isArray(prompt) ? `[${prompt.slice(0, 8).join(', ')}${prompt.length > 8 ? ', …' : ''}]` : typeof prompt}`);
  }
  check(o, vocab);
  const wasTraining = model.training;
  model.eval();
  const caches = o.useCache ? model.newCaches() : undefined;
  try {
    return await (o.numBeams > 1 ? beamSearch(model, prompt, o, caches) : sampleOrGreedy(model, prompt, o, caches));
  } finally {
    caches?.forEach((c) => c.dispose());
    model.train(wasTraining);
  }
}

async function sampleOrGreedy(model: Gpt, prompt: readonly number[], o: Resolved, caches: KeyValueCache[] | undefined): Promise<GenerateResult> {
  const rng = Rng.from(o.seed ?? 0);
  const seq = [...prompt];
  const tokens: number[] = [];
  const limit = model.config.nPositions;
  for (let step = 0; step < o.maxNewTokens; step++) {
    if (seq.length >= limit && caches !== undefined) return { tokens, stopReason: 'context_full' };
    const window = seq.length > limit ? seq.slice(seq.length - limit) : seq;
    const logits = (await nextLogits(model, [window], caches, step === 0))[0] as Float32Array;
    applyRepetitionPenalty(logits, seq, o.repetitionPenalty);
    banRepeatedNgrams(logits, seq, o.noRepeatNgramSize);
    let next: number;
    if (o.doSample) {
      if (o.temperature !== 1) for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) / o.temperature;
      topKFilter(logits, o.topK);
      topPFilter(logits, o.topP);
      next = rng.categorical(softmax(logits));
    } else next = argmax(logits);
    seq.push(next);
    tokens.push(next);
    o.onToken?.(next, tokens.length - 1);
    if (next === o.eosTokenId) return { tokens, stopReason: 'eos' };
    const stop = (o.stopSequences ?? []).find((s) => endsWith(tokens, s));
    if (stop !== undefined) return { tokens: tokens.slice(0, tokens.length - stop.length), stopReason: 'stop_sequence' };
  }
  return { tokens, stopReason: 'max_new_tokens' };
}

interface Hypothesis { tokens: number[]; score: number }

/** Beam search as Hugging Face's `BeamSearchScorer` (2·numBeams candidates per step, finished hypotheses kept in a bounded pool). */
async function beamSearch(model: Gpt, prompt: readonly number[], o: Resolved, caches: KeyValueCache[] | undefined): Promise<GenerateResult> {
  const nb = o.numBeams;
  const limit = model.config.nPositions;
  let beams: { seq: number[]; logp: number }[] = [{ seq: [...prompt], logp: 0 }];
  const finished: Hypothesis[] = [];
  const score = (logp: number, length: number) => logp / Math.pow(length, o.lengthPenalty);
  const addFinished = (h: Hypothesis) => {
    finished.push(h);
    finished.sort((a, b) => b.score - a.score);
    if (finished.length > nb) finished.pop();
  };
  let stopReason: StopReason = 'max_new_tokens';
  for (let step = 0; step < o.maxNewTokens; step++) {
    if ((beams[0] as { seq: number[] }).seq.length >= limit) {
      stopReason = 'context_full';
      break;
    }
    // The first step runs the prompt once and copies its cache to every beam.
    const rows = beams.map((b) => b.seq);
    const logits = await nextLogits(model, rows, caches, step === 0);
    const candidates: { beam: number; token: number; logp: number }[] = [];
    logits.forEach((l, bi) => {
      const beam = beams[bi] as { seq: number[]; logp: number };
      applyRepetitionPenalty(l, beam.seq, o.repetitionPenalty);
      banRepeatedNgrams(l, beam.seq, o.noRepeatNgramSize);
      const lp = logSoftmax(l);
      // Only the best 2·numBeams tokens of each beam can make the global top 2·numBeams.
      const top = Array.from(lp.keys()).sort((a, b) => (lp[b] as number) - (lp[a] as number) || a - b).slice(0, 2 * nb);
      for (const token of top) if (Number.isFinite(lp[token])) candidates.push({ beam: bi, token, logp: beam.logp + (lp[token] as number) });
    });
    candidates.sort((a, b) => b.logp - a.logp);
    const next: { seq: number[]; logp: number; from: number }[] = [];
    for (const [rank, c] of candidates.entries()) {
      const seq = [...(beams[c.beam] as { seq: number[] }).seq, c.token];
      const newTokens = seq.slice(prompt.length);
      const stop = (o.stopSequences ?? []).find((s) => endsWith(newTokens, s));
      if (c.token === o.eosTokenId || stop !== undefined) {
        // As HF: a finished candidate outside the top numBeams is not added.
        if (rank < nb) {
          addFinished({ tokens: stop === undefined ? newTokens : newTokens.slice(0, newTokens.length - stop.length), score: score(c.logp, seq.length) });
        }
      } else next.push({ seq, logp: c.logp, from: c.beam });
      if (next.length === nb) break;
    }
    if (next.length === 0) break;
    if (caches !== undefined) {
      const from = next.map((n) => n.from);
      for (const cache of caches) cache.reorder(from);
    }
    beams = next;
    if (finished.length === nb) {
      const best = (beams[0] as { seq: number[]; logp: number });
      const worst = (finished[finished.length - 1] as Hypothesis).score;
      if (o.earlyStopping || worst >= score(best.logp, best.seq.length)) {
        stopReason = 'eos';
        break;
      }
    }
  }
  // Unfinished beams compete with the finished ones (HF's finalize).
  for (const b of beams) if (finished.length < nb || score(b.logp, b.seq.length) > (finished[finished.length - 1] as Hypothesis).score) addFinished({ tokens: b.seq.slice(prompt.length), score: score(b.logp, b.seq.length) });
  const sequences = finished.slice(0, o.numReturnSequences);
  const best = sequences[0] as Hypothesis;
  best.tokens.forEach((t, i) => o.onToken?.(t, i));
  return { tokens: best.tokens, stopReason, sequences };
}
