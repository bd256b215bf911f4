/**
 * `Embedding`: a lookup table `weight[numEmbeddings, embeddingDim]` (PyTorch's `torch.nn.Embedding`).
 * Default init N(0, 1); the `paddingIdx` row starts at zero and never receives a gradient, as in
 * PyTorch (its forward output is whatever that row holds).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeedLike } from '../../random/rng.js';
import { Module } from '../module.js';
import { init } from '../init.js';
import { resolveRng } from '../default-rng.js';
import { checkInt } from '../internal/args.js';
import { toParameter } from '../internal/to-parameter.js';

export interface EmbeddingOptions {
  /**
   * Index whose row is zero-initialised and excluded from gradients; negative counts from the end.
   * @default undefined (none)
   */
  paddingIdx?: number;
  /** Seed or generator for the initial weights. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  /** The non-negative padding index, or null. */
  readonly paddingIdx: number | null;
  /** `[numEmbeddings, embeddingDim]` */
  readonly weight: tf.Variable;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    this.numEmbeddings = checkInt(numEmbeddings, 'numEmbeddings', 'Embedding');
    this.embeddingDim = checkInt(embeddingDim, 'embeddingDim', 'Embedding');
    const p = options.paddingIdx;
    if (p !== undefined && (!Number.isInteger(p) || p < -numEmbeddings || p >= numEmbeddings)) {
      throw new Error(`Embedding: 'paddingIdx' must be an integer in [-${numEmbeddings}, ${numEmbeddings - 1}]; received ${String(p)}`);
    }
    this.paddingIdx = p === undefined ? null : p < 0 ? p + numEmbeddings : p;
    const w = init.normal([numEmbeddings, embeddingDim], { seed: resolveRng(options.seed) });
    if (this.paddingIdx !== null) {
      const rowMask = tf.tidy(() => tf.reshape(tf.notEqual(tf.range(0, numEmbeddings, 1, 'int32'), this.paddingIdx as number), [numEmbeddings, 1]));
      this.weight = toParameter(tf.tidy(() => tf.where(rowMask, w, tf.zerosLike(w))));
      tf.dispose([w, rowMask]);
    } else {
      this.weight = toParameter(w);
    }
  }

  /**
   * `ids`: int32 of any shape → `[...ids.shape, embeddingDim]`. Ids must lie in [0, numEmbeddings):
   * they are not read back to check (that would stall the GPU); cpu and wasm throw on a bad id,
   * WebGPU returns zeros for it.
   */
  forward(ids: tf.Tensor): tf.Tensor {
    if (ids.dtype !== 'int32') {
      throw new Error(`Embedding.forward: 'ids' must be an int32 tensor; received dtype ${ids.dtype}`);
    }
    const flat = tf.reshape(ids, [-1]) as tf.Tensor1D; // [B]
    const pad = this.paddingIdx;
    const n = this.numEmbeddings;
    let rows: tf.Tensor;
    if (pad === null) {
      rows = tf.gather(this.weight, flat); // [B, D]
    } else {
      // gather whose gradient skips the padding row (PyTorch zeroes that row's gradient)
      // (ids are saved: forward intermediates are freed before backprop runs)
      const lookup = tf.customGrad((w, save) => {
        (save as tf.GradSaveFunc)([flat]);
        return {
          value: tf.gather(w as tf.Tensor, flat),
          gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
            const idx = saved[0] as tf.Tensor1D;
            const keep = tf.reshape(tf.cast(tf.notEqual(idx, pad), 'float32'), [-1, 1]); // [B, 1]
            return [tf.unsortedSegmentSum(tf.mul(dy, keep), idx, n)]; // [n, D]
          },
        };
      });
      rows = lookup(this.weight);
    }
    return tf.reshape(rows, [...ids.shape, this.embeddingDim]); // [..., D]
  }
}
