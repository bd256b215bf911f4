/**
 * The "13a" tokenizer of BLEU: the regular expressions of mteval-v13a.pl as sacrebleu's
 * `tokenizer_13a.py` ports them (M. Post, "A Call for Clarity in Reporting BLEU Scores", WMT 2018).
 * Punctuation and symbols become separate tokens; periods and commas stay attached between digits;
 * a dash after a digit is split off. No lowercasing.
 * @see https://github.com/mjpost/sacrebleu/blob/master/sacrebleu/tokenizers/tokenizer_13a.py
 */

const RULES: readonly [RegExp, string][] = [
  // Symbols and most punctuation: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
  [/([{-~[-` -&(-+:-@/])/g, ' $1 '],
  // Period and comma unless preceded by a digit.
  [/([^0-9])([.,])/g, '$1 $2 '],
  // Period and comma unless followed by a digit.
  [/([.,])([^0-9])/g, ' $1 $2'],
  // Dash when preceded by a digit.
  [/([0-9])(-)/g, '$1 $2 '],
];

/** Splits `text` into BLEU tokens with the 13a rules (after mteval's `<skipped>` and HTML-entity clean-up). */
export function tokenize13a(text: string): string[] {
  let line = text.replace(/<skipped>/g, '').replace(/-\n/g, '').replace(/\n/g, ' ');
  if (line.includes('&')) {
    line = line.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  line = ` ${line} `;
  for (const [re, sub] of RULES) line = line.replace(re, sub);
  return line.split(/\s+/).filter((t) => t !== '');
}
