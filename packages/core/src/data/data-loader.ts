/**
 * Batches a dataset for training loops, as PyTorch's `torch.utils.data.DataLoader` (single process):
 * optional seeded shuffling that differs per epoch yet is reproducible, `batchSize`, `dropLast`, and
 * a `collate` hook. Iterate with `for (const b of loader)` or `for await (const b of loader)`; each
 * loop over the loader is one epoch.
 *
 * Ownership: every batch is made fresh when it is reached, and the consumer owns its tensors. Dispose
 * them when the step is done (`tf.dispose(batch)`), or run the step in `tf.tidy`. Leaving a loop
 * early creates no further batches, so nothing leaks.
 * @see https://pytorch.org/docs/1.13/data.html#torch.utils.data.DataLoader
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../random/rng.js';
import type { Dataset } from './dataset.js';

export interface DataLoaderOptions<B, O> {
  /** Samples per batch (`batch_size`). @default 1 */
  batchSize?: number;
  /** Draw a new random order of the samples every epoch. @default false */
  shuffle?: boolean;
  /**
   * Seed of the shuffling: epoch `e` uses a generator seeded from (`seed`, `e`), so every epoch has its
   * own order and the same seed gives the same sequence of orders. @default 0
   */
  seed?: number;
  /** Leave out the last batch when it is smaller than `batchSize` (`drop_last`). @default false */
  dropLast?: boolean;
  /**
   * Turns the dataset's batch into what the loop receives (`collate_fn`). It runs inside `tf.tidy`:
   * tensors it returns are kept for the consumer; every other tensor made while building the batch,
   * including the dataset's own batch tensors it did not return, is disposed. Must be synchronous.
   * @default undefined (the dataset's batch as it is)
   */
  collate?: (batch: B, indices: Int32Array) => O;
}

export const DATA_LOADER_DEFAULTS = {
  batchSize: 1,
  shuffle: false,
  seed: 0,
  dropLast: false,
} as const satisfies Required<Omit<DataLoaderOptions<unknown, unknown>, 'collate'>>;

export class DataLoader<B, O = B> implements Iterable<O>, AsyncIterable<O> {
  readonly dataset: Dataset<B>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly dropLast: boolean;
  private readonly collate: ((batch: B, indices: Int32Array) => O) | undefined;
  private nextEpoch = 0;

  constructor(dataset: Dataset<B>, options: DataLoaderOptions<B, O> = {}) {
    const where = 'DataLoader';
    const o = { ...DATA_LOADER_DEFAULTS, ...options };
    if (dataset === null || typeof dataset !== 'object' || typeof dataset.getBatch !== 'function' || !Number.isInteger(dataset.length)) {
      throw new TypeError(`${where}: 'dataset' must have an integer 'length' and a 'getBatch(indices)' method; received ${String(dataset)}`);
    }
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1) {
      throw new RangeError(`${where}: 'batchSize' must be a positive integer; received ${String(o.batchSize)}`);
    }
    if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
      throw new RangeError(`${where}: 'seed' must be an integer in [0, 2^32 - 1]; received ${String(o.seed)}`);
    }
    if (typeof o.shuffle !== 'boolean') throw new TypeError(`${where}: 'shuffle' must be a boolean; received ${String(o.shuffle)}`);
    if (typeof o.dropLast !== 'boolean') throw new TypeError(`${where}: 'dropLast' must be a boolean; received ${String(o.dropLast)}`);
    if (options.collate !== undefined && typeof options.collate !== 'function') {
      throw new TypeError(`${where}: 'collate' must be a function; received ${String(options.collate)}`);
    }
    this.dataset = dataset;
    this.batchSize = o.batchSize;
    this.shuffle = o.shuffle;
    this.seed = o.seed;
    this.dropLast = o.dropLast;
    this.collate = options.collate;
  }

  /** The number of batches in one epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The epoch the next `for … of` loop will run (0 at first; each loop started advances it). */
  get epoch(): number {
    return this.nextEpoch;
  }

  /** Sets the epoch the next loop will run, e.g. to resume training at epoch `epoch`. */
  setEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`DataLoader.setEpoch: 'epoch' must be a non-negative integer; received ${String(epoch)}`);
    this.nextEpoch = epoch;
  }

  /** The order in which epoch `epoch` visits the samples. */
  order(epoch: number): Int32Array {
    const n = this.dataset.length;
    if (!this.shuffle) return Int32Array.from({ length: n }, (_, i) => i);
    // Knuth's multiplicative constant spreads epochs over the seed space; Rng's SplitMix32 seeding then
    // makes nearby seeds unrelated.
    return new Rng((this.seed + Math.imul(epoch + 1, 0x9e3779b9)) >>> 0).permutation(n);
  }

  /** The batches of epoch `epoch`, made one at a time as they are reached; does not change `epoch`. */
  *batches(epoch: number): Generator<O, void, undefined> {
    if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`DataLoader.batches: 'epoch' must be a non-negative integer; received ${String(epoch)}`);
    const order = this.order(epoch);
    const count = this.length;
    for (let b = 0; b < count; b++) {
      const indices = order.slice(b * this.batchSize, Math.min((b + 1) * this.batchSize, order.length));
      if (this.collate === undefined) {
        yield this.dataset.getBatch(indices) as unknown as O;
      } else {
        const collate = this.collate;
        yield tf.tidy(() => collate(this.dataset.getBatch(indices), indices) as unknown as tf.TensorContainer) as unknown as O;
      }
    }
  }

  /** One epoch (the current `epoch`, which then advances). */
  [Symbol.iterator](): Iterator<O> {
    const epoch = this.nextEpoch++;
    return this.batches(epoch);
  }

  /** One epoch, for `for await`: the same batches as the synchronous iterator. */
  async *[Symbol.asyncIterator](): AsyncGenerator<O, void, undefined> {
    const epoch = this.nextEpoch++;
    for (const batch of this.batches(epoch)) yield batch;
  }
}
