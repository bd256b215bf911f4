import type { EdgeTuple } from '../graph/graph.js';
import type { NodeId } from '../graph/node-id.js';
import { NodeIndex } from '../graph/node-index.js';
import { describe } from './describe.js';
import { EdgeBuffer } from './edge-buffer.js';

/**
 * Reads edge tuples `[u, v]` / `[u, v, weight]` into an edge buffer of node indices, numbering ids
 * in order of first appearance (after `nodes`). When the ids are exactly the integers 0 … n−1 (in
 * any order) they become the indices and `index` is null (no id map kept).
 */
export function collectEdgeTuples(
  edges: Iterable<EdgeTuple>,
  nodes: Iterable<NodeId> | undefined,
  what: string,
): { index: NodeIndex | null; buffer: EdgeBuffer & { numNodes: number } } {
  const index = new NodeIndex();
  if (nodes !== undefined) {
    let i = 0;
    for (const id of nodes) index.add(id, `${what}: 'nodes[${i++}]'`);
  }
  const buffer = new EdgeBuffer();
  let i = 0;
  for (const edge of edges) {
    if (!Array.isArray(edge) || (edge.length !== 2 && edge.length !== 3)) {
      throw new TypeError(`${what}: 'edges[${i}]' must be [u, v] or [u, v, weight]; received ${describe(edge)}`);
    }
    const s = index.add(edge[0], `${what}: 'edges[${i}][0]'`);
    const d = index.add(edge[1], `${what}: 'edges[${i}][1]'`);
    const w: unknown = edge.length === 3 ? edge[2] : 1;
    if (typeof w !== 'number' || !(w >= 0) || w === Infinity) {
      throw new RangeError(`${what}: 'edges[${i}][2]' (weight) must be a finite number >= 0; received ${describe(w)}`);
    }
    buffer.push(s, d, w);
    i++;
  }
  const n = index.size;
  let dense = true;
  for (let j = 0; j < n && dense; j++) {
    const id = index.id(j);
    dense = typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < n;
  }
  if (dense) {
    for (let j = 0; j < buffer.length; j++) {
      buffer.src[j] = index.id(buffer.src[j]) as number;
      buffer.dst[j] = index.id(buffer.dst[j]) as number;
    }
  }
  return { index: dense ? null : index, buffer: Object.assign(buffer, { numNodes: n }) };
}
