/**
 * `PReLU`: x for x ≥ 0, a·x otherwise, with a learned slope `a` (PyTorch's `torch.nn.PReLU`; He et
 * al., "Delving Deep into Rectifiers", 2015), one slope shared by every channel or one per channel.
 * Channels-last: a per-channel slope broadcasts over the last axis.
 */
import { tf } from '@ml/core';
import { Module } from '@ml/core/nn';

export interface PReLUOptions {
  /** Number of slopes: 1 (shared) or the channel count (PyTorch's `num_parameters`). @default 1 */
  numParameters?: number;
  /** Initial slope (PyTorch's `init`). @default 0.25 */
  init?: number;
}

export const PRELU_DEFAULTS = { numParameters: 1, init: 0.25 } as const satisfies Required<PReLUOptions>;

export class PReLU extends Module {
  /** `[numParameters]` */
  readonly weight: tf.Variable;

  constructor(options: PReLUOptions = {}) {
    super();
    const { numParameters, init } = { ...PRELU_DEFAULTS, ...options };
    if (!Number.isInteger(numParameters) || numParameters < 1) {
      throw new RangeError(`PReLU: 'numParameters' must be a positive integer; received ${String(numParameters)}`);
    }
    if (typeof init !== 'number' || !Number.isFinite(init)) throw new RangeError(`PReLU: 'init' must be a finite number; received ${String(init)}`);
    const t = tf.fill([numParameters], init);
    this.weight = tf.variable(t, true);
    t.dispose();
  }

  /** `x`: `[..., C]` → same shape. */
  forward(x: tf.Tensor): tf.Tensor {
    const n = this.weight.shape[0] ?? 1;
    const c = x.shape[x.rank - 1];
    if (n !== 1 && c !== n) throw new Error(`PReLU.forward: 'input' must have ${n} channels last; received [${x.shape.join(', ')}]`);
    return tf.prelu(x, this.weight);
  }
}
