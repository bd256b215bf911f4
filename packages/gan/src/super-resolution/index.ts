/** Super-resolution: SRResNet/SRGAN, tiled inference, PSNR/SSIM, training and file upscaling. */
export { SrResNet, SR_RESNET_DEFAULTS, SR_RESNET_FORMAT_VERSION, type SrResNetOptions } from './sr-resnet.js';
export { SrResidualBlock, type SrActivation } from './sr-residual-block.js';
export { PReLU, PRELU_DEFAULTS, type PReLUOptions } from './prelu.js';
export { SrganDiscriminator, SRGAN_DISCRIMINATOR_DEFAULTS, type SrganDiscriminatorOptions } from './srgan-discriminator.js';
export { SrPatchSampler, SR_PATCH_SAMPLER_DEFAULTS, type SrPatchSamplerOptions, type SrBatch } from './sr-patch-sampler.js';
export {
  pretrainSr,
  trainSrgan,
  PRETRAIN_SR_DEFAULTS,
  TRAIN_SRGAN_DEFAULTS,
  type PretrainSrOptions,
  type TrainSrganOptions,
  type SrStepLogs,
  type SrPixelLoss,
  type SrGenerator,
} from './train-sr.js';
export { upscaleImage, UPSCALE_IMAGE_DEFAULTS, type UpscaleImageOptions, type UpscaleModel } from './upscale-image.js';
export { psnr, ssim, IMAGE_QUALITY_DEFAULTS, type ImageQualityOptions } from './image-quality.js';
export { upscaleFile, type UpscaleFileOptions, type UpscaleFileResult } from './upscale-file.js';
