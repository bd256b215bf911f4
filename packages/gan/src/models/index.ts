/** GAN networks: MLP and DCGAN generators and discriminators, conditional variants, DCGAN init. */
export { type GanGenerator, type GanDiscriminator } from './gan-module.js';
export { dcganInit, DCGAN_INIT_DEFAULTS, type DcganInitOptions } from './dcgan-init.js';
export { MlpGenerator, MLP_GENERATOR_DEFAULTS, type MlpGeneratorOptions } from './mlp-generator.js';
export { MlpDiscriminator, MLP_DISCRIMINATOR_DEFAULTS, type MlpDiscriminatorOptions } from './mlp-discriminator.js';
export {
  DcganGenerator,
  DCGAN_GENERATOR_DEFAULTS,
  DCGAN_IMAGE_SIZES,
  type DcganImageSize,
  type DcganGeneratorOptions,
} from './dcgan-generator.js';
export { DcganDiscriminator, DCGAN_DISCRIMINATOR_DEFAULTS, type DcganDiscriminatorOptions } from './dcgan-discriminator.js';
