/**
 * `bicubicUpsample`: ×s upsampling of `[N, h, w, C]` with Keys' cubic kernel (a = −0.5, PIL's and
 * PyTorch's bicubic weights, half-pixel centres) as one depthwise 5×5 convolution producing s² phases
 * followed by a pixel shuffle. Borders are extended by symmetric padding, so the outermost pixels
 * differ slightly from PIL (which renormalises the in-range taps). Used as `SrResNet`'s image skip;
 * a constant, so no gradient flows into it.
 */
import { tf } from '@ml/core';

/** Keys' cubic convolution kernel with a = −0.5. */
function keys(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

/** Tap weights at offsets −2..2 for each of the s output phases of an LR pixel. */
function phaseTaps(scale: number): number[][] {
  const taps: number[][] = [];
  for (let k = 0; k < scale; k++) {
    const d = (k + 0.5) / scale - 0.5; // output centre, in LR pixels, relative to the LR pixel
    const w = [-2, -1, 0, 1, 2].map((j) => keys(j - d));
    const sum = w.reduce((a, b) => a + b, 0);
    taps.push(w.map((v) => v / sum));
  }
  return taps;
}

/** The depthwise kernel `[5, 5, C, s²]`: phase i·s + j is the outer product of row taps i and column taps j. */
export function bicubicUpsampleKernel(scale: number, channels: number): tf.Tensor4D {
  const taps = phaseTaps(scale);
  const m = scale * scale;
  const data = new Float32Array(25 * channels * m);
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      for (let c = 0; c < channels; c++) {
        for (let i = 0; i < scale; i++) {
          for (let j = 0; j < scale; j++) data[((y * 5 + x) * channels + c) * m + i * scale + j] = (taps[i]?.[y] ?? 0) * (taps[j]?.[x] ?? 0);
        }
      }
    }
  }
  return tf.tensor4d(data, [5, 5, channels, m]);
}

/** `x` `[N, h, w, C]` → `[N, h·s, w·s, C]` using `kernel` from {@link bicubicUpsampleKernel}. Runs on the caller's tape. */
export function bicubicUpsample(x: tf.Tensor4D, kernel: tf.Tensor4D, scale: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const pads: [number, number][] = [[0, 0], [2, 2], [2, 2], [0, 0]];
  // Symmetric padding needs 2 pixels per side; a 1-pixel-wide image is zero-padded instead.
  const padded = h >= 2 && w >= 2 ? tf.mirrorPad(x, pads, 'symmetric') : tf.pad(x, pads); // [N, h+4, w+4, C]
  const phases = tf.depthwiseConv2d(padded, kernel, 1, 'valid'); // [N, h, w, C·s²], channel c·s² + i·s + j
  const split = tf.reshape(phases, [n, h, w, c, scale, scale]); // [N, h, w, C, s_i, s_j]
  const moved = tf.transpose(split, [0, 1, 4, 2, 5, 3]); // [N, h, s_i, w, s_j, C]
  return tf.reshape(moved, [n, h * scale, w * scale, c]); // [N, h·s, w·s, C]
}
