import type { Graph } from '../graph/graph.js';
import type { NodeValues } from '../ranking/node-values.js';
import { describe } from './describe.js';

/**
 * Reads `values` into a Float64Array by node index and divides it by its sum (networkx's
 * normalisation). Throws naming `what` for unknown nodes, negative/NaN/infinite values, a wrong
 * length or an all-zero vector.
 */
export function nodeVector(graph: Graph, values: NodeValues, what: string): Float64Array {
  const n = graph.numNodes;
  const out = new Float64Array(n);
  if (values instanceof Map) {
    for (const [id, v] of values) out[graph.requireIndex(id, `${what}: key ${describe(id)}`)] = check(v, `${what}: value of ${describe(id)}`);
  } else if (values != null && typeof (values as ArrayLike<number>).length === 'number' && typeof values !== 'string') {
    const arr = values as ArrayLike<number>;
    if (arr.length !== n) throw new RangeError(`${what} must have one value per node (${n}); received length ${arr.length}`);
    for (let i = 0; i < n; i++) out[i] = check(arr[i], `${what}[${i}]`);
  } else {
    throw new TypeError(`${what} must be a Map from node id to number or an array by node index; received ${describe(values)}`);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += out[i];
  if (!(sum > 0)) throw new RangeError(`${what} must have a positive sum; received all zeros`);
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

function check(v: unknown, what: string): number {
  if (typeof v !== 'number' || !(v >= 0) || v === Infinity) {
    throw new RangeError(`${what} must be a finite number >= 0; received ${describe(v)}`);
  }
  return v;
}
