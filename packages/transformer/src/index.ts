/**
 * `@ml/transformer`: attention, transformer blocks, BERT-style encoders, translation, generation, Hugging Face import.
 * @packageDocumentation
 */
export { scaledDotProductAttention, causalMask, additiveMask, type AttentionMasks, type ScaledDotProductAttentionOptions } from './attention/scaled-dot-product-attention.js';
export {
  MultiheadAttention,
  MULTIHEAD_ATTENTION_DEFAULTS,
  KeyValueCache,
  type MultiheadAttentionOptions,
  type MultiheadAttentionCallOptions,
  type AttentionOutput,
} from './attention/multihead-attention.js';
export { TransformerEncoderLayer, TRANSFORMER_LAYER_DEFAULTS, type TransformerLayerOptions, type EncoderLayerCallOptions } from './layers/transformer-encoder-layer.js';
export { TransformerDecoderLayer, type DecoderLayerCallOptions } from './layers/transformer-decoder-layer.js';
export { TransformerEncoder, type TransformerEncoderOptions } from './layers/transformer-encoder.js';
export { TransformerDecoder, type TransformerDecoderOptions, type DecoderCallOptions } from './layers/transformer-decoder.js';
export type { FeedForwardActivation } from './layers/feed-forward.js';
export { SinusoidalPositionalEncoding, sinusoidalTable } from './position/sinusoidal-positional-encoding.js';
export { LearnedPositionalEmbedding } from './position/learned-positional-embedding.js';
export { RotaryEmbedding } from './position/rotary-embedding.js';
