/**
 * Orders strings by Unicode code point, as Python's `sorted()` does. JavaScript's default string
 * order compares UTF-16 code units, which differs when a character at U+E000..U+FFFF meets a
 * surrogate pair (a character above U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fix(x) - fix(y);
  }
  return a.length - b.length;
}

// Moves surrogates (D800..DFFF) above E000..FFFF so code-unit order becomes code-point order.
function fix(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c;
}
