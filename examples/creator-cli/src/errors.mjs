/**
 * A user-facing failure: a missing file, a bad argument, a malformed input. The CLI prints its
 * message on one line and exits 1 (the stack only with --verbose).
 */
export class CliError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Parses a positive integer option; the error names the option, the expected and the received value. */
export function positiveInt(name, value, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new CliError(`${name} must be ${range}; received ${JSON.stringify(value)}`);
  }
  return n;
}

/** Checks that `value` is one of `choices`. */
export function oneOf(name, value, choices) {
  if (!choices.includes(value)) throw new CliError(`${name} must be one of ${choices.join(', ')}; received ${JSON.stringify(value)}`);
  return value;
}
