/**
 * Bayesian Personalised Ranking (Rendle, Freudenthaler, Gantner and Schmidt-Thieme, "BPR: Bayesian
 * personalized ranking from implicit feedback", UAI 2009) with a matrix-factorisation scorer and an
 * item bias: x̂_ui = b_i + p_u·q_i. LearnBPR: stochastic gradient ascent on
 * Σ ln σ(x̂_ui − x̂_uj) − reg·(|p_u|² + |q_i|² + |q_j|² + b_i² + b_j²)/2 over triples drawn with
 * replacement: (u, i) uniform over the stored interactions (every stored entry is a positive; values
 * are ignored), j uniform over the items u has not interacted with (redrawn until it is one). With
 * x = x̂_ui − x̂_uj and g = σ(−x) = 1/(1 + eˣ), one step is (old p_u on the right)
 *   p_u += lr(g(q_i − q_j) − reg·p_u); q_i += lr(g·p_u − reg·q_i); q_j += lr(−g·p_u − reg·q_j);
 *   b_i += lr(g − reg·b_i); b_j += lr(−g − reg·b_j).
 * An epoch is nnz steps. Factors start N(0, initStdDev²) (users, then items), biases 0, all from the
 * seeded `Rng`, which also draws the triples: same seed, same factors. Option names and defaults
 * follow the `implicit` library's BayesianPersonalizedRanking.
 */
import { Rng } from '@ml/core';
import { checkBoolean, checkInt, checkKnownKeys, checkNumber, checkSeed } from '../common/checks.js';
import type { RawId } from '../data/id-map.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import { FactorModel } from '../serving/factor-model.js';

/** Options of `Bpr`. */
export interface BprOptions {
  /** @default 100 */
  factors?: number;
  /** SGD step size. @default 0.01 */
  learningRate?: number;
  /** L2 weight of every parameter. @default 0.01 */
  regularization?: number;
  /** Epochs, each nnz sampled triples. @default 100 */
  iterations?: number;
  /** Learn an item bias b_i (false: x̂_ui = p_u·q_i). @default true */
  itemBias?: boolean;
  /** Standard deviation of the initial factors. @default 0.1 */
  initStdDev?: number;
  /** @default 0 */
  seed?: number;
}

export const BPR_DEFAULTS = { factors: 100, learningRate: 0.01, regularization: 0.01, iterations: 100, itemBias: true, initStdDev: 0.1, seed: 0 } as const satisfies Required<BprOptions>;

export class Bpr extends FactorModel {
  protected readonly modelName = 'Bpr';
  protected readonly clip = false;

  constructor(readonly options: BprOptions = {}) {
    super();
  }

  fit(train: InteractionMatrix): this {
    const where = 'Bpr.fit';
    const o = this.options;
    checkKnownKeys(where, o, Object.keys(BPR_DEFAULTS));
    const f = checkInt(where, 'factors', o.factors ?? BPR_DEFAULTS.factors, 1);
    const lr = checkNumber(where, 'learningRate', o.learningRate ?? BPR_DEFAULTS.learningRate, 0, true);
    const reg = checkNumber(where, 'regularization', o.regularization ?? BPR_DEFAULTS.regularization, 0);
    const iterations = checkInt(where, 'iterations', o.iterations ?? BPR_DEFAULTS.iterations, 0);
    const useBias = checkBoolean(where, 'itemBias', o.itemBias ?? BPR_DEFAULTS.itemBias);
    const initStd = checkNumber(where, 'initStdDev', o.initStdDev ?? BPR_DEFAULTS.initStdDev, 0);
    const seed = checkSeed(where, o.seed ?? BPR_DEFAULTS.seed);
    if (train.nnz === 0) throw new RangeError(`${where}: 'train' must hold at least one interaction; received 0`);
    const rng = new Rng(seed);
    this.fittedOn = undefined;
    const { nUsers, nItems, indptr, indices } = train;
    const p = rng.fillNormal(new Float64Array(nUsers * f), 0, initStd); // [nUsers, f]
    const q = rng.fillNormal(new Float64Array(nItems * f), 0, initStd); // [nItems, f]
    const b = new Float64Array(nItems);
    const entryUser = train.entryUsers();
    const nnz = train.nnz;
    for (let it = 0; it < iterations; it++) {
      for (let s = 0; s < nnz; s++) {
        const e = rng.int(nnz);
        const u = entryUser[e];
        const start = indptr[u];
        const end = indptr[u + 1];
        if (end - start === nItems) continue; // u interacted with every item: no negative exists
        let j: number;
        do j = rng.int(nItems);
        while (contains(indices, start, end, j));
        step(p, q, b, u * f, indices[e], j, f, lr, reg, useBias);
      }
    }
    this.foldInParams = { learningRate: lr, regularization: reg, iterations, seed };
    this.setFactors(train, { nFactors: f, globalMean: 0, userFactors: p, itemFactors: q, userBias: new Float64Array(nUsers), itemBias: b, biased: useBias });
    return this;
  }

  /**
   * Factors of a new user from their interactions with known items: LearnBPR on that user's vector
   * only, item factors and biases fixed, starting from 0, with the model's learning rate,
   * regularisation and `iterations` epochs of |items| triples, seeded by the model's seed.
   */
  override foldInUser(interactions: Iterable<{ item: RawId; value?: number }>): { factors: Float64Array; bias: number } {
    const { items } = this.resolveInteractions(interactions);
    const s = this.factors;
    const f = s.nFactors;
    const nItems = this.trainData.nItems;
    const { learningRate = BPR_DEFAULTS.learningRate, regularization = BPR_DEFAULTS.regularization, iterations = BPR_DEFAULTS.iterations, seed = BPR_DEFAULTS.seed } = this.foldInParams;
    const sorted = Int32Array.from(new Set(items)).sort();
    const x = new Float64Array(f);
    if (sorted.length === nItems) return { factors: x, bias: 0 };
    const rng = new Rng(seed);
    for (let it = 0; it < iterations; it++) {
      for (let t = 0; t < sorted.length; t++) {
        const i = sorted[rng.int(sorted.length)];
        let j: number;
        do j = rng.int(nItems);
        while (contains(sorted, 0, sorted.length, j));
        const qi = i * f;
        const qj = j * f;
        let d = s.biased ? s.itemBias[i] - s.itemBias[j] : 0;
        for (let k = 0; k < f; k++) d += x[k] * (s.itemFactors[qi + k] - s.itemFactors[qj + k]);
        const g = 1 / (1 + Math.exp(d));
        for (let k = 0; k < f; k++) x[k] += learningRate * (g * (s.itemFactors[qi + k] - s.itemFactors[qj + k]) - regularization * x[k]);
      }
    }
    return { factors: x, bias: 0 };
  }
}

/** Whether sorted `indices[start, end)` holds `j` (binary search). */
function contains(indices: Int32Array, start: number, end: number, j: number): boolean {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (indices[mid] < j) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && indices[lo] === j;
}

/** One LearnBPR step on the triple (u at row offset pOff, i, j). */
function step(p: Float64Array, q: Float64Array, b: Float64Array, pOff: number, i: number, j: number, f: number, lr: number, reg: number, useBias: boolean): void {
  const qi = i * f;
  const qj = j * f;
  let x = useBias ? b[i] - b[j] : 0;
  for (let k = 0; k < f; k++) x += p[pOff + k] * (q[qi + k] - q[qj + k]);
  const g = 1 / (1 + Math.exp(x));
  for (let k = 0; k < f; k++) {
    const pu = p[pOff + k];
    const qik = q[qi + k];
    const qjk = q[qj + k];
    p[pOff + k] += lr * (g * (qik - qjk) - reg * pu);
    q[qi + k] += lr * (g * pu - reg * qik);
    q[qj + k] += lr * (-g * pu - reg * qjk);
  }
  if (useBias) {
    b[i] += lr * (g - reg * b[i]);
    b[j] += lr * (-g - reg * b[j]);
  }
}
