/**
 * `RnnTextClassifier`: an RNN, LSTM or GRU text classifier (optionally bidirectional, with last-state,
 * mean, max or attention pooling; see `RnnText`) behind the `fit(texts, labels)` / `predict` /
 * `predictProba` facade of `NeuralTextClassifier`. Padding is masked through the sequence lengths.
 */
import { loadModelFiles, unpackModel } from '@ml/core';
import type { TextLabel } from './class-labels.js';
import { NeuralTextClassifier, type TextClassifierLoadOptions, type TextClassifierOptions, type TextNetwork } from './neural-text-classifier.js';
import { RNN_TEXT_DEFAULTS, RnnText, type RnnPooling } from './rnn-text.js';

/** Options of `RnnTextClassifier`: the text options plus the network's. */
export interface RnnTextClassifierOptions extends TextClassifierOptions {
  /** The recurrent cell. @default 'lstm' */
  cell?: 'rnn' | 'lstm' | 'gru';
  /** Size of the token embeddings (taken from `embeddings` when those are given). @default 128 */
  embeddingDim?: number;
  /** Hidden units per direction. @default 128 */
  hiddenSize?: number;
  /** Stacked recurrent layers. @default 1 */
  numLayers?: number;
  /** Read the text in both directions. @default false */
  bidirectional?: boolean;
  /** Pooling over time: final state, mean, max or additive attention. @default 'last' */
  pooling?: RnnPooling;
  /** Size of the attention layer (pooling 'attention'). @default 64 */
  attentionSize?: number;
  /** Dropout between stacked layers and before the output layer. @default 0.2 */
  dropout?: number;
}

/** Network defaults of `RnnTextClassifierOptions` (the text options default as `TEXT_CLASSIFIER_DEFAULTS`). */
export const RNN_TEXT_CLASSIFIER_DEFAULTS = {
  cell: RNN_TEXT_DEFAULTS.cell,
  embeddingDim: RNN_TEXT_DEFAULTS.embeddingDim,
  hiddenSize: RNN_TEXT_DEFAULTS.hiddenSize,
  numLayers: RNN_TEXT_DEFAULTS.numLayers,
  bidirectional: RNN_TEXT_DEFAULTS.bidirectional,
  pooling: RNN_TEXT_DEFAULTS.pooling,
  attentionSize: RNN_TEXT_DEFAULTS.attentionSize,
  dropout: RNN_TEXT_DEFAULTS.dropout,
} as const satisfies Required<Omit<RnnTextClassifierOptions, keyof TextClassifierOptions>>;

export class RnnTextClassifier<L extends TextLabel = TextLabel> extends NeuralTextClassifier<L, RnnTextClassifierOptions> {
  constructor(options: RnnTextClassifierOptions = {}) {
    super(options);
  }

  protected get kind(): string {
    return 'RnnTextClassifier';
  }

  protected buildNetwork(vocabSize: number, numClasses: number, embeddingDim: number | undefined): TextNetwork {
    const p = { ...RNN_TEXT_CLASSIFIER_DEFAULTS, ...this.params };
    return new RnnText(vocabSize, numClasses, {
      cell: p.cell,
      embeddingDim: this.params.embeddingDim ?? embeddingDim ?? p.embeddingDim,
      hiddenSize: p.hiddenSize,
      numLayers: p.numLayers,
      bidirectional: p.bidirectional,
      pooling: p.pooling,
      attentionSize: p.attentionSize,
      dropout: p.dropout,
      seed: this.params.seed ?? 0,
    });
  }

  /** Reads a folder written by `save` (Node.js). */
  static async load<L extends TextLabel = TextLabel>(dir: string, options: TextClassifierLoadOptions = {}): Promise<RnnTextClassifier<L>> {
    const files = await loadModelFiles(dir);
    return fromFiles<L>(files, options, 'RnnTextClassifier.load');
  }

  /** Reads bytes written by `toBytes`. */
  static fromBytes<L extends TextLabel = TextLabel>(bytes: Uint8Array, options: TextClassifierLoadOptions = {}): RnnTextClassifier<L> {
    return fromFiles<L>(unpackModel(bytes), options, 'RnnTextClassifier.fromBytes');
  }
}

function fromFiles<L extends TextLabel>(files: Awaited<ReturnType<typeof loadModelFiles>>, options: TextClassifierLoadOptions, where: string): RnnTextClassifier<L> {
  const params = ((files.config as { params?: RnnTextClassifierOptions }).params ?? {}) as RnnTextClassifierOptions;
  return new RnnTextClassifier<L>({ ...params, tokenizer: options.tokenizer ?? null }).restore(files, where);
}
