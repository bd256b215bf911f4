/**
 * Perplexity exp(H) of a language model, where H is the mean cross-entropy per token in nats (the
 * natural-log loss that `crossEntropy`-style losses and `logLoss` report). With base-2 entropy in bits
 * use 2^H instead.
 * @see Jurafsky & Martin, "Speech and Language Processing" (3rd ed. draft), §3.3 "Evaluating Language Models: Perplexity".
 */
import { checkSampleWeight, show } from './label-utils.js';

export interface PerplexityOptions {
  /** With an array of per-token losses: one non-negative weight per token (e.g. a padding mask). @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
}

/**
 * exp(mean cross-entropy). Pass the mean cross-entropy in nats, or the per-token negative
 * log-likelihoods (nats), whose (weighted) mean is taken first.
 * @throws {RangeError} on a negative, NaN or empty input, or weights that sum to zero.
 */
export function perplexity(crossEntropy: number | ArrayLike<number>, options: PerplexityOptions = {}): number {
  const where = 'perplexity';
  if (typeof crossEntropy === 'number') {
    if (!(crossEntropy >= 0)) throw new RangeError(`${where}: 'crossEntropy' must be a number >= 0 (nats); received ${show(crossEntropy)}`);
    if (options.sampleWeight !== undefined) throw new RangeError(`${where}: 'sampleWeight' needs per-token losses; received a single mean loss`);
    return Math.exp(crossEntropy);
  }
  const n = crossEntropy.length;
  if (n === 0) throw new RangeError(`${where}: 'crossEntropy' must hold at least one token loss; received an empty array`);
  const w = checkSampleWeight(where, options.sampleWeight, n);
  let sum = 0;
  let ws = 0;
  for (let i = 0; i < n; i++) {
    const v = crossEntropy[i];
    if (!(v >= 0)) throw new RangeError(`${where}: 'crossEntropy[${i}]' must be a number >= 0 (nats); received ${show(v)}`);
    sum += v * w[i];
    ws += w[i];
  }
  if (ws === 0) throw new RangeError(`${where}: 'sampleWeight' must not sum to zero; received a total of 0`);
  return Math.exp(sum / ws);
}
