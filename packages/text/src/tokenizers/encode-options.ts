/** Options of `encode` / `encodeBatch` (Hugging Face tokenizer-call names in camelCase). */
export interface EncodeOptions {
  /** Add the template's special tokens (`[CLS] A [SEP] B [SEP]` for BERT). @default true */
  addSpecialTokens?: boolean;
  /**
   * Truncate to `maxLength` (special tokens included): 'longest_first' removes from the longer sequence
   * (both halves when both are long, as Hugging Face), 'only_first' / 'only_second' from that sequence
   * only; false keeps everything. @default false
   */
  truncation?: false | 'longest_first' | 'only_first' | 'only_second';
  /** Length limit for truncation and for `padding: 'max_length'`, special tokens included. @default null */
  maxLength?: number | null;
  /** Tokens shared by consecutive overflow windows (`stride`). @default 0 */
  stride?: number;
  /** Keep the truncated remainder as further windows in `overflowing` (`return_overflowing_tokens`). @default false */
  returnOverflowingTokens?: boolean;
  /** false, 'longest' (the longest of the batch) or 'max_length'. @default false */
  padding?: false | 'longest' | 'max_length';
  /** Round the padded length up to a multiple of this, or null. @default null */
  padToMultipleOf?: number | null;
  /** Side on which padding goes. @default 'right' */
  paddingSide?: 'right' | 'left';
}

/** Defaults of `EncodeOptions`. */
export const ENCODE_DEFAULTS = {
  addSpecialTokens: true,
  truncation: false,
  maxLength: null,
  stride: 0,
  returnOverflowingTokens: false,
  padding: false,
  padToMultipleOf: null,
  paddingSide: 'right',
} as const satisfies Required<EncodeOptions>;
