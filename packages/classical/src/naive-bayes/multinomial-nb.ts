/**
 * Multinomial naive Bayes with scikit-learn 1.2's semantics (`sklearn.naive_bayes.MultinomialNB`),
 * for counts such as word counts (dense or `CsrMatrix`).
 *
 * Reference: C. D. Manning, P. Raghavan and H. Schütze, "Introduction to Information Retrieval",
 * Cambridge University Press 2008, §13.2: log P(x_j | c) = log((N_cj + α) / (N_c + α·d)).
 */
import { DiscreteNB, type DiscreteNBParams, type DiscreteState } from './discrete-nb.js';
import { linearScores, minValue, type Features } from './read-features.js';

export type MultinomialNBParams = DiscreteNBParams;

export const MULTINOMIAL_NB_DEFAULTS = { alpha: 1, forceAlpha: false, fitPrior: true, classPrior: null } as const satisfies Required<MultinomialNBParams>;

export class MultinomialNB extends DiscreteNB<MultinomialNBParams> {
  protected readonly estimatorName = 'MultinomialNB';
  protected readonly format = 'ml-classical/multinomial-nb';

  constructor(params: MultinomialNBParams = {}) {
    super({ ...MULTINOMIAL_NB_DEFAULTS, ...params });
  }

  protected prepare(where: string, x: Features): Features {
    const min = minValue(x);
    if (min < 0) throw new RangeError(`${where}: 'X' must hold non-negative counts for MultinomialNB; received a value ${min}`);
    return x;
  }

  protected updateFeatureLogProb(st: DiscreteState, alpha: number): void {
    const d = st.nFeatures;
    for (let c = 0; c < st.classes.length; c++) {
      let total = 0;
      for (let j = 0; j < d; j++) total += st.featureCount[c * d + j] + alpha;
      const logTotal = Math.log(total);
      for (let j = 0; j < d; j++) st.featureLogProb[c * d + j] = Math.log(st.featureCount[c * d + j] + alpha) - logTotal;
    }
  }

  protected scores(x: Features, st: DiscreteState): Float64Array {
    const C = st.classes.length;
    const jll = linearScores(x, st.featureLogProb, C);
    for (let i = 0; i < x.rows; i++) for (let c = 0; c < C; c++) jll[i * C + c] += st.classLogPrior[c];
    return jll;
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): MultinomialNB {
    return new MultinomialNB(DiscreteNB.paramsOf(json) as MultinomialNBParams).restore(json);
  }
}

