/**
 * `TextCnnClassifier`: Kim's CNN for sentence classification (EMNLP 2014; see `TextCnn`) behind the
 * `fit(texts, labels)` / `predict` / `predictProba` facade of `NeuralTextClassifier`.
 * @see https://arxiv.org/abs/1408.5882
 */
import { loadModelFiles, unpackModel } from '@ml/core';
import type { TextLabel } from './class-labels.js';
import { NeuralTextClassifier, type TextClassifierLoadOptions, type TextClassifierOptions, type TextNetwork } from './neural-text-classifier.js';
import { TEXT_CNN_DEFAULTS, TextCnn } from './text-cnn.js';

/** Options of `TextCnnClassifier`: the text options plus the network's. */
export interface TextCnnClassifierOptions extends TextClassifierOptions {
  /** Size of the token embeddings (taken from `embeddings` when those are given). @default 128 */
  embeddingDim?: number;
  /** Widths of the parallel convolutions. @default [3, 4, 5] */
  kernelSizes?: readonly number[];
  /** Filters per width. @default 100 */
  numFilters?: number;
  /** Dropout before the output layer. @default 0.5 */
  dropout?: number;
}

/** Network defaults of `TextCnnClassifierOptions` (the text options default as `TEXT_CLASSIFIER_DEFAULTS`). */
export const TEXT_CNN_CLASSIFIER_DEFAULTS = {
  embeddingDim: TEXT_CNN_DEFAULTS.embeddingDim,
  kernelSizes: TEXT_CNN_DEFAULTS.kernelSizes,
  numFilters: TEXT_CNN_DEFAULTS.numFilters,
  dropout: TEXT_CNN_DEFAULTS.dropout,
} as const satisfies Required<Omit<TextCnnClassifierOptions, keyof TextClassifierOptions>>;

export class TextCnnClassifier<L extends TextLabel = TextLabel> extends NeuralTextClassifier<L, TextCnnClassifierOptions> {
  constructor(options: TextCnnClassifierOptions = {}) {
    super(options);
  }

  protected get kind(): string {
    return 'TextCnnClassifier';
  }

  protected buildNetwork(vocabSize: number, numClasses: number, embeddingDim: number | undefined): TextNetwork {
    const p = { ...TEXT_CNN_CLASSIFIER_DEFAULTS, ...this.params };
    return new TextCnn(vocabSize, numClasses, {
      embeddingDim: this.params.embeddingDim ?? embeddingDim ?? p.embeddingDim,
      kernelSizes: p.kernelSizes,
      numFilters: p.numFilters,
      dropout: p.dropout,
      seed: this.params.seed ?? 0,
    });
  }

  /** Reads a folder written by `save` (Node.js). */
  static async load<L extends TextLabel = TextLabel>(dir: string, options: TextClassifierLoadOptions = {}): Promise<TextCnnClassifier<L>> {
    const files = await loadModelFiles(dir);
    return fromFiles<L>(files, options, 'TextCnnClassifier.load');
  }

  /** Reads bytes written by `toBytes`. */
  static fromBytes<L extends TextLabel = TextLabel>(bytes: Uint8Array, options: TextClassifierLoadOptions = {}): TextCnnClassifier<L> {
    return fromFiles<L>(unpackModel(bytes), options, 'TextCnnClassifier.fromBytes');
  }
}

function fromFiles<L extends TextLabel>(files: Awaited<ReturnType<typeof loadModelFiles>>, options: TextClassifierLoadOptions, where: string): TextCnnClassifier<L> {
  const params = ((files.config as { params?: TextCnnClassifierOptions }).params ?? {}) as TextCnnClassifierOptions;
  return new TextCnnClassifier<L>({ ...params, tokenizer: options.tokenizer ?? null }).restore(files, where);
}
