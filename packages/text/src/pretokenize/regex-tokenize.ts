import { checkString } from '../internal/check-strings.js';
import { makeFindall } from '../internal/make-findall.js';

/**
 * Every match of a global regular expression, as Python's `re.findall`: the whole match when the
 * pattern has no capturing group, the group when it has exactly one (scikit-learn's token-pattern
 * rule; more than one group throws, as there). Use `pythonRegex` to bring a Python pattern over.
 */
export function regexTokenize(text: string, pattern: RegExp): string[] {
  checkString('regexTokenize', 'text', text);
  return makeFindall('regexTokenize', pattern)(text);
}
