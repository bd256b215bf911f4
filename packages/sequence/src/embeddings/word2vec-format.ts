/**
 * The word2vec file formats of Mikolov's original C tool (https://code.google.com/archive/p/word2vec/,
 * `word2vec.c`, `-binary 0/1`), also read and written by gensim's `KeyedVectors.load_word2vec_format`:
 * a header line `"<words> <dims>\n"`, then one row per word —
 * - text: `word v1 v2 … vd\n` (values in decimal);
 * - binary: `word ` then d little-endian float32 values, then `\n` (the C tool writes the newline,
 *   gensim 4 omits it; the reader accepts both).
 * Words are UTF-8. `loadGloVe` reads the GloVe text format (the same rows with no header).
 */
import { KeyedVectors } from './keyed-vectors.js';
import { nodeFs, show } from './show.js';

/** Options of `toWord2VecFormat` and `saveWord2VecFormat`. */
export interface Word2VecFormatOptions {
  /** Binary (float32) rows instead of decimal text. @default false */
  binary?: boolean;
}

/** Thrown when a word2vec or GloVe file is malformed; the message names the line or byte offset. */
export class EmbeddingFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddingFormatError';
  }
}

/** The word2vec-format bytes of `vectors`. */
export function toWord2VecFormat(vectors: KeyedVectors, options: Word2VecFormatOptions = {}): Uint8Array {
  if (!(vectors instanceof KeyedVectors)) throw new TypeError(`toWord2VecFormat: 'vectors' must be a KeyedVectors; received ${show(vectors)}`);
  const binary = options.binary ?? false;
  const enc = new TextEncoder();
  const d = vectors.vectorSize;
  const words = vectors.words;
  const values = vectors.vectors;
  if (!binary) {
    const lines = [`${words.length} ${d}`];
    for (let i = 0; i < words.length; i++) {
      const row: string[] = [words[i]];
      // Shortest decimal that reads back as the same float32.
      for (let k = 0; k < d; k++) row.push(shortestFloat32(values[i * d + k]));
      lines.push(row.join(' '));
    }
    return enc.encode(`${lines.join('\n')}\n`);
  }
  const parts: Uint8Array[] = [enc.encode(`${words.length} ${d}\n`)];
  let total = parts[0].length;
  for (let i = 0; i < words.length; i++) {
    const head = enc.encode(`${words[i]} `);
    const body = new Uint8Array(d * 4 + 1);
    const view = new DataView(body.buffer);
    for (let k = 0; k < d; k++) view.setFloat32(k * 4, values[i * d + k], true);
    body[d * 4] = 0x0a;
    parts.push(head, body);
    total += head.length + body.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function shortestFloat32(x: number): string {
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(f);
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Reads word2vec-format bytes (or text, for the text format); `binary` says which format it is. */
export function fromWord2VecFormat(input: Uint8Array | string, options: Word2VecFormatOptions = {}): KeyedVectors {
  const where = 'fromWord2VecFormat';
  const binary = options.binary ?? false;
  if (typeof input === 'string') {
    if (binary) throw new TypeError(`${where}: the binary format must be given as a Uint8Array; received a string`);
    return parseText(input, where, true);
  }
  if (!(input instanceof Uint8Array)) throw new TypeError(`${where}: 'input' must be a Uint8Array or a string; received ${show(input)}`);
  if (!binary) return parseText(new TextDecoder('utf-8').decode(input), where, true);

  const dec = new TextDecoder('utf-8', { fatal: true });
  const headerEnd = input.indexOf(0x0a);
  if (headerEnd < 0) throw new EmbeddingFormatError(`${where}: no header line ("<words> <dims>") found`);
  const [n, d] = parseHeader(dec.decode(input.subarray(0, headerEnd)), where);
  const words: string[] = [];
  const values = new Float32Array(n * d);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let at = headerEnd + 1;
  for (let i = 0; i < n; i++) {
    while (at < input.length && isSpace(input[at])) at++; // the newline the C tool writes after each row
    const start = at;
    while (at < input.length && input[at] !== 0x20) at++;
    if (at >= input.length) throw new EmbeddingFormatError(`${where}: the file ends inside row ${i} of ${n} (byte ${start}); it is truncated or not binary`);
    let word: string;
    try {
      word = dec.decode(input.subarray(start, at));
    } catch {
      throw new EmbeddingFormatError(`${where}: the word of row ${i} (byte ${start}) is not valid UTF-8; is the file in the text format (binary: false)?`);
    }
    at++;
    if (at + d * 4 > input.length) throw new EmbeddingFormatError(`${where}: the file ends inside the vector of ${show(word)} (row ${i} of ${n}); it is truncated`);
    for (let k = 0; k < d; k++) values[i * d + k] = view.getFloat32(at + k * 4, true);
    at += d * 4;
    words.push(word);
  }
  return build(words, values, d, where);
}

function parseHeader(line: string, where: string): [number, number] {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
  if (m === null) throw new EmbeddingFormatError(`${where}: the header line must be "<words> <dims>"; received ${show(line)}`);
  const n = Number(m[1]);
  const d = Number(m[2]);
  if (d < 1) throw new EmbeddingFormatError(`${where}: the header gives ${d} dimensions; expected at least 1`);
  return [n, d];
}

/** Text rows, with a word2vec header (`header`) or without (GloVe). */
function parseText(text: string, where: string, header: boolean): KeyedVectors {
  const lines = text.split(/\r?\n/);
  let first = 0;
  let n = -1;
  let d = -1;
  if (header) {
    [n, d] = parseHeader(lines[0] ?? '', where);
    first = 1;
  }
  const words: string[] = [];
  const values: number[] = [];
  for (let li = first; li < lines.length; li++) {
    const line = lines[li].trimEnd();
    if (line === '') continue;
    const parts = line.split(' ');
    if (d < 0) d = parts.length - 1;
    if (d < 1 || parts.length < d + 1) {
      throw new EmbeddingFormatError(`${where}: line ${li + 1} must hold a word and ${d < 1 ? 'at least one value' : `${d} values`}; received ${parts.length - 1} fields after the word`);
    }
    // A word may itself contain spaces (GloVe's Common Crawl files have some): the values are the last d fields.
    const word = parts.slice(0, parts.length - d).join(' ');
    for (let k = parts.length - d; k < parts.length; k++) {
      const v = Number(parts[k]);
      if (parts[k] === '' || !Number.isFinite(v)) throw new EmbeddingFormatError(`${where}: line ${li + 1} (${show(word)}) holds ${show(parts[k])}, which is not a finite number`);
      values.push(v);
    }
    words.push(word);
  }
  if (header && words.length !== n) throw new EmbeddingFormatError(`${where}: the header announces ${n} words; the file holds ${words.length}`);
  if (words.length === 0) throw new EmbeddingFormatError(`${where}: the file holds no vectors`);
  return build(words, Float32Array.from(values), d, where);
}

function build(words: string[], values: Float32Array, d: number, where: string): KeyedVectors {
  try {
    return new KeyedVectors(words, values, d);
  } catch (cause) {
    throw new EmbeddingFormatError(`${where}: ${(cause as Error).message.replace(/^KeyedVectors: /, '')}`);
  }
}

/** Reads GloVe text (`word v1 … vd` per line, no header; https://nlp.stanford.edu/projects/glove/). */
export function fromGloVeText(text: string): KeyedVectors {
  if (typeof text !== 'string') throw new TypeError(`fromGloVeText: 'text' must be a string; received ${show(text)}`);
  return parseText(text, 'fromGloVeText', false);
}

async function readFile(where: string, path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path === '') throw new TypeError(`${where}: 'path' must be a non-empty path; received ${show(path)}`);
  const fs = await nodeFs(where);
  try {
    const b = await fs.readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (cause) {
    throw new Error(`${where}: cannot read ${JSON.stringify(path)} (${(cause as Error).message})`, { cause });
  }
}

function withPath<T>(where: string, path: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (cause instanceof EmbeddingFormatError) throw new EmbeddingFormatError(`${where}: ${JSON.stringify(path)}: ${cause.message.replace(/^\w+: /, '')}`);
    throw cause;
  }
}

/** Reads a word2vec-format file (Node.js). */
export async function loadWord2VecFormat(path: string, options: Word2VecFormatOptions = {}): Promise<KeyedVectors> {
  const bytes = await readFile('loadWord2VecFormat', path);
  return withPath('loadWord2VecFormat', path, () => fromWord2VecFormat(bytes, options));
}

/** Writes `vectors` as a word2vec-format file (Node.js). */
export async function saveWord2VecFormat(path: string, vectors: KeyedVectors, options: Word2VecFormatOptions = {}): Promise<void> {
  const where = 'saveWord2VecFormat';
  if (typeof path !== 'string' || path === '') throw new TypeError(`${where}: 'path' must be a non-empty path; received ${show(path)}`);
  const bytes = toWord2VecFormat(vectors, options);
  const fs = await nodeFs(where);
  await fs.writeFile(path, bytes);
}

/** Reads a GloVe text file such as `glove.6B.100d.txt` (Node.js). */
export async function loadGloVe(path: string): Promise<KeyedVectors> {
  const bytes = await readFile('loadGloVe', path);
  return withPath('loadGloVe', path, () => fromGloVeText(new TextDecoder('utf-8').decode(bytes)));
}
