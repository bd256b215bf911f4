/**
 * Beam search for one source sequence, with the length penalty of Wu et al., "Google's Neural Machine
 * Translation System" (2016): a finished hypothesis scores log P / lp, lp = ((5 + |Y|) / 6)^α.
 * Each step expands the K live beams into their 2K best continuations; those ending in EOS join the
 * finished list, the best K others stay live. Search stops when `beamSize` hypotheses have finished
 * or after `maxLength` tokens (live beams are then finished as they are).
 */
import { tf } from '@ml/core';
import type { DecoderState, EncodedSource } from './seq2seq.js';

/** Options of beam search. */
export interface BeamSearchOptions {
  /** Live hypotheses kept per step, K. @default 4 */
  beamSize?: number;
  /** α of the GNMT length penalty (0: raw log-probability sums). @default 0.6 */
  lengthPenalty?: number;
  /** Hypotheses returned per source, best first (≤ beamSize). @default 1 */
  nBest?: number;
  /** Most tokens generated (EOS included). @default 2·S + 10 */
  maxLength?: number;
}

/** Defaults of {@link BeamSearchOptions} (maxLength depends on the source). */
export const BEAM_SEARCH_DEFAULTS = { beamSize: 4, lengthPenalty: 0.6, nBest: 1 } as const;

/** One decoded hypothesis. */
export interface BeamHypothesis {
  /** Tokens without BOS and EOS. */
  tokens: number[];
  /** Sum of the tokens' log-probabilities (EOS included). */
  logProb: number;
  /** `logProb / lp` (the ranking score). */
  score: number;
}

/** What beam search needs from a model. */
export interface BeamDecoder {
  readonly bosId: number;
  readonly eosId: number;
  encode(src: tf.Tensor): { source: EncodedSource; state: DecoderState };
  decodeStep(prev: tf.Tensor, state: DecoderState, source: EncodedSource): { logits: tf.Tensor; state: DecoderState };
}

function stateTensors(s: DecoderState): tf.Tensor[] {
  return [s.h, s.c, s.feed].filter((t): t is tf.Tensor => t !== undefined);
}

/** `src` `[1, S]` int32 → up to `nBest` hypotheses, best first. */
export async function beamSearch(model: BeamDecoder, src: tf.Tensor, options: BeamSearchOptions = {}): Promise<BeamHypothesis[]> {
  const K = options.beamSize ?? BEAM_SEARCH_DEFAULTS.beamSize;
  const alpha = options.lengthPenalty ?? BEAM_SEARCH_DEFAULTS.lengthPenalty;
  const nBest = options.nBest ?? BEAM_SEARCH_DEFAULTS.nBest;
  const maxLength = options.maxLength ?? 2 * (src.shape[1] ?? 0) + 10;
  if (!Number.isInteger(K) || K < 1) throw new Error(`beamSearch: 'beamSize' must be an integer >= 1; received ${String(K)}`);
  if (!Number.isInteger(nBest) || nBest < 1 || nBest > K) throw new Error(`beamSearch: 'nBest' must be an integer in [1, ${K}]; received ${String(nBest)}`);
  if (!(alpha >= 0)) throw new Error(`beamSearch: 'lengthPenalty' must be >= 0; received ${String(alpha)}`);
  const penalty = (n: number): number => Math.pow((5 + n) / 6, alpha);

  const { source: one, state: s0 } = tf.tidy(() => model.encode(src) as unknown as tf.TensorContainer) as unknown as ReturnType<BeamDecoder['encode']>;
  // Live beams share the source: tile it to K rows once.
  const source: EncodedSource = {
    keys: tf.tile(one.keys, [K, 1, 1]),
    projectedKeys: tf.tile(one.projectedKeys, [K, 1, 1]),
    mask: one.mask === null ? null : tf.tile(one.mask, [K, 1]),
  };
  let state: DecoderState = {
    h: tf.tile(s0.h, [1, K, 1]),
    c: s0.c === undefined ? undefined : tf.tile(s0.c, [1, K, 1]),
    feed: tf.tile(s0.feed, [K, 1]),
  };
  tf.dispose([one.keys, one.projectedKeys, one.mask, ...stateTensors(s0)].filter((t): t is tf.Tensor => t !== null));

  let beams: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  const finished: BeamHypothesis[] = [];
  try {
    for (let t = 0; t < maxLength && finished.length < K; t++) {
      const prevIds = Int32Array.from({ length: K }, (_, k) => (t === 0 ? model.bosId : beams[Math.min(k, beams.length - 1)].tokens.at(-1) ?? model.bosId));
      const step = tf.tidy(() => {
        const r = model.decodeStep(tf.tensor1d(prevIds, 'int32'), state, source);
        return { logp: tf.logSoftmax(r.logits), state: r.state } as unknown as tf.TensorContainer;
      }) as unknown as { logp: tf.Tensor; state: DecoderState };
      const logp = (await step.logp.data()) as Float32Array;
      const V = step.logp.shape[1] as number;
      step.logp.dispose();
      const candidates: { beam: number; token: number; logProb: number }[] = [];
      beams.forEach((beam, k) => {
        for (let v = 0; v < V; v++) candidates.push({ beam: k, token: v, logProb: beam.logProb + logp[k * V + v] });
      });
      candidates.sort((a, b) => b.logProb - a.logProb);
      const next: { tokens: number[]; logProb: number; from: number }[] = [];
      for (const cand of candidates.slice(0, 2 * K)) {
        const tokens = beams[cand.beam].tokens;
        if (cand.token === model.eosId) {
          if (finished.length < K) finished.push({ tokens: [...tokens], logProb: cand.logProb, score: cand.logProb / penalty(tokens.length + 1) });
        } else if (next.length < K) {
          next.push({ tokens: [...tokens, cand.token], logProb: cand.logProb, from: cand.beam });
        }
      }
      // Reorder the decoder state to the surviving beams (rows past the live count repeat the last).
      const from = Int32Array.from({ length: K }, (_, k) => next[Math.min(k, next.length - 1)]?.from ?? 0);
      const idx = tf.tensor1d(from, 'int32');
      const reordered: DecoderState = {
        h: tf.gather(step.state.h, idx, 1),
        c: step.state.c === undefined ? undefined : tf.gather(step.state.c, idx, 1),
        feed: tf.gather(step.state.feed, idx, 0),
      };
      idx.dispose();
      tf.dispose([...stateTensors(state), ...stateTensors(step.state)]);
      state = reordered;
      beams = next.map(({ tokens, logProb }) => ({ tokens, logProb }));
      if (beams.length === 0) break;
    }
    if (finished.length < nBest) {
      for (const b of beams) finished.push({ tokens: b.tokens, logProb: b.logProb, score: b.logProb / penalty(b.tokens.length) });
    }
  } finally {
    tf.dispose([...stateTensors(state), source.keys, source.projectedKeys, source.mask].filter((t): t is tf.Tensor => t !== null));
  }
  return finished.sort((a, b) => b.score - a.score).slice(0, nBest);
}
