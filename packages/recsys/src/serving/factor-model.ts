/**
 * Shared state and serving of the factor models (Svd, Svdpp, ImplicitAls, Bpr):
 * score(u, i) = μ + b_u + b_i + p_u·q_i (terms a model lacks are 0), top-n, cosine-similar items and
 * users on the factors, fold-in of a new user, and JSON / safetensors persistence.
 */
import { readSafetensors, writeSafetensors } from '@ml/core';
import { checkInt } from '../common/checks.js';
import { solveSpd } from '../common/solve-spd.js';
import { topN } from '../common/top-n.js';
import { IdMap, type RawId } from '../data/id-map.js';
import { InteractionMatrix, type InteractionKind } from '../data/interaction-matrix.js';
import { Recommender, type Recommendation, type RecommendOptions } from './recommender.js';

/** The fitted parameters of a factor model. */
export interface FactorState {
  nFactors: number;
  globalMean: number;
  /** [nUsers, nFactors] row-major. */
  userFactors: Float64Array;
  /** [nItems, nFactors] row-major. */
  itemFactors: Float64Array;
  userBias: Float64Array;
  itemBias: Float64Array;
  /** Whether μ and the biases take part in scores. */
  biased: boolean;
  /**
   * SVD++'s implicit item factors y_j ([nItems, nFactors]); then `userFactors` hold the serving vectors
   * p_u + |N(u)|^−½ Σ_{j∈N(u)} y_j and fold-in adds that sum for the new user's items.
   */
  implicitItemFactors?: Float64Array;
}

/** The versioned JSON written by `toJSON`. */
export interface FactorModelJSON {
  format: 'ml-recsys-factor-model';
  version: 1;
  model: string;
  nFactors: number;
  globalMean: number;
  biased: boolean;
  kind: InteractionKind;
  ratingScale: [number, number];
  userIds: RawId[];
  itemIds: RawId[];
  /** The training interactions (CSR), so `excludeSeen` works after loading. */
  train: { indptr: number[]; indices: number[]; values: number[] };
  userFactors: number[];
  itemFactors: number[];
  userBias: number[];
  itemBias: number[];
  /** Present for SVD++. */
  implicitItemFactors?: number[];
  /** Hyper-parameters of fold-in (e.g. `reg`). */
  foldIn?: Record<string, number>;
}

export abstract class FactorModel extends Recommender {
  /** Whether predictions are clipped to the rating scale (explicit-rating models). */
  protected abstract readonly clip: boolean;
  protected state: FactorState | undefined;
  private itemCount: Int32Array = new Int32Array(0);
  /**
   * Hyper-parameters fold-in needs (`reg` of the default ridge fold-in; model-specific ones), set by
   * `fit` and saved with the model so a loaded model folds in exactly as the fitted one.
   */
  protected foldInParams: Record<string, number> = {};

  protected setFactors(train: InteractionMatrix, state: FactorState): void {
    this.state = state;
    this.itemCount = train.itemCounts();
    this.fittedOn = train;
  }

  /** The fitted factors and biases (views, not copies). */
  get factors(): FactorState {
    void this.trainData;
    return this.state as FactorState;
  }

  predict(user: number, item: number): number {
    this.checkPair('predict', user, item);
    const s = this.factors;
    const train = this.trainData;
    const knowsU = train.indptr[user + 1] > train.indptr[user];
    const knowsI = this.itemCount[item] > 0;
    let est: number;
    if (s.biased) {
      est = s.globalMean + (knowsU ? s.userBias[user] : 0) + (knowsI ? s.itemBias[item] : 0);
      if (knowsU && knowsI) est += dot(s.userFactors, user, s.itemFactors, item, s.nFactors);
    } else est = knowsU && knowsI ? dot(s.userFactors, user, s.itemFactors, item, s.nFactors) : train.globalMean();
    if (!this.clip) return est;
    const [lo, hi] = train.ratingScale;
    return est < lo ? lo : est > hi ? hi : est;
  }

  scoreItems(user: number, out = new Float64Array(this.trainData.nItems)): Float64Array {
    this.checkPair('scoreItems', user, 0);
    const s = this.factors;
    const vector = s.userFactors.subarray(user * s.nFactors, (user + 1) * s.nFactors);
    const bias = s.biased ? s.globalMean + s.userBias[user] : 0;
    return this.scoreVector(vector, bias, out);
  }

  /** Scores of every item for a user given as a factor vector and bias (unclipped; ranks identically). */
  protected scoreVector(vector: Float64Array, bias: number, out: Float64Array): Float64Array {
    const s = this.factors;
    const f = s.nFactors;
    for (let i = 0; i < out.length; i++) {
      let d = s.biased ? bias + s.itemBias[i] : 0;
      const off = i * f;
      for (let k = 0; k < f; k++) d += vector[k] * s.itemFactors[off + k];
      out[i] = d;
    }
    return out;
  }

  /** The `n` items whose factors have the highest cosine similarity with item `item`'s (itself excluded). */
  similarItems(item: RawId, n = 10): Recommendation[] {
    const train = this.trainData;
    return this.similar(this.factors.itemFactors, train.itemIndex(item), n, train.items, 'similarItems');
  }

  /** The `n` users whose factors have the highest cosine similarity with user `user`'s (itself excluded). */
  similarUsers(user: RawId, n = 10): Recommendation[] {
    const train = this.trainData;
    return this.similar(this.factors.userFactors, train.userIndex(user), n, train.users, 'similarUsers');
  }

  private similar(m: Float64Array, x: number, n: number, ids: IdMap, where: string): Recommendation[] {
    checkInt(`${this.modelName}.${where}`, 'n', n, 1);
    const f = this.factors.nFactors;
    const rows = m.length / f;
    const norm = (r: number): number => Math.sqrt(dot(m, r, m, r, f));
    const nx = norm(x);
    const scores = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const d = nx * norm(r);
      scores[r] = d === 0 ? 0 : dot(m, x, m, r, f) / d;
    }
    const top = topN(scores, n, (r) => r === x);
    return Array.from(top.indices, (index, k) => ({ item: ids.id(index), index, score: top.scores[k] }));
  }

  /**
   * Factors (and bias) of a user not in the training data, from their interactions with known
   * items, the item parameters held fixed. Default (explicit models): ridge least squares
   * min Σ (r − μ − b_i − b − q_i·p)² + reg(b² + |p|²) solved exactly (Cholesky), reg = the model's
   * user regularisation. ImplicitAls overrides this with its own closed-form solve.
   */
  foldInUser(interactions: Iterable<{ item: RawId; value?: number }>): { factors: Float64Array; bias: number } {
    const { items, values } = this.resolveInteractions(interactions);
    const s = this.factors;
    const f = s.nFactors;
    const d = s.biased ? f + 1 : f; // unknowns: [p (f), b]
    const z = this.implicitSum(items);
    const a = new Float64Array(d * d);
    const rhs = new Float64Array(d);
    const row = new Float64Array(d);
    for (let t = 0; t < items.length; t++) {
      const i = items[t];
      for (let k = 0; k < f; k++) row[k] = s.itemFactors[i * f + k];
      if (s.biased) row[f] = 1;
      let target = values[t] - (s.biased ? s.globalMean + s.itemBias[i] : 0);
      for (let k = 0; k < f; k++) target -= row[k] * z[k];
      for (let p = 0; p < d; p++) {
        rhs[p] += row[p] * target;
        for (let q = 0; q < d; q++) a[p * d + q] += row[p] * row[q];
      }
    }
    for (let p = 0; p < d; p++) a[p * d + p] += Math.max(this.foldInParams.reg ?? 0.02, 1e-9);
    const x = solveSpd(a, rhs, d);
    const factors = x.slice(0, f);
    for (let k = 0; k < f; k++) factors[k] += z[k];
    return { factors, bias: s.biased ? x[f] : 0 };
  }

  /** |N|^−½ Σ_{j∈N} y_j over the given items (zeros unless the model has implicit item factors). */
  protected implicitSum(items: Int32Array): Float64Array {
    const s = this.factors;
    const f = s.nFactors;
    const z = new Float64Array(f);
    const y = s.implicitItemFactors;
    if (y === undefined || items.length === 0) return z;
    const scale = 1 / Math.sqrt(items.length);
    for (const j of items) for (let k = 0; k < f; k++) z[k] += y[j * f + k] * scale;
    return z;
  }

  /** Top-`n` items for a new user given by their interactions (folded in; their items excluded). */
  recommendForInteractions(interactions: Iterable<{ item: RawId; value?: number }>, n = 10, options: Pick<RecommendOptions, 'filter'> = {}): Recommendation[] {
    const train = this.trainData;
    const { items } = this.resolveInteractions(interactions);
    const { factors, bias } = this.foldInUser(interactions);
    const scores = this.scoreVector(factors, this.factors.biased ? this.factors.globalMean + bias : 0, new Float64Array(train.nItems));
    for (const i of items) scores[i] = -Infinity;
    const filter = options.filter;
    const top = topN(scores, checkInt(`${this.modelName}.recommendForInteractions`, 'n', n, 1), filter && ((i) => !filter(train.items.id(i), i)));
    return Array.from(top.indices, (index, k) => ({ item: train.items.id(index), index, score: top.scores[k] }));
  }

  protected resolveInteractions(interactions: Iterable<{ item: RawId; value?: number }>): { items: Int32Array; values: Float64Array } {
    const train = this.trainData;
    const list = [...interactions];
    if (list.length === 0) throw new RangeError(`${this.modelName}.foldInUser: 'interactions' must hold at least one interaction; received 0`);
    const items = new Int32Array(list.length);
    const values = new Float64Array(list.length);
    list.forEach((r, t) => {
      items[t] = train.itemIndex(r.item);
      const v = r.value ?? (train.kind === 'implicit' ? 1 : Number.NaN);
      if (!Number.isFinite(v)) throw new RangeError(`${this.modelName}.foldInUser: 'value' of interaction #${t} must be a finite number; received ${String(r.value)}`);
      values[t] = v;
    });
    return { items, values };
  }

  /** The model as versioned JSON (factors, biases, ids and training interactions). */
  toJSON(): FactorModelJSON {
    const s = this.factors;
    const t = this.trainData;
    return {
      format: 'ml-recsys-factor-model',
      version: 1,
      model: this.modelName,
      nFactors: s.nFactors,
      globalMean: s.globalMean,
      biased: s.biased,
      kind: t.kind,
      ratingScale: [t.ratingScale[0], t.ratingScale[1]],
      userIds: t.users.toArray(),
      itemIds: t.items.toArray(),
      train: { indptr: Array.from(t.indptr), indices: Array.from(t.indices), values: Array.from(t.values) },
      userFactors: Array.from(s.userFactors),
      itemFactors: Array.from(s.itemFactors),
      userBias: Array.from(s.userBias),
      itemBias: Array.from(s.itemBias),
      ...(s.implicitItemFactors === undefined ? {} : { implicitItemFactors: Array.from(s.implicitItemFactors) }),
      foldIn: { ...this.foldInParams },
    };
  }

  /** Restores a model written by `toJSON` (call on the same class: `Svd.fromJSON(json)`). */
  static fromJSON<T extends FactorModel>(this: new () => T, json: FactorModelJSON): T {
    const model = new this();
    if (json?.format !== 'ml-recsys-factor-model' || json.version !== 1) {
      throw new RangeError(`fromJSON: 'json' must be an ml-recsys-factor-model version 1; received format ${JSON.stringify(json?.format)} version ${JSON.stringify(json?.version)}`);
    }
    if (json.model !== model.modelName) throw new RangeError(`${model.modelName}.fromJSON: 'json.model' must be '${model.modelName}'; received '${json.model}'`);
    if (json.foldIn !== undefined) model.foldInParams = { ...json.foldIn };
    const train = new InteractionMatrix(
      { indptr: Int32Array.from(json.train.indptr), indices: Int32Array.from(json.train.indices), values: Float64Array.from(json.train.values), timestamps: null },
      IdMap.fromIds(json.userIds),
      IdMap.fromIds(json.itemIds),
      json.kind,
      json.ratingScale,
    );
    model.setFactors(train, {
      nFactors: json.nFactors,
      globalMean: json.globalMean,
      biased: json.biased,
      userFactors: Float64Array.from(json.userFactors),
      itemFactors: Float64Array.from(json.itemFactors),
      userBias: Float64Array.from(json.userBias),
      itemBias: Float64Array.from(json.itemBias),
      ...(json.implicitItemFactors === undefined ? {} : { implicitItemFactors: Float64Array.from(json.implicitItemFactors) }),
    });
    return model;
  }

  /** The model as safetensors bytes: factor and bias tensors (F64), training CSR, the rest in `__metadata__`. */
  toSafetensors(): Uint8Array {
    const j = this.toJSON();
    const s = this.factors;
    const t = this.trainData;
    const meta = { ...j, train: undefined, userFactors: undefined, itemFactors: undefined, userBias: undefined, itemBias: undefined, implicitItemFactors: undefined };
    return writeSafetensors(
      {
        user_factors: { shape: [t.nUsers, s.nFactors], data: s.userFactors },
        item_factors: { shape: [t.nItems, s.nFactors], data: s.itemFactors },
        user_bias: { shape: [t.nUsers], data: s.userBias },
        item_bias: { shape: [t.nItems], data: s.itemBias },
        train_indptr: { shape: [t.nUsers + 1], data: t.indptr },
        train_indices: { shape: [t.nnz], data: t.indices },
        train_values: { shape: [t.nnz], data: t.values },
        ...(s.implicitItemFactors === undefined ? {} : { implicit_item_factors: { shape: [t.nItems, s.nFactors], data: s.implicitItemFactors } }),
      },
      { format: 'ml-recsys-factor-model', config: JSON.stringify(meta) },
    );
  }

  /** Restores a model written by `toSafetensors`. */
  static fromSafetensors<T extends FactorModel>(this: new () => T, bytes: Uint8Array): T {
    const file = readSafetensors(bytes);
    const config = file.metadata.config;
    if (file.metadata.format !== 'ml-recsys-factor-model' || config === undefined) {
      throw new RangeError(`fromSafetensors: 'bytes' must hold an ml-recsys-factor-model; received metadata format ${JSON.stringify(file.metadata.format)}`);
    }
    const get = (name: string): number[] => {
      const tensor = file.tensors.get(name);
      if (tensor === undefined) throw new RangeError(`fromSafetensors: tensor '${name}' is missing`);
      return Array.from(tensor.data);
    };
    const json = {
      ...(JSON.parse(config) as FactorModelJSON),
      train: { indptr: get('train_indptr'), indices: get('train_indices'), values: get('train_values') },
      userFactors: get('user_factors'),
      itemFactors: get('item_factors'),
      userBias: get('user_bias'),
      itemBias: get('item_bias'),
      ...(file.tensors.has('implicit_item_factors') ? { implicitItemFactors: get('implicit_item_factors') } : {}),
    };
    return (this as unknown as { fromJSON(j: FactorModelJSON): T }).fromJSON(json);
  }
}

function dot(a: Float64Array, ra: number, b: Float64Array, rb: number, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += a[ra * f + k] * b[rb * f + k];
  return s;
}
