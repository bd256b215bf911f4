/** Argument checks shared by the transformer modules; each error names the function, the argument, the expected and the received value. */
import { tf } from '@ml/core';

export function checkPositiveInt(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${where}: '${name}' must be a positive integer; received ${JSON.stringify(value)}`);
  }
  return value;
}

export function checkProbability(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new RangeError(`${where}: '${name}' must be a number in [0, 1); received ${JSON.stringify(value)}`);
  }
  return value;
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${where}: '${name}' must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; received ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function checkTensor(value: unknown, name: string, where: string, rank: number, layout: string): tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    throw new TypeError(`${where}: '${name}' must be a tf.Tensor of shape ${layout}; received ${value === null ? 'null' : typeof value}`);
  }
  if (value.rank !== rank) {
    throw new RangeError(`${where}: '${name}' must have shape ${layout}; received [${value.shape.join(', ')}]`);
  }
  return value;
}

/** A trainable variable holding `initial`, which is disposed (the variable keeps its own copy). */
export function parameter(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}
