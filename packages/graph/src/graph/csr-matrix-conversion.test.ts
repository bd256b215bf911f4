import { CsrMatrix } from '@ml/core';
import { describe, expect, it } from 'vitest';
import { pagerank } from '../ranking/pagerank.js';
import { Graph } from './graph.js';

describe('Graph ⇄ CsrMatrix', () => {
  it('converts a weighted directed graph to its adjacency matrix and back', () => {
    const g = Graph.fromEdges([['a', 'b', 2], ['b', 'c', 0.5], ['c', 'a', 1], ['a', 'c', 3]]);
    const m = g.toCsrMatrix();
    expect(m.shape).toEqual([3, 3]);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(m.toArray()).toEqual([
      [0, 2, 3],
      [0, 0, 0.5],
      [1, 0, 0],
    ]);
    const back = Graph.fromCsrMatrix(m, { nodes: g.nodes() });
    expect([...back.edges()]).toEqual([...g.edges()]);
    expect(Array.from(pagerank(back).scores)).toEqual(Array.from(pagerank(g).scores));
    expect(g.toCsrMatrix('float32').data).toBeInstanceOf(Float32Array);
  });

  it('gives the symmetric matrix of an undirected graph, self-loops once', () => {
    const g = Graph.fromEdges([[0, 1], [1, 2, 4], [2, 2]], { directed: false });
    expect(g.toCsrMatrix().toArray()).toEqual([
      [0, 1, 0],
      [1, 0, 4],
      [0, 4, 1],
    ]);
    const back = Graph.fromCsrMatrix(g.toCsrMatrix(), { directed: false });
    expect(back.numEdges).toBe(3);
    expect(back.edgeWeight(2, 1)).toBe(4);
  });

  it('sums duplicate entries, sorts columns, and makes a matrix of ones unweighted', () => {
    const m = CsrMatrix.fromTriplets([0, 0, 1, 0], [2, 1, 0, 2], new Float64Array([1, 1, 1, 1]), [3, 3], { sumDuplicates: false });
    const g = Graph.fromCsrMatrix(m);
    expect(g.successors(0)).toEqual([1, 2]);
    expect(g.edgeWeight(0, 2)).toBe(2);
    const ones = Graph.fromCsrMatrix(CsrMatrix.fromDense([[0, 1], [1, 0]]));
    expect(ones.weights).toBeNull();
  });

  it('rejects non-square and asymmetric-undirected matrices', () => {
    expect(() => Graph.fromCsrMatrix(CsrMatrix.fromDense([[1, 0, 0]]))).toThrow("Graph.fromCsrMatrix: 'matrix' must be square; received shape [1, 3]");
    expect(() => Graph.fromCsrMatrix(CsrMatrix.fromDense([[0, 1], [0, 0]]), { directed: false })).toThrow(/symmetric/);
    expect(() => Graph.fromCsrMatrix({} as CsrMatrix)).toThrow(/'matrix' must be a CsrMatrix; received Object/);
  });
});
