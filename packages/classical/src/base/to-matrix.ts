/** Reads a tfjs 2-D tensor into the `{data, shape}` form estimators take. */
import type { DenseMatrix, tf } from '@ml/core';

/**
 * Reads a `Tensor2D` (with `await tensor.data()`, which works on every backend, WebGPU included)
 * into a row-major `{data: Float32Array, shape}`. Estimators' methods are synchronous, like
 * scikit-learn's; this is the one asynchronous step for tensor inputs. The tensor is not disposed.
 * @example `model.fit(await toMatrix(xTensor), y)`
 */
export async function toMatrix(tensor: tf.Tensor2D): Promise<DenseMatrix> {
  if (tensor.rank !== 2) {
    throw new RangeError(`toMatrix: 'tensor' must be 2-D; received shape [${tensor.shape.join(', ')}]`);
  }
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new TypeError(`toMatrix: 'tensor' must be float32 or int32; received ${tensor.dtype}`);
  }
  const raw = await tensor.data();
  const data = raw instanceof Float32Array ? raw : Float32Array.from(raw);
  return { data, shape: [tensor.shape[0], tensor.shape[1]] };
}
