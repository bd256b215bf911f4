/** Option parsing shared by Conv1d and Conv2d (one spatial dimension or two). */
import { checkInt, toTuple } from './args.js';

/** `'valid'`, `'same'`, one number for every side pair, or one number per spatial dimension. */
export type ConvPadding = 'valid' | 'same' | number | number[];

/** Resolves padding to `[before, after]` per spatial dim, as PyTorch does ('same' needs stride 1). */
export function resolvePadding(
  padding: unknown,
  kernel: number[],
  stride: number[],
  dilation: number[],
  where: string,
): number[][] {
  const n = kernel.length;
  if (padding === 'valid') return kernel.map(() => [0, 0]);
  if (padding === 'same') {
    if (stride.some((s) => s !== 1)) {
      throw new Error(`${where}: 'padding' 'same' needs every stride to be 1 (as in PyTorch); received stride [${stride.join(', ')}]`);
    }
    return kernel.map((k, i) => {
      const total = dilation[i] * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  if (typeof padding === 'string') {
    throw new Error(`${where}: 'padding' must be 'valid', 'same', an integer >= 0 or ${n} of them; received ${JSON.stringify(padding)}`);
  }
  return toTuple(padding, n, 'padding', where, 0).map((p) => [p, p]);
}

/** Validates channel counts against groups. */
export function checkGroups(inChannels: number, outChannels: number, groups: unknown, where: string): number {
  checkInt(inChannels, 'inChannels', where);
  checkInt(outChannels, 'outChannels', where);
  const g = checkInt(groups, 'groups', where);
  if (inChannels % g !== 0 || outChannels % g !== 0) {
    throw new Error(`${where}: 'groups' must divide inChannels (${inChannels}) and outChannels (${outChannels}); received ${g}`);
  }
  return g;
}
