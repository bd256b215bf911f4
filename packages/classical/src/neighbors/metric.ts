/**
 * Internal: the distance metrics of the neighbour models, in "reduced" form (cheaper, same order):
 * squared for euclidean, Σ|Δ|^p for minkowski, Σ|Δ| for manhattan; cosine distance 1 − cos θ on
 * rows normalised once (a zero row stays zero, as sklearn's `normalize`, giving distance 1).
 */

/** Metric names accepted (sklearn `metric`). */
export type MetricName = 'minkowski' | 'euclidean' | 'manhattan' | 'cosine';

export interface Metric {
  /** 'euclidean' | 'manhattan' | 'minkowski' (p ∉ {1, 2}) | 'cosine'. */
  kind: 'euclidean' | 'manhattan' | 'minkowski' | 'cosine';
  p: number;
  /** Reduced distance between row i of `a` and row j of `b` (both d columns). */
  reduced(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number;
  /** Reduced distance → distance. */
  toDistance(r: number): number;
  /** Reduced lower bound from per-dimension gaps (for tree pruning), not used for cosine. */
  gap(t: number): number;
}

/** The effective metric: minkowski with p = 2 is euclidean and with p = 1 manhattan, as in sklearn. */
export function makeMetric(name: MetricName, p: number): Metric {
  const kind = name === 'minkowski' ? (p === 2 ? 'euclidean' : p === 1 ? 'manhattan' : 'minkowski') : name;
  if (kind === 'euclidean') {
    return {
      kind, p: 2, toDistance: Math.sqrt, gap: (t) => t * t,
      reduced(a, i, b, j, d) {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const t = a[i * d + f] - b[j * d + f];
          s += t * t;
        }
        return s;
      },
    };
  }
  if (kind === 'manhattan') {
    return {
      kind, p: 1, toDistance: (r) => r, gap: (t) => t,
      reduced(a, i, b, j, d) {
        let s = 0;
        for (let f = 0; f < d; f++) s += Math.abs(a[i * d + f] - b[j * d + f]);
        return s;
      },
    };
  }
  if (kind === 'minkowski') {
    return {
      kind, p, toDistance: (r) => r ** (1 / p), gap: (t) => t ** p,
      reduced(a, i, b, j, d) {
        let s = 0;
        for (let f = 0; f < d; f++) s += Math.abs(a[i * d + f] - b[j * d + f]) ** p;
        return s;
      },
    };
  }
  return {
    kind: 'cosine', p, toDistance: (r) => r, gap: () => 0,
    reduced(a, i, b, j, d) {
      let s = 0;
      for (let f = 0; f < d; f++) s += a[i * d + f] * b[j * d + f];
      return Math.min(2, Math.max(0, 1 - s));
    },
  };
}

/** Rows scaled to unit L2 norm (zero rows left as they are), for the cosine metric. */
export function normalizeRows(data: Float64Array, rows: number, d: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += data[i * d + f] ** 2;
    const n = s > 0 ? Math.sqrt(s) : 1;
    for (let f = 0; f < d; f++) out[i * d + f] = data[i * d + f] / n;
  }
  return out;
}
