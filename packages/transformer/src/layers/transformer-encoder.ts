/**
 * `TransformerEncoder`: a stack of encoder layers with an optional final LayerNorm, as PyTorch 1.13's
 * `torch.nn.TransformerEncoder` (state-dict names `layers.{i}.…` and `norm.…`). PyTorch deep-copies
 * one layer; here a factory builds each layer, so every layer gets its own initial weights.
 */
import type { tf } from '@ml/core';
import { type LayerNorm, Module } from '@ml/core/nn';
import type { EncoderLayerCallOptions, TransformerEncoderLayer } from './transformer-encoder-layer.js';
import { checkPositiveInt } from '../internal/args.js';

export interface TransformerEncoderOptions {
  /** A final LayerNorm (PyTorch's `norm`; pre-LN stacks need one). @default null */
  norm?: LayerNorm | null;
}

export class TransformerEncoder extends Module<[tf.Tensor, EncoderLayerCallOptions?]> {
  readonly layers: TransformerEncoderLayer[];
  readonly norm: LayerNorm | null;

  /** `makeLayer(i)` builds layer i (0-based). */
  constructor(makeLayer: (index: number) => TransformerEncoderLayer, numLayers: number, options: TransformerEncoderOptions = {}) {
    super();
    checkPositiveInt(numLayers, 'numLayers', 'TransformerEncoder');
    this.layers = Array.from({ length: numLayers }, (_, i) => makeLayer(i));
    this.norm = options.norm ?? null;
  }

  /** `src` `[S, B, E]` (or batch first, as the layers) → same shape. */
  forward(src: tf.Tensor, options: EncoderLayerCallOptions = {}): tf.Tensor {
    let x = src;
    for (const layer of this.layers) x = layer.forward(x, options);
    return this.norm === null ? x : this.norm.forward(x);
  }
}
