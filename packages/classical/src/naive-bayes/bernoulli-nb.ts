/**
 * Bernoulli naive Bayes with scikit-learn 1.2's semantics (`sklearn.naive_bayes.BernoulliNB`), for
 * binary features (values above `binarize` count as 1).
 *
 * Reference: C. D. Manning, P. Raghavan and H. Schütze, "Introduction to Information Retrieval",
 * 2008, §13.3: P(x_j = 1 | c) = (N_cj + α) / (N_c + 2α), and absent features count through
 * log(1 − P(x_j = 1 | c)).
 */
import { DiscreteNB, type DiscreteNBParams, type DiscreteState } from './discrete-nb.js';
import { linearScores, mapValues, type Features } from './read-features.js';

export interface BernoulliNBParams extends DiscreteNBParams {
  /** Threshold: values > binarize become 1, others 0; null: X is taken as already binary. @default 0 */
  binarize?: number | null;
}

export const BERNOULLI_NB_DEFAULTS = { alpha: 1, forceAlpha: false, fitPrior: true, classPrior: null, binarize: 0 } as const satisfies Required<BernoulliNBParams>;

export class BernoulliNB extends DiscreteNB<BernoulliNBParams> {
  protected readonly estimatorName = 'BernoulliNB';
  protected readonly format = 'ml-classical/bernoulli-nb';

  constructor(params: BernoulliNBParams = {}) {
    super({ ...BERNOULLI_NB_DEFAULTS, ...params });
  }

  protected prepare(where: string, x: Features): Features {
    const t = this.params.binarize;
    if (t === null) return x;
    if (typeof t !== 'number' || Number.isNaN(t)) throw new RangeError(`${where}: 'binarize' must be a number or null; received ${String(t)}`);
    if (x.kind === 'csr' && t < 0) {
      throw new RangeError(`${where}: 'binarize' must be >= 0 for a CsrMatrix 'X' (implicit zeros would become 1); received ${t}`);
    }
    return mapValues(x, (v) => (v > t ? 1 : 0));
  }

  protected updateFeatureLogProb(st: DiscreteState, alpha: number): void {
    const d = st.nFeatures;
    for (let c = 0; c < st.classes.length; c++) {
      const logDen = Math.log(st.classCount[c] + 2 * alpha);
      for (let j = 0; j < d; j++) st.featureLogProb[c * d + j] = Math.log(st.featureCount[c * d + j] + alpha) - logDen;
    }
  }

  protected scores(x: Features, st: DiscreteState): Float64Array {
    const C = st.classes.length;
    const d = st.nFeatures;
    const w = new Float64Array(C * d);
    const bias = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let negSum = 0;
      for (let j = 0; j < d; j++) {
        const lp = st.featureLogProb[c * d + j];
        const neg = Math.log(1 - Math.exp(lp));
        w[c * d + j] = lp - neg;
        negSum += neg;
      }
      bias[c] = st.classLogPrior[c] + negSum;
    }
    const jll = linearScores(x, w, C);
    for (let i = 0; i < x.rows; i++) for (let c = 0; c < C; c++) jll[i * C + c] += bias[c];
    return jll;
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): BernoulliNB {
    return new BernoulliNB(DiscreteNB.paramsOf(json) as BernoulliNBParams).restore(json);
  }
}
