/**
 * The serving surface shared by every model: per-user top-n (bounded heap, never a full sort),
 * batch top-n for all users, and predictions for held-out entries.
 */
import { checkBoolean, checkInt, checkKnownKeys } from '../common/checks.js';
import { NotFittedError } from '../common/not-fitted-error.js';
import { topN, type TopN } from '../common/top-n.js';
import type { RawId } from '../data/id-map.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';

/** Options of `recommend` / `recommendAll`. */
export interface RecommendOptions {
  /** Leave out items the user interacted with in the training data. @default true */
  excludeSeen?: boolean;
  /** Keep only items for which this returns true (e.g. in stock, allowed for the user's region). @default undefined (all items) */
  filter?: (item: RawId, index: number) => boolean;
}

/** One recommended item. */
export interface Recommendation {
  item: RawId;
  /** The item's index in the training matrix. */
  index: number;
  score: number;
}

/** Top-n lists of every user, row-major `[nUsers, n]`. */
export interface BatchRecommendations {
  n: number;
  /** Item indices, best first; −1 pads rows with fewer than n candidates. */
  items: Int32Array;
  /** Scores, same layout; NaN where `items` is −1. */
  scores: Float64Array;
}

export abstract class Recommender {
  protected fittedOn: InteractionMatrix | undefined;
  /** The class name used in error messages. */
  protected abstract readonly modelName: string;

  /** The training matrix (throws `NotFittedError` before `fit`). */
  get trainData(): InteractionMatrix {
    if (this.fittedOn === undefined) throw new NotFittedError(this.modelName);
    return this.fittedOn;
  }

  /** Fits the model on users × items interactions; returns `this`. */
  abstract fit(train: InteractionMatrix): this;

  /** The model's score of `item` for `user` (indices): a clipped rating for explicit models. */
  abstract predict(user: number, item: number): number;

  /** Scores of every item for user index `user`, written into `out` (length nItems) and returned. Higher ranks first. */
  abstract scoreItems(user: number, out?: Float64Array): Float64Array;

  /** Predictions for each entry of `test` (a matrix over the same ids, e.g. from a split), in its CSR order. */
  predictEntries(test: InteractionMatrix): Float64Array {
    const train = this.trainData;
    if (test.nUsers > train.nUsers || test.nItems > train.nItems) {
      throw new RangeError(`${this.modelName}.predictEntries: 'test' must index the training users and items; received ${test.nUsers} users × ${test.nItems} items for ${train.nUsers} × ${train.nItems}`);
    }
    const out = new Float64Array(test.nnz);
    for (let u = 0; u < test.nUsers; u++) {
      for (let e = test.indptr[u]; e < test.indptr[u + 1]; e++) out[e] = this.predict(u, test.indices[e]);
    }
    return out;
  }

  /** Checks that `user` / `item` are indices of the training matrix. */
  protected checkPair(where: string, user: number, item: number): void {
    const train = this.trainData;
    if (!Number.isInteger(user) || user < 0 || user >= train.nUsers) {
      throw new RangeError(`${this.modelName}.${where}: 'user' must be an index in [0, ${train.nUsers - 1}]; received ${String(user)}`);
    }
    if (!Number.isInteger(item) || item < 0 || item >= train.nItems) {
      throw new RangeError(`${this.modelName}.${where}: 'item' must be an index in [0, ${train.nItems - 1}]; received ${String(item)}`);
    }
  }

  /** Top-`n` items for the user with raw id `user` (throws naming the id when unknown). */
  recommend(user: RawId, n = 10, options: RecommendOptions = {}): Recommendation[] {
    const train = this.trainData;
    const u = train.userIndex(user);
    const top = this.recommendIndex(u, n, options);
    return Array.from(top.indices, (index, k) => ({ item: train.items.id(index), index, score: top.scores[k] }));
  }

  /** Top-`n` item indices and scores for user index `user`. */
  recommendIndex(user: number, n = 10, options: RecommendOptions = {}, scratch?: Float64Array): TopN {
    const where = `${this.modelName}.recommend`;
    checkKnownKeys(where, options, ['excludeSeen', 'filter']);
    checkInt(where, 'n', n, 1);
    const excludeSeen = checkBoolean(where, 'excludeSeen', options.excludeSeen ?? true);
    const filter = options.filter;
    if (filter !== undefined && typeof filter !== 'function') throw new TypeError(`${where}: 'filter' must be a function; received ${typeof filter}`);
    const train = this.trainData;
    this.checkPair('recommend', user, 0);
    const scores = this.scoreItems(user, scratch);
    if (excludeSeen) for (let e = train.indptr[user]; e < train.indptr[user + 1]; e++) scores[train.indices[e]] = -Infinity;
    const skip = filter === undefined ? undefined : (i: number): boolean => !filter(train.items.id(i), i);
    return topN(scores, n, skip);
  }

  /** Top-`n` lists for every user (one scratch score buffer, a bounded heap per user). */
  recommendAll(n = 10, options: RecommendOptions = {}): BatchRecommendations {
    const train = this.trainData;
    const items = new Int32Array(train.nUsers * n).fill(-1);
    const scores = new Float64Array(train.nUsers * n).fill(Number.NaN);
    const scratch = new Float64Array(train.nItems);
    for (let u = 0; u < train.nUsers; u++) {
      const top = this.recommendIndex(u, n, options, scratch);
      items.set(top.indices, u * n);
      scores.set(top.scores, u * n);
    }
    return { n, items, scores };
  }
}
