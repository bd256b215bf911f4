import { describe, expect, it } from 'vitest';
import { Graph, type EdgeTuple } from '../graph/graph.js';
import type { NodeId } from '../graph/node-id.js';
import fixture from './__fixtures__/networkx.json' with { type: 'json' };
import { hits, type HitsOptions } from './hits.js';
import { PowerIterationFailedConvergence } from './power-iteration-failed-convergence.js';

type Pairs = Array<[NodeId, number]>;
interface Case {
  name: string;
  directed: boolean;
  nodes: NodeId[];
  edges: EdgeTuple[];
  options: Record<string, number | boolean | Pairs>;
  converged: boolean;
  hubs: Pairs;
  authorities: Pairs;
}

function toOptions(o: Case['options']): HitsOptions {
  const out: HitsOptions = {};
  if (o.tol !== undefined) out.tol = o.tol as number;
  if (o.max_iter !== undefined) out.maxIter = o.max_iter as number;
  if (o.normalized !== undefined) out.normalized = o.normalized as boolean;
  if (o.nstart) out.nstart = new Map(o.nstart as Pairs);
  return out;
}

function expectScores(actual: (id: NodeId) => number, expected: Pairs, tolerance: number): void {
  for (const [id, value] of expected) expect(Math.abs(actual(id) - value), `node ${JSON.stringify(id)}`).toBeLessThan(tolerance);
}

describe('hits against networkx 2.8 (_hits_python power iteration)', () => {
  for (const c of fixture.hits as unknown as Case[]) {
    it(c.name, () => {
      const graph = Graph.fromEdges(c.edges, { directed: c.directed, nodes: c.nodes });
      const options = toOptions(c.options);
      const { hubs, authorities } = hits(graph, options);
      expect(hubs.converged).toBe(c.converged);
      if (!c.converged) {
        expect(hubs.iterations).toBe(options.maxIter);
        expect(() => hits(graph, { ...options, strict: true })).toThrow(PowerIterationFailedConvergence);
        return;
      }
      expectScores((id) => hubs.get(id), c.hubs, 1e-8);
      expectScores((id) => authorities.get(id), c.authorities, 1e-8);
    });
  }

  it("agrees with networkx's hits() (ARPACK svds) at a tight tolerance", () => {
    const c = fixture.hitsSvds as unknown as Case;
    const graph = Graph.fromEdges(c.edges, { directed: c.directed, nodes: c.nodes });
    const { hubs, authorities } = hits(graph, { tol: 1e-14, maxIter: 10_000, strict: true });
    expectScores((id) => hubs.get(id), c.hubs, 1e-8);
    expectScores((id) => authorities.get(id), c.authorities, 1e-8);
  });
});

describe('hits', () => {
  it('throws when no edge carries weight', () => {
    expect(() => hits(Graph.fromEdges([[0, 1, 0]]))).toThrow(/all scores became 0/);
  });

  it('rejects bad options', () => {
    const g = Graph.fromEdges([[0, 1]]);
    expect(() => hits(g, { tol: -1 })).toThrow("hits: 'tol' must be a finite number > 0; received -1");
    expect(() => hits(g, { maxIter: 1.5 })).toThrow("hits: 'maxIter' must be an integer >= 1; received 1.5");
  });

  it('normalises hubs and authorities to sum 1', () => {
    const { hubs, authorities } = hits(Graph.fromEdges([[0, 1], [0, 2], [1, 2], [3, 2]]));
    expect(hubs.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(authorities.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(authorities.top(1)[0][0]).toBe(2);
  });
});
