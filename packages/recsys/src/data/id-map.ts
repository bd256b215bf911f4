/** Raw ids as users give them: strings and numbers are distinct (`'1'` and `1` are two ids). */
export type RawId = string | number;

/**
 * A two-way map between raw ids and dense indices 0 … size−1, assigned in order of first
 * appearance (as Surprise's inner ids).
 */
export class IdMap {
  private readonly toIndex = new Map<RawId, number>();
  private readonly ids: RawId[] = [];

  /** A map over `ids` in the order given; duplicates are an error. */
  static fromIds(ids: Iterable<RawId>): IdMap {
    const map = new IdMap();
    for (const id of ids) {
      if (map.has(id)) throw new RangeError(`IdMap.fromIds: 'ids' must be distinct; ${JSON.stringify(id)} appears twice`);
      map.add(id);
    }
    return map;
  }

  /** Number of ids. */
  get size(): number {
    return this.ids.length;
  }

  /** Whether `id` is known. */
  has(id: RawId): boolean {
    return this.toIndex.has(id);
  }

  /** The index of `id`, adding it when new. Throws on ids that are neither strings nor finite numbers. */
  add(id: RawId): number {
    const known = this.toIndex.get(id);
    if (known !== undefined) return known;
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
      throw new TypeError(`IdMap: ids must be strings or finite numbers; received ${String(id)} (${typeof id})`);
    }
    const index = this.ids.length;
    this.toIndex.set(id, index);
    this.ids.push(id);
    return index;
  }

  /** The index of `id`, or −1 when unknown. */
  indexOf(id: RawId): number {
    return this.toIndex.get(id) ?? -1;
  }

  /** The index of `id`; throws naming `what` when unknown. */
  index(id: RawId, what = 'id'): number {
    const i = this.toIndex.get(id);
    if (i === undefined) {
      throw new RangeError(`unknown ${what} ${JSON.stringify(id)} (${typeof id}); it is not among the ${this.ids.length} known ${what}s`);
    }
    return i;
  }

  /** The raw id at `index`. */
  id(index: number): RawId {
    if (!Number.isInteger(index) || index < 0 || index >= this.ids.length) {
      throw new RangeError(`IdMap.id: 'index' must be an integer in [0, ${this.ids.length - 1}]; received ${String(index)}`);
    }
    return this.ids[index];
  }

  /** All raw ids in index order (a copy). */
  toArray(): RawId[] {
    return this.ids.slice();
  }
}
