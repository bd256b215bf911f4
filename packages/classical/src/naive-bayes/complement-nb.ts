/**
 * Complement naive Bayes with scikit-learn 1.2's semantics (`sklearn.naive_bayes.ComplementNB`).
 *
 * Reference: J. D. M. Rennie, L. Shih, J. Teevan and D. R. Karger, "Tackling the poor assumptions of
 * naive Bayes text classifiers", ICML 2003. Weights come from the counts of every *other* class:
 * w_cj = −log((N_~c,j + α) / Σ_j (N_~c,j + α)), or, with `norm`, the log normalised by its row sum.
 * The class prior only enters when there is a single class (as in sklearn).
 */
import { DiscreteNB, type DiscreteNBParams, type DiscreteState } from './discrete-nb.js';
import { linearScores, minValue, type Features } from './read-features.js';

export interface ComplementNBParams extends DiscreteNBParams {
  /** Normalise the weights a second time (sklearn `norm`). @default false */
  norm?: boolean;
}

export const COMPLEMENT_NB_DEFAULTS = { alpha: 1, forceAlpha: false, fitPrior: true, classPrior: null, norm: false } as const satisfies Required<ComplementNBParams>;

export class ComplementNB extends DiscreteNB<ComplementNBParams> {
  protected readonly estimatorName = 'ComplementNB';
  protected readonly format = 'ml-classical/complement-nb';

  constructor(params: ComplementNBParams = {}) {
    super({ ...COMPLEMENT_NB_DEFAULTS, ...params });
  }

  protected prepare(where: string, x: Features): Features {
    const min = minValue(x);
    if (min < 0) throw new RangeError(`${where}: 'X' must hold non-negative counts for ComplementNB; received a value ${min}`);
    return x;
  }

  protected updateFeatureLogProb(st: DiscreteState, alpha: number): void {
    const d = st.nFeatures;
    const C = st.classes.length;
    const all = new Float64Array(d);
    for (let c = 0; c < C; c++) for (let j = 0; j < d; j++) all[j] += st.featureCount[c * d + j];
    for (let c = 0; c < C; c++) {
      let total = 0;
      for (let j = 0; j < d; j++) total += all[j] + alpha - st.featureCount[c * d + j];
      let logSum = 0;
      for (let j = 0; j < d; j++) {
        const logged = Math.log((all[j] + alpha - st.featureCount[c * d + j]) / total);
        st.featureLogProb[c * d + j] = logged;
        logSum += logged;
      }
      for (let j = 0; j < d; j++) {
        const logged = st.featureLogProb[c * d + j];
        st.featureLogProb[c * d + j] = this.params.norm ? logged / logSum : -logged;
      }
    }
  }

  protected scores(x: Features, st: DiscreteState): Float64Array {
    const C = st.classes.length;
    const jll = linearScores(x, st.featureLogProb, C);
    if (C === 1) for (let i = 0; i < x.rows; i++) jll[i] += st.classLogPrior[0];
    return jll;
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): ComplementNB {
    return new ComplementNB(DiscreteNB.paramsOf(json) as ComplementNBParams).restore(json);
  }
}
