import { show } from '../internal/show.js';
import { CHINESE_STOP_WORDS } from './chinese-stop-words.js';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';

/** A built-in stop-word list name, or your own words. */
export type StopWordsInput = 'english' | 'chinese' | Iterable<string>;

/**
 * Resolves stop words to a new set: a built-in list by name (`'english'` is scikit-learn's
 * `ENGLISH_STOP_WORDS`, `'chinese'` is `CHINESE_STOP_WORDS`), an array/set of your own, or several
 * merged (`['english', 'chinese']` is not a list name: pass `extra` instead).
 * @param extra more words to add (user-extensible lists)
 */
export function getStopWords(list: StopWordsInput, extra: Iterable<string> = []): Set<string> {
  let out: Set<string>;
  if (list === 'english') out = new Set(ENGLISH_STOP_WORDS);
  else if (list === 'chinese') out = new Set(CHINESE_STOP_WORDS);
  else if (typeof list === 'string') {
    throw new RangeError(`getStopWords: 'list' must be 'english', 'chinese' or an iterable of words; received ${show(list)}`);
  } else if (list !== null && typeof list === 'object' && typeof (list as Iterable<string>)[Symbol.iterator] === 'function') {
    out = new Set();
    for (const w of list) {
      if (typeof w !== 'string') throw new TypeError(`getStopWords: 'list' must hold strings; received ${show(w)}`);
      out.add(w);
    }
  } else throw new TypeError(`getStopWords: 'list' must be 'english', 'chinese' or an iterable of words; received ${show(list)}`);
  for (const w of extra) {
    if (typeof w !== 'string') throw new TypeError(`getStopWords: 'extra' must hold strings; received ${show(w)}`);
    out.add(w);
  }
  return out;
}
