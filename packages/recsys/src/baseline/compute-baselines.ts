/**
 * Baseline estimates b_ui = μ + b_u + b_i, fitted as Surprise's `baseline_only.pyx` does
 * (Koren, "Factor in the neighbors: scalable and accurate collaborative filtering", TKDD 2010, §2.1):
 *
 * - ALS, `n_epochs` rounds of: b_i = Σ_{u∈U_i} (r_ui − μ − b_u) / (reg_i + |U_i|) for every item,
 *   then b_u = Σ_{i∈I_u} (r_ui − μ − b_i) / (reg_u + |I_u|) for every user;
 * - SGD, `n_epochs` passes over the ratings in storage order (user by user, items ascending):
 *   e = r_ui − (μ + b_u + b_i); b_u += lr·(e − reg·b_u); b_i += lr·(e − reg·b_i).
 */
import { checkInt, checkKnownKeys, checkNumber, checkOneOf } from '../common/checks.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';

/** How the baselines are fitted (Surprise's `bsl_options`). */
export interface BaselineOptions {
  /** @default 'als' */
  method?: 'als' | 'sgd';
  /** Passes (Surprise's `n_epochs`). @default 10 for 'als', 20 for 'sgd' */
  nEpochs?: number;
  /** ALS item regularisation (`reg_i`). @default 10 */
  regI?: number;
  /** ALS user regularisation (`reg_u`). @default 15 */
  regU?: number;
  /** SGD regularisation (`reg`). @default 0.02 */
  reg?: number;
  /** SGD learning rate (`learning_rate`). @default 0.005 */
  lr?: number;
}

/** Surprise's defaults for the baselines. */
export const BASELINE_DEFAULTS = { method: 'als', regI: 10, regU: 15, reg: 0.02, lr: 0.005 } as const;

/** Fitted baselines. */
export interface Baselines {
  globalMean: number;
  /** User biases b_u, length nUsers. */
  bu: Float64Array;
  /** Item biases b_i, length nItems. */
  bi: Float64Array;
}

/** Validates baseline options (all optional) and fills in the defaults. */
export function resolveBaselineOptions(where: string, options: BaselineOptions): Required<BaselineOptions> {
  checkKnownKeys(where, options, ['method', 'nEpochs', 'regI', 'regU', 'reg', 'lr']);
  const method = checkOneOf(where, 'method', options.method ?? BASELINE_DEFAULTS.method, ['als', 'sgd'] as const);
  return {
    method,
    nEpochs: checkInt(where, 'nEpochs', options.nEpochs ?? (method === 'als' ? 10 : 20), 0),
    regI: checkNumber(where, 'regI', options.regI ?? BASELINE_DEFAULTS.regI, 0),
    regU: checkNumber(where, 'regU', options.regU ?? BASELINE_DEFAULTS.regU, 0),
    reg: checkNumber(where, 'reg', options.reg ?? BASELINE_DEFAULTS.reg, 0),
    lr: checkNumber(where, 'lr', options.lr ?? BASELINE_DEFAULTS.lr, 0, true),
  };
}

/** Fits the user and item biases of `train`. */
export function computeBaselines(train: InteractionMatrix, options: BaselineOptions = {}): Baselines {
  const o = resolveBaselineOptions('computeBaselines', options);
  const mu = train.globalMean();
  const bu = new Float64Array(train.nUsers);
  const bi = new Float64Array(train.nItems);
  const { indptr, indices, values } = train;
  if (o.method === 'als') {
    const csc = train.csc();
    for (let epoch = 0; epoch < o.nEpochs; epoch++) {
      for (let i = 0; i < train.nItems; i++) {
        let dev = 0;
        for (let k = csc.indptr[i]; k < csc.indptr[i + 1]; k++) dev += csc.values[k] - mu - bu[csc.indices[k]];
        const count = csc.indptr[i + 1] - csc.indptr[i];
        bi[i] = count === 0 ? 0 : dev / (o.regI + count);
      }
      for (let u = 0; u < train.nUsers; u++) {
        let dev = 0;
        for (let e = indptr[u]; e < indptr[u + 1]; e++) dev += values[e] - mu - bi[indices[e]];
        const count = indptr[u + 1] - indptr[u];
        bu[u] = count === 0 ? 0 : dev / (o.regU + count);
      }
    }
  } else {
    for (let epoch = 0; epoch < o.nEpochs; epoch++) {
      for (let u = 0; u < train.nUsers; u++) {
        for (let e = indptr[u]; e < indptr[u + 1]; e++) {
          const i = indices[e];
          const err = values[e] - (mu + bu[u] + bi[i]);
          bu[u] += o.lr * (err - o.reg * bu[u]);
          bi[i] += o.lr * (err - o.reg * bi[i]);
        }
      }
    }
  }
  return { globalMean: mu, bu, bi };
}
