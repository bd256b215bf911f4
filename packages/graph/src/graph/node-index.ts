import { describe } from '../internal/describe.js';
import type { NodeId } from './node-id.js';

/**
 * Maps node ids to dense indices 0 … n−1 and back, in insertion order. Numbers and strings stay
 * distinct because a `Map` compares keys with SameValueZero (`1` ≠ `"1"`).
 */
export class NodeIndex {
  private readonly ids: NodeId[] = [];
  private readonly lookup = new Map<NodeId, number>();

  /** Throws unless `id` is a string or a finite number; `what` names the argument. */
  static check(id: unknown, what: string): asserts id is NodeId {
    if (typeof id === 'string') return;
    if (typeof id === 'number' && Number.isFinite(id)) return;
    throw new TypeError(`${what} must be a string or a finite number; received ${describe(id)}`);
  }

  /** Builds an index over `ids`, which must be distinct. */
  static fromIds(ids: readonly unknown[], what: string): NodeIndex {
    const index = new NodeIndex();
    for (let i = 0; i < ids.length; i++) {
      if (index.get(ids[i] as NodeId) !== -1) {
        throw new RangeError(`${what} must hold distinct ids; received ${describe(ids[i])} twice`);
      }
      index.add(ids[i], `${what}[${i}]`);
    }
    return index;
  }

  /** Number of ids registered. */
  get size(): number {
    return this.ids.length;
  }

  /** The index of `id`, registering it when new. `what` names the argument in the error. */
  add(id: unknown, what: string): number {
    const known = this.lookup.get(id as NodeId);
    if (known !== undefined) return known;
    NodeIndex.check(id, what);
    const index = this.ids.length;
    this.ids.push(id);
    this.lookup.set(id, index);
    return index;
  }

  /** The index of `id`, or −1 when absent. */
  get(id: NodeId): number {
    return this.lookup.get(id) ?? -1;
  }

  /** The id at `index`. */
  id(index: number): NodeId {
    return this.ids[index];
  }

  /** The ids in index order, as a new array. */
  toArray(): NodeId[] {
    return this.ids.slice();
  }
}
