/**
 * SVD++ trained by SGD, as Surprise's `SVDpp` (`matrix_factorization.pyx`; Koren, "Factorization
 * meets the neighborhood: a multifaceted collaborative filtering model", KDD 2008):
 *   r̂_ui = μ + b_u + b_i + q_i·(p_u + |I_u|^−½ Σ_{j∈I_u} y_j),
 * I_u = the items u rated in the training data (the implicit feedback). p (users), q (items), then y
 * (items) start N(initMean, initStdDev²) from the seeded `Rng`; biases start at 0. Each epoch visits
 * the ratings in storage order (user by user, items ascending; no shuffling, like Surprise) and, with
 * z = |I_u|^−½ Σ_j y_j computed before the step, does
 *   e = r − r̂; b_u += lr_bu(e − reg_bu·b_u); b_i += lr_bi(e − reg_bi·b_i); then for every factor f
 *   p_uf += lr_pu(e·q_if − reg_pu·p_uf); q_if += lr_qi(e·(p_uf + z_f) − reg_qi·q_if);
 *   y_jf += lr_yj(e·q_if/√|I_u| − reg_yj·y_jf) for every j ∈ I_u (old p_uf, q_if on the right).
 * Surprise recomputes z and touches every y_j at every rating, O(|I_u|·f) per rating. The y update is
 * the same affine map y ← a·y + b for every j ∈ I_u (a = 1 − lr_yj·reg_yj, b = lr_yj·e·q_i/√|I_u|),
 * so within a user's ratings we keep y_j = A·y_j⁰ + B and z = (A·Σ y_j⁰ + |I_u|·B)/√|I_u| and write
 * the y_j back once per user: the same updates in the same order in O(f) per rating (equal to
 * Surprise's loop up to rounding; checked against it step for step). Unknown user or item: its terms
 * are dropped; clipped to the rating scale. Serving uses the vectors p_u + z_u.
 */
import { Rng } from '@ml/core';
import { checkInt, checkKnownKeys, checkNumber, checkSeed } from '../common/checks.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import { FactorModel } from '../serving/factor-model.js';

/** Options of `Svdpp` (Surprise's names in camelCase). */
export interface SvdppOptions {
  /** @default 20 */
  nFactors?: number;
  /** @default 20 */
  nEpochs?: number;
  /** @default 0 */
  initMean?: number;
  /** @default 0.1 */
  initStdDev?: number;
  /** Learning rate of every parameter unless overridden below. @default 0.007 */
  lrAll?: number;
  /** Regularisation of every parameter unless overridden below. @default 0.02 */
  regAll?: number;
  /** @default lrAll */
  lrBu?: number;
  /** @default lrAll */
  lrBi?: number;
  /** @default lrAll */
  lrPu?: number;
  /** @default lrAll */
  lrQi?: number;
  /** @default lrAll */
  lrYj?: number;
  /** @default regAll */
  regBu?: number;
  /** @default regAll */
  regBi?: number;
  /** @default regAll */
  regPu?: number;
  /** @default regAll */
  regQi?: number;
  /** @default regAll */
  regYj?: number;
  /** @default 0 */
  seed?: number;
}

/** Surprise's defaults for SVDpp. */
export const SVDPP_DEFAULTS = { nFactors: 20, nEpochs: 20, initMean: 0, initStdDev: 0.1, lrAll: 0.007, regAll: 0.02, seed: 0 } as const;

type Rate = 'Bu' | 'Bi' | 'Pu' | 'Qi' | 'Yj';
const RATES: readonly Rate[] = ['Bu', 'Bi', 'Pu', 'Qi', 'Yj'];
const KEYS = [...Object.keys(SVDPP_DEFAULTS), ...RATES.map((r) => `lr${r}`), ...RATES.map((r) => `reg${r}`)];

export class Svdpp extends FactorModel {
  protected readonly modelName = 'Svdpp';
  protected readonly clip = true;

  constructor(readonly options: SvdppOptions = {}) {
    super();
  }

  fit(train: InteractionMatrix): this {
    const where = 'Svdpp.fit';
    const o = this.options;
    checkKnownKeys(where, o, KEYS);
    const f = checkInt(where, 'nFactors', o.nFactors ?? SVDPP_DEFAULTS.nFactors, 1);
    const nEpochs = checkInt(where, 'nEpochs', o.nEpochs ?? SVDPP_DEFAULTS.nEpochs, 0);
    const initMean = checkNumber(where, 'initMean', o.initMean ?? SVDPP_DEFAULTS.initMean);
    const initStd = checkNumber(where, 'initStdDev', o.initStdDev ?? SVDPP_DEFAULTS.initStdDev, 0);
    const lrAll = checkNumber(where, 'lrAll', o.lrAll ?? SVDPP_DEFAULTS.lrAll, 0);
    const regAll = checkNumber(where, 'regAll', o.regAll ?? SVDPP_DEFAULTS.regAll, 0);
    const lr = (r: Rate): number => checkNumber(where, `lr${r}`, o[`lr${r}`] ?? lrAll, 0);
    const reg = (r: Rate): number => checkNumber(where, `reg${r}`, o[`reg${r}`] ?? regAll, 0);
    const [lrBu, lrBi, lrPu, lrQi, lrYj] = RATES.map(lr);
    const [regBu, regBi, regPu, regQi, regYj] = RATES.map(reg);
    const rng = new Rng(checkSeed(where, o.seed ?? SVDPP_DEFAULTS.seed));
    this.fittedOn = undefined;
    const { nUsers, nItems, indptr, indices, values } = train;
    const pu = rng.fillNormal(new Float64Array(nUsers * f), initMean, initStd); // [nUsers, f]
    const qi = rng.fillNormal(new Float64Array(nItems * f), initMean, initStd); // [nItems, f]
    const yj = rng.fillNormal(new Float64Array(nItems * f), initMean, initStd); // [nItems, f]
    const bu = new Float64Array(nUsers);
    const bi = new Float64Array(nItems);
    const mu = train.globalMean();
    const sum0 = new Float64Array(f); // Σ_j y_j⁰ at the start of the user's ratings
    const shift = new Float64Array(f); // B
    const z = new Float64Array(f);
    const decay = 1 - lrYj * regYj; // a
    for (let epoch = 0; epoch < nEpochs; epoch++) {
      for (let u = 0; u < nUsers; u++) {
        const start = indptr[u];
        const end = indptr[u + 1];
        if (end === start) continue;
        const nU = end - start;
        const sqrtN = Math.sqrt(nU);
        sum0.fill(0);
        shift.fill(0);
        let scale = 1; // A
        for (let e = start; e < end; e++) {
          const off = indices[e] * f;
          for (let k = 0; k < f; k++) sum0[k] += yj[off + k];
        }
        const pOff = u * f;
        for (let e = start; e < end; e++) {
          const i = indices[e];
          const qOff = i * f;
          let dot = 0;
          for (let k = 0; k < f; k++) {
            z[k] = (scale * sum0[k] + nU * shift[k]) / sqrtN;
            dot += qi[qOff + k] * (pu[pOff + k] + z[k]);
          }
          const err = values[e] - (mu + bu[u] + bi[i] + dot);
          bu[u] += lrBu * (err - regBu * bu[u]);
          bi[i] += lrBi * (err - regBi * bi[i]);
          const step = (lrYj * err) / sqrtN;
          for (let k = 0; k < f; k++) {
            const puf = pu[pOff + k];
            const qif = qi[qOff + k];
            pu[pOff + k] += lrPu * (err * qif - regPu * puf);
            qi[qOff + k] += lrQi * (err * (puf + z[k]) - regQi * qif);
            shift[k] = decay * shift[k] + step * qif;
          }
          scale *= decay;
        }
        for (let e = start; e < end; e++) {
          const off = indices[e] * f;
          for (let k = 0; k < f; k++) yj[off + k] = scale * yj[off + k] + shift[k];
        }
      }
    }
    // Serving vectors p_u + z_u with the final y.
    const served = pu;
    for (let u = 0; u < nUsers; u++) {
      const nU = indptr[u + 1] - indptr[u];
      if (nU === 0) continue;
      const inv = 1 / Math.sqrt(nU);
      for (let e = indptr[u]; e < indptr[u + 1]; e++) {
        const off = indices[e] * f;
        for (let k = 0; k < f; k++) served[u * f + k] += yj[off + k] * inv;
      }
    }
    this.foldInParams = { reg: regPu };
    this.setFactors(train, { nFactors: f, globalMean: mu, userFactors: served, itemFactors: qi, userBias: bu, itemBias: bi, biased: true, implicitItemFactors: yj });
    return this;
  }

  /** The explicit user factors p_u ([nUsers, nFactors]): the serving vectors minus |I_u|^−½ Σ_{j∈I_u} y_j. */
  userExplicitFactors(): Float64Array {
    const s = this.factors;
    const train = this.trainData;
    const f = s.nFactors;
    const out = s.userFactors.slice();
    for (let u = 0; u < train.nUsers; u++) {
      const z = this.implicitSum(train.indices.subarray(train.indptr[u], train.indptr[u + 1]));
      for (let k = 0; k < f; k++) out[u * f + k] -= z[k];
    }
    return out;
  }

  /** The implicit item factors y_j ([nItems, nFactors]; a view). */
  get implicitItemFactors(): Float64Array {
    return this.factors.implicitItemFactors as Float64Array;
  }
}
