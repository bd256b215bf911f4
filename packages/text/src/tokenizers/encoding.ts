/** The result of encoding one input (or one pair) with a subword tokenizer, as Hugging Face's `Encoding`. */
export interface Encoding {
  /** Token ids. */
  ids: number[];
  /** Token strings. */
  tokens: string[];
  /**
   * `[start, end)` UTF-16 offsets of each token in the ORIGINAL string of its sequence (for a pair, the
   * second sequence's tokens point into the second string); `[0, 0]` for added special and pad tokens.
   */
  offsets: [number, number][];
  /** Segment (token type) ids: 0 for the first sequence, 1 for the second (per the template). */
  typeIds: number[];
  /** 1 for real tokens, 0 for padding. */
  attentionMask: number[];
  /** 1 for special tokens added by the template and for padding, 0 otherwise. */
  specialTokensMask: number[];
  /** Which input each token came from (0 or 1), null for added special and pad tokens. */
  sequenceIds: (number | null)[];
  /** Index of the pre-tokenized word each token belongs to within its sequence, null for added special and pad tokens. */
  wordIds: (number | null)[];
  /** With `returnOverflowingTokens`, the further windows of a truncated input, each a full encoding. */
  overflowing: Encoding[];
}

/** Tokens of one sequence before post-processing. */
export interface SequenceTokens {
  ids: number[];
  tokens: string[];
  offsets: [number, number][];
  wordIds: (number | null)[];
}

/** Slices `[start, stop)` of a sequence. */
export function sliceSequence(s: SequenceTokens, start: number, stop: number): SequenceTokens {
  return { ids: s.ids.slice(start, stop), tokens: s.tokens.slice(start, stop), offsets: s.offsets.slice(start, stop), wordIds: s.wordIds.slice(start, stop) };
}
