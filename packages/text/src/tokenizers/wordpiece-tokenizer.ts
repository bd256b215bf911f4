/**
 * BERT's WordPiece tokenizer: `bertNormalize` (clean text, CJK split, lower case, strip accents) →
 * `bertPreTokenize` (whitespace and punctuation) → `WordPieceModel` (greedy longest match, "##"
 * continuations) → template `[CLS] A [SEP] B [SEP]`. Loads `vocab.txt` or a Hugging Face
 * `tokenizer.json`; trains on a corpus (`WordPieceTokenizer.train`). Checked against transformers.js 3.x.
 */
import { checkInt, checkString } from '../internal/check-strings.js';
import { show } from '../internal/show.js';
import type { AddedToken } from './added-token.js';
import { BERT_NORMALIZE_DEFAULTS, bertNormalize, type BertNormalizeOptions } from './bert-normalize.js';
import { bertPreTokenize } from './bert-pre-tokenize.js';
import type { SequenceTokens } from './encoding.js';
import { SubwordTokenizer } from './subword-tokenizer.js';
import type { TemplateSpec } from './template.js';
import { trainMerges } from './train-merges.js';
import { WordPieceModel } from './wordpiece-model.js';
import { parseWordPieceJson, writeWordPieceJson } from './tokenizer-json.js';

/** Options of `WordPieceTokenizer` (Hugging Face field names in camelCase). */
export interface WordPieceTokenizerOptions extends BertNormalizeOptions {
  /** Token for words that cannot be split (`unk_token`). @default '[UNK]' */
  unkToken?: string;
  /** Prefix of non-initial pieces (`continuing_subword_prefix`). @default '##' */
  continuingSubwordPrefix?: string;
  /** Longer words (in code points) become the unknown token (`max_input_chars_per_word`). @default 100 */
  maxInputCharsPerWord?: number;
  /** Special tokens matched verbatim in the input (those present in the vocabulary). @default ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] */
  specialTokens?: readonly string[];
  /** Special-token template. @default BERT's: single ['[CLS]', '$A', '[SEP]'], pair ['[CLS]', '$A', '[SEP]', '$B:1', '[SEP]:1'] */
  template?: TemplateSpec;
  /** Padding token. @default '[PAD]' */
  padToken?: string | null;
  /** `decode` removes spaces before punctuation and contractions (`clean_up_tokenization_spaces`). @default true */
  cleanupTokenizationSpaces?: boolean;
}

/** Defaults of `WordPieceTokenizerOptions`. */
export const WORDPIECE_DEFAULTS = {
  ...BERT_NORMALIZE_DEFAULTS,
  unkToken: '[UNK]',
  continuingSubwordPrefix: '##',
  maxInputCharsPerWord: 100,
  specialTokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'],
  template: { single: ['[CLS]', '$A', '[SEP]'], pair: ['[CLS]', '$A', '[SEP]', '$B:1', '[SEP]:1'] },
  padToken: '[PAD]',
  cleanupTokenizationSpaces: true,
} as const satisfies Required<WordPieceTokenizerOptions>;

/** Options of `WordPieceTokenizer.train`. */
export interface WordPieceTrainerOptions extends WordPieceTokenizerOptions {
  /** Target vocabulary size, special tokens included. @default 30000 */
  vocabSize?: number;
  /** Stop merging when the best pair occurs fewer times. @default 2 */
  minFrequency?: number;
}

/** Hugging Face's `clean_up_tokenization`. */
export function cleanUpTokenization(s: string): string {
  return s
    .replace(/ \./g, '.').replace(/ \?/g, '?').replace(/ !/g, '!').replace(/ ,/g, ',').replace(/ ' /g, "'")
    .replace(/ n't/g, "n't").replace(/ 'm/g, "'m").replace(/ do not/g, " don't").replace(/ 's/g, "'s")
    .replace(/ 've/g, "'ve").replace(/ 're/g, "'re");
}

export class WordPieceTokenizer extends SubwordTokenizer {
  /** Model vocabulary, token → id. */
  readonly vocab: ReadonlyMap<string, number>;
  /** The options in force (defaults filled in). */
  readonly options: Readonly<Required<WordPieceTokenizerOptions>>;
  private readonly model: WordPieceModel;
  private readonly idToTokenList: string[];

  /**
   * @param vocab tokens in id order (the lines of vocab.txt) or token → id
   * @param addedTokens added tokens with explicit ids; by default the `specialTokens` found in `vocab`
   */
  constructor(vocab: readonly string[] | ReadonlyMap<string, number>, options: WordPieceTokenizerOptions = {}, addedTokens?: readonly AddedToken[]) {
    const where = 'WordPieceTokenizer';
    const o = { ...WORDPIECE_DEFAULTS, ...options } as Required<WordPieceTokenizerOptions>;
    const map = toVocabMap(where, vocab);
    checkString(where, 'unkToken', o.unkToken);
    checkString(where, 'continuingSubwordPrefix', o.continuingSubwordPrefix);
    checkInt(where, 'maxInputCharsPerWord', o.maxInputCharsPerWord, 1);
    const added = addedTokens ?? o.specialTokens.filter((t) => map.has(t)).map((t) => ({ content: t, id: map.get(t) as number, special: true }));
    super(added, o.template, o.padToken);
    this.vocab = map;
    this.options = o;
    this.model = new WordPieceModel(map, o.unkToken, o.continuingSubwordPrefix, o.maxInputCharsPerWord);
    this.idToTokenList = [];
    for (const [t, id] of map) this.idToTokenList[id] = t;
    for (const t of this.addedTokens) this.idToTokenList[t.id] ??= t.content;
  }

  /** Reads vocab.txt: one token per line, the line number is the id. */
  static fromVocabTxt(text: string, options: WordPieceTokenizerOptions = {}): WordPieceTokenizer {
    checkString('WordPieceTokenizer.fromVocabTxt', 'text', text);
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) throw new RangeError("WordPieceTokenizer.fromVocabTxt: 'text' holds no tokens (an empty vocab.txt)");
    return new WordPieceTokenizer(lines, options);
  }

  /** Learns a vocabulary from `corpus` (BPE-style merges of characters with "##" continuations; see `trainMerges`). */
  static train(corpus: Iterable<string>, options: WordPieceTrainerOptions = {}): WordPieceTokenizer {
    const where = 'WordPieceTokenizer.train';
    const { vocabSize = 30000, minFrequency = 2, ...rest } = options;
    checkInt(where, 'vocabSize', vocabSize, 1);
    checkInt(where, 'minFrequency', minFrequency, 1);
    const o = { ...WORDPIECE_DEFAULTS, ...rest } as Required<WordPieceTokenizerOptions>;
    const counts = new Map<string, number>();
    let docs = 0;
    for (const doc of corpus) {
      checkString(where, `corpus[${docs}]`, doc);
      const n = bertNormalize(doc, o);
      const spans = bertPreTokenize(n.text);
      for (let k = 0; k < spans.length; k += 2) {
        const w = n.text.slice(spans[k], spans[k + 1]);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      docs++;
    }
    if (docs === 0) throw new RangeError(`${where}: 'corpus' is empty; it must hold at least one document`);
    const prefix = o.continuingSubwordPrefix;
    const words = [...counts].map(([w, count]) => ({ symbols: Array.from(w, (c, i) => (i === 0 ? c : prefix + c)), count }));
    const specials = [...o.specialTokens];
    if (!specials.includes(o.unkToken)) specials.push(o.unkToken);
    const { tokens } = trainMerges({
      words,
      initialAlphabet: [],
      specialTokens: specials,
      vocabSize,
      minFrequency,
      join: (a, b) => a + (b.startsWith(prefix) ? b.slice(prefix.length) : b),
    });
    return new WordPieceTokenizer(tokens, rest);
  }

  /** Reads a Hugging Face tokenizer.json (object or text) whose model is WordPiece. */
  static fromTokenizerJson(json: unknown): WordPieceTokenizer {
    const p = parseWordPieceJson(json);
    return new WordPieceTokenizer(p.vocab, p.options, p.addedTokens);
  }

  /** A Hugging Face tokenizer.json object (BertNormalizer, BertPreTokenizer, TemplateProcessing, WordPiece model and decoder). */
  toTokenizerJson(): Record<string, unknown> {
    return writeWordPieceJson(this.vocab, this.options, this.addedTokens, this.templateJson());
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

  /** vocab.txt text: tokens in id order, one per line. */
  toVocabTxt(): string {
    for (let i = 0; i < this.idToTokenList.length; i++) {
      if (this.idToTokenList[i] === undefined) throw new RangeError(`WordPieceTokenizer.toVocabTxt: ids are not contiguous (no token has id ${i})`);
    }
    return `${this.idToTokenList.join('\n')}\n`;
  }

  protected encodeText(text: string, base: number, firstWord: number, out: SequenceTokens): number {
    const n = bertNormalize(text, this.options);
    let word = firstWord;
    const spans = bertPreTokenize(n.text);
    for (let k = 0; k < spans.length; k += 2) {
      const s = spans[k];
      const e = spans[k + 1];
      for (const p of this.model.encodeWord(n.text.slice(s, e))) {
        out.ids.push(p.id);
        out.tokens.push(p.token);
        out.offsets.push([base + n.starts[s + p.start], base + n.ends[s + p.end - 1]]);
        out.wordIds.push(word);
      }
      word++;
    }
    return word;
  }

  protected decodeTokens(tokens: string[]): string {
    const prefix = this.options.continuingSubwordPrefix;
    let s = '';
    tokens.forEach((t, i) => {
      if (i > 0 && t.startsWith(prefix)) s += t.slice(prefix.length);
      else s += i > 0 ? ` ${t}` : t;
    });
    return s;
  }

  protected override joinDecoded(parts: string[]): string {
    const s = parts.join(' ');
    return this.options.cleanupTokenizationSpaces ? cleanUpTokenization(s) : s;
  }
}

function toVocabMap(where: string, vocab: unknown): Map<string, number> {
  const map = new Map<string, number>();
  if (Array.isArray(vocab)) {
    vocab.forEach((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`${where}: 'vocab[${i}]' must be a string; received ${show(t)}`);
      if (!map.has(t)) map.set(t, i);
    });
  } else if (vocab instanceof Map) {
    for (const [t, id] of vocab) {
      if (typeof t !== 'string' || !Number.isInteger(id) || id < 0) throw new TypeError(`${where}: 'vocab' must map strings to non-negative integer ids; received ${show(t)} → ${show(id)}`);
      map.set(t, id);
    }
  } else throw new TypeError(`${where}: 'vocab' must be an array of tokens or a Map of token → id; received ${show(vocab)}`);
  if (map.size === 0) throw new RangeError(`${where}: 'vocab' is empty`);
  return map;
}

