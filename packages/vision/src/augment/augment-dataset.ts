/**
 * `augmentBatch` and `augmentDataset`: an `Augmentation` applied per batch, image by image, on the
 * host. `augmentDataset` draws from one generator seeded with `seed` and advanced batch after batch,
 * so the same seed and the same sequence of `getBatch` calls give the same images.
 */
import { Rng, tf, type Dataset, type TensorBatch } from '@ml/core';
import type { Augmentation } from './augmentation.js';

/** The images of `x` (`[B, H, W, C]`) transformed by `augmentation`; `x` is not disposed, the result belongs to the caller. */
export function augmentBatch(x: tf.Tensor, augmentation: Augmentation, rng: Rng): tf.Tensor4D {
  if (!(x instanceof tf.Tensor) || x.rank !== 4) throw new TypeError(`augmentBatch: 'x' must be a [B, H, W, C] tensor; received ${x instanceof tf.Tensor ? `shape [${x.shape.join(', ')}]` : typeof x}`);
  if (augmentation === null || typeof augmentation !== 'object' || typeof augmentation.apply !== 'function') throw new TypeError("augmentBatch: 'augmentation' must have apply(image, rng)");
  const [b, h, w, c] = x.shape as [number, number, number, number];
  const values = x.dataSync() as Float32Array;
  const out = new Float32Array(values.length);
  const row = h * w * c;
  for (let i = 0; i < b; i++) {
    const img = augmentation.apply({ data: values.slice(i * row, (i + 1) * row), height: h, width: w, channels: c }, rng);
    if (img.data.length !== row) throw new RangeError(`augmentBatch: '${augmentation.name}' changed the image size (${row} values to ${img.data.length})`);
    out.set(img.data, i * row);
  }
  return tf.tensor4d(out, [b, h, w, c]);
}

/**
 * `dataset` with `augmentation` applied to the features of every batch; other members (class names,
 * preprocessing, labels) pass through.
 */
export function augmentDataset<D extends Dataset<TensorBatch>>(dataset: D, augmentation: Augmentation, options: { seed?: number } = {}): D {
  const rng = new Rng(options.seed ?? 0);
  const getBatch = (indices: Int32Array): TensorBatch => {
    const batch = dataset.getBatch(indices);
    try {
      return { ...batch, features: augmentBatch(batch.features, augmentation, rng) };
    } finally {
      batch.features.dispose();
    }
  };
  return new Proxy(dataset, {
    get(target, prop) {
      if (prop === 'getBatch') return getBatch;
      // Read members from the dataset itself (not the proxy) so its private fields work.
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as D;
}
