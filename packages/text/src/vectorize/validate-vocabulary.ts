import { show } from '../internal/show.js';
import { sortTerms } from './sort-terms.js';

/** A fixed vocabulary: terms in column order, a set (sorted by code point), or term → column. */
export type VocabularyInput = readonly string[] | ReadonlySet<string> | ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** Checks a user-given vocabulary as scikit-learn's `_validate_vocabulary` does and returns term → column. */
export function validateVocabulary(where: string, vocabulary: VocabularyInput): Map<string, number> {
  const out = new Map<string, number>();
  if (Array.isArray(vocabulary) || vocabulary instanceof Set) {
    const terms = vocabulary instanceof Set ? sortTerms([...vocabulary]) : (vocabulary as string[]);
    terms.forEach((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`${where}: 'vocabulary' must hold strings; received ${show(t)} at position ${i}`);
      if (out.has(t)) throw new RangeError(`${where}: duplicate term in 'vocabulary': ${show(t)}`);
      out.set(t, i);
    });
  } else if (vocabulary instanceof Map || (typeof vocabulary === 'object' && vocabulary !== null)) {
    const entries = vocabulary instanceof Map ? [...vocabulary.entries()] : Object.entries(vocabulary);
    const seen = new Set<number>();
    for (const [t, i] of entries) {
      if (typeof t !== 'string' || !Number.isInteger(i) || (i as number) < 0) {
        throw new TypeError(`${where}: 'vocabulary' must map strings to non-negative integer columns; received ${show(t)} → ${show(i)}`);
      }
      if (seen.has(i as number)) throw new RangeError(`${where}: 'vocabulary' contains repeated column ${i as number}`);
      seen.add(i as number);
      out.set(t, i as number);
    }
    for (let i = 0; i < out.size; i++) {
      if (!seen.has(i)) throw new RangeError(`${where}: 'vocabulary' of size ${out.size} does not contain column ${i}`);
    }
  } else {
    throw new TypeError(`${where}: 'vocabulary' must be an array, Set, Map or object of terms; received ${show(vocabulary)}`);
  }
  if (out.size === 0) throw new RangeError(`${where}: 'vocabulary' is empty`);
  return out;
}
