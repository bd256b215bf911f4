/** Shared parts of the ROUGE metrics: the score type, token handling and the LCS table. */
import { show } from './label-utils.js';
import { rougeTokenize } from './rouge-tokenize.js';

/** Precision, recall and F-measure of one ROUGE comparison. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeOptions {
  /** Splits string inputs into tokens; token arrays are used as they are. @default rougeTokenize */
  tokenize?: (text: string) => string[];
  /**
   * The F-measure's β: F = (1 + β²)·P·R / (R + β²·P) (Lin 2004, eq. 4). β = 1 is the F1 that the
   * `rouge-score` package reports; a large β weights recall. @default 1
   */
  beta?: number;
}

export function toTokens(where: string, name: string, input: string | readonly string[], options: RougeOptions): readonly string[] {
  if (typeof input === 'string') return (options.tokenize ?? rougeTokenize)(input);
  if (Array.isArray(input) && input.every((t) => typeof t === 'string')) return input;
  throw new TypeError(`${where}: '${name}' must be a string or an array of string tokens; received ${show(input)}`);
}

export function checkBeta(where: string, beta: number | undefined): number {
  const b = beta ?? 1;
  if (typeof b !== 'number' || !(b > 0) || !Number.isFinite(b)) throw new RangeError(`${where}: 'beta' must be a finite number > 0; received ${show(b)}`);
  return b;
}

export function score(precision: number, recall: number, beta: number): RougeScore {
  const b2 = beta * beta;
  const denom = recall + b2 * precision;
  return { precision, recall, fmeasure: precision + recall > 0 ? ((1 + b2) * precision * recall) / denom : 0 };
}

/** `t[i][j]` = LCS length of `a[:i]` and `b[:j]`. */
export function lcsTable(a: readonly string[], b: readonly string[]): Int32Array[] {
  const t = Array.from({ length: a.length + 1 }, () => new Int32Array(b.length + 1));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t;
}

/** Indices into `ref` of one LCS of `ref` and `can`, read back as `rouge-score`'s `_backtrack_norec`. */
export function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.unshift(i - 1);
      i--;
      j--;
    } else if (t[i][j - 1] > t[i - 1][j]) j--;
    else i--;
  }
  return out;
}
