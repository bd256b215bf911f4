/**
 * Masked-language-model inputs as BERT's pretraining (Devlin et al. 2019, §3.1) and Hugging Face's
 * `DataCollatorForLanguageModeling` / `DataCollatorForWholeWordMask`: choose 15% of the tokens
 * (never special or padding tokens), replace 80% of the chosen with `[MASK]`, 10% with a random
 * token, keep 10%; the labels hold the original id at chosen positions and −100 (ignored) elsewhere.
 * Whole-word masking chooses whole words: a WordPiece continuation piece (`##…`) belongs to the word
 * before it, and words are added in random order until round(15% · tokens) are covered.
 */
import { Rng, type SeedLike } from '@ml/core';
import { checkProbability } from '../internal/args.js';

export interface MaskTokensOptions {
  /** Id of `[MASK]`; required. */
  maskTokenId: number;
  /** Vocabulary size: random replacements are drawn uniformly from [0, vocabSize); required. */
  vocabSize: number;
  /** Fraction of tokens to choose (HF `mlm_probability`). @default 0.15 */
  mlmProbability?: number;
  /** Ids never chosen (`[CLS]`, `[SEP]`, `[PAD]`, …). @default [] */
  specialTokenIds?: readonly number[];
  /** Choose whole words (HF `DataCollatorForWholeWordMask`); needs `idToToken`. @default false */
  wholeWordMask?: boolean;
  /** Token string of an id, to find `##` continuation pieces (e.g. `tokenizer.idToToken.bind(tokenizer)`). @default undefined */
  idToToken?: (id: number) => string | undefined;
  /** Prefix of continuation pieces. @default '##' */
  continuingSubwordPrefix?: string;
  /** Seed or generator. @default 0 */
  seed?: SeedLike;
}

export const MASK_TOKENS_DEFAULTS = {
  mlmProbability: 0.15,
  specialTokenIds: [],
  wholeWordMask: false,
  continuingSubwordPrefix: '##',
  seed: 0,
} as const;

/** Ignored label value (PyTorch's and Hugging Face's −100). */
export const IGNORE_INDEX = -100;

export interface MaskedTokens {
  /** The inputs after masking, one array per sequence. */
  inputIds: number[][];
  /** The original id at chosen positions, −100 elsewhere. */
  labels: number[][];
}

/** Masks `sequences` (arrays of token ids); a seed gives the same masks every time. */
export function maskTokens(sequences: readonly (readonly number[])[], options: MaskTokensOptions): MaskedTokens {
  const where = 'maskTokens';
  const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) as MaskTokensOptions; // undefined means the default
  const o = { ...MASK_TOKENS_DEFAULTS, ...given };
  if (!Array.isArray(sequences)) throw new TypeError(`${where}: 'sequences' must be an array of token-id arrays; received ${typeof sequences}`);
  if (!Number.isInteger(o.vocabSize) || o.vocabSize < 1) throw new RangeError(`${where}: 'vocabSize' must be a positive integer; received ${JSON.stringify(o.vocabSize)}`);
  if (!Number.isInteger(o.maskTokenId) || o.maskTokenId < 0 || o.maskTokenId >= o.vocabSize) {
    throw new RangeError(`${where}: 'maskTokenId' must be an integer in [0, ${o.vocabSize}); received ${JSON.stringify(o.maskTokenId)}`);
  }
  checkProbability(o.mlmProbability, 'mlmProbability', where);
  if (o.wholeWordMask && typeof o.idToToken !== 'function') {
    throw new TypeError(`${where}: 'idToToken' must be a function (id) => token string when 'wholeWordMask' is true; received ${typeof o.idToToken}`);
  }
  const special = new Set(o.specialTokenIds);
  const rng = Rng.from(o.seed);
  const inputIds: number[][] = [];
  const labels: number[][] = [];
  sequences.forEach((seq, s) => {
    if (!Array.isArray(seq)) throw new TypeError(`${where}: 'sequences[${s}]' must be an array of token ids; received ${typeof seq}`);
    seq.forEach((id, i) => {
      if (!Number.isInteger(id) || id < 0 || id >= o.vocabSize) throw new RangeError(`${where}: 'sequences[${s}][${i}]' must be a token id in [0, ${o.vocabSize}); received ${JSON.stringify(id)}`);
    });
    const chosen = o.wholeWordMask ? chooseWholeWords(seq, special, o.mlmProbability, o.idToToken as (id: number) => string | undefined, o.continuingSubwordPrefix, rng) : seq.map((id) => !special.has(id) && rng.random() < o.mlmProbability);
    const ids = [...seq];
    const lab = seq.map(() => IGNORE_INDEX);
    chosen.forEach((c, i) => {
      if (!c) return;
      lab[i] = seq[i] as number;
      // HF: 80% [MASK]; of the rest, half random (10% overall), half unchanged.
      if (rng.random() < 0.8) ids[i] = o.maskTokenId;
      else if (rng.random() < 0.5) ids[i] = rng.int(o.vocabSize);
    });
    inputIds.push(ids);
    labels.push(lab);
  });
  return { inputIds, labels };
}

/** HF's whole-word selection: words in random order until round(p · n) tokens are covered (at least 1). */
function chooseWholeWords(seq: readonly number[], special: Set<number>, p: number, idToToken: (id: number) => string | undefined, prefix: string, rng: Rng): boolean[] {
  const words: number[][] = [];
  seq.forEach((id, i) => {
    if (special.has(id)) return;
    const token = idToToken(id) ?? '';
    const last = words.at(-1);
    if (token.startsWith(prefix) && last !== undefined && last.at(-1) === i - 1) last.push(i);
    else words.push([i]);
  });
  const chosen = seq.map(() => false);
  const n = words.reduce((a, w) => a + w.length, 0);
  if (n === 0 || p === 0) return chosen;
  const target = Math.max(1, Math.round(n * p));
  let covered = 0;
  for (const k of rng.permutation(words.length)) {
    if (covered >= target) break;
    const word = words[k] as number[];
    if (covered + word.length > target) continue;
    for (const i of word) chosen[i] = true;
    covered += word.length;
  }
  return chosen;
}
