/** The usual special tokens: BERT's bracketed ones and the RoBERTa/GPT-style sentence markers. */
export const SPECIAL_TOKENS = {
  pad: '[PAD]',
  unk: '[UNK]',
  cls: '[CLS]',
  sep: '[SEP]',
  mask: '[MASK]',
  bos: '<s>',
  eos: '</s>',
} as const;
