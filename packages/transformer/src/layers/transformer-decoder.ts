/**
 * `TransformerDecoder`: a stack of decoder layers with an optional final LayerNorm, as PyTorch 1.13's
 * `torch.nn.TransformerDecoder` (`layers.{i}.…`, `norm.…`), built from a layer factory.
 */
import type { tf } from '@ml/core';
import { type LayerNorm, Module } from '@ml/core/nn';
import type { KeyValueCache } from '../attention/multihead-attention.js';
import type { DecoderLayerCallOptions, TransformerDecoderLayer } from './transformer-decoder-layer.js';
import { checkPositiveInt } from '../internal/args.js';

export interface TransformerDecoderOptions {
  /** A final LayerNorm (PyTorch's `norm`). @default null */
  norm?: LayerNorm | null;
}

export interface DecoderCallOptions extends Omit<DecoderLayerCallOptions, 'cache'> {
  /** Incremental decoding: one self-attention cache per layer. @default undefined */
  caches?: KeyValueCache[];
}

export class TransformerDecoder extends Module<[tf.Tensor, tf.Tensor, DecoderCallOptions?]> {
  readonly layers: TransformerDecoderLayer[];
  readonly norm: LayerNorm | null;

  constructor(makeLayer: (index: number) => TransformerDecoderLayer, numLayers: number, options: TransformerDecoderOptions = {}) {
    super();
    checkPositiveInt(numLayers, 'numLayers', 'TransformerDecoder');
    this.layers = Array.from({ length: numLayers }, (_, i) => makeLayer(i));
    this.norm = options.norm ?? null;
  }

  /** `tgt` `[T, B, E]`, `memory` `[S, B, E]` (or batch first) → `[T, B, E]`. */
  forward(tgt: tf.Tensor, memory: tf.Tensor, options: DecoderCallOptions = {}): tf.Tensor {
    const { caches, ...rest } = options;
    if (caches !== undefined && caches.length !== this.layers.length) {
      throw new RangeError(`TransformerDecoder.forward: 'caches' must hold one KeyValueCache per layer (${this.layers.length}); received ${caches.length}`);
    }
    let x = tgt;
    this.layers.forEach((layer, i) => (x = layer.forward(x, memory, { ...rest, cache: caches?.[i] })));
    return this.norm === null ? x : this.norm.forward(x);
  }
}
