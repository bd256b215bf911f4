/**
 * Argument checks shared by the loss functions (internal). Each throws a TypeError or RangeError
 * whose message names the function, the argument, what was expected and what was received.
 */
import * as tf from '@tensorflow/tfjs-core';

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

export function checkTensor(fn: string, name: string, value: unknown): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    throw new TypeError(`${fn}: '${name}' must be a tf.Tensor; received ${value === null ? 'null' : typeof value}`);
  }
}

export function checkFloat(fn: string, name: string, t: tf.Tensor): void {
  if (t.dtype !== 'float32') throw new TypeError(`${fn}: '${name}' must be a float32 tensor; received ${t.dtype}`);
}

export function checkReduction(fn: string, reduction: unknown, allowed: readonly string[]): void {
  if (typeof reduction !== 'string' || !allowed.includes(reduction)) {
    throw new RangeError(
      `${fn}: 'reduction' must be one of ${allowed.map((r) => `'${r}'`).join(', ')}; received ${JSON.stringify(reduction)}`,
    );
  }
}

export function checkSameShape(fn: string, name: string, t: tf.Tensor, expected: readonly number[], what: string): void {
  if (!tf.util.arraysEqual(t.shape, [...expected])) {
    throw new RangeError(`${fn}: '${name}' must have shape ${shapeText(expected)} (${what}); received ${shapeText(t.shape)}`);
  }
}

/** `t` must broadcast to exactly `shape` (it may not enlarge the result). */
export function checkBroadcastsTo(fn: string, name: string, t: tf.Tensor, shape: readonly number[]): void {
  const ok =
    t.rank <= shape.length &&
    t.shape.every((d, i) => {
      const target = shape[shape.length - t.rank + i];
      return d === target || d === 1;
    });
  if (!ok) {
    throw new RangeError(`${fn}: '${name}' must broadcast to the input's shape ${shapeText(shape)}; received ${shapeText(t.shape)}`);
  }
}

export function checkNumber(fn: string, name: string, value: unknown, min: number, max = Infinity, minOpen = false): void {
  const ok = typeof value === 'number' && !Number.isNaN(value) && (minOpen ? value > min : value >= min) && value <= max;
  if (!ok) {
    const range = max === Infinity ? `${minOpen ? '>' : '>='} ${min}` : `in ${minOpen ? '(' : '['}${min}, ${max}]`;
    throw new RangeError(`${fn}: '${name}' must be a number ${range}; received ${JSON.stringify(value)}`);
  }
}

/**
 * The tensor's values when they can be read without stalling a GPU queue (cpu and wasm backends),
 * else `undefined`. WebGPU in Node cannot read synchronously, so value checks are skipped there.
 */
export function valuesIfSyncReadable(t: tf.Tensor): ArrayLike<number> | undefined {
  if (tf.getBackend() === 'webgpu') return undefined;
  return t.dataSync() as ArrayLike<number>;
}

/** Checks an (input, target) pair of float32 tensors with equal shapes. */
export function checkFloatPair(fn: string, input: unknown, target: unknown): asserts input is tf.Tensor {
  checkTensor(fn, 'input', input);
  checkTensor(fn, 'target', target);
  checkFloat(fn, 'input', input);
  checkFloat(fn, 'target', target);
  checkSameShape(fn, 'target', target, input.shape, "the input's shape");
}

/**
 * |x| whose gradient is sign(x) (0 at 0), as PyTorch's `abs` backward; tfjs's own `abs` gradient
 * is −1 at 0.
 */
export const absSignGrad: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  save([x]);
  return { value: tf.abs(x), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.sign(saved[0])) };
}) as (x: tf.Tensor) => tf.Tensor;
