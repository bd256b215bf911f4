/**
 * The DCGAN weight initialisation: Radford et al., "Unsupervised Representation Learning with Deep
 * Convolutional Generative Adversarial Networks" (2016), §4: every weight from N(0, 0.02); PyTorch's
 * DCGAN example also sets batch-norm scales from N(1, 0.02) and every bias to 0.
 * @see https://github.com/pytorch/examples/blob/main/dcgan/main.py (weights_init)
 */
import { BatchNorm1d, BatchNorm2d, Conv2d, ConvTranspose2d, Linear, Rng, tf, type AnyModule, type SeedLike } from '@ml/core';

export interface DcganInitOptions {
  /** Standard deviation of the weights (and of the batch-norm scales around 1). @default 0.02 */
  std?: number;
}

export const DCGAN_INIT_DEFAULTS = { std: 0.02 } as const satisfies Required<DcganInitOptions>;

/**
 * Re-initialises, in place, every Conv2d, ConvTranspose2d and Linear weight of `module` from N(0, std),
 * batch-norm scales from N(1, std), and their biases to 0, drawing from `seed`. Class embeddings keep
 * their N(0, 1) init (PyTorch's DCGAN `weights_init` leaves them alone too): at std 0.02 a conditional
 * generator's label code would be tiny next to z ~ N(0, 1).
 */
export function dcganInit(module: AnyModule, seed: SeedLike, options: DcganInitOptions = {}): void {
  const { std } = { ...DCGAN_INIT_DEFAULTS, ...options };
  if (!(typeof std === 'number' && std >= 0 && Number.isFinite(std))) {
    throw new RangeError(`dcganInit: 'std' must be a finite number >= 0; received ${JSON.stringify(std)}`);
  }
  const rng = Rng.from(seed);
  const fill = (v: tf.Variable, mean: number): void => {
    const values = rng.fillNormal(new Float32Array(v.size), mean, std);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
  };
  const zero = (v: tf.Variable | null): void => {
    if (v !== null) tf.tidy(() => v.assign(tf.zerosLike(v)));
  };
  for (const m of module.modules()) {
    if (m instanceof Conv2d || m instanceof ConvTranspose2d || m instanceof Linear) {
      fill(m.weight, 0);
      zero(m.bias);
    } else if (m instanceof BatchNorm2d || m instanceof BatchNorm1d) {
      if (m.weight !== null) fill(m.weight, 1);
      zero(m.bias);
    }
  }
}
