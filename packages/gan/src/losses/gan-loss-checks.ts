/**
 * Argument checks shared by the GAN losses (internal). Each throws a TypeError or RangeError whose
 * message names the function, the argument, what was expected and what was received.
 */
import { tf } from '@ml/core';

/** The adversarial objectives this package implements. */
export const GAN_LOSS_KINDS = ['bce', 'lsgan', 'hinge', 'wasserstein'] as const;

/**
 * `'bce'`: non-saturating binary cross-entropy on logits (Goodfellow et al. 2014, the generator
 * maximises log D(G(z))); `'lsgan'`: least squares (Mao et al. 2017); `'hinge'`: hinge loss (Lim & Ye
 * 2017, Miyato et al. 2018); `'wasserstein'`: the WGAN critic objective (Arjovsky et al. 2017; pair it
 * with a gradient penalty or R1).
 */
export type GanLossKind = (typeof GAN_LOSS_KINDS)[number];

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

export function checkKind(fn: string, kind: unknown): asserts kind is GanLossKind {
  if (typeof kind !== 'string' || !(GAN_LOSS_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`${fn}: 'kind' must be one of ${GAN_LOSS_KINDS.map((k) => `'${k}'`).join(', ')}; received ${JSON.stringify(kind)}`);
  }
}

export function checkLogits(fn: string, name: string, t: unknown): asserts t is tf.Tensor {
  if (!(t instanceof tf.Tensor)) {
    throw new TypeError(`${fn}: '${name}' must be a tf.Tensor of discriminator outputs; received ${t === null ? 'null' : typeof t}`);
  }
  if (t.dtype !== 'float32') throw new TypeError(`${fn}: '${name}' must be a float32 tensor; received ${t.dtype}`);
  if (t.size === 0) throw new RangeError(`${fn}: '${name}' must not be empty; received shape ${shapeText(t.shape)}`);
}

export function checkFinite(fn: string, name: string, value: unknown, min = -Infinity, max = Infinity): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number' : `a number in [${min}, ${max}]`;
    throw new RangeError(`${fn}: '${name}' must be ${range}; received ${JSON.stringify(value)}`);
  }
}

/** `real` and `fake` batches of samples: float32, same shape, rank ≥ 2 (batch first). */
export function checkSamplePair(fn: string, real: unknown, fake: unknown): asserts real is tf.Tensor {
  for (const [name, t] of [['real', real], ['fake', fake]] as const) {
    if (!(t instanceof tf.Tensor) || t.dtype !== 'float32' || t.rank < 2) {
      throw new TypeError(
        `${fn}: '${name}' must be a float32 tensor [N, ...] (batch first); received ${t instanceof tf.Tensor ? `${t.dtype} ${shapeText(t.shape)}` : typeof t}`,
      );
    }
  }
  const r = real as tf.Tensor;
  const f = fake as tf.Tensor;
  if (!tf.util.arraysEqual(r.shape, f.shape)) {
    throw new RangeError(`${fn}: 'fake' must have the shape of 'real' ${shapeText(r.shape)}; received ${shapeText(f.shape)}`);
  }
}
