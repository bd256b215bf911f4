import type { NodeId } from '../graph/node-id.js';

/**
 * Per-node values given by id (a `Map`; nodes not in it get 0) or by node index (an array or
 * typed array with one value per node).
 */
export type NodeValues = ReadonlyMap<NodeId, number> | ArrayLike<number>;
