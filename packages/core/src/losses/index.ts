/** Loss functions with PyTorch 1.13 semantics; class dimension last. */
export { type Reduction } from './apply-reduction.js';
export { crossEntropy, CROSS_ENTROPY_DEFAULTS, type CrossEntropyOptions } from './cross-entropy.js';
export { nllLoss, NLL_LOSS_DEFAULTS, type NllLossOptions } from './nll-loss.js';
export {
  binaryCrossEntropyWithLogits,
  BINARY_CROSS_ENTROPY_WITH_LOGITS_DEFAULTS,
  type BinaryCrossEntropyWithLogitsOptions,
} from './binary-cross-entropy-with-logits.js';
export {
  binaryCrossEntropy,
  BINARY_CROSS_ENTROPY_DEFAULTS,
  type BinaryCrossEntropyOptions,
} from './binary-cross-entropy.js';
export { mseLoss, MSE_LOSS_DEFAULTS, type MseLossOptions } from './mse-loss.js';
export { l1Loss, L1_LOSS_DEFAULTS, type L1LossOptions } from './l1-loss.js';
export { smoothL1Loss, SMOOTH_L1_LOSS_DEFAULTS, type SmoothL1LossOptions } from './smooth-l1-loss.js';
export { huberLoss, HUBER_LOSS_DEFAULTS, type HuberLossOptions } from './huber-loss.js';
export { klDivLoss, KL_DIV_LOSS_DEFAULTS, type KlDivLossOptions } from './kl-div-loss.js';
export {
  cosineEmbeddingLoss,
  COSINE_EMBEDDING_LOSS_DEFAULTS,
  type CosineEmbeddingLossOptions,
} from './cosine-embedding-loss.js';
