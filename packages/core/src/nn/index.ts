/**
 * `@ml/core/nn`: PyTorch-shaped modules on tfjs. Conv, pooling, BatchNorm, Upsample and PixelShuffle
 * take channels-last input (`[N, L, C]`, `[N, H, W, C]`); weights are stored in tfjs layouts
 * (`[in, out]`, `[...kernel, in, out]`), and `fromTorchStateDict` converts PyTorch checkpoints.
 * @packageDocumentation
 */
export {
  Module,
  type AnyModule,
  type StateDict,
  type TorchLayout,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  type RegisterBufferOptions,
  type NumParametersOptions,
} from './module.js';
export { StateDictError, type StateDictMismatch } from './state-dict-error.js';
export { Sequential } from './sequential.js';
export { ModuleList } from './module-list.js';
export { ModuleDict } from './module-dict.js';
export { manualSeed } from './default-rng.js';
export {
  init,
  type Nonlinearity,
  type FanOptions,
  type SeedOption,
  type UniformOptions,
  type NormalOptions,
  type TruncatedNormalOptions,
  type KaimingOptions,
  type XavierOptions,
} from './init.js';
export { fromTorchStateDict, type FromTorchStateDictOptions } from './from-torch-state-dict.js';
export { toTorchStateDict, type ToTorchStateDictOptions } from './to-torch-state-dict.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { Embedding, type EmbeddingOptions } from './layers/embedding.js';
export { Conv1d, type Conv1dOptions } from './layers/conv1d.js';
export { Conv2d, type Conv2dOptions } from './layers/conv2d.js';
export { ConvTranspose2d, type ConvTranspose2dOptions } from './layers/conv-transpose2d.js';
export type { ConvPadding } from './internal/conv-options.js';
export { MaxPool1d, type MaxPool1dOptions } from './layers/max-pool1d.js';
export { MaxPool2d, type MaxPool2dOptions } from './layers/max-pool2d.js';
export { AvgPool1d, type AvgPool1dOptions } from './layers/avg-pool1d.js';
export { AvgPool2d, type AvgPool2dOptions } from './layers/avg-pool2d.js';
export { AdaptiveAvgPool1d } from './layers/adaptive-avg-pool1d.js';
export { AdaptiveAvgPool2d } from './layers/adaptive-avg-pool2d.js';
export { BatchNorm1d, type BatchNorm1dOptions } from './layers/batch-norm1d.js';
export { BatchNorm2d, type BatchNorm2dOptions } from './layers/batch-norm2d.js';
export type { BatchNormBase, BatchNormOptions } from './internal/batch-norm-base.js';
export { LayerNorm, type LayerNormOptions } from './layers/layer-norm.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { Flatten, type FlattenOptions } from './layers/flatten.js';
export { Upsample, type UpsampleOptions } from './layers/upsample.js';
export { PixelShuffle } from './layers/pixel-shuffle.js';
export { ReLU } from './layers/relu.js';
export { LeakyReLU, type LeakyReLUOptions } from './layers/leaky-relu.js';
export { GELU, type GELUOptions } from './layers/gelu.js';
export { SiLU } from './layers/silu.js';
export { Tanh } from './layers/tanh.js';
export { Sigmoid } from './layers/sigmoid.js';
export { Softmax, type SoftmaxOptions } from './layers/softmax.js';
export { LogSoftmax, type LogSoftmaxOptions } from './layers/log-softmax.js';
export { gelu } from './functional/gelu.js';
export { silu } from './functional/silu.js';
export { softmax } from './functional/softmax.js';
export { logSoftmax } from './functional/log-softmax.js';
