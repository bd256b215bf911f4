/**
 * `Dropout`: Srivastava et al., "Dropout" (JMLR 2014), inverted as in PyTorch's `torch.nn.Dropout`:
 * in training each element is zeroed with probability p and the rest scaled by 1/(1 − p); in eval it
 * is the identity. Masks come from the layer's {@link Rng} (drawn on the CPU), so a seed gives the
 * same masks on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng, SeedLike } from '../../random/rng.js';
import { Module } from '../module.js';
import { resolveRng } from '../default-rng.js';
import { checkRange } from '../internal/args.js';

export interface DropoutOptions {
  /** Probability of zeroing an element. @default 0.5 */
  p?: number;
  /** Seed or generator for the masks. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export class Dropout extends Module {
  readonly p: number;
  readonly #rng: Rng;

  constructor(options: DropoutOptions = {}) {
    super();
    this.p = checkRange(options.p ?? 0.5, 'p', 'Dropout', 0, 1);
    this.#rng = resolveRng(options.seed);
  }

  /** `x`: any shape → same shape. */
  forward(x: tf.Tensor): tf.Tensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return tf.zerosLike(x);
    const scale = 1 / (1 - this.p);
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.#rng.random() < this.p ? 0 : scale;
    return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
  }
}
