/** Character classes with Python's Unicode `re` semantics, as JavaScript class bodies. */

/** Python's `\w` (`str.isalnum()` or `_`): letters and numbers, but not combining marks. */
export const PY_WORD = '\\p{L}\\p{N}_';
/** Python's `\d`: decimal digits (`\p{Nd}`). */
export const PY_DIGIT = '\\p{Nd}';
/** Python's `\s` and `str.isspace()`: includes U+001C..U+001F and U+0085, excludes U+FEFF (unlike JavaScript's `\s`). */
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Python's `str.split()` with no argument: runs of whitespace, leading/trailing ignored. */
export const PY_SPLIT = new RegExp(`[^${PY_SPACE}]+`, 'gu');
