import { describe } from '../internal/describe.js';
import { EdgeListParser, type EdgeListOptions } from './edge-list-parser.js';
import type { Graph } from './graph.js';

/** Chunks of an edge-list file: a Node stream, any (async) iterable, or a web `ReadableStream`. */
export type EdgeListSource =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | ReadableStream<Uint8Array | string>;

/**
 * Reads a SNAP-style edge list (`source target [weight]` per line, `#` comments) from a stream of
 * chunks, parsing bytes incrementally, and builds the graph.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * const graph = await readEdgeList(createReadStream('web-Google.txt'));
 * ```
 */
export async function readEdgeList(source: EdgeListSource, options: EdgeListOptions = {}): Promise<Graph> {
  const parser = new EdgeListParser(options);
  if (source != null && typeof (source as ReadableStream).getReader === 'function' && !(Symbol.asyncIterator in source)) {
    const reader = (source as ReadableStream<Uint8Array | string>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  } else if (source != null && (Symbol.asyncIterator in Object(source) || Symbol.iterator in Object(source)) && typeof source !== 'string') {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) parser.push(chunk);
  } else {
    throw new TypeError(`readEdgeList: 'source' must be a stream or an iterable of Uint8Array/string chunks; received ${describe(source)}`);
  }
  return parser.finish();
}
