/** Compiles Python `re.findall` semantics for `pattern` (see `regexTokenize`) into a reusable function. */
export function makeFindall(where: string, pattern: RegExp): (text: string) => string[] {
  if (!(pattern instanceof RegExp) || !pattern.global) {
    throw new TypeError(`${where}: 'pattern' must be a RegExp with the 'g' flag; received ${String(pattern)}`);
  }
  const groups = (new RegExp(`${pattern.source}|`, pattern.flags.replace('g', '')).exec('') as RegExpExecArray).length - 1;
  if (groups > 1) {
    throw new RangeError(`${where}: 'pattern' must have at most one capturing group; received ${groups} in ${String(pattern)}`);
  }
  const re = new RegExp(pattern.source, pattern.flags);
  if (groups === 0) {
    return (text) => {
      re.lastIndex = 0;
      return text.match(re) ?? [];
    };
  }
  return (text) => {
    const out: string[] = [];
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) out.push(m[1] ?? '');
    return out;
  };
}
