/**
 * Neighbourhood collaborative filtering with Surprise's prediction rules (`surprise/prediction_algorithms/knns.py`).
 * For a target (x, y) — (user, item) when user-based, (item, user) when item-based — the neighbours
 * are the k most similar x' that rated y, taken from x's stored similarity list; only similarities
 * > 0 count (actual_k of them):
 * - KnnBasic: r̂ = Σ sim·r_x'y / Σ sim; impossible (→ global mean) when actual_k < minK
 * - KnnWithMeans: r̂ = μ_x + Σ sim·(r_x'y − μ_x') / Σ sim (the sum taken as 0 when actual_k < minK)
 * - KnnBaseline: r̂ = b_xy + Σ sim·(r_x'y − b_x'y) / Σ sim (0 when actual_k < minK)
 * A user or item without training ratings makes the prediction impossible: the global mean
 * (KnnBasic, KnnWithMeans) or the baseline with the unknown parts dropped (KnnBaseline). Results are
 * clipped to the training matrix's rating scale. They equal Surprise's when `storedNeighbors` is at
 * least the number of positive similarities of each row (pass Infinity to keep them all); x is never
 * its own neighbour (Surprise counts it, with similarity 1, only when predicting a training pair).
 */
import { computeBaselines, type BaselineOptions, type Baselines } from '../baseline/compute-baselines.js';
import { checkBoolean, checkInt, checkKnownKeys, checkNumber, checkOneOf } from '../common/checks.js';
import type { TopN } from '../common/top-n.js';
import type { RawId } from '../data/id-map.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import { Recommender } from '../serving/recommender.js';
import { computeSimilarities, orientBaselines, type SimilarityLists, type SimilarityName } from './compute-similarities.js';

/** Options of KnnBasic, KnnWithMeans and KnnBaseline (Surprise's `k`, `min_k` and `sim_options`). */
export interface KnnOptions {
  /** Maximum neighbours per prediction (`k`). @default 40 */
  k?: number;
  /** Fewest neighbours with similarity > 0 for the neighbourhood term (`min_k`). @default 1 */
  minK?: number;
  /** Compare users (true) or items (false) (`user_based`). @default true */
  userBased?: boolean;
  /** Similarity measure (`name`: 'cosine', 'msd', 'pearson', 'pearson_baseline'; plus adjusted cosine). @default 'msd' */
  similarity?: SimilarityName;
  /** Fewest common ratings for a non-zero similarity (`min_support`). @default 1 */
  minSupport?: number;
  /** pearsonBaseline shrinkage (`shrinkage`). @default 100 */
  shrinkage?: number;
  /**
   * Similarities kept per row (the top ones by value). 'k' keeps k: memory O(rows · k) and batch
   * top-n by sparse accumulation; Infinity keeps every positive similarity (Surprise's exact
   * neighbourhoods, memory up to rows²). @default 'k'
   */
  storedNeighbors?: number | 'k';
  /** How baselines are fitted for KnnBaseline and pearsonBaseline (`bsl_options`). @default { method: 'als' } */
  baseline?: BaselineOptions;
}

/** Defaults of the kNN models (Surprise's). */
export const KNN_DEFAULTS = {
  k: 40,
  minK: 1,
  userBased: true,
  similarity: 'msd',
  minSupport: 1,
  shrinkage: 100,
  storedNeighbors: 'k',
  baseline: {},
} as const satisfies Required<KnnOptions>;

type Mode = 'basic' | 'means' | 'baseline';

export abstract class KnnBase extends Recommender {
  protected abstract readonly mode: Mode;
  private sims: SimilarityLists | undefined;
  private means = new Float64Array(0);
  private baselines: Baselines | undefined;
  private resolved = { k: 40, minK: 1, userBased: true, similarity: 'msd' as SimilarityName, minSupport: 1, shrinkage: 100, storedNeighbors: 40 };
  private reverse: SimilarityLists | undefined;
  /** Per-item neighbourhood sums of scoreItems, interleaved [count, Σsim, Σsim·(r − offset), unused] for locality. */
  private acc = new Float64Array(0);
  private ratingOf = new Float64Array(0);
  private mu = 0;
  private itemCount: Int32Array = new Int32Array(0);
  private oriented: { globalMean: number; bx: Float64Array; by: Float64Array } = { globalMean: 0, bx: new Float64Array(0), by: new Float64Array(0) };

  constructor(readonly options: KnnOptions = {}) {
    super();
  }

  fit(train: InteractionMatrix): this {
    const where = `${this.modelName}.fit`;
    const o = this.options;
    checkKnownKeys(where, o, Object.keys(KNN_DEFAULTS));
    const k = checkInt(where, 'k', o.k ?? KNN_DEFAULTS.k, 1);
    const stored = o.storedNeighbors ?? KNN_DEFAULTS.storedNeighbors;
    const storedNeighbors = stored === 'k' ? k : stored === Infinity ? Infinity : checkInt(where, 'storedNeighbors', stored, 1);
    const r = {
      k,
      minK: checkInt(where, 'minK', o.minK ?? KNN_DEFAULTS.minK, 0),
      userBased: checkBoolean(where, 'userBased', o.userBased ?? KNN_DEFAULTS.userBased),
      similarity: checkOneOf(where, 'similarity', o.similarity ?? KNN_DEFAULTS.similarity, ['cosine', 'msd', 'pearson', 'pearsonBaseline', 'adjustedCosine'] as const),
      minSupport: checkInt(where, 'minSupport', o.minSupport ?? KNN_DEFAULTS.minSupport, 0),
      shrinkage: checkNumber(where, 'shrinkage', o.shrinkage ?? KNN_DEFAULTS.shrinkage, 0),
      storedNeighbors,
    };
    this.fittedOn = undefined;
    const needBaselines = this.mode === 'baseline' || r.similarity === 'pearsonBaseline';
    this.baselines = needBaselines ? computeBaselines(train, o.baseline ?? {}) : undefined;
    const csc = train.csc();
    const userCsr = { indptr: train.indptr, indices: train.indices, values: train.values };
    const itemCsr = { indptr: csc.indptr, indices: csc.indices, values: csc.values };
    const rows = r.userBased ? userCsr : itemCsr;
    this.sims = computeSimilarities({
      name: r.similarity,
      rows,
      cols: r.userBased ? itemCsr : userCsr,
      minSupport: r.minSupport,
      shrinkage: r.shrinkage,
      storedNeighbors: r.storedNeighbors,
      baselines: this.baselines && orientBaselines(this.baselines, r.userBased),
    });
    const nX = rows.indptr.length - 1;
    this.means = new Float64Array(nX);
    for (let x = 0; x < nX; x++) {
      let s = 0;
      for (let k = rows.indptr[x]; k < rows.indptr[x + 1]; k++) s += rows.values[k];
      this.means[x] = rows.indptr[x + 1] > rows.indptr[x] ? s / (rows.indptr[x + 1] - rows.indptr[x]) : 0;
    }
    this.resolved = r;
    this.reverse = r.userBased || r.storedNeighbors > r.k ? undefined : transposeLists(this.sims, nX);
    this.mu = train.globalMean();
    this.itemCount = train.itemCounts();
    if (this.baselines !== undefined) this.oriented = orientBaselines(this.baselines, r.userBased);
    this.acc = new Float64Array(train.nItems * 4);
    this.ratingOf = new Float64Array(train.nItems);
    this.fittedOn = train;
    return this;
  }

  /** The stored similarity lists (rows are users when userBased, else items), each sorted descending. */
  get similarities(): SimilarityLists {
    if (this.sims === undefined) void this.trainData;
    return this.sims as SimilarityLists;
  }

  /** What a neighbour x' at y contributes before weighting: r − offset. */
  private offset(x2: number, y: number): number {
    if (this.mode === 'basic') return 0;
    if (this.mode === 'means') return this.means[x2];
    const b = this.oriented;
    return b.globalMean + b.bx[x2] + b.by[y];
  }

  /** Surprise's estimate from the neighbourhood sums, with the impossible-prediction fallbacks, clipped. */
  private finish(u: number, i: number, count: number, sumSim: number, sumR: number): number {
    const train = this.trainData;
    const knowsU = train.indptr[u + 1] > train.indptr[u];
    const knowsI = this.itemCount[i] > 0;
    const mu = this.mu;
    const enough = count >= this.resolved.minK && sumSim > 0;
    let est: number;
    if (this.mode === 'baseline') {
      const b = this.baselines as Baselines;
      est = mu + (knowsU ? b.bu[u] : 0) + (knowsI ? b.bi[i] : 0);
      if (knowsU && knowsI && enough) est += sumR / sumSim;
    } else if (!knowsU || !knowsI) est = mu;
    else if (this.mode === 'means') est = this.means[this.resolved.userBased ? u : i] + (enough ? sumR / sumSim : 0);
    else est = count >= this.resolved.minK && sumSim > 0 ? sumR / sumSim : mu;
    const [lo, hi] = train.ratingScale;
    return est < lo ? lo : est > hi ? hi : est;
  }

  /** `finish` for every item of one user, from the accumulators, in one tight loop. */
  private finishRow(user: number, out: Float64Array): void {
    const train = this.trainData;
    const { acc, itemCount, mu } = this;
    const minK = this.resolved.minK;
    const knowsU = train.indptr[user + 1] > train.indptr[user];
    const [lo, hi] = train.ratingScale;
    const nItems = train.nItems;
    const b = this.baselines;
    const userMean = this.resolved.userBased ? this.means[user] : 0;
    for (let i = 0; i < nItems; i++) {
      const knowsI = itemCount[i] > 0;
      const ss = acc[4 * i + 1];
      const sr = acc[4 * i + 2];
      const enough = acc[4 * i] >= minK && ss > 0;
      let est: number;
      if (this.mode === 'baseline') {
        est = mu + (knowsU ? (b as Baselines).bu[user] : 0) + (knowsI ? (b as Baselines).bi[i] : 0);
        if (knowsU && knowsI && enough) est += sr / ss;
      } else if (!knowsU || !knowsI) est = mu;
      else if (this.mode === 'means') est = (this.resolved.userBased ? userMean : this.means[i]) + (enough ? sr / ss : 0);
      else est = enough ? sr / ss : mu;
      out[i] = est < lo ? lo : est > hi ? hi : est;
    }
  }

  predict(user: number, item: number): number {
    this.checkPair('predict', user, item);
    const train = this.trainData;
    const { userBased, k } = this.resolved;
    const sims = this.similarities;
    const x = userBased ? user : item;
    const y = userBased ? item : user;
    let count = 0;
    let sumSim = 0;
    let sumR = 0;
    for (let t = sims.indptr[x]; t < sims.indptr[x + 1] && count < k; t++) {
      const x2 = sims.indices[t];
      const e = userBased ? train.find(x2, y) : train.find(y, x2);
      if (e < 0) continue;
      const sim = sims.values[t];
      count++;
      sumSim += sim;
      sumR += sim * (train.values[e] - this.offset(x2, y));
    }
    return this.finish(user, item, count, sumSim, sumR);
  }

  scoreItems(user: number, out = new Float64Array(this.trainData.nItems)): Float64Array {
    this.checkPair('scoreItems', user, 0);
    const train = this.trainData;
    const { userBased, k } = this.resolved;
    const sims = this.similarities;
    const acc = this.acc.fill(0);
    if (userBased) {
      // Neighbours in descending similarity: the first k that rated an item are its top k.
      for (let t = sims.indptr[user]; t < sims.indptr[user + 1]; t++) {
        const v = sims.indices[t];
        const sim = sims.values[t];
        for (let e = train.indptr[v]; e < train.indptr[v + 1]; e++) {
          const i = train.indices[e];
          const o = i << 2;
          if (acc[o] >= k) continue;
          acc[o]++;
          acc[o + 1] += sim;
          acc[o + 2] += sim * (train.values[e] - this.offset(v, i));
        }
      }
    } else if (this.reverse !== undefined) {
      // At most k neighbours are stored per item, so every stored neighbour the user rated counts:
      // accumulate from the user's items through the reversed lists.
      const rev = this.reverse;
      for (let e = train.indptr[user]; e < train.indptr[user + 1]; e++) {
        const j = train.indices[e];
        const term = train.values[e] - this.offset(j, user);
        for (let t = rev.indptr[j]; t < rev.indptr[j + 1]; t++) {
          const i = rev.indices[t];
          const sim = rev.values[t];
          const o = i << 2;
          acc[o]++;
          acc[o + 1] += sim;
          acc[o + 2] += sim * term;
        }
      }
    } else {
      const ratingOf = this.ratingOf.fill(Number.NaN);
      for (let e = train.indptr[user]; e < train.indptr[user + 1]; e++) ratingOf[train.indices[e]] = train.values[e];
      for (let i = 0; i < train.nItems; i++) {
        const o = i << 2;
        for (let t = sims.indptr[i]; t < sims.indptr[i + 1] && acc[o] < k; t++) {
          const j = sims.indices[t];
          const r = ratingOf[j];
          if (r !== r) continue; // NaN: not rated
          const sim = sims.values[t];
          acc[o]++;
          acc[o + 1] += sim;
          acc[o + 2] += sim * (r - this.offset(j, user));
        }
      }
    }
    this.finishRow(user, out);
    return out;
  }

  /** The `n` most similar users (userBased) or items (item-based) to raw id `id`, from the stored lists. */
  neighbors(id: RawId, n = 10): { ids: RawId[] } & TopN {
    const train = this.trainData;
    checkInt(`${this.modelName}.neighbors`, 'n', n, 1);
    const map = this.resolved.userBased ? train.users : train.items;
    const x = map.index(id, this.resolved.userBased ? 'user' : 'item');
    const sims = this.similarities;
    const end = Math.min(sims.indptr[x + 1], sims.indptr[x] + n);
    const indices = sims.indices.slice(sims.indptr[x], end);
    return { ids: Array.from(indices, (j) => map.id(j)), indices, scores: sims.values.slice(sims.indptr[x], end) };
  }
}

/** The lists transposed: for each x', the rows x whose stored list holds x' (with that similarity). */
function transposeLists(s: SimilarityLists, n: number): SimilarityLists {
  const indptr = new Int32Array(n + 1);
  for (const j of s.indices) indptr[j + 1]++;
  for (let j = 0; j < n; j++) indptr[j + 1] += indptr[j];
  const fill = indptr.slice(0, n);
  const indices = new Int32Array(s.indices.length);
  const values = new Float64Array(s.indices.length);
  for (let x = 0; x < n; x++) {
    for (let t = s.indptr[x]; t < s.indptr[x + 1]; t++) {
      const k = fill[s.indices[t]]++;
      indices[k] = x;
      values[k] = s.values[t];
    }
  }
  return { indptr, indices, values };
}
