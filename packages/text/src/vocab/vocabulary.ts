/**
 * A token ↔ id table. `Vocabulary.fromCorpus` assigns ids deterministically: the special tokens
 * first, in the order given; then the tokens whose corpus count reaches `minFrequency`, most
 * frequent first, ties broken by Unicode code-point order of the token (so the ids do not depend on
 * document order or on Map iteration order); `maxSize` caps the total, special tokens included.
 */
import { checkInt, checkString } from '../internal/check-strings.js';
import { compareCodePoints } from '../internal/compare-code-points.js';
import { show, showPath } from '../internal/show.js';

/** Options of `Vocabulary.fromCorpus`. */
export interface VocabularyOptions {
  /** Keep tokens seen at least this many times. @default 1 */
  minFrequency?: number;
  /** Most tokens kept, special tokens included, or null for no limit. @default null */
  maxSize?: number | null;
  /** Tokens placed first, in this order (e.g. `['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']`). @default [] */
  specialTokens?: readonly string[];
  /** Token that unknown tokens encode to; must be among the tokens (added as a special token if missing). null: unknown tokens throw. @default null */
  unkToken?: string | null;
}

/** Defaults of `VocabularyOptions`. */
export const VOCABULARY_DEFAULTS = { minFrequency: 1, maxSize: null, specialTokens: [], unkToken: null } as const satisfies Required<VocabularyOptions>;

/** The JSON form written by `Vocabulary.toJSON()`. */
export interface VocabularyJSON {
  format: 'ml-text/vocabulary';
  version: 1;
  /** Tokens in id order. */
  tokens: string[];
  unkToken: string | null;
}

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly list: string[];
  /** The token unknown tokens encode to, or null. */
  readonly unkToken: string | null;

  /** @param tokens tokens in id order (no duplicates) */
  constructor(tokens: readonly string[], unkToken: string | null = null) {
    if (!Array.isArray(tokens)) throw new TypeError(`Vocabulary: 'tokens' must be an array of strings; received ${show(tokens)}`);
    tokens.forEach((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`Vocabulary: 'tokens[${i}]' must be a string; received ${show(t)}`);
      if (this.ids.has(t)) throw new RangeError(`Vocabulary: 'tokens' holds ${show(t)} twice (ids ${this.ids.get(t)} and ${i})`);
      this.ids.set(t, i);
    });
    if (unkToken !== null && !this.ids.has(checkString('Vocabulary', 'unkToken', unkToken))) {
      throw new RangeError(`Vocabulary: 'unkToken' ${show(unkToken)} is not among the tokens`);
    }
    this.list = tokens.slice();
    this.unkToken = unkToken;
  }

  /** Counts tokens over `corpus` (one token array per document) and builds the vocabulary (see the file header). */
  static fromCorpus(corpus: Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
    const where = 'Vocabulary.fromCorpus';
    const o = { ...VOCABULARY_DEFAULTS, ...options };
    checkInt(where, 'minFrequency', o.minFrequency, 1);
    if (o.maxSize !== null) checkInt(where, 'maxSize', o.maxSize, 1);
    if (corpus === null || typeof corpus !== 'object' || typeof (corpus as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`${where}: 'corpus' must be an iterable of token arrays; received ${show(corpus)}`);
    }
    const counts = new Map<string, number>();
    let d = 0;
    for (const doc of corpus) {
      if (!Array.isArray(doc)) throw new TypeError(`${where}: 'corpus[${d}]' must be an array of tokens; received ${show(doc)}`);
      for (const t of doc) {
        if (typeof t !== 'string') throw new TypeError(`${where}: 'corpus[${d}]' must hold strings; received ${show(t)}`);
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      d++;
    }
    if (d === 0) throw new RangeError(`${where}: 'corpus' is empty; it must hold at least one document`);
    const special = [...o.specialTokens];
    if (o.unkToken !== null && !special.includes(o.unkToken)) special.push(o.unkToken);
    const specialSet = new Set(special);
    if (specialSet.size !== special.length) throw new RangeError(`${where}: 'specialTokens' holds duplicates: ${show(special)}`);
    const rest = [...counts].filter(([t, c]) => c >= o.minFrequency && !specialSet.has(t));
    rest.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
    const tokens = special.concat(rest.map(([t]) => t));
    if (o.maxSize !== null && o.maxSize < special.length) {
      throw new RangeError(`${where}: 'maxSize' (${o.maxSize}) is smaller than the number of special tokens (${special.length})`);
    }
    return new Vocabulary(o.maxSize === null ? tokens : tokens.slice(0, o.maxSize), o.unkToken);
  }

  /** Number of tokens. */
  get size(): number {
    return this.list.length;
  }

  /** True when `token` is in the vocabulary. */
  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** The id of `token`, or undefined. */
  tokenToId(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** The token with id `id`, or undefined. */
  idToToken(id: number): string | undefined {
    return this.list[id];
  }

  /** Tokens in id order. */
  tokens(): string[] {
    return this.list.slice();
  }

  /** Ids of `tokens`; unknown ones become the `unkToken` id, or throw when there is none. */
  encode(tokens: readonly string[]): number[] {
    if (!Array.isArray(tokens)) throw new TypeError(`Vocabulary.encode: 'tokens' must be an array of strings; received ${show(tokens)}`);
    const unk = this.unkToken === null ? undefined : this.ids.get(this.unkToken);
    return tokens.map((t, i) => {
      const id = this.ids.get(t);
      if (id !== undefined) return id;
      if (unk !== undefined) return unk;
      throw new RangeError(`Vocabulary.encode: 'tokens[${i}]' ${show(t)} is not in the vocabulary and there is no 'unkToken'`);
    });
  }

  /** Tokens of `ids`; throws on an id outside [0, size). */
  decode(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id, i) => {
      const t = Number.isInteger(id) ? this.list[id] : undefined;
      if (t === undefined) throw new RangeError(`Vocabulary.decode: 'ids[${i}]' must be an integer in [0, ${this.size}); received ${show(id)}`);
      return t;
    });
  }

  toJSON(): VocabularyJSON {
    return { format: 'ml-text/vocabulary', version: 1, tokens: this.list.slice(), unkToken: this.unkToken };
  }

  /** Reads `toJSON()` output (an object or its JSON text). */
  static fromJSON(json: unknown): Vocabulary {
    const where = 'Vocabulary.fromJSON';
    let j = json;
    if (typeof j === 'string') {
      try {
        j = JSON.parse(j) as unknown;
      } catch (cause) {
        throw new SyntaxError(`${where}: 'json' is not valid JSON (${(cause as Error).message})`, { cause });
      }
    }
    const v = j as Partial<VocabularyJSON> | null;
    if (v === null || typeof v !== 'object' || v.format !== 'ml-text/vocabulary') {
      throw new TypeError(`${where}: 'json' must be the output of Vocabulary.toJSON() (format 'ml-text/vocabulary'); received ${show(json)}`);
    }
    if (v.version !== 1) throw new RangeError(`${where}: unsupported version ${show(v.version)}; this release reads version 1`);
    return new Vocabulary(v.tokens as string[], v.unkToken ?? null);
  }

  /** Writes the JSON form to `path` (Node.js). */
  async save(path: string): Promise<void> {
    const fs = await nodeFs('Vocabulary.save');
    await fs.writeFile(checkString('Vocabulary.save', 'path', path), `${JSON.stringify(this.toJSON())}\n`, 'utf8');
  }

  /** Reads a file written by `save` (Node.js); errors name the path. */
  static async load(path: string): Promise<Vocabulary> {
    const fs = await nodeFs('Vocabulary.load');
    let text: string;
    try {
      text = await fs.readFile(checkString('Vocabulary.load', 'path', path), 'utf8');
    } catch (cause) {
      throw new Error(`Vocabulary.load: cannot read 'path' ${showPath(path)}: ${(cause as Error).message}`, { cause });
    }
    try {
      return Vocabulary.fromJSON(text);
    } catch (cause) {
      throw new Error(`Vocabulary.load: ${showPath(path)} is not a saved vocabulary: ${(cause as Error).message}`, { cause });
    }
  }
}

const FS = 'node:fs/promises';
async function nodeFs(where: string): Promise<typeof import('node:fs/promises')> {
  try {
    return (await import(/* @vite-ignore */ FS)) as typeof import('node:fs/promises');
  } catch (cause) {
    throw new Error(`${where} needs Node.js file-system access; in a browser use toJSON() / fromJSON()`, { cause });
  }
}
