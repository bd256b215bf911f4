/**
 * GPT-2's byte-level BPE tokenizer (Radford et al., "Language Models are Unsupervised Multitask
 * Learners", 2019; openai/gpt-2 encoder.py; Hugging Face `ByteLevel` + `BPE`): split with the GPT-2
 * pattern, turn each piece's UTF-8 bytes into byte-level characters, apply the merges by rank. Every
 * well-formed string round-trips exactly: `decode(encode(s).ids) === s`. JavaScript strings may hold
 * lone surrogates, which have no UTF-8 form; `encode` refuses them with an error giving their position.
 * Loads vocab.json + merges.txt or tokenizer.json, trains on a corpus, writes all three. Checked
 * against transformers.js 3.x.
 */
import { checkBool, checkInt, checkString } from '../internal/check-strings.js';
import { show } from '../internal/show.js';
import type { AddedToken } from './added-token.js';
import { BpeModel } from './bpe-model.js';
import { BYTE_LEVEL, GPT2_PATTERN } from './byte-level.js';
import type { SequenceTokens } from './encoding.js';
import { SubwordTokenizer } from './subword-tokenizer.js';
import type { TemplateSpec } from './template.js';
import { parseBpeJson, parseJsonInput, readVocabObject, writeBpeJson } from './tokenizer-json.js';
import { trainMerges } from './train-merges.js';

/** Options of `ByteLevelBpeTokenizer`. */
export interface ByteLevelBpeTokenizerOptions {
  /** Put a space before text that does not start with one, so the first word looks like the others (`add_prefix_space`). @default false */
  addPrefixSpace?: boolean;
  /** Leave leading/trailing spaces ("Ġ") out of token offsets (`trim_offsets`). @default false */
  trimOffsets?: boolean;
  /** Tokens matched verbatim in the input (each must be in the vocabulary), e.g. '<|endoftext|>'. @default [] */
  specialTokens?: readonly string[];
  /** Special-token template. @default single ['$A'], pair ['$A', '$B:1'] */
  template?: TemplateSpec;
  /** Padding token, or null. @default null */
  padToken?: string | null;
}

/** Defaults of `ByteLevelBpeTokenizerOptions`. */
export const BYTE_LEVEL_BPE_DEFAULTS = {
  addPrefixSpace: false,
  trimOffsets: false,
  specialTokens: [],
  template: { single: ['$A'], pair: ['$A', '$B:1'] },
  padToken: null,
} as const satisfies Required<ByteLevelBpeTokenizerOptions>;

/** Options of `ByteLevelBpeTokenizer.train`. */
export interface ByteLevelBpeTrainerOptions extends ByteLevelBpeTokenizerOptions {
  /** Target vocabulary size: special tokens + 256 byte characters + merges. @default 30000 */
  vocabSize?: number;
  /** Stop merging when the best pair occurs fewer times. @default 2 */
  minFrequency?: number;
}

interface PieceTokens {
  ids: number[];
  tokens: string[];
  starts: number[];
  ends: number[];
  lead: number[];
  trail: number[];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SPACE_CHAR = BYTE_LEVEL.byteToChar[32];
const STICKY_PATTERN = new RegExp(GPT2_PATTERN.source, 'uy');

export class ByteLevelBpeTokenizer extends SubwordTokenizer {
  readonly vocab: ReadonlyMap<string, number>;
  readonly merges: readonly [string, string][];
  readonly options: Readonly<Required<ByteLevelBpeTokenizerOptions>>;
  private readonly model: BpeModel;
  private readonly idToTokenList: string[];
  private readonly pieceCache = new Map<string, PieceTokens>();
  private readonly decoder = new TextDecoder('utf-8');

  constructor(vocab: ReadonlyMap<string, number>, merges: readonly [string, string][], options: ByteLevelBpeTokenizerOptions = {}, addedTokens?: readonly AddedToken[]) {
    const where = 'ByteLevelBpeTokenizer';
    const o = { ...BYTE_LEVEL_BPE_DEFAULTS, ...options } as Required<ByteLevelBpeTokenizerOptions>;
    checkBool(where, 'addPrefixSpace', o.addPrefixSpace);
    checkBool(where, 'trimOffsets', o.trimOffsets);
    if (!(vocab instanceof Map) || vocab.size === 0) throw new TypeError(`${where}: 'vocab' must be a non-empty Map of token → id; received ${show(vocab)}`);
    if (!Array.isArray(merges)) throw new TypeError(`${where}: 'merges' must be an array of [left, right] pairs; received ${show(merges)}`);
    const added = addedTokens ?? o.specialTokens.map((t) => {
      const id = vocab.get(t);
      if (id === undefined) throw new RangeError(`${where}: special token ${show(t)} is not in the vocabulary`);
      return { content: t, id, special: true };
    });
    super(added, o.template, o.padToken);
    this.vocab = vocab;
    this.merges = merges;
    this.options = o;
    this.model = new BpeModel(merges);
    this.idToTokenList = [];
    for (const [t, id] of vocab) this.idToTokenList[id] = t;
    for (const t of this.addedTokens) this.idToTokenList[t.id] ??= t.content;
  }

  /** Reads GPT-2's vocab.json (text or object) and merges.txt (text; a "#version" first line is skipped). */
  static fromFiles(vocabJson: unknown, mergesTxt: string, options: ByteLevelBpeTokenizerOptions = {}): ByteLevelBpeTokenizer {
    const where = 'ByteLevelBpeTokenizer.fromFiles';
    const vocab = readVocabObject(where, 'vocabJson', typeof vocabJson === 'string' ? parseJsonInput(where, vocabJson) : vocabJson);
    checkString(where, 'mergesTxt', mergesTxt);
    const merges: [string, string][] = [];
    mergesTxt.split(/\r?\n/).forEach((line, i) => {
      if (line === '' || (i === 0 && line.startsWith('#version'))) return;
      const parts = line.split(' ');
      if (parts.length !== 2) throw new SyntaxError(`${where}: 'mergesTxt' line ${i + 1} must be "left right"; received ${show(line)}`);
      merges.push([parts[0], parts[1]]);
    });
    return new ByteLevelBpeTokenizer(vocab, merges, options);
  }

  /** Reads a Hugging Face tokenizer.json (object or text) with a ByteLevel pre-tokenizer and a BPE model. */
  static fromTokenizerJson(json: unknown): ByteLevelBpeTokenizer {
    const p = parseBpeJson(json);
    return new ByteLevelBpeTokenizer(p.vocab, p.merges, p.options, p.addedTokens);
  }

  /** Learns merges from `corpus`; ids: special tokens, the 256 byte characters, then merges in order. */
  static train(corpus: Iterable<string>, options: ByteLevelBpeTrainerOptions = {}): ByteLevelBpeTokenizer {
    const where = 'ByteLevelBpeTokenizer.train';
    const { vocabSize = 30000, minFrequency = 2, ...rest } = options;
    const specials = rest.specialTokens ?? [];
    checkInt(where, 'vocabSize', vocabSize, specials.length + 256);
    checkInt(where, 'minFrequency', minFrequency, 1);
    const encoder = new TextEncoder();
    const counts = new Map<string, number>();
    let docs = 0;
    for (const doc of corpus) {
      checkString(where, `corpus[${docs}]`, doc);
      checkWellFormed(where, `corpus[${docs}]`, doc);
      for (const m of doc.matchAll(GPT2_PATTERN)) {
        let w = '';
        for (const b of encoder.encode(m[0])) w += BYTE_LEVEL.byteToChar[b];
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      docs++;
    }
    if (docs === 0) throw new RangeError(`${where}: 'corpus' is empty; it must hold at least one document`);
    const { tokens, merges } = trainMerges({
      words: [...counts].map(([w, count]) => ({ symbols: Array.from(w), count })),
      initialAlphabet: BYTE_LEVEL.byteToChar,
      specialTokens: specials,
      vocabSize,
      minFrequency,
      join: (a, b) => a + b,
    });
    return new ByteLevelBpeTokenizer(new Map(tokens.map((t, i) => [t, i])), merges, rest);
  }

  get vocabSize(): number {
    return this.idToTokenList.length;
  }

  tokenToId(token: string): number | undefined {
    return this.addedTokens.find((t) => t.content === token)?.id ?? this.vocab.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.idToTokenList[id];
  }

  /** vocab.json text (token → id). */
  toVocabJson(): string {
    return `${JSON.stringify(Object.fromEntries([...this.vocab].sort((a, b) => a[1] - b[1])))}\n`;
  }

  /** merges.txt text, with GPT-2's "#version: 0.2" header. */
  toMergesTxt(): string {
    return `#version: 0.2\n${this.merges.map(([a, b]) => `${a} ${b}`).join('\n')}\n`;
  }

  /** A Hugging Face tokenizer.json object. */
  toTokenizerJson(): Record<string, unknown> {
    const isDefault = this.templateSpec.single.join() === '$A' && this.templateSpec.pair.join() === '$A,$B:1';
    const post = isDefault ? { type: 'ByteLevel', add_prefix_space: this.options.addPrefixSpace, trim_offsets: this.options.trimOffsets, use_regex: true } : this.templateJson();
    return writeBpeJson(this.vocab, this.merges, { ...this.options, template: this.templateSpec }, this.addedTokens, post);
  }

  protected encodeText(input: string, offset: number, firstWord: number, out: SequenceTokens): number {
    checkWellFormed(`${this.where}.encode`, 'text', input);
    const prefixed = this.options.addPrefixSpace && !input.startsWith(' ');
    const text = prefixed ? ` ${input}` : input;
    const shift = prefixed ? 1 : 0;
    let word = firstWord;
    // The GPT-2 pattern matches every character (its last branches take any whitespace, the others
    // letters, numbers and everything else), so pieces are contiguous: a sticky test gives each end.
    const re = STICKY_PATTERN;
    re.lastIndex = 0;
    for (let at = 0; at < text.length; at = re.lastIndex) {
      if (!re.test(text)) throw new Error(`${this.where}.encode: internal error, the GPT-2 pattern did not match at index ${at}`);
      const piece = this.encodePiece(text.slice(at, re.lastIndex));
      const base = at - shift;
      for (let k = 0; k < piece.ids.length; k++) {
        let start = Math.max(0, base + piece.starts[k]);
        let end = Math.max(start, base + piece.ends[k]);
        if (this.options.trimOffsets) {
          start = Math.min(start + piece.lead[k], end);
          end = Math.max(end - piece.trail[k], start);
        }
        out.ids.push(piece.ids[k]);
        out.tokens.push(piece.tokens[k]);
        out.offsets.push([offset + start, offset + end]);
        out.wordIds.push(word);
      }
      word++;
    }
    return word;
  }

  /** Tokens of one pre-tokenized piece, with offsets relative to it (cached per piece). */
  private encodePiece(text: string): PieceTokens {
    const hit = this.pieceCache.get(text);
    if (hit !== undefined) return hit;
    // Byte-level characters of the piece, and the [start, end) of the character each byte came from.
    let chars = '';
    const byteStart: number[] = [];
    const byteEnd: number[] = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) {
        const b = k === 0 ? (n === 1 ? cp : ((0xf0 << (4 - n)) & 0xff) | (cp >> (6 * (n - 1)))) : 0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3f);
        chars += BYTE_LEVEL.byteToChar[b];
        byteStart.push(i);
        byteEnd.push(i + width);
      }
      i += width;
    }
    const out: PieceTokens = { ids: [], tokens: [], starts: [], ends: [], lead: [], trail: [] };
    let pos = 0;
    for (const token of this.model.split(chars)) {
      const id = this.vocab.get(token);
      if (id === undefined) throw new RangeError(`${this.where}.encode: token ${show(token)} is not in the vocabulary (is the byte alphabet missing from vocab.json?)`);
      let lead = 0;
      while (lead < token.length && token[lead] === SPACE_CHAR) lead++;
      let trail = 0;
      while (trail < token.length - lead && token[token.length - 1 - trail] === SPACE_CHAR) trail++;
      out.ids.push(id);
      out.tokens.push(token);
      out.starts.push(byteStart[pos]);
      out.ends.push(byteEnd[pos + token.length - 1]);
      out.lead.push(lead);
      out.trail.push(trail);
      pos += token.length;
    }
    if (this.pieceCache.size >= 50_000) this.pieceCache.clear();
    this.pieceCache.set(text, out);
    return out;
  }

  protected decodeTokens(tokens: string[]): string {
    const bytes: number[] = [];
    for (const t of tokens) {
      for (const c of t) {
        const b = BYTE_LEVEL.charToByte.get(c);
        if (b === undefined) throw new RangeError(`${this.where}.decode: token ${show(t)} holds ${show(c)}, which is not a byte-level character`);
        bytes.push(b);
      }
    }
    return this.decoder.decode(Uint8Array.from(bytes));
  }
}

function checkWellFormed(where: string, name: string, text: string): void {
  const m = LONE_SURROGATE.exec(text);
  if (m !== null) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase();
    throw new RangeError(`${where}: '${name}' holds a lone surrogate U+${code} at index ${m.index}; it has no UTF-8 encoding, so byte-level BPE cannot represent it losslessly (fix the string, e.g. with String.prototype.toWellFormed())`);
  }
}
