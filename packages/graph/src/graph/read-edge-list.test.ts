import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EdgeListParser } from './edge-list-parser.js';
import { Graph } from './graph.js';
import { readEdgeList } from './read-edge-list.js';

const SNAP = `# Directed graph (each unordered pair of nodes is saved once): example.txt
# Nodes: 5 Edges: 6
# FromNodeId\tToNodeId
10\t20
10\t30\r
20  30

30\t10
40\t10
   # indented comment
10\t20
50 50`;

function edgesOf(g: Graph): string {
  return JSON.stringify([...g.edges()]);
}

describe('readEdgeList', () => {
  it('parses a SNAP file with comments, tabs, CRLF, blank lines and a last line without newline', async () => {
    const g = await readEdgeList([SNAP]);
    expect(g.nodes()).toEqual([10, 20, 30, 40, 50]);
    expect(g.edgeWeight(10, 20)).toBe(2);
    expect(g.hasEdge(50, 50)).toBe(true);
    expect(g.numEdges).toBe(6);
  });

  it('gives the same graph however the bytes are split into chunks', async () => {
    const bytes = new TextEncoder().encode(SNAP);
    const whole = edgesOf(await readEdgeList([bytes]));
    for (let cut = 1; cut < bytes.length; cut++) {
      const g = await readEdgeList([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(edgesOf(g), `cut at ${cut}`).toBe(whole);
    }
    const single = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(edgesOf(await readEdgeList(single))).toBe(whole);
  });

  it('reads Node streams and web ReadableStreams', async () => {
    const fromNode = await readEdgeList(Readable.from([Buffer.from('1 2\n2 '), Buffer.from('3\n')]));
    expect([...fromNode.edges()]).toEqual([[1, 2, 1], [2, 3, 1]]);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a b\nb'));
        controller.enqueue(new TextEncoder().encode(' c\n'));
        controller.close();
      },
    });
    const fromWeb = await readEdgeList(web, { nodeIds: 'string' });
    expect([...fromWeb.edges()]).toEqual([['a', 'b', 1], ['b', 'c', 1]]);
  });

  it('reads weights, undirected graphs, string ids and non-integer numbers', async () => {
    const g = await readEdgeList(['1 2 0.5\n2 1 1.5e0\n2 3 0\n'], { weighted: true, directed: false });
    expect(g.edgeWeight(1, 2)).toBe(2);
    expect(g.edgeWeight(3, 2)).toBe(0);
    const s = await readEdgeList(['01 1\n1 x\n'], { nodeIds: 'string' });
    expect(s.nodes()).toEqual(['01', '1', 'x']);
    const n = await readEdgeList(['-3 2.5\n4294967296 -3\n']);
    expect(n.nodes()).toEqual([-3, 2.5, 4294967296]);
  });

  it('uses ids as indices when they are exactly 0 … n−1', async () => {
    const g = await readEdgeList(['2 0\n0 1\n']);
    expect(g.toJSON().nodes).toBeNull();
    expect(g.successors(2)).toEqual([0]);
  });

  it('parses a large generated file identically to Graph.fromArrays', async () => {
    const m = 50_000;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    const lines: string[] = ['# generated'];
    for (let i = 0; i < m; i++) {
      src[i] = (i * 7919) % 10_007;
      dst[i] = (i * 104_729 + 3) % 10_007;
      lines.push(`${src[i]}\t${dst[i]}`);
    }
    const text = lines.join('\n');
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 4093) chunks.push(text.slice(i, i + 4093));
    const parsed = await readEdgeList(chunks);
    const direct = Graph.fromArrays(src, dst);
    for (let i = 0; i < m; i += 997) expect(parsed.edgeWeight(src[i], dst[i])).toBe(direct.edgeWeight(src[i], dst[i]));
    expect(parsed.numEdges).toBe(direct.numEdges);
  });

  it('reports the line and column of bad input', async () => {
    await expect(readEdgeList(['1 2\n3\n'])).rejects.toThrow('readEdgeList: line 2: expected at least 2 columns; received 1');
    await expect(readEdgeList(['1 2\nfoo 3\n'])).rejects.toThrow('readEdgeList: line 2, column 1: expected a finite number; received "foo"');
    await expect(readEdgeList(['1 2 -1\n'], { weighted: true })).rejects.toThrow('readEdgeList: line 1: the weight must be finite and >= 0; received -1');
    await expect(readEdgeList(['1 2\n'], { weighted: true })).rejects.toThrow('readEdgeList: line 1: expected at least 3 columns; received 2');
    await expect(readEdgeList(42 as never)).rejects.toThrow(/'source' must be a stream or an iterable/);
    expect(() => new EdgeListParser({ comment: '##' })).toThrow(/'comment' must be one ASCII non-space character; received "##"/);
  });
});
