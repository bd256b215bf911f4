/** A dataset over a plain list of samples of any kind (file names, token arrays, records…). */
import type { Dataset } from './dataset.js';

/**
 * Wraps `samples` (kept by reference, not copied); a batch is the list of the selected samples, which a
 * `DataLoader`'s `collate` hook typically turns into tensors.
 */
export class ArrayDataset<S> implements Dataset<S[]> {
  readonly samples: readonly S[];

  constructor(samples: readonly S[]) {
    if (!Array.isArray(samples)) {
      throw new TypeError(`ArrayDataset: 'samples' must be an array; received ${samples === null ? 'null' : typeof samples}`);
    }
    this.samples = samples;
  }

  get length(): number {
    return this.samples.length;
  }

  /** The sample at `index`. */
  get(index: number): S {
    if (!Number.isInteger(index) || index < 0 || index >= this.samples.length) {
      throw new RangeError(`ArrayDataset.get: 'index' must be an integer in [0, ${this.samples.length}); received ${String(index)}`);
    }
    return this.samples[index];
  }

  getBatch(indices: Int32Array): S[] {
    return Array.from(indices, (i) => this.get(i));
  }
}
