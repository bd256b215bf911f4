import { describe, expect, it } from 'vitest';
import { Graph } from './graph.js';

describe('Graph.fromEdges', () => {
  it('builds sorted CSR rows, keeps self-loops and sums parallel edges', () => {
    const g = Graph.fromEdges([['a', 'c'], ['a', 'b'], ['a', 'c'], ['b', 'b'], ['c', 'a', 2.5]]);
    expect(g.numNodes).toBe(3);
    expect(g.nodes()).toEqual(['a', 'c', 'b']);
    expect(Array.from(g.indptr)).toEqual([0, 2, 3, 4]);
    expect(g.successors('a')).toEqual(['c', 'b']);
    expect(g.edgeWeight('a', 'c')).toBe(2);
    expect(g.edgeWeight('a', 'b')).toBe(1);
    expect(g.edgeWeight('c', 'a')).toBe(2.5);
    expect(g.edgeWeight('b', 'a')).toBeUndefined();
    expect(g.hasEdge('b', 'b')).toBe(true);
    expect(g.hasEdge('zz', 'b')).toBe(false);
    expect(g.numEdges).toBe(4);
    expect(g.outDegree('a')).toBe(2);
    expect(g.outDegree('a', true)).toBe(3);
    expect(g.inDegree('a')).toBe(1);
    expect(g.inDegree('b')).toBe(2);
    expect(g.degree('b')).toBe(3);
    expect(g.predecessors('b')).toEqual(['a', 'b']);
    expect([...g.edges()]).toEqual([['a', 'c', 2], ['a', 'b', 1], ['c', 'a', 2.5], ['b', 'b', 1]]);
  });

  it('keeps number and string ids distinct', () => {
    const g = Graph.fromEdges([[1, '1'], ['1', 2]]);
    expect(g.numNodes).toBe(3);
    expect(g.indexOf(1)).not.toBe(g.indexOf('1'));
    expect(g.successors(1)).toEqual(['1']);
    expect(g.hasNode('2')).toBe(false);
  });

  it('uses ids as indices, with no map, when they are exactly 0 … n−1', () => {
    const g = Graph.fromEdges([[2, 0], [1, 2], [0, 1]]);
    expect(g.toJSON().nodes).toBeNull();
    expect(g.successors(2)).toEqual([0]);
    expect(g.indexOf(2)).toBe(2);
    expect(g.indexOf('2')).toBe(-1);
    const gapped = Graph.fromEdges([[0, 5]]);
    expect(gapped.numNodes).toBe(2);
    expect(gapped.toJSON().nodes).toEqual([0, 5]);
  });

  it('stores undirected edges both ways, self-loops once, with networkx degrees', () => {
    const g = Graph.fromEdges([['x', 'y', 2], ['y', 'x', 1], ['y', 'y', 4], ['y', 'z']], { directed: false });
    expect(g.numEdges).toBe(3);
    expect(g.indices.length).toBe(5);
    expect(g.edgeWeight('x', 'y')).toBe(3);
    expect(g.edgeWeight('y', 'x')).toBe(3);
    expect(g.degree('y')).toBe(4); // x, z and the self-loop twice
    expect(g.degree('y', true)).toBe(3 + 8 + 1);
    expect(g.reverse()).toBe(g);
    expect([...g.edges()]).toEqual([['x', 'y', 3], ['y', 'y', 4], ['y', 'z', 1]]);
  });

  it('adds isolated nodes first from the nodes option', () => {
    const g = Graph.fromEdges([['a', 'b']], { nodes: ['solo', 'b'] });
    expect(g.nodes()).toEqual(['solo', 'b', 'a']);
    expect(g.outDegree('solo')).toBe(0);
  });

  it('rejects malformed edges with the position and value', () => {
    expect(() => Graph.fromEdges([['a', 'b'], ['a'] as unknown as [string, string]])).toThrow("Graph.fromEdges: 'edges[1]' must be [u, v] or [u, v, weight]; received array of length 1");
    expect(() => Graph.fromEdges([[Number.NaN, 1]])).toThrow("Graph.fromEdges: 'edges[0][0]' must be a string or a finite number; received NaN");
    expect(() => Graph.fromEdges([[0, { id: 1 } as unknown as number]])).toThrow(/'edges\[0\]\[1\]' must be a string or a finite number; received Object/);
    expect(() => Graph.fromEdges([[0, 1, Infinity]])).toThrow(/weight\) must be a finite number >= 0; received Infinity/);
    expect(() => Graph.fromEdges([], { directed: 'yes' as unknown as boolean })).toThrow(/'directed' must be a boolean/);
  });
});

describe('Graph.fromArrays', () => {
  it('builds from typed arrays with weights and numNodes', () => {
    const g = Graph.fromArrays(new Int32Array([0, 0, 2, 0]), new Int32Array([1, 2, 0, 1]), { weights: [1, 2, 3, 4], numNodes: 4 });
    expect(g.numNodes).toBe(4);
    expect(Array.from(g.indptr)).toEqual([0, 2, 2, 3, 3]);
    expect(Array.from(g.indices)).toEqual([1, 2, 0]);
    expect(Array.from(g.weights!)).toEqual([5, 2, 3]);
    expect(Array.from(g.outWeights())).toEqual([7, 0, 3, 0]);
    expect(Array.from(g.outWeights(false))).toEqual([2, 0, 1, 0]);
  });

  it('gives multiplicities as weights when unweighted parallel edges are merged', () => {
    const g = Graph.fromArrays([0, 0, 1], [1, 1, 0]);
    expect(Array.from(g.weights!)).toEqual([2, 1]);
    expect(Graph.fromArrays([0, 1], [1, 0]).weights).toBeNull();
  });

  it('names ids through the nodes option', () => {
    const g = Graph.fromArrays([0, 1], [1, 2], { nodes: ['a', 'b', 'c'] });
    expect(g.successors('b')).toEqual(['c']);
    expect(() => Graph.fromArrays([0], [1], { nodes: ['a', 'a'] })).toThrow(/'nodes' must hold distinct ids; received "a" twice/);
    expect(() => Graph.fromArrays([0], [1], { nodes: ['a'] })).toThrow(/'numNodes' must be an integer >= 2/);
  });

  it('rejects bad indices and lengths', () => {
    expect(() => Graph.fromArrays([0, 1], [1])).toThrow("Graph.fromArrays: 'targets' must have the length of 'sources' (2); received 1");
    expect(() => Graph.fromArrays([0, -1], [1, 1])).toThrow("Graph.fromArrays: 'sources[1]' must be a non-negative integer; received -1");
    expect(() => Graph.fromArrays([0], [1.5])).toThrow("Graph.fromArrays: 'targets[0]' must be a non-negative integer; received 1.5");
    expect(() => Graph.fromArrays([0], [3], { numNodes: 2 })).toThrow(/'numNodes' must be an integer >= 4/);
  });

  it('reverses a directed graph into its in-edges', () => {
    const g = Graph.fromArrays([0, 0, 1, 2], [1, 2, 2, 0], { weights: [1, 2, 3, 4] });
    const r = g.reverse();
    expect(Array.from(r.indptr)).toEqual([0, 1, 2, 4]);
    expect(Array.from(r.indices)).toEqual([2, 0, 0, 1]);
    expect(Array.from(r.weights!)).toEqual([4, 1, 2, 3]);
    expect(r.reverse()).toBe(g);
  });
});

describe('Graph JSON and CSR', () => {
  it('round-trips through JSON with ids and weights', () => {
    const g = Graph.fromEdges([[1, '1', 0.5], ['1', 'b'], ['b', 1, 2]], { directed: false });
    const back = Graph.fromJSON(JSON.parse(JSON.stringify(g)));
    expect(back.directed).toBe(false);
    expect(back.nodes()).toEqual([1, '1', 'b']);
    expect([...back.edges()]).toEqual([...g.edges()]);
  });

  it('validates CSR arrays', () => {
    const indptr = new Int32Array([0, 1, 1]);
    expect(() => Graph.fromCsr({ indptr, indices: new Int32Array([5]), weights: null })).toThrow("Graph.fromCsr: 'indices[0]' must be in [0, 2); received 5");
    expect(() => Graph.fromCsr({ indptr: new Int32Array([0, 2, 2]), indices: new Int32Array([1, 1]), weights: null })).toThrow(/strictly increasing/);
    expect(() => Graph.fromCsr({ indptr, indices: new Int32Array([1]), weights: null }, { directed: false })).toThrow(/symmetric/);
    expect(() => Graph.fromCsr({ indptr, indices: new Int32Array([1]), weights: new Float64Array([-1]) })).toThrow("Graph.fromCsr: 'weights[0]' must be finite and >= 0; received -1");
    expect(() => Graph.fromJSON({ format: 'other' } as never)).toThrow(/expected format 'ml-graph' version 1; received "other"/);
    expect(Graph.fromCsr({ indptr, indices: new Int32Array([1]), weights: null }).successors(0)).toEqual([1]);
  });

  it('throws for unknown nodes and bad indices', () => {
    const g = Graph.fromEdges([['a', 'b']]);
    expect(() => g.successors('zz')).toThrow(`Graph.successors: 'id' must be a node of the graph; received "zz"`);
    expect(() => g.nodeId(2)).toThrow("Graph.nodeId: 'index' must be an integer in [0, 2); received 2");
  });
});
