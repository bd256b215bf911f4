/**
 * Next-token logit processing for generation, as Hugging Face transformers' logits processors
 * (`RepetitionPenaltyLogitsProcessor`, `NoRepeatNGramLogitsProcessor`, `TemperatureLogitsWarper`,
 * `TopKLogitsWarper`, `TopPLogitsWarper`), on one row of logits in a Float32Array, in place.
 */

/** CTRL's repetition penalty (Keskar et al. 2019): logits of tokens already in `history` are divided by `penalty` (multiplied when negative). */
export function applyRepetitionPenalty(logits: Float32Array, history: readonly number[], penalty: number): void {
  if (penalty === 1) return;
  for (const id of new Set(history)) {
    const l = logits[id] as number;
    logits[id] = l < 0 ? l * penalty : l / penalty;
  }
}

/** Bans every token that would repeat an n-gram of size `n` already in `history`. */
export function banRepeatedNgrams(logits: Float32Array, history: readonly number[], n: number): void {
  if (n <= 0 || history.length < n - 1) return;
  const prefixStart = history.length - (n - 1);
  for (let i = 0; i + n <= history.length; i++) {
    let same = true;
    for (let j = 0; j < n - 1 && same; j++) same = history[i + j] === history[prefixStart + j];
    if (same) logits[history[i + n - 1] as number] = -Infinity;
  }
}

/** Keeps the `k` largest logits (ties at the k-th value are kept, as HF), sets the rest to −∞. */
export function topKFilter(logits: Float32Array, k: number): void {
  if (k <= 0 || k >= logits.length) return;
  const kth = Float32Array.from(logits).sort().reverse()[k - 1] as number;
  for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < kth) logits[i] = -Infinity;
}

/**
 * Nucleus filtering (Holtzman et al. 2020): keeps the most probable tokens whose cumulative
 * probability first reaches `p` (at least one), sets the rest to −∞.
 */
export function topPFilter(logits: Float32Array, p: number): void {
  if (p >= 1) return;
  const probs = softmax(logits);
  const order = Array.from(probs.keys()).sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  let cumulative = 0;
  let keep = 0;
  while (keep < order.length) {
    cumulative += probs[order[keep] as number] as number;
    keep++;
    if (cumulative >= p) break;
  }
  for (let i = keep; i < order.length; i++) logits[order[i] as number] = -Infinity;
}

/** Softmax of a row (float64 accumulation); −∞ entries get probability 0. */
export function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp((logits[i] as number) - max);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** log-softmax of a row in float64. */
export function logSoftmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  const lse = max + Math.log(sum);
  return Float64Array.from(logits, (l) => l - lse);
}

/** Index of the largest logit (the lowest index on ties). */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if ((logits[i] as number) > (logits[best] as number)) best = i;
  return best;
}
