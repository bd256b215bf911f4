/**
 * `@ml/gan`: GAN training that converges — non-saturating, least-squares, hinge and Wasserstein
 * losses with gradient penalty or R1, a `GanTrainer` that detaches fakes, EMA generators, DCGAN and
 * conditional generators, classifier-based evaluation, SRGAN super-resolution and a text GAN.
 * @packageDocumentation
 */
export {
  GAN_LOSS_KINDS,
  discriminatorLoss,
  DISCRIMINATOR_LOSS_DEFAULTS,
  generatorLoss,
  gradientPenalty,
  criticInputGradient,
  GRADIENT_PENALTY_DEFAULTS,
  r1Penalty,
  instanceNoise,
  annealedNoiseStd,
  leakyReluTwice,
  type GanLossKind,
  type DiscriminatorLossOptions,
  type CriticFn,
  type GradientPenaltyOptions,
} from './losses/index.js';
export {
  dcganInit,
  DCGAN_INIT_DEFAULTS,
  MlpGenerator,
  MLP_GENERATOR_DEFAULTS,
  MlpDiscriminator,
  MLP_DISCRIMINATOR_DEFAULTS,
  DcganGenerator,
  DCGAN_GENERATOR_DEFAULTS,
  DCGAN_IMAGE_SIZES,
  DcganDiscriminator,
  DCGAN_DISCRIMINATOR_DEFAULTS,
  type GanGenerator,
  type GanDiscriminator,
  type DcganInitOptions,
  type MlpGeneratorOptions,
  type MlpDiscriminatorOptions,
  type DcganImageSize,
  type DcganGeneratorOptions,
  type DcganDiscriminatorOptions,
} from './models/index.js';
