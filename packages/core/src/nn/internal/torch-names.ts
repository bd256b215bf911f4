/** Name and layout mapping between our state dicts and PyTorch's. */
import type { TorchLayout } from '../module.js';

/** `encoder.runningMean` → `encoder.running_mean` (each dotted segment camelCase → snake_case). */
export function camelToSnakePath(name: string): string {
  return name
    .split('.')
    .map((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
    .join('.');
}

/** The permutation taking a PyTorch tensor of this layout and rank to ours. */
export function torchToOursPerm(layout: TorchLayout, rank: number): number[] | null {
  if (layout === 'none') return null;
  // [out, in, ...k] -> [...k, in, out]
  return [...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1, 0];
}

/** The inverse permutation of `perm`. */
export function invertPerm(perm: number[]): number[] {
  const out = new Array<number>(perm.length);
  perm.forEach((p, i) => (out[p] = i));
  return out;
}
