/**
 * Accent stripping, after scikit-learn's `strip_accents_unicode` / `strip_accents_ascii`
 * (sklearn/feature_extraction/text.py) and BERT's `_run_strip_accents` (google-research/bert,
 * tokenization.py).
 */
import { checkChoice, checkString } from '../internal/check-strings.js';
import { isCombining } from '../internal/is-combining.js';

/** How `stripAccents` removes accents. */
export type StripAccentsMode = 'unicode' | 'ascii' | 'bert';

/**
 * Removes accents.
 * - `'unicode'` (scikit-learn's `strip_accents='unicode'`): NFKD, then drop every character whose
 *   canonical combining class is non-zero (scikit-learn 1.2.1; ASCII strings are returned as is).
 * - `'ascii'` (scikit-learn's `strip_accents='ascii'`): NFKD, then drop every non-ASCII character.
 * - `'bert'` (BERT / Hugging Face `BertNormalizer`): NFD, then drop nonspacing marks (`\p{Mn}`).
 * @param mode @default 'unicode'
 */
export function stripAccents(text: string, mode: StripAccentsMode = 'unicode'): string {
  checkString('stripAccents', 'text', text);
  checkChoice('stripAccents', 'mode', mode, ['unicode', 'ascii', 'bert'] as const);
  if (mode === 'bert') return text.normalize('NFD').replace(/\p{Mn}/gu, '');
  if (mode === 'ascii') return text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const nfkd = text.normalize('NFKD');
  let out = '';
  for (const ch of nfkd) if (!isCombining(ch.codePointAt(0) as number)) out += ch;
  return out;
}
