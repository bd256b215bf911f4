/**
 * Biased matrix factorisation trained by SGD, as Surprise's `SVD` (`matrix_factorization.pyx`;
 * Funk 2006, Koren, Bell and Volinsky, "Matrix factorization techniques for recommender systems",
 * IEEE Computer 2009): r̂_ui = μ + b_u + b_i + q_i·p_u. Factors start N(initMean, initStdDev²),
 * p (users) drawn before q (items), from the seeded `Rng`; biases start at 0. Each epoch visits the
 * ratings in storage order (user by user, items ascending; no shuffling, like Surprise) and does
 *   e = r − r̂; b_u += lr_bu(e − reg_bu·b_u); b_i += lr_bi(e − reg_bi·b_i);
 *   p_uf += lr_pu(e·q_if − reg_pu·p_uf); q_if += lr_qi(e·p_uf(old) − reg_qi·q_if).
 * Unknown user or item: its terms are dropped (μ alone when both unknown); clipped to the scale.
 */
import { Rng } from '@ml/core';
import { checkBoolean, checkInt, checkKnownKeys, checkNumber, checkSeed } from '../common/checks.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import { FactorModel } from '../serving/factor-model.js';

/** Options of `Svd` (Surprise's names in camelCase). */
export interface SvdOptions {
  /** @default 100 */
  nFactors?: number;
  /** @default 20 */
  nEpochs?: number;
  /** Use μ and the biases (false: r̂ = q_i·p_u). @default true */
  biased?: boolean;
  /** @default 0 */
  initMean?: number;
  /** @default 0.1 */
  initStdDev?: number;
  /** Learning rate of every parameter unless overridden below. @default 0.005 */
  lrAll?: number;
  /** Regularisation of every parameter unless overridden below. @default 0.02 */
  regAll?: number;
  lrBu?: number;
  lrBi?: number;
  lrPu?: number;
  lrQi?: number;
  regBu?: number;
  regBi?: number;
  regPu?: number;
  regQi?: number;
  /** @default 0 */
  seed?: number;
}

/** Surprise's defaults for SVD. */
export const SVD_DEFAULTS = { nFactors: 100, nEpochs: 20, biased: true, initMean: 0, initStdDev: 0.1, lrAll: 0.005, regAll: 0.02, seed: 0 } as const;

const KEYS = [...Object.keys(SVD_DEFAULTS), 'lrBu', 'lrBi', 'lrPu', 'lrQi', 'regBu', 'regBi', 'regPu', 'regQi'];

export class Svd extends FactorModel {
  protected readonly modelName = 'Svd';
  protected readonly clip = true;

  constructor(readonly options: SvdOptions = {}) {
    super();
  }

  fit(train: InteractionMatrix): this {
    const where = 'Svd.fit';
    const o = this.options;
    checkKnownKeys(where, o, KEYS);
    const f = checkInt(where, 'nFactors', o.nFactors ?? SVD_DEFAULTS.nFactors, 1);
    const nEpochs = checkInt(where, 'nEpochs', o.nEpochs ?? SVD_DEFAULTS.nEpochs, 0);
    const biased = checkBoolean(where, 'biased', o.biased ?? SVD_DEFAULTS.biased);
    const initMean = checkNumber(where, 'initMean', o.initMean ?? SVD_DEFAULTS.initMean);
    const initStd = checkNumber(where, 'initStdDev', o.initStdDev ?? SVD_DEFAULTS.initStdDev, 0);
    const lrAll = checkNumber(where, 'lrAll', o.lrAll ?? SVD_DEFAULTS.lrAll, 0);
    const regAll = checkNumber(where, 'regAll', o.regAll ?? SVD_DEFAULTS.regAll, 0);
    const lr = (name: 'lrBu' | 'lrBi' | 'lrPu' | 'lrQi'): number => checkNumber(where, name, o[name] ?? lrAll, 0);
    const reg = (name: 'regBu' | 'regBi' | 'regPu' | 'regQi'): number => checkNumber(where, name, o[name] ?? regAll, 0);
    const [lrBu, lrBi, lrPu, lrQi] = [lr('lrBu'), lr('lrBi'), lr('lrPu'), lr('lrQi')];
    const [regBu, regBi, regPu, regQi] = [reg('regBu'), reg('regBi'), reg('regPu'), reg('regQi')];
    const rng = new Rng(checkSeed(where, o.seed ?? SVD_DEFAULTS.seed));
    this.fittedOn = undefined;
    const pu = rng.fillNormal(new Float64Array(train.nUsers * f), initMean, initStd); // [nUsers, f]
    const qi = rng.fillNormal(new Float64Array(train.nItems * f), initMean, initStd); // [nItems, f]
    const bu = new Float64Array(train.nUsers);
    const bi = new Float64Array(train.nItems);
    const mu = biased ? train.globalMean() : 0;
    const { indptr, indices, values } = train;
    for (let epoch = 0; epoch < nEpochs; epoch++) {
      for (let u = 0; u < train.nUsers; u++) {
        const pOff = u * f;
        for (let e = indptr[u]; e < indptr[u + 1]; e++) {
          const i = indices[e];
          const qOff = i * f;
          let dot = 0;
          for (let k = 0; k < f; k++) dot += qi[qOff + k] * pu[pOff + k];
          const err = values[e] - (mu + bu[u] + bi[i] + dot);
          if (biased) {
            bu[u] += lrBu * (err - regBu * bu[u]);
            bi[i] += lrBi * (err - regBi * bi[i]);
          }
          for (let k = 0; k < f; k++) {
            const puf = pu[pOff + k];
            const qif = qi[qOff + k];
            pu[pOff + k] += lrPu * (err * qif - regPu * puf);
            qi[qOff + k] += lrQi * (err * puf - regQi * qif);
          }
        }
      }
    }
    this.foldInParams = { reg: regPu };
    this.setFactors(train, { nFactors: f, globalMean: mu, userFactors: pu, itemFactors: qi, userBias: bu, itemBias: bi, biased });
    return this;
  }
}
