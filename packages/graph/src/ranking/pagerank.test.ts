import { describe, expect, it } from 'vitest';
import { Graph, type EdgeTuple } from '../graph/graph.js';
import type { NodeId } from '../graph/node-id.js';
import fixture from './__fixtures__/networkx.json' with { type: 'json' };
import { pagerank, type PageRankOptions } from './pagerank.js';
import { personalizedPageRank } from './personalized-pagerank.js';
import { PowerIterationFailedConvergence } from './power-iteration-failed-convergence.js';

type Pairs = Array<[NodeId, number]>;
interface Case {
  name: string;
  directed: boolean;
  nodes: NodeId[];
  edges: EdgeTuple[];
  options: Record<string, number | null | Pairs>;
  expected: Pairs;
  converged: boolean;
}

function toOptions(o: Case['options']): PageRankOptions {
  const out: PageRankOptions = {};
  if (o.alpha !== undefined) out.alpha = o.alpha as number;
  if (o.tol !== undefined) out.tol = o.tol as number;
  if (o.max_iter !== undefined) out.maxIter = o.max_iter as number;
  if (o.weight === null) out.weighted = false;
  if (o.personalization) out.personalization = new Map(o.personalization as Pairs);
  if (o.dangling) out.dangling = new Map(o.dangling as Pairs);
  if (o.nstart) out.nstart = new Map(o.nstart as Pairs);
  return out;
}

function expectScores(actual: (id: NodeId) => number, expected: Pairs): void {
  for (const [id, value] of expected) expect(Math.abs(actual(id) - value), `node ${JSON.stringify(id)}`).toBeLessThan(1e-8);
}

describe('pagerank against networkx 2.8', () => {
  for (const c of fixture.pagerank as unknown as Case[]) {
    it(c.name, () => {
      const graph = Graph.fromEdges(c.edges, { directed: c.directed, nodes: c.nodes });
      expect(graph.numNodes).toBe(c.nodes.length);
      const result = pagerank(graph, toOptions(c.options));
      expect(result.converged).toBe(c.converged);
      expectScores((id) => result.get(id), c.expected);
      if (!c.converged) {
        expect(result.iterations).toBe(c.options.max_iter);
        expect(() => pagerank(graph, { ...toOptions(c.options), strict: true })).toThrow(PowerIterationFailedConvergence);
      }
    });
  }

  it('keeps 1 and "1" apart', () => {
    const c = (fixture.pagerank as unknown as Case[]).find((x) => x.name.includes('mixed ids'))!;
    const result = pagerank(Graph.fromEdges(c.edges, { directed: false, nodes: c.nodes }));
    expect(result.get(1)).not.toBeCloseTo(result.get('1'), 6);
  });
});

describe('pagerank', () => {
  const lm = Graph.fromEdges([[1, 2], [1, 3], [3, 1], [3, 2], [3, 5], [4, 5], [4, 6], [5, 4], [5, 6], [6, 4]]);

  it('returns float64 scores summing to 1, with convergence facts', () => {
    const r = pagerank(lm, { alpha: 0.9 });
    expect(r.scores).toBeInstanceOf(Float64Array);
    expect(r.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.error).toBeLessThan(6 * 1e-6);
    expect(r.top(2).map(([id]) => id)).toEqual([4, 6]);
    expect(r.toMap().get(2)).toBe(r.get(2));
    expect(JSON.parse(JSON.stringify(r))).toMatchObject({ nodes: [1, 2, 3, 5, 4, 6], converged: true });
  });

  it('handles zero-weight edges without NaN (a node with only zero-weight out-edges is dangling)', () => {
    const g = Graph.fromEdges([['a', 'b', 0], ['b', 'a', 1], ['b', 'c', 1], ['c', 'a', 2]]);
    const r = pagerank(g);
    for (const s of r.scores) expect(Number.isFinite(s)).toBe(true);
    expect(r.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('accepts vectors by node index and equals the Map form', () => {
    const byIndex = pagerank(lm, { personalization: [1, 0, 0, 0, 0, 1] });
    const byId = pagerank(lm, { personalization: new Map([[1, 1], [6, 1]]) });
    expect(Array.from(byIndex.scores)).toEqual(Array.from(byId.scores));
  });

  it('personalised PageRank on seeds equals pagerank with a seed personalization', () => {
    const a = personalizedPageRank(lm, [1, 6], { alpha: 0.9 });
    const b = pagerank(lm, { alpha: 0.9, personalization: new Map([[1, 1], [6, 1]]) });
    expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
    expect(() => personalizedPageRank(lm, [])).toThrow(/'seeds' must hold at least one node/);
    expect(() => personalizedPageRank(lm, ['nope'])).toThrow(/seed must be a node of the graph; received "nope"/);
  });

  it('returns an empty result for an empty graph', () => {
    const r = pagerank(Graph.fromEdges([]));
    expect(r.scores.length).toBe(0);
    expect(r.converged).toBe(true);
  });

  it('rejects bad options with clear errors', () => {
    expect(() => pagerank(lm, { alpha: 1.5 })).toThrow("pagerank: 'alpha' must be a number in [0, 1]; received 1.5");
    expect(() => pagerank(lm, { tol: 0 })).toThrow(/'tol' must be a finite number > 0; received 0/);
    expect(() => pagerank(lm, { maxIter: 0 })).toThrow(/'maxIter' must be an integer >= 1; received 0/);
    expect(() => pagerank(lm, { personalization: new Map([[1, 0]]) })).toThrow(/'personalization' must have a positive sum; received all zeros/);
    expect(() => pagerank(lm, { personalization: new Map([[1, -1]]) })).toThrow(/must be a finite number >= 0; received -1/);
    expect(() => pagerank(lm, { dangling: new Map([[1, Number.NaN]]) })).toThrow(/'dangling': value of 1 must be a finite number >= 0; received NaN/);
    expect(() => pagerank(lm, { nstart: new Map([['1', 1]]) })).toThrow(/'nstart': key "1" must be a node of the graph/);
    expect(() => pagerank(lm, { nstart: [1, 2] })).toThrow(/one value per node \(6\); received length 2/);
  });

  it('rejects negative and NaN edge weights when the graph is built', () => {
    expect(() => Graph.fromEdges([[0, 1, -2]])).toThrow(/'edges\[0\]\[2\]' \(weight\) must be a finite number >= 0; received -2/);
    expect(() => Graph.fromArrays([0], [1], { weights: [Number.NaN] })).toThrow(/'weights\[0\]' must be finite and >= 0; received NaN/);
  });
});
