/**
 * Batches of token-id sequences for the text classifiers: each batch is padded (id 0 at the end) to
 * its own longest row, at least `minLength`, so short texts do not pay for the longest one in the
 * corpus. Implements the `BatchLoader` interface of `@ml/core`'s `fit`, with a seeded shuffle per epoch.
 */
import { Rng, tf, type BatchLoader, type TensorBatch } from '@ml/core';

/** `[B, T]` int32 ids of `rows`, right-padded with 0 to max(longest row, minLength). The caller owns it. */
export function padBatch(sequences: readonly Int32Array[], rows: ArrayLike<number>, minLength: number): tf.Tensor2D {
  let width = minLength;
  for (let i = 0; i < rows.length; i++) width = Math.max(width, sequences[rows[i]].length);
  const ids = new Int32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) ids.set(sequences[rows[i]], i * width);
  return tf.tensor2d(ids, [rows.length, width], 'int32');
}

export class TextBatches implements BatchLoader<TensorBatch> {
  readonly #sequences: readonly Int32Array[];
  readonly #targets: Int32Array;
  readonly #rows: Int32Array;
  readonly #batchSize: number;
  readonly #minLength: number;
  readonly #shuffle: boolean;
  readonly #seed: number;
  #epoch = 0;

  constructor(sequences: readonly Int32Array[], targets: Int32Array, rows: Int32Array, options: { batchSize: number; minLength: number; shuffle: boolean; seed: number }) {
    this.#sequences = sequences;
    this.#targets = targets;
    this.#rows = rows;
    this.#batchSize = options.batchSize;
    this.#minLength = options.minLength;
    this.#shuffle = options.shuffle;
    this.#seed = options.seed;
  }

  get length(): number {
    return Math.ceil(this.#rows.length / this.#batchSize);
  }

  setEpoch(epoch: number): void {
    this.#epoch = epoch;
  }

  *[Symbol.iterator](): Iterator<TensorBatch> {
    const order = this.#rows.slice();
    if (this.#shuffle) {
      const rng = new Rng((this.#seed * 7919 + this.#epoch) >>> 0);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    for (let start = 0; start < order.length; start += this.#batchSize) {
      const rows = order.subarray(start, start + this.#batchSize);
      const targets = Int32Array.from(rows, (r) => this.#targets[r]);
      yield { features: padBatch(this.#sequences, rows, this.#minLength), targets: tf.tensor1d(targets, 'int32') };
    }
  }
}
