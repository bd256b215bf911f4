const cache = new Map<number, boolean>();

/**
 * True when the code point has a non-zero canonical combining class, Python's
 * `unicodedata.combining(c) != 0` (JavaScript exposes no combining-class property). Probed through
 * canonical reordering: NFD moves a mark of class 1..239 in front of U+0345 (class 240), the only
 * class-240 character.
 */
export function isCombining(cp: number): boolean {
  if (cp < 0x300) return false;
  if (cp === 0x345) return true;
  let r = cache.get(cp);
  if (r === undefined) {
    const c = String.fromCodePoint(cp);
    r = ('\u0345' + c).normalize('NFD') === (c + '\u0345').normalize('NFD') && c.normalize('NFD') === c;
    cache.set(cp, r);
  }
  return r;
}
