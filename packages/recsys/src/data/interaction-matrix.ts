/**
 * The users × items interaction matrix every recommender in `@ml/recsys` is fitted on. Rows are
 * always users and columns always items (no orientation flag to confuse); raw ids map to dense
 * indices both ways. Storage is CSR (user rows, item columns sorted) with a lazily built CSC view.
 */
import { CsrMatrix } from '@ml/core';
import { checkKnownKeys, checkOneOf } from '../common/checks.js';
import { buildInteractions, type DuplicatePolicy, type InteractionParts } from './build-interactions.js';
import { IdMap, type RawId } from './id-map.js';

/** Explicit ratings (predicted, clipped to the rating scale) or implicit counts / confidences. */
export type InteractionKind = 'explicit' | 'implicit';

/** One interaction: `value` is the rating (explicit, required) or count (implicit, default 1). */
export interface Interaction {
  user: RawId;
  item: RawId;
  value?: number;
  /** Any increasing time measure (e.g. seconds since the epoch); needed by `temporalSplit`. */
  timestamp?: number;
}

/** Interactions as parallel columns. */
export interface InteractionColumns {
  users: ArrayLike<RawId>;
  items: ArrayLike<RawId>;
  values?: ArrayLike<number>;
  timestamps?: ArrayLike<number>;
}

/** Options of `InteractionMatrix.fromInteractions` / `fromColumns`. */
export interface InteractionMatrixOptions {
  /** @default 'explicit' */
  kind?: InteractionKind;
  /** How a repeated (user, item) pair is combined. @default 'error' for explicit, 'sum' for implicit */
  duplicates?: DuplicatePolicy;
  /** `[lowest, highest]` rating, the range predictions are clipped to (Surprise's `rating_scale`). @default the observed [min, max] */
  ratingScale?: readonly [number, number];
  /** Use this user id map (e.g. a training matrix's `users`): an id missing from it is an error. @default a new map in order of first appearance */
  users?: IdMap;
  /** Use this item id map; an id missing from it is an error. @default a new map in order of first appearance */
  items?: IdMap;
}

/** CSC view: for each item, the users who interacted with it. */
export interface CscView {
  indptr: Int32Array;
  /** User index of each entry, ascending within an item. */
  indices: Int32Array;
  values: Float64Array;
  /** Position of each CSC entry in the CSR arrays. */
  entry: Int32Array;
}

const OPTION_KEYS = ['kind', 'duplicates', 'ratingScale', 'users', 'items'] as const;

export class InteractionMatrix {
  /** Row pointers (length nUsers + 1). */
  readonly indptr: Int32Array;
  /** Item index of each entry, ascending within a user. */
  readonly indices: Int32Array;
  /** Rating or count of each entry. */
  readonly values: Float64Array;
  /** Timestamp of each entry, or null when none were given. */
  readonly timestamps: Float64Array | null;
  private cscCache: CscView | undefined;
  private entryUsersCache: Int32Array | undefined;

  /** Wraps CSR arrays (not copied); use `fromInteractions` / `fromColumns` to build from raw ids. */
  constructor(
    parts: InteractionParts,
    readonly users: IdMap,
    readonly items: IdMap,
    readonly kind: InteractionKind,
    readonly ratingScale: readonly [number, number],
  ) {
    this.indptr = parts.indptr;
    this.indices = parts.indices;
    this.values = parts.values;
    this.timestamps = parts.timestamps;
  }

  /** Builds the matrix from interaction records. */
  static fromInteractions(interactions: Iterable<Interaction>, options: InteractionMatrixOptions = {}): InteractionMatrix {
    if (interactions === null || typeof interactions !== 'object' || !(Symbol.iterator in interactions)) {
      throw new TypeError(`InteractionMatrix.fromInteractions: 'interactions' must be an iterable of {user, item, value?, timestamp?}; received ${String(interactions)}`);
    }
    const list = Array.isArray(interactions) ? (interactions as Interaction[]) : [...interactions];
    const implicit = options.kind === 'implicit';
    const values = list.map((r, e) => {
      if (r.value === undefined && !implicit) {
        throw new RangeError(`InteractionMatrix.fromInteractions: explicit interaction #${e} needs a 'value' (rating); received undefined`);
      }
      return r.value ?? 1;
    });
    const hasTime = list.length > 0 && list[0].timestamp !== undefined;
    return InteractionMatrix.fromColumns(
      {
        users: list.map((r) => r.user),
        items: list.map((r) => r.item),
        values,
        timestamps: hasTime ? list.map((r) => r.timestamp as number) : undefined,
      },
      options,
    );
  }

  /** Builds the matrix from parallel columns of raw ids, values and timestamps. */
  static fromColumns(columns: InteractionColumns, options: InteractionMatrixOptions = {}): InteractionMatrix {
    const where = 'InteractionMatrix';
    checkKnownKeys(where, options, OPTION_KEYS);
    const kind = checkOneOf(where, 'kind', options.kind ?? 'explicit', ['explicit', 'implicit'] as const);
    const duplicates = checkOneOf(where, 'duplicates', options.duplicates ?? (kind === 'explicit' ? 'error' : 'sum'), ['error', 'sum', 'last', 'mean'] as const);
    const n = columns.users.length;
    if (n === 0) throw new RangeError(`${where}: 'interactions' must hold at least one interaction; received 0`);
    if (columns.timestamps !== undefined && columns.timestamps.length !== n) {
      throw new RangeError(`${where}: 'timestamps' must have ${n} entries; received ${columns.timestamps.length}`);
    }
    if (columns.items.length !== n) throw new RangeError(`${where}: 'items' must have one entry per user entry (${n}); received ${columns.items.length}`);
    if (kind === 'explicit' && columns.values === undefined) throw new RangeError(`${where}: explicit interactions need 'values' (ratings); received undefined`);
    if (columns.values !== undefined && columns.values.length !== n) {
      throw new RangeError(`${where}: 'values' must have ${n} entries; received ${columns.values.length}`);
    }
    const userMap = options.users ?? new IdMap();
    const itemMap = options.items ?? new IdMap();
    const users = new Int32Array(n);
    const items = new Int32Array(n);
    const values = new Float64Array(n);
    const times = columns.timestamps === undefined ? null : new Float64Array(n);
    for (let e = 0; e < n; e++) {
      users[e] = options.users ? userMap.index(columns.users[e], 'user') : userMap.add(columns.users[e]);
      items[e] = options.items ? itemMap.index(columns.items[e], 'item') : itemMap.add(columns.items[e]);
      const v = columns.values === undefined ? 1 : columns.values[e];
      if (typeof v !== 'number' || !Number.isFinite(v) || (kind === 'implicit' && v < 0)) {
        throw new RangeError(`${where}: 'value' of interaction #${e} must be a finite number${kind === 'implicit' ? ' >= 0' : ''}; received ${String(v)}`);
      } else values[e] = v;
      if (times !== null) {
        const t = columns.timestamps![e];
        if (typeof t !== 'number' || !Number.isFinite(t)) throw new RangeError(`${where}: 'timestamp' of interaction #${e} must be a finite number; received ${String(t)}`);
        times[e] = t;
      }
    }
    const describe = (u: number, i: number): string => `(user ${JSON.stringify(userMap.id(u))}, item ${JSON.stringify(itemMap.id(i))})`;
    const parts = buildInteractions(userMap.size, users, items, values, times, duplicates, describe);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of parts.values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    let scale: readonly [number, number] = [lo, hi];
    if (options.ratingScale !== undefined) {
      const s = options.ratingScale;
      if (!Array.isArray(s) || s.length !== 2 || !Number.isFinite(s[0]) || !Number.isFinite(s[1]) || s[0] > s[1]) {
        throw new RangeError(`${where}: 'ratingScale' must be [lowest, highest] finite numbers with lowest <= highest; received ${JSON.stringify(s)}`);
      }
      scale = [s[0], s[1]];
    }
    return new InteractionMatrix(parts, userMap, itemMap, kind, scale);
  }

  get nUsers(): number {
    return this.users.size;
  }

  get nItems(): number {
    return this.items.size;
  }

  /** Number of stored interactions. */
  get nnz(): number {
    return this.indices.length;
  }

  /** The index of user `id`; throws naming the id when unknown. */
  userIndex(id: RawId): number {
    return this.users.index(id, 'user');
  }

  /** The index of item `id`; throws naming the id when unknown. */
  itemIndex(id: RawId): number {
    return this.items.index(id, 'item');
  }

  /** Mean of all stored values. */
  globalMean(): number {
    let s = 0;
    for (const v of this.values) s += v;
    return this.nnz === 0 ? 0 : s / this.nnz;
  }

  /** The CSC view (items as rows), built on first use. */
  csc(): CscView {
    if (this.cscCache !== undefined) return this.cscCache;
    const nItems = this.nItems;
    const indptr = new Int32Array(nItems + 1);
    for (let e = 0; e < this.nnz; e++) indptr[this.indices[e] + 1]++;
    for (let i = 0; i < nItems; i++) indptr[i + 1] += indptr[i];
    const fill = indptr.slice(0, nItems);
    const indices = new Int32Array(this.nnz);
    const values = new Float64Array(this.nnz);
    const entry = new Int32Array(this.nnz);
    for (let u = 0; u < this.nUsers; u++) {
      for (let e = this.indptr[u]; e < this.indptr[u + 1]; e++) {
        const k = fill[this.indices[e]]++;
        indices[k] = u;
        values[k] = this.values[e];
        entry[k] = e;
      }
    }
    this.cscCache = { indptr, indices, values, entry };
    return this.cscCache;
  }

  /** The user index of each CSR entry. */
  entryUsers(): Int32Array {
    if (this.entryUsersCache !== undefined) return this.entryUsersCache;
    const out = new Int32Array(this.nnz);
    for (let u = 0; u < this.nUsers; u++) out.fill(u, this.indptr[u], this.indptr[u + 1]);
    this.entryUsersCache = out;
    return out;
  }

  /** Position of (user, item) in the CSR arrays, or −1 when absent (binary search). */
  find(user: number, item: number): number {
    let lo = this.indptr[user];
    let hi = this.indptr[user + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.indices[mid];
      if (v === item) return mid;
      if (v < item) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Interactions per user. */
  userCounts(): Int32Array {
    const out = new Int32Array(this.nUsers);
    for (let u = 0; u < this.nUsers; u++) out[u] = this.indptr[u + 1] - this.indptr[u];
    return out;
  }

  /** Interactions per item (item popularity). */
  itemCounts(): Int32Array {
    const out = new Int32Array(this.nItems);
    for (const i of this.indices) out[i]++;
    return out;
  }

  /**
   * A matrix over the same users, items and id maps holding only the entries at `entries`
   * (positions in the CSR arrays); order does not matter.
   */
  select(entries: ArrayLike<number>): InteractionMatrix {
    const keep = new Uint8Array(this.nnz);
    for (let k = 0; k < entries.length; k++) keep[entries[k]] = 1;
    const indptr = new Int32Array(this.nUsers + 1);
    let count = 0;
    for (let u = 0; u < this.nUsers; u++) {
      for (let e = this.indptr[u]; e < this.indptr[u + 1]; e++) count += keep[e];
      indptr[u + 1] = count;
    }
    const indices = new Int32Array(count);
    const values = new Float64Array(count);
    const timestamps = this.timestamps === null ? null : new Float64Array(count);
    let k = 0;
    for (let e = 0; e < this.nnz; e++) {
      if (keep[e] === 0) continue;
      indices[k] = this.indices[e];
      values[k] = this.values[e];
      if (timestamps !== null) timestamps[k] = this.timestamps![e];
      k++;
    }
    return new InteractionMatrix({ indptr, indices, values, timestamps }, this.users, this.items, this.kind, this.ratingScale);
  }

  /** The values as an `@ml/core` float64 `CsrMatrix` of shape [nUsers, nItems]. */
  toCsrMatrix(): CsrMatrix {
    return new CsrMatrix({ indptr: this.indptr.slice(), indices: this.indices.slice(), data: this.values.slice(), shape: [this.nUsers, this.nItems] });
  }
}
