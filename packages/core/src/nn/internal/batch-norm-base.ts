/**
 * Batch normalisation shared by BatchNorm1d/2d: Ioffe & Szegedy, "Batch Normalization" (ICML 2015),
 * with PyTorch's conventions (https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html):
 * training normalises with the batch mean and biased variance and updates
 * running = (1 − momentum)·running + momentum·batch, using the **unbiased** variance
 * (n/(n − 1)) for `runningVar`; momentum null is a cumulative average (factor 1/numBatchesTracked).
 * Eval normalises with the running statistics. Channels are the last axis.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput, checkInt, checkRange } from './args.js';
import { toParameter } from './to-parameter.js';

export interface BatchNormOptions {
  /** Added to the variance for stability. @default 1e-5 */
  eps?: number;
  /** Weight of the newest batch in the running statistics; null for a cumulative average. @default 0.1 */
  momentum?: number | null;
  /** Learn a per-channel scale `weight` and shift `bias`. @default true */
  affine?: boolean;
  /** Keep running statistics (else batch statistics are used in eval too). @default true */
  trackRunningStats?: boolean;
}

export abstract class BatchNormBase extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  /** `[C]` scale, or null when not affine. */
  readonly weight: tf.Variable | null;
  /** `[C]` shift, or null when not affine. */
  readonly bias: tf.Variable | null;
  /** `[C]` buffer, or null when not tracking. */
  readonly runningMean: tf.Variable | null;
  /** `[C]` buffer, or null when not tracking. */
  readonly runningVar: tf.Variable | null;
  /** int32 scalar buffer, or null when not tracking. */
  readonly numBatchesTracked: tf.Variable | null;

  protected abstract readonly inputRanks: number[];
  protected abstract readonly layoutName: string;

  constructor(numFeatures: number, options: BatchNormOptions, where: string) {
    super();
    this.numFeatures = checkInt(numFeatures, 'numFeatures', where);
    this.eps = checkRange(options.eps ?? 1e-5, 'eps', where, 0, Infinity);
    const momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.momentum = momentum === null ? null : checkRange(momentum, 'momentum', where, 0, 1);
    const affine = options.affine ?? true;
    this.weight = affine ? toParameter(tf.ones([numFeatures])) : null;
    this.bias = affine ? toParameter(tf.zeros([numFeatures])) : null;
    if (options.trackRunningStats ?? true) {
      const [zeros, ones, count] = [tf.zeros([numFeatures]), tf.ones([numFeatures]), tf.scalar(0, 'int32')];
      this.runningMean = this.registerBuffer('runningMean', zeros);
      this.runningVar = this.registerBuffer('runningVar', ones);
      this.numBatchesTracked = this.registerBuffer('numBatchesTracked', count);
      tf.dispose([zeros, ones, count]);
    } else {
      this.runningMean = this.runningVar = this.numBatchesTracked = null;
    }
  }

  /** `x`: channels last → same shape, normalised per channel. */
  forward(x: tf.Tensor): tf.Tensor {
    const where = `${this.constructor.name}.forward`;
    checkInput(x.shape, this.inputRanks, where, this.layoutName, this.numFeatures);
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (this.training || this.runningMean === null || this.runningVar === null) {
      const n = x.size / this.numFeatures;
      if (this.training && n <= 1) {
        throw new Error(`${where}: training needs more than 1 value per channel; received input [${x.shape.join(', ')}]`);
      }
      mean = tf.mean(x, axes); // [C]
      variance = tf.mean(tf.square(tf.sub(x, mean)), axes); // [C], biased
      if (this.training) this.#updateRunningStats(mean, variance, n);
    } else {
      mean = this.runningMean;
      variance = this.runningVar;
    }
    let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps)));
    if (this.weight !== null && this.bias !== null) y = tf.add(tf.mul(y, this.weight), this.bias);
    return y;
  }

  #updateRunningStats(mean: tf.Tensor, variance: tf.Tensor, n: number): void {
    const { runningMean, runningVar, numBatchesTracked } = this;
    if (runningMean === null || runningVar === null || numBatchesTracked === null) return;
    tf.tidy(() => {
      numBatchesTracked.assign(tf.add(numBatchesTracked, tf.scalar(1, 'int32')));
      const f: tf.Tensor | number =
        this.momentum === null ? tf.div(1, tf.cast(numBatchesTracked, 'float32')) : this.momentum;
      const blend = (old: tf.Tensor, batch: tf.Tensor): tf.Tensor => tf.add(tf.mul(old, tf.sub(1, f)), tf.mul(batch, f));
      runningMean.assign(blend(runningMean, mean));
      runningVar.assign(blend(runningVar, tf.mul(variance, n / (n - 1))));
    });
  }
}
