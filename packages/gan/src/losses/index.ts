/** GAN losses and regularisers. */
export { GAN_LOSS_KINDS, type GanLossKind } from './gan-loss-checks.js';
export { discriminatorLoss, DISCRIMINATOR_LOSS_DEFAULTS, type DiscriminatorLossOptions } from './discriminator-loss.js';
export { generatorLoss } from './generator-loss.js';
export {
  gradientPenalty,
  criticInputGradient,
  GRADIENT_PENALTY_DEFAULTS,
  type CriticFn,
  type GradientPenaltyOptions,
} from './gradient-penalty.js';
export { r1Penalty } from './r1-penalty.js';
export { instanceNoise, annealedNoiseStd } from './instance-noise.js';
export { leakyReluTwice } from './leaky-relu-twice.js';
