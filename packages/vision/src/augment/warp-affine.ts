/**
 * Inverse-mapped affine warp with bilinear sampling and a constant fill, the core of rotation, shift
 * and zoom (as Keras' `apply_affine_transform` with `fill_mode='constant'`, order 1).
 */
import type { FloatImage } from './augmentation.js';

/**
 * The image whose pixel (x, y) samples the input at (a·x' + b·y' + cx + tx, c·x' + d·y' + cy + ty),
 * with (x', y') = (x − cx, y − cy) measured from the centre: `[a, b, c, d]` is the inverse linear map,
 * `[tx, ty]` the inverse translation (input pixels).
 */
export function warpAffine(image: FloatImage, inverse: readonly [number, number, number, number], translate: readonly [number, number], fill: number): FloatImage {
  const { data, height: h, width: w, channels: ch } = image;
  const out = new Float32Array(data.length);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const [a, b, c, d] = inverse;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const sx = a * dx + b * dy + cx + translate[0];
      const sy = c * dx + d * dy + cy + translate[1];
      const o = (y * w + x) * ch;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let k = 0; k < ch; k++) {
        let v = 0;
        for (let j = 0; j < 4; j++) {
          const xx = x0 + (j & 1);
          const yy = y0 + (j >> 1);
          const wgt = ((j & 1) === 1 ? fx : 1 - fx) * ((j >> 1) === 1 ? fy : 1 - fy);
          if (wgt === 0) continue;
          v += wgt * (xx >= 0 && xx < w && yy >= 0 && yy < h ? data[(yy * w + xx) * ch + k] : fill);
        }
        out[o + k] = v;
      }
    }
  }
  return { data: out, height: h, width: w, channels: ch };
}
