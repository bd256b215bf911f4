/**
 * Linear interpolation along one axis as a matrix A `[out, in]` (y = A·x), with PyTorch's source
 * coordinates (aten/src/ATen/native/UpSample.h, `area_pixel_compute_source_index`):
 * alignCorners: src = dst·(in − 1)/(out − 1); otherwise src = max(0, (dst + ½)·in/out − ½).
 * Applying it with matMul gives exact gradients on every backend (tfjs 4.22's ResizeBilinearGrad
 * ignores half-pixel centres and mis-shapes non-square inputs with alignCorners).
 */
import * as tf from '@tensorflow/tfjs-core';

export function interpMatrix(inSize: number, outSize: number, alignCorners: boolean): tf.Tensor2D {
  const a = new Float32Array(outSize * inSize);
  for (let d = 0; d < outSize; d++) {
    const src = alignCorners
      ? outSize > 1 ? (d * (inSize - 1)) / (outSize - 1) : 0
      : Math.max(0, ((d + 0.5) * inSize) / outSize - 0.5);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    const i1 = Math.min(i0 + 1, inSize - 1);
    const l = src - i0;
    a[d * inSize + i0] += 1 - l;
    a[d * inSize + i1] += l;
  }
  return tf.tensor2d(a, [outSize, inSize]);
}

/** Applies `matrix` `[out, in]` along `axis` of `x`. */
export function applyAlongAxis(x: tf.Tensor, matrix: tf.Tensor2D, axis: number): tf.Tensor {
  const perm = [axis, ...x.shape.map((_, i) => i).filter((i) => i !== axis)];
  const moved = tf.transpose(x, perm); // [in, ...rest]
  const rest = moved.shape.slice(1);
  const y = tf.matMul(matrix, tf.reshape(moved, [x.shape[axis], -1])); // [out, prod(rest)]
  const back = perm.map((_, i) => perm.indexOf(i)); // inverse permutation
  return tf.transpose(tf.reshape(y, [matrix.shape[0], ...rest]), back);
}
