/**
 * Summary statistics of timing samples (milliseconds), shared by our runs and the Python peer's.
 * Quantiles use linear interpolation between order statistics (numpy's default 'linear' method).
 */

/** The q-quantile (0..1) of an ascending-sorted array. */
function quantileSorted(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Median, min, max and interquartile range of `samples`.
 * @param {number[]} samples durations in ms (at least one)
 */
export function summarize(samples) {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new TypeError(`summarize: 'samples' must be a non-empty array of numbers; received ${JSON.stringify(samples)}`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    reps: sorted.length,
    median: quantileSorted(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
  };
}
