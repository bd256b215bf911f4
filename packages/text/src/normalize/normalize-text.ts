import { checkBool, checkChoice, checkString } from '../internal/check-strings.js';
import { stripAccents, type StripAccentsMode } from './strip-accents.js';

/** Options of `normalizeText`. */
export interface NormalizeTextOptions {
  /** Unicode normalisation form applied first (`String.prototype.normalize`), or null for none. @default 'NFC' */
  form?: 'NFC' | 'NFKC' | 'NFD' | 'NFKD' | null;
  /** Lower-case (full Unicode case mapping, like Python's `str.lower`). @default false */
  lowercase?: boolean;
  /** Remove accents after lower-casing (see `stripAccents`), or null to keep them. @default null */
  stripAccents?: StripAccentsMode | null;
}

/** Defaults of `normalizeText`. */
export const NORMALIZE_TEXT_DEFAULTS = { form: 'NFC', lowercase: false, stripAccents: null } as const satisfies Required<NormalizeTextOptions>;

/** Unicode normalisation, then optional lower-casing, then optional accent stripping. */
export function normalizeText(text: string, options: NormalizeTextOptions = {}): string {
  const where = 'normalizeText';
  checkString(where, 'text', text);
  const o = { ...NORMALIZE_TEXT_DEFAULTS, ...options };
  const form = checkChoice(where, 'form', o.form, ['NFC', 'NFKC', 'NFD', 'NFKD', null] as const);
  const accents = checkChoice(where, 'stripAccents', o.stripAccents, ['unicode', 'ascii', 'bert', null] as const);
  let s = form === null ? text : text.normalize(form);
  if (checkBool(where, 'lowercase', o.lowercase)) s = s.toLowerCase();
  if (accents !== null) s = stripAccents(s, accents);
  return s;
}
