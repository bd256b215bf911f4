/**
 * `SrResidualBlock`: SRGAN's generator block (Ledig et al. 2017, fig. 4): conv 3×3 → BN → PReLU →
 * conv 3×3 → BN, plus the input. Without BN (`batchNorm: false`) it is EDSR's block (Lim et al. 2017).
 */
import { tf, type Rng } from '@ml/core';
import { BatchNorm2d, Conv2d, Module, ReLU, type AnyModule } from '@ml/core/nn';
import { PReLU } from './prelu.js';

/** The nonlinearity of the generator. */
export type SrActivation = 'prelu' | 'relu';

/** A fresh activation module. */
export function makeActivation(kind: SrActivation): AnyModule {
  return (kind === 'prelu' ? new PReLU() : new ReLU()) as AnyModule;
}

export class SrResidualBlock extends Module {
  readonly conv1: Conv2d;
  readonly bn1: BatchNorm2d | null;
  readonly act: AnyModule;
  readonly conv2: Conv2d;
  readonly bn2: BatchNorm2d | null;

  constructor(features: number, batchNorm: boolean, activation: SrActivation, rng: Rng) {
    super();
    this.conv1 = new Conv2d(features, features, 3, { padding: 1, bias: !batchNorm, seed: rng });
    this.bn1 = batchNorm ? new BatchNorm2d(features) : null;
    this.act = makeActivation(activation);
    this.conv2 = new Conv2d(features, features, 3, { padding: 1, bias: !batchNorm, seed: rng });
    this.bn2 = batchNorm ? new BatchNorm2d(features) : null;
  }

  /** `x`: `[N, h, w, F]` → `[N, h, w, F]`. */
  forward(x: tf.Tensor): tf.Tensor {
    let y = this.conv1.forward(x);
    if (this.bn1) y = this.bn1.forward(y);
    y = this.act.forward(y) as tf.Tensor;
    y = this.conv2.forward(y);
    if (this.bn2) y = this.bn2.forward(y);
    return tf.add(y, x);
  }
}
