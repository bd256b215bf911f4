/**
 * The Porter stemmer, original algorithm: M. F. Porter, "An algorithm for suffix stripping",
 * Program 14(3), 130–137, 1980. Follows NLTK 3.8's `PorterStemmer(mode=ORIGINAL_ALGORITHM)` step
 * for step (nltk/stem/porter.py), against whose output the tests check it; like NLTK it lower-cases
 * the word first (optional) and applies the steps even to one- and two-letter words.
 */
import { checkString } from '../internal/check-strings.js';

type Rule = readonly [suffix: string, replacement: string, condition: ((stem: string) => boolean) | null];

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (VOWELS.has(c)) return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m in [C](VC){m}[V]. */
function measure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const vowel = !isConsonant(stem, i);
    if (!vowel && prevVowel) m++;
    prevVowel = vowel;
  }
  return m;
}

const positive = (stem: string): boolean => measure(stem) > 0;
const above1 = (stem: string): boolean => measure(stem) > 1;

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** *o: ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(w: string): boolean {
  const n = w.length;
  return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !'wxy'.includes(w[n - 1]);
}

/** Applies the first rule whose suffix matches (the paper's "longest matching suffix" order). */
function applyRules(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d' && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const STEP1A: readonly Rule[] = [['sses', 'ss', null], ['ies', 'i', null], ['ss', 'ss', null], ['s', '', null]];
const STEP2: readonly Rule[] = [
  ['ational', 'ate', positive], ['tional', 'tion', positive], ['enci', 'ence', positive], ['anci', 'ance', positive],
  ['izer', 'ize', positive], ['abli', 'able', positive], ['alli', 'al', positive], ['entli', 'ent', positive],
  ['eli', 'e', positive], ['ousli', 'ous', positive], ['ization', 'ize', positive], ['ation', 'ate', positive],
  ['ator', 'ate', positive], ['alism', 'al', positive], ['iveness', 'ive', positive], ['fulness', 'ful', positive],
  ['ousness', 'ous', positive], ['aliti', 'al', positive], ['iviti', 'ive', positive], ['biliti', 'ble', positive],
];
const STEP3: readonly Rule[] = [
  ['icate', 'ic', positive], ['ative', '', positive], ['alize', 'al', positive], ['iciti', 'ic', positive],
  ['ical', 'ic', positive], ['ful', '', positive], ['ness', '', positive],
];
const STEP4: readonly Rule[] = [
  ['al', '', above1], ['ance', '', above1], ['ence', '', above1], ['er', '', above1], ['ic', '', above1],
  ['able', '', above1], ['ible', '', above1], ['ant', '', above1], ['ement', '', above1], ['ment', '', above1],
  ['ent', '', above1], ['ion', '', (s) => measure(s) > 1 && (s.endsWith('s') || s.endsWith('t'))], ['ou', '', above1],
  ['ism', '', above1], ['ate', '', above1], ['iti', '', above1], ['ous', '', above1], ['ive', '', above1], ['ize', '', above1],
];

function step1b(word: string): string {
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : word;
  }
  let stem: string | undefined;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix) && containsVowel(word.slice(0, -suffix.length))) {
      stem = word.slice(0, -suffix.length);
      break;
    }
  }
  if (stem === undefined) return word;
  const last = stem[stem.length - 1];
  return applyRules(stem, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => !'lsz'.includes(last)],
    ['', 'e', (s) => measure(s) === 1 && endsCvc(s)],
  ]);
}

function step5a(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  return m > 1 || (m === 1 && !endsCvc(stem)) ? stem : word;
}

/**
 * Stems one word with the original Porter algorithm.
 * @param lowercase lower-case the word first, as NLTK's `stem(word, to_lowercase=True)`. @default true
 */
export function porterStem(word: string, lowercase = true): string {
  checkString('porterStem', 'word', word);
  let w = lowercase ? word.toLowerCase() : word;
  w = applyRules(w, STEP1A);
  w = step1b(w);
  w = applyRules(w, [['y', 'i', containsVowel]]);
  w = applyRules(w, STEP2);
  w = applyRules(w, STEP3);
  w = applyRules(w, STEP4);
  w = step5a(w);
  const final = w;
  return applyRules(w, [['ll', 'l', () => measure(final.slice(0, -1)) > 1]]);
}
