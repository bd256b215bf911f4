import type { FromArraysOptions, GraphOptions } from '../graph/graph.js';
import { NodeIndex } from '../graph/node-index.js';
import { describe } from './describe.js';

/** Argument checks shared by the `Graph` builders; `what` names the caller in errors. */
export const graphArgs = {
  /** The largest entry of an index array, checking that every entry is a non-negative integer. */
  maxIndex(values: ArrayLike<number>, name: string, what: string): number {
    let max = -1;
    if (values instanceof Int32Array) {
      // Already integers: only the sign needs checking (the fast path for typed input).
      let min = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v > max) max = v;
        if (v < min) min = v;
      }
      if (min >= 0) return max;
      max = -1;
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`${what}: '${name}[${i}]' must be a non-negative integer; received ${v}`);
      if (v > max) max = v;
    }
    return max;
  },

  /** Every weight finite and ≥ 0. */
  weights(weights: ArrayLike<number>, what: string): void {
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(w >= 0) || w === Infinity) throw new RangeError(`${what}: 'weights[${i}]' must be finite and >= 0; received ${w}`);
    }
  },

  directed(options: GraphOptions, what: string): boolean {
    const directed = options.directed ?? true;
    if (typeof directed !== 'boolean') throw new TypeError(`${what}: 'directed' must be a boolean; received ${describe(directed)}`);
    return directed;
  },

  numNodes(options: FromArraysOptions, needed: number, what: string): number {
    const n = options.numNodes ?? (options.nodes ? options.nodes.length : needed);
    if (!Number.isInteger(n) || n < needed || n > 0x7ffffffe) {
      throw new RangeError(`${what}: 'numNodes' must be an integer >= ${needed} (1 + the largest index); received ${n}`);
    }
    return n;
  },

  /** The id index for `options.nodes`, or null when absent or exactly 0 … n−1 in order. */
  nodes(options: FromArraysOptions, n: number, what: string): NodeIndex | null {
    if (options.nodes === undefined) return null;
    if (!Array.isArray(options.nodes) || options.nodes.length !== n) {
      throw new RangeError(`${what}: 'nodes' must be an array of ${n} ids; received ${describe(options.nodes)}`);
    }
    const index = NodeIndex.fromIds(options.nodes, `${what}: 'nodes'`);
    for (let i = 0; i < n; i++) if (index.id(i) !== i) return index;
    return null;
  },
};
