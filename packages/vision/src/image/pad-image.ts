/** `padImage`: borders added around an image, filled with a constant, the edge pixels or a reflection. */
import { checkImage, type RawImage } from './raw-image.js';

/** How padded pixels are filled (numpy's `np.pad` modes). */
export type PadMode = 'constant' | 'edge' | 'reflect';

/** Options of `padImage`. */
export interface PadImageOptions {
  /** Fill mode. @default 'constant' */
  mode?: PadMode;
  /** Value of every channel of constant padding, 0–255. @default 0 */
  value?: number;
}

/** Defaults of `PadImageOptions`. */
export const PAD_IMAGE_DEFAULTS = { mode: 'constant', value: 0 } as const satisfies Required<PadImageOptions>;

function sourceIndex(i: number, n: number, mode: PadMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'edge') return i < 0 ? 0 : n - 1;
  if (mode === 'reflect') {
    if (n === 1) return 0;
    const period = 2 * (n - 1);
    let k = ((i % period) + period) % period;
    if (k >= n) k = period - k;
    return k;
  }
  return -1;
}

/** `image` with `top`, `right`, `bottom` and `left` pixels added (numpy/torchvision semantics). */
export function padImage(image: RawImage, top: number, right: number, bottom: number, left: number, options: PadImageOptions = {}): RawImage {
  const where = 'padImage';
  const { width: w, height: h, channels: c, data } = checkImage(where, image);
  const { mode, value } = { ...PAD_IMAGE_DEFAULTS, ...options };
  for (const [name, v] of Object.entries({ top, right, bottom, left })) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${where}: '${name}' must be a non-negative integer; received ${String(v)}`);
  }
  if (mode !== 'constant' && mode !== 'edge' && mode !== 'reflect') throw new RangeError(`${where}: 'mode' must be 'constant', 'edge' or 'reflect'; received ${String(mode)}`);
  if (!Number.isInteger(value) || value < 0 || value > 255) throw new RangeError(`${where}: 'value' must be an integer in 0–255; received ${String(value)}`);
  const W = w + left + right;
  const H = h + top + bottom;
  const out = new Uint8Array(W * H * c);
  for (let y = 0; y < H; y++) {
    const sy = sourceIndex(y - top, h, mode);
    for (let x = 0; x < W; x++) {
      const sx = sourceIndex(x - left, w, mode);
      const o = (y * W + x) * c;
      if (sy < 0 || sx < 0) out.fill(value, o, o + c);
      else out.set(data.subarray((sy * w + sx) * c, (sy * w + sx + 1) * c), o);
    }
  }
  return { width: W, height: H, channels: c, data: out };
}
