/**
 * What WordPiece and byte-level BPE tokenizers share, following the Hugging Face tokenizers pipeline:
 * added (special) tokens are cut out of the raw text first, each remaining stretch is normalised,
 * pre-tokenised and run through the model (subclasses), then truncation, the special-token template
 * and padding apply (post-process.ts). Offsets always point into the original strings.
 */
import { checkBool, checkChoice, checkInt, checkString } from '../internal/check-strings.js';
import { show } from '../internal/show.js';
import { makeSectionSplitter, type AddedToken, type Section } from './added-token.js';
import { ENCODE_DEFAULTS, type EncodeOptions } from './encode-options.js';
import type { Encoding, SequenceTokens } from './encoding.js';
import { padEncoding, postProcess } from './post-process.js';
import { resolveTemplate, templateToJson, type Template, type TemplateSpec } from './template.js';

/** Options of `decode`. */
export interface DecodeOptions {
  /** Leave out special tokens (added tokens marked special and template tokens). @default false */
  skipSpecialTokens?: boolean;
}

/** An input of `encodeBatch`: one text, or a pair `[first, second]`. */
export type BatchInput = string | readonly [string, string];

export abstract class SubwordTokenizer {
  /** Tokens matched verbatim before normalisation (special tokens and any others added). */
  readonly addedTokens: readonly AddedToken[];
  /** The template strings used by `encode`. */
  readonly templateSpec: TemplateSpec;
  /** Token used for padding, or null when padding is not possible. */
  readonly padToken: string | null;
  private readonly split: (text: string) => Section[];
  private resolvedTemplate: Template | null = null;
  private readonly specialIds: Set<number>;

  protected constructor(addedTokens: readonly AddedToken[], templateSpec: TemplateSpec, padToken: string | null) {
    this.addedTokens = addedTokens.map((t) => ({ special: true, lstrip: false, rstrip: false, ...t }));
    this.templateSpec = { single: [...templateSpec.single], pair: [...templateSpec.pair] };
    this.padToken = padToken;
    this.split = makeSectionSplitter(this.addedTokens);
    this.specialIds = new Set(this.addedTokens.filter((t) => t.special).map((t) => t.id));
  }

  /** Number of ids (model vocabulary plus added tokens). */
  abstract get vocabSize(): number;
  /** Id of a token (added tokens included), or undefined. */
  abstract tokenToId(token: string): number | undefined;
  /** Token of an id, or undefined. */
  abstract idToToken(id: number): string | undefined;
  /**
   * Tokenizes a stretch of text without added tokens, appending to `out` with offsets shifted by `base`
   * and word ids from `firstWord`; returns the next word id.
   */
  protected abstract encodeText(text: string, base: number, firstWord: number, out: SequenceTokens): number;
  /** Joins model tokens back into text. */
  protected abstract decodeTokens(tokens: string[]): string;

  protected get where(): string {
    return this.constructor.name;
  }

  private get template(): Template {
    this.resolvedTemplate ??= resolveTemplate(this.where, this.templateSpec, (t) => this.tokenToId(t));
    return this.resolvedTemplate;
  }

  /** The template in tokenizer.json `TemplateProcessing` form. */
  protected templateJson(): Record<string, unknown> {
    return templateToJson(this.template);
  }

  /** Tokens of one sequence, special tokens in the text included, offsets into `text`. */
  encodeSequence(text: string, name = 'text'): SequenceTokens {
    checkString(`${this.where}.encode`, name, text);
    const out: SequenceTokens = { ids: [], tokens: [], offsets: [], wordIds: [] };
    let word = 0;
    for (const s of this.split(text)) {
      if (s.token !== null) {
        out.ids.push(s.token.id);
        out.tokens.push(s.token.content);
        out.offsets.push([s.start, s.end]);
        out.wordIds.push(word++);
        continue;
      }
      word = this.encodeText(text.slice(s.start, s.end), s.start, word, out);
    }
    return out;
  }

  /** The token strings of `text` (no special tokens added). */
  tokenize(text: string): string[] {
    return this.encodeSequence(text).tokens;
  }

  /** Encodes one text, or a pair (e.g. question + context for QA). */
  encode(text: string, pair: string | null = null, options: EncodeOptions = {}): Encoding {
    const o = this.resolveOptions(options);
    const a = this.encodeSequence(text, 'text');
    const b = pair === null ? null : this.encodeSequence(pair, 'pair');
    const e = postProcess(this.template, a, b, o, `${this.where}.encode`);
    this.pad([e], o);
    return e;
  }

  /** Encodes many inputs; `padding: 'longest'` pads to the longest of the batch. */
  encodeBatch(inputs: readonly BatchInput[], options: EncodeOptions = {}): Encoding[] {
    if (!Array.isArray(inputs)) throw new TypeError(`${this.where}.encodeBatch: 'inputs' must be an array of strings or [string, string] pairs; received ${show(inputs)}`);
    const o = this.resolveOptions(options);
    const out = inputs.map((input, i) => {
      if (typeof input === 'string') return postProcess(this.template, this.encodeSequence(input, `inputs[${i}]`), null, o, `${this.where}.encodeBatch`);
      if (!Array.isArray(input) || input.length !== 2) {
        throw new TypeError(`${this.where}.encodeBatch: 'inputs[${i}]' must be a string or a [string, string] pair; received ${show(input)}`);
      }
      const a = this.encodeSequence(input[0], `inputs[${i}][0]`);
      const b = this.encodeSequence(input[1], `inputs[${i}][1]`);
      return postProcess(this.template, a, b, o, `${this.where}.encodeBatch`);
    });
    this.pad(out, o);
    return out;
  }

  /** Text of `ids`. */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    const skip = checkBool(`${this.where}.decode`, 'skipSpecialTokens', options.skipSpecialTokens ?? false);
    const templateIds = new Set([...this.template.single, ...this.template.pair].flatMap((p) => (p.kind === 'special' ? [p.id] : [])));
    const padId = this.padToken === null ? undefined : this.tokenToId(this.padToken);
    const parts: string[] = [];
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 0) parts.push(this.decodeTokens(run));
      run = [];
    };
    Array.from(ids).forEach((id, i) => {
      const token = Number.isInteger(id) ? this.idToToken(id) : undefined;
      if (token === undefined) throw new RangeError(`${this.where}.decode: 'ids[${i}]' must be a valid token id in [0, ${this.vocabSize}); received ${show(id)}`);
      const added = this.addedTokens.find((t) => t.id === id);
      if (skip && (this.specialIds.has(id) || templateIds.has(id) || id === padId)) return;
      if (added) {
        flush();
        parts.push(added.content);
      } else run.push(token);
    });
    flush();
    return this.joinDecoded(parts);
  }

  /** How decoded stretches and added tokens are joined (WordPiece: with spaces). */
  protected joinDecoded(parts: string[]): string {
    return parts.join('');
  }

  private resolveOptions(options: EncodeOptions): Required<EncodeOptions> {
    const where = `${this.where}.encode`;
    for (const key of Object.keys(options)) if (!(key in ENCODE_DEFAULTS)) throw new RangeError(`${where}: unknown option '${key}'`);
    const o = { ...ENCODE_DEFAULTS, ...options } as Required<EncodeOptions>;
    checkBool(where, 'addSpecialTokens', o.addSpecialTokens);
    checkChoice(where, 'truncation', o.truncation, [false, 'longest_first', 'only_first', 'only_second'] as unknown as readonly string[]);
    if (o.maxLength !== null) checkInt(where, 'maxLength', o.maxLength, 0);
    checkInt(where, 'stride', o.stride, 0);
    checkBool(where, 'returnOverflowingTokens', o.returnOverflowingTokens);
    checkChoice(where, 'padding', o.padding, [false, 'longest', 'max_length'] as unknown as readonly string[]);
    if (o.padToMultipleOf !== null) checkInt(where, 'padToMultipleOf', o.padToMultipleOf, 1);
    checkChoice(where, 'paddingSide', o.paddingSide, ['right', 'left'] as const);
    if (o.padding === 'max_length' && o.maxLength === null) throw new RangeError(`${where}: padding 'max_length' needs 'maxLength'`);
    return o;
  }

  private pad(encodings: Encoding[], o: Required<EncodeOptions>): void {
    if (o.padding === false || encodings.length === 0) return;
    const where = `${this.where}.encode`;
    if (this.padToken === null) throw new RangeError(`${where}: padding needs a pad token; this tokenizer has none (set 'padToken')`);
    const padId = this.tokenToId(this.padToken);
    if (padId === undefined) throw new RangeError(`${where}: pad token ${show(this.padToken)} is not in the vocabulary`);
    let length = o.padding === 'max_length' ? (o.maxLength as number) : Math.max(...encodings.map((e) => e.ids.length));
    if (o.padToMultipleOf !== null && length % o.padToMultipleOf > 0) length += o.padToMultipleOf - (length % o.padToMultipleOf);
    for (const e of encodings) padEncoding(e, length, padId, this.padToken, o.paddingSide);
  }
}
