/** Tolerance-based comparison of tensors and arrays, with a message that shows the worst element. */
import { Tensor } from '@tensorflow/tfjs-core';

export interface CloseOptions {
  /** Relative tolerance. @default 1e-5 */
  rtol?: number;
  /** Absolute tolerance. @default 1e-6 */
  atol?: number;
  /** Prefix for the error message. */
  label?: string;
}

type Numeric = Tensor | ArrayLike<number> | number | NestedArray;
interface NestedArray extends ReadonlyArray<number | NestedArray> {}

async function flatten(value: Numeric): Promise<{ data: ArrayLike<number>; shape: number[] | undefined }> {
  // `data()`, not `dataSync()`: WebGPU in Node cannot read synchronously.
  if (value instanceof Tensor) return { data: (await value.data()) as ArrayLike<number>, shape: value.shape };
  if (typeof value === 'number') return { data: [value], shape: [] };
  if (Array.isArray(value)) {
    const out: number[] = [];
    const walk = (v: number | NestedArray): void => {
      if (typeof v === 'number') out.push(v);
      else for (const x of v) walk(x);
    };
    walk(value as NestedArray);
    return { data: out, shape: undefined };
  }
  return { data: value as ArrayLike<number>, shape: undefined };
}

/**
 * Rejects unless every element satisfies |a − e| ≤ atol + rtol·|e| (numpy's `allclose`), shapes agree
 * (for tensors) and NaNs sit in the same places.
 */
export async function assertClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): Promise<void> {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  const label = options.label !== undefined ? `${options.label}: ` : '';
  const a = await flatten(actual);
  const e = await flatten(expected);
  if (a.shape !== undefined && e.shape !== undefined && a.shape.join(',') !== e.shape.join(',')) {
    throw new Error(`${label}shape mismatch: actual [${a.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
  }
  if (a.data.length !== e.data.length) {
    throw new Error(`${label}length mismatch: actual ${a.data.length}, expected ${e.data.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  let bad = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i];
    const y = e.data[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) {
        bad++;
        if (worst < 0 || worstExcess !== Infinity) {
          worst = i;
          worstExcess = Infinity;
        }
      }
      continue;
    }
    if (x === y) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (excess > 0 || Number.isNaN(excess)) {
      bad++;
      if (excess > worstExcess || worst < 0) {
        worst = i;
        worstExcess = excess;
      }
    }
  }
  if (bad > 0) {
    throw new Error(
      `${label}${bad} of ${a.data.length} elements differ beyond rtol=${rtol}, atol=${atol}; ` +
        `worst at flat index ${worst}: actual ${a.data[worst]}, expected ${e.data[worst]}`,
    );
  }
}

/** The largest relative error max|a − e| / max(|e|, tiny) over all elements, for reporting. */
export async function maxRelativeError(actual: Numeric, expected: Numeric): Promise<number> {
  const a = (await flatten(actual)).data;
  const e = (await flatten(expected)).data;
  if (a.length !== e.length) throw new Error(`maxRelativeError: length mismatch ${a.length} vs ${e.length}`);
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(e[i]));
    diff = Math.max(diff, Math.abs(a[i] - e[i]));
  }
  return diff / Math.max(scale, 1e-30);
}
