/**
 * The default tokenizer of Google's `rouge-score` package (`rouge_score/tokenize.py`, without its
 * optional Porter stemmer): lowercase, every run of characters other than a–z and 0–9 becomes a
 * separator, empty tokens are dropped. Non-ASCII letters are therefore separators too.
 * @see https://github.com/google-research/google-research/tree/master/rouge
 */
export function rougeTokenize(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(/\s+/).filter((t) => t !== '');
}
