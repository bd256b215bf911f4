import { compareCodePoints } from '../internal/compare-code-points.js';

const HIGH = /[\ud800-\uffff]/;

/** Sorts terms in code-point order (Python's `sorted`), in place; returns the array. */
export function sortTerms(terms: string[]): string[] {
  // Code-unit order (the default sort) equals code-point order unless a term holds U+D800..U+FFFF.
  if (terms.some((t) => HIGH.test(t))) return terms.sort(compareCodePoints);
  return terms.sort();
}
