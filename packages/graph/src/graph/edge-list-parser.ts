/**
 * Incremental parser for SNAP-style edge-list text: one edge per line as `source target
 * [weight]`, separated by spaces or tabs, `#` comment lines, blank lines ignored, `\n` or `\r\n`
 * line ends. Bytes are parsed as they arrive (only a partial last line is carried between chunks),
 * so a file of millions of lines never exists as one string.
 *
 * Format: https://snap.stanford.edu/data/ (e.g. web-Google.txt).
 */
import { describe } from '../internal/describe.js';
import { EdgeBuffer } from '../internal/edge-buffer.js';
import { buildCsr } from './build-csr.js';
import { Graph, type GraphOptions } from './graph.js';
import { NodeIndex } from './node-index.js';

/** Options of {@link EdgeListParser} and `readEdgeList`. */
export interface EdgeListOptions extends GraphOptions {
  /**
   * How tokens become node ids: `'number'` parses each as a number (a token that is not one is an
   * error), `'string'` keeps the text (so `01` and `1` are different nodes).
   * @default 'number'
   */
  nodeIds?: 'number' | 'string';
  /** Read the third column as the edge weight (finite, ≥ 0); otherwise extra columns are ignored. @default false */
  weighted?: boolean;
  /** A line whose first non-blank character is this one is a comment. @default '#' */
  comment?: string;
}

/** Defaults of {@link EdgeListOptions}. */
export const EDGE_LIST_DEFAULTS = {
  directed: true,
  nodeIds: 'number',
  weighted: false,
  comment: '#',
} as const satisfies Required<EdgeListOptions>;

const SMALL_ID_LIMIT = 1 << 25; // ids below this use a flat lookup table instead of a Map

/** Feeds chunks with {@link EdgeListParser.push}, then builds the graph with {@link EdgeListParser.finish}. */
export class EdgeListParser {
  private readonly directed: boolean;
  private readonly stringIds: boolean;
  private readonly weighted: boolean;
  private readonly comment: number;
  private readonly edges = new EdgeBuffer(1 << 16);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly encoder = new TextEncoder();
  private carry: Uint8Array = new Uint8Array(0);
  private line = 0;
  private pos = 0;
  private started = false;
  private finished = false;
  // Numeric ids: index → id, and id → index + 1 (small non-negative integers) or a Map.
  private numericIds = new Float64Array(1024);
  private smallTable = new Int32Array(1024);
  private readonly otherIds = new Map<number, number>();
  private numNumeric = 0;
  private readonly stringIndex = new NodeIndex();

  constructor(options: EdgeListOptions = {}) {
    const o = { ...EDGE_LIST_DEFAULTS, ...options };
    if (typeof o.directed !== 'boolean') throw new TypeError(`EdgeListParser: 'directed' must be a boolean; received ${describe(o.directed)}`);
    if (o.nodeIds !== 'number' && o.nodeIds !== 'string') {
      throw new RangeError(`EdgeListParser: 'nodeIds' must be 'number' or 'string'; received ${describe(o.nodeIds)}`);
    }
    if (typeof o.comment !== 'string' || o.comment.length !== 1 || o.comment.charCodeAt(0) > 127 || /\s/.test(o.comment)) {
      throw new RangeError(`EdgeListParser: 'comment' must be one ASCII non-space character; received ${describe(o.comment)}`);
    }
    this.directed = o.directed;
    this.stringIds = o.nodeIds === 'string';
    this.weighted = o.weighted === true;
    this.comment = o.comment.charCodeAt(0);
  }

  /** Parses the complete lines in `chunk` (bytes in UTF-8, or text) and keeps any partial last line. */
  push(chunk: Uint8Array | string): void {
    if (this.finished) throw new Error('EdgeListParser.push: the parser is finished; create a new one');
    let bytes = typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk;
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`EdgeListParser.push: 'chunk' must be a Uint8Array or a string; received ${describe(chunk)}`);
    if (!this.started && bytes.length > 0) {
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3); // UTF-8 BOM
    }
    let from = 0;
    if (this.carry.length > 0) {
      const nl = bytes.indexOf(10);
      if (nl === -1) {
        this.carry = concat(this.carry, bytes);
        return;
      }
      const joined = concat(this.carry, bytes.subarray(0, nl + 1));
      this.carry = new Uint8Array(0);
      this.parseLines(joined, joined.length);
      from = nl + 1;
    }
    const last = bytes.lastIndexOf(10);
    if (last >= from) {
      this.parseLines(bytes.subarray(from, last + 1), last + 1 - from);
      from = last + 1;
    }
    if (from < bytes.length) this.carry = bytes.slice(from);
  }

  /** Parses any final line without a newline and builds the graph. */
  finish(): Graph {
    if (this.finished) throw new Error('EdgeListParser.finish: already called');
    if (this.carry.length > 0) this.parseLines(this.carry, this.carry.length);
    this.finished = true;
    const { edges, directed } = this;
    if (this.stringIds) {
      const csr = buildCsr(this.stringIndex.size, edges.length, edges.src, edges.dst, edges.weights, directed);
      return new Graph(csr, directed, this.stringIndex);
    }
    const n = this.numNumeric;
    const ids = this.numericIds;
    let dense = true;
    for (let i = 0; i < n && dense; i++) dense = Number.isInteger(ids[i]) && ids[i] >= 0 && ids[i] < n;
    if (dense) {
      // Ids are exactly 0 … n−1: use them as the indices, keep no id map.
      for (let k = 0; k < edges.length; k++) {
        edges.src[k] = ids[edges.src[k]];
        edges.dst[k] = ids[edges.dst[k]];
      }
    }
    const csr = buildCsr(n, edges.length, edges.src, edges.dst, edges.weights, directed);
    return new Graph(csr, directed, dense ? null : NodeIndex.fromIds(Array.from(ids.subarray(0, n)), 'EdgeListParser'));
  }

  /** Parses `buf[0, end)`, which holds whole lines (the last may lack its newline only at finish). */
  private parseLines(buf: Uint8Array, end: number): void {
    let i = 0;
    while (i < end) {
      this.line++;
      while (i < end && isBlank(buf[i])) i++;
      if (i >= end) break;
      const c = buf[i];
      if (c === 10 || c === this.comment) {
        while (i < end && buf[i] !== 10) i++;
        i++;
        continue;
      }
      const s = this.readNode(buf, i, end, 1);
      const d = this.readNode(buf, this.skipBlanks(buf, this.pos, end, 2), end, 2);
      let w = 1;
      if (this.weighted) {
        w = this.readNumber(buf, this.skipBlanks(buf, this.pos, end, 3), end, 3);
        if (!(w >= 0) || w === Infinity) throw new RangeError(`readEdgeList: line ${this.line}: the weight must be finite and >= 0; received ${w}`);
      }
      this.edges.push(s, d, w);
      i = this.pos;
      while (i < end && buf[i] !== 10) i++;
      i++;
    }
  }

  /** Skips spaces/tabs from `i`; throws when the line ends before column `column`. */
  private skipBlanks(buf: Uint8Array, i: number, end: number, column: number): number {
    while (i < end && isBlank(buf[i])) i++;
    if (i >= end || buf[i] === 10) {
      throw new RangeError(`readEdgeList: line ${this.line}: expected at least ${this.weighted ? 3 : 2} columns; received ${column - 1}`);
    }
    return i;
  }

  private readNode(buf: Uint8Array, i: number, end: number, column: number): number {
    if (this.stringIds) {
      let j = i;
      while (j < end && !isSpace(buf[j])) j++;
      this.pos = j;
      return this.stringIndex.add(this.decode(buf, i, j, column), 'readEdgeList: node id');
    }
    return this.indexOfNumber(this.readNumber(buf, i, end, column));
  }

  /** Parses the token at `i` as a number (integers fast, others through `Number`); sets `pos`. */
  private readNumber(buf: Uint8Array, i: number, end: number, column: number): number {
    let j = i;
    const negative = buf[j] === 45;
    if (negative) j++;
    let value = 0;
    const digitsStart = j;
    while (j < end && buf[j] >= 48 && buf[j] <= 57) value = value * 10 + (buf[j++] - 48);
    if (j > digitsStart && j - digitsStart <= 15 && (j === end || isSpace(buf[j]))) {
      this.pos = j;
      return negative ? -value : value;
    }
    while (j < end && !isSpace(buf[j])) j++;
    this.pos = j;
    const text = this.decode(buf, i, j, column);
    const parsed = Number(text);
    if (!Number.isFinite(parsed)) throw new RangeError(`readEdgeList: line ${this.line}, column ${column}: expected a finite number; received ${describe(text)}`);
    return parsed;
  }

  private decode(buf: Uint8Array, i: number, j: number, column: number): string {
    try {
      return this.decoder.decode(buf.subarray(i, j));
    } catch {
      throw new RangeError(`readEdgeList: line ${this.line}, column ${column}: the text is not valid UTF-8`);
    }
  }

  private indexOfNumber(id: number): number {
    const small = Number.isInteger(id) && id >= 0 && id < SMALL_ID_LIMIT;
    if (small && id < this.smallTable.length && this.smallTable[id] !== 0) return this.smallTable[id] - 1;
    if (!small) {
      const known = this.otherIds.get(id);
      if (known !== undefined) return known;
    }
    const index = this.numNumeric++;
    if (index === this.numericIds.length) {
      const grown = new Float64Array(index * 2);
      grown.set(this.numericIds);
      this.numericIds = grown;
    }
    this.numericIds[index] = id;
    if (small) {
      if (id >= this.smallTable.length) {
        const grown = new Int32Array(Math.min(SMALL_ID_LIMIT, Math.max(id + 1, this.smallTable.length * 2)));
        grown.set(this.smallTable);
        this.smallTable = grown;
      }
      this.smallTable[id] = index + 1;
    } else {
      this.otherIds.set(id, index);
    }
    return index;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
