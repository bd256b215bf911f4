/**
 * DCGAN training through @ml/gan's GanTrainer: one discriminator step and one generator step per call
 * (batch 64, 32×32 grayscale, fixed widths). Peer: the same networks and steps in PyTorch (NCHW),
 * as its DCGAN example does them.
 *
 * Super-resolution has its own workload (gan-sr.mjs); further GAN cases go in `cases` below.
 */
import { DcganDiscriminator, DcganGenerator, GanTrainer } from '@ml/gan';

export const name = 'gan';
export const title = 'DCGAN training iteration (batch 64, 32×32, one D step + one G step)';
export const description =
  'One call is one `GanTrainer` iteration: `discriminatorStep(real)` — z [64, 100] ~ N(0, 1) from the ' +
  'trainer\'s seeded stream, fakes made outside the gradient tape (detached), BCE on D(x) and D(G(z)), ' +
  '`tf.variableGrads` over D\'s parameters, Adam(2e-4, β 0.5/0.999) — then `generatorStep(64)` on fresh ' +
  'codes (non-saturating BCE through D, G\'s parameters only); both losses awaited. Networks: ' +
  '`DcganGenerator` {imageSize 32, latentDim 100, width 32}: ConvTranspose2d 100→128 (4×4, 1→4) → BN → ' +
  'ReLU → 128→64 (8×8) → BN → ReLU → 64→32 (16×16) → BN → ReLU → 32→1 (32×32) → tanh; ' +
  '`DcganDiscriminator` {imageSize 32, width 32}: Conv2d 1→32 (4×4 s2) → LeakyReLU(0.2) → 32→64 → BN → ' +
  'LeakyReLU → 64→128 → BN → LeakyReLU → 128→1 (4×4 valid). Real batch: fixed seeded uniform [-1, 1] ' +
  '[64, 32, 32, 1] (NHWC). PyTorch runs the same layers in NCHW: `netD.zero_grad()`, BCEWithLogits on ' +
  'real and `fake.detach()`, `optD.step()`, `netG.zero_grad()`, BCEWithLogits(D(G(z)), 1), ' +
  '`optG.step()`, both `.item()`. Iterations/s = 1000 / median ms.';

export const cases = [{ id: 'dcgan32-b64', label: '32×32, width 32, z 100, batch 64', imageSize: 32, width: 32, latentDim: 100, batch: 64 }];

/**
 * Makes the networks, trainer and real batch of case `c` on the current backend.
 * @returns {{step: () => Promise<undefined>, dispose: () => void}} `step` awaits both losses itself
 */
export function prepare(tf, c) {
  const g = new DcganGenerator({ imageSize: c.imageSize, latentDim: c.latentDim, width: c.width, seed: 1 });
  const d = new DcganDiscriminator({ imageSize: c.imageSize, width: c.width, seed: 2 });
  const trainer = new GanTrainer(g, d, { seed: 3 });
  const real = tf.randomUniform([c.batch, c.imageSize, c.imageSize, 1], -1, 1, 'float32', 4);
  return {
    step: async () => {
      await trainer.discriminatorStep(real);
      await trainer.generatorStep(c.batch);
      return undefined;
    },
    dispose: () => {
      real.dispose();
      trainer.dispose();
      g.dispose();
      d.dispose();
    },
  };
}

export const peer = {
  name: 'PyTorch',
  script: 'gan_dcgan.py',
  modules: ['torch'],
  payload: (c) => ({ id: c.id, imageSize: c.imageSize, width: c.width, latentDim: c.latentDim, batch: c.batch }),
};
