/**
 * Translates a Python `re` pattern (Unicode `str` semantics) into an equivalent JavaScript RegExp,
 * so scikit-learn token patterns such as `(?u)\b\w\w+\b` behave as in Python. JavaScript's `\w`,
 * `\b` and `\d` are ASCII-only even with the `u` flag, and its `\s` differs from Python's; these are
 * rewritten with Unicode property classes (Python's `\w` is letters, numbers and `_`: combining marks
 * are NOT word characters, so "नमस्ते" splits as in Python).
 *
 * Supported: leading inline flags `(?u)` `(?i)` `(?s)` `(?m)` `(?a)`-free patterns, `\w \W \d \D \s \S
 * \b \B \A \Z`, `(?P<name>...)`, `(?P=name)`, escaped punctuation. Unsupported constructs (`(?x)`,
 * negated classes `\W \D \S` inside `[...]`, conditionals) throw.
 */
import { checkString } from '../internal/check-strings.js';
import { PY_DIGIT, PY_SPACE, PY_WORD } from '../internal/python-chars.js';

const W = `[${PY_WORD}]`;
const OUTSIDE: Record<string, string> = {
  w: W,
  W: `[^${PY_WORD}]`,
  d: `[${PY_DIGIT}]`,
  D: `[^${PY_DIGIT}]`,
  s: `[${PY_SPACE}]`,
  S: `[^${PY_SPACE}]`,
  b: `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`,
  B: `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`,
  A: '(?<![\\s\\S])',
  Z: '(?![\\s\\S])',
};
const INSIDE: Record<string, string> = { w: PY_WORD, d: PY_DIGIT, s: PY_SPACE };
const KEEP = 'nrtfv0123456789xuN';

/**
 * @param pattern a Python regular expression
 * @param flags extra JavaScript flags; `u` is always added. @default 'g'
 */
export function pythonRegex(pattern: string, flags = 'g'): RegExp {
  const where = 'pythonRegex';
  checkString(where, 'pattern', pattern);
  let src = pattern;
  let jsFlags = flags.includes('u') ? flags : `${flags}u`;
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(src); m; m = /^\(\?([aiLmsux]+)\)/.exec(src)) {
    for (const f of m[1]) {
      if (f === 'i' || f === 's' || f === 'm') {
        if (!jsFlags.includes(f)) jsFlags += f;
      } else if (f !== 'u') {
        throw new RangeError(`${where}: inline flag '(?${f})' is not supported; received ${JSON.stringify(pattern)}`);
      }
    }
    src = src.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const e = src[++i];
      if (e === undefined) throw new SyntaxError(`${where}: 'pattern' ends with a lone backslash; received ${JSON.stringify(pattern)}`);
      if (inClass && INSIDE[e] !== undefined) out += INSIDE[e];
      else if (inClass && 'WDSbBAZ'.includes(e)) {
        throw new RangeError(`${where}: '\\${e}' inside a character class is not supported; received ${JSON.stringify(pattern)}`);
      } else if (!inClass && OUTSIDE[e] !== undefined) out += OUTSIDE[e];
      else if (/[A-Za-z0-9]/.test(e)) {
        if (!KEEP.includes(e)) throw new RangeError(`${where}: escape '\\${e}' is not supported; received ${JSON.stringify(pattern)}`);
        out += `\\${e}`;
      } else out += `\\u{${(e.codePointAt(0) as number).toString(16)}}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[') out += '\\';
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') (out += '\\]'), i++;
      continue;
    }
    if (src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (src.startsWith('(?P=', i)) {
      const end = src.indexOf(')', i);
      out += `\\k<${src.slice(i + 4, end)}>`;
      i = end;
    } else out += c;
  }
  try {
    return new RegExp(out, jsFlags);
  } catch (cause) {
    throw new SyntaxError(`${where}: cannot translate ${JSON.stringify(pattern)} to a JavaScript RegExp (${(cause as Error).message})`, { cause });
  }
}
