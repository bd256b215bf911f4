/**
 * `Flatten`: merges dims `startDim … endDim` into one (PyTorch's `torch.nn.Flatten`). On NHWC
 * feature maps the flattened order is H, W, C (PyTorch's NCHW gives C, H, W): a Linear after it
 * imported from PyTorch needs its input rows permuted accordingly.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';

export interface FlattenOptions {
  /** First dim to merge; negative counts from the end. @default 1 */
  startDim?: number;
  /** Last dim to merge; negative counts from the end. @default -1 */
  endDim?: number;
}

export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(options: FlattenOptions = {}) {
    super();
    this.startDim = options.startDim ?? 1;
    this.endDim = options.endDim ?? -1;
    for (const [name, v] of [['startDim', this.startDim], ['endDim', this.endDim]] as const) {
      if (!Number.isInteger(v)) throw new Error(`Flatten: '${name}' must be an integer; received ${String(v)}`);
    }
  }

  /** `x`: `[d0, …, dn]` → dims startDim…endDim merged. */
  forward(x: tf.Tensor): tf.Tensor {
    const rank = Math.max(x.rank, 1);
    const start = this.startDim < 0 ? this.startDim + rank : this.startDim;
    const end = this.endDim < 0 ? this.endDim + rank : this.endDim;
    if (start < 0 || end >= rank || start > end) {
      throw new Error(`Flatten.forward: dims [${this.startDim}, ${this.endDim}] do not fit 'input' of shape [${x.shape.join(', ')}]`);
    }
    const merged = x.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
    return tf.reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
  }
}
