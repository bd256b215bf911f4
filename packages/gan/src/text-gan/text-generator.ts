/**
 * `TextGenerator`: an LSTM language model (embedding → `LSTM` from `@ml/sequence` → linear head) that
 * can run two ways:
 * - teacher-forced (`forward`): logits of the next token at every position of given sequences, for
 *   maximum-likelihood (MLE) pretraining;
 * - free-running (`generate`): feeds back its own Gumbel-softmax samples (Jang et al. 2017, see
 *   `gumbel-softmax.ts`) and returns a differentiable sequence of token distributions, the input of the
 *   discriminator in adversarial training (Kusner & Hernández-Lobato, "GANS for Sequences of Discrete
 *   Elements with the Gumbel-softmax Distribution", 2016).
 *
 * Letters: B batch, T steps (`maxSteps`), V vocabulary, E embedding size, H hidden size.
 * The embedding is a bias-free `Linear(V, E)` so soft one-hots and ids share one table. Tokens after
 * the end token are forced to padding by a differentiable "still alive" product, so the generator
 * never has to learn to pad.
 */
import { Module, Linear, Rng, tf, type SeedLike } from '@ml/core';
import { LSTM } from '@ml/sequence';
import { gumbelSoftmax } from './gumbel-softmax.js';
import { oneHotFloat } from './one-hot.js';

/** Options of {@link TextGenerator}. */
export interface TextGeneratorOptions {
  /** Token embedding size E. @default 32 */
  embeddingSize?: number;
  /** LSTM hidden size H (PyTorch's `hidden_size`). @default 64 */
  hiddenSize?: number;
  /** Seed for the initial weights. @default 0 */
  seed?: number;
}

/** Defaults of {@link TextGeneratorOptions}. */
export const TEXT_GENERATOR_DEFAULTS = { embeddingSize: 32, hiddenSize: 64, seed: 0 } as const satisfies Required<TextGeneratorOptions>;

/** Special token ids the generator needs. */
export interface GeneratorTokens {
  /** Padding id: written after the end token, never sampled. */
  pad: number;
  /** Start id: the first input, never sampled. */
  bos: number;
  /** End id: a sampled end token switches the rest of the sequence to padding. */
  eos: number;
}

/** Options of {@link TextGenerator.generate}. */
export interface GenerateOptions {
  /** Sequences to generate, B. */
  batchSize: number;
  /** Gumbel-softmax temperature τ. @default 1 */
  temperature?: number;
  /** Straight-through one-hot samples (forward hard, backward soft). @default false */
  hard?: boolean;
  /** Divides the logits before sampling (sampling temperature; 1 samples the model's distribution). @default 1 */
  logitScale?: number;
  /** Seed or generator for the Gumbel noise. @default 0 */
  seed?: SeedLike;
}

export class TextGenerator extends Module<[tf.Tensor], tf.Tensor> {
  readonly vocabSize: number;
  readonly maxSteps: number;
  readonly embeddingSize: number;
  readonly hiddenSize: number;
  readonly tokens: GeneratorTokens;
  readonly embedding: Linear;
  readonly lstm: LSTM;
  readonly head: Linear;
  /** `[V]`: 0, or −1e9 on the padding and start ids (never generated). */
  readonly #logitMask: tf.Tensor;

  /**
   * @param vocabSize V, special ids included
   * @param maxSteps T, tokens generated per sequence (end token included)
   */
  constructor(vocabSize: number, maxSteps: number, tokens: GeneratorTokens, options: TextGeneratorOptions = {}) {
    super();
    const where = 'TextGenerator';
    const o = { ...TEXT_GENERATOR_DEFAULTS, ...options };
    for (const [name, v] of [['vocabSize', vocabSize], ['maxSteps', maxSteps], ['embeddingSize', o.embeddingSize], ['hiddenSize', o.hiddenSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`${where}: '${name}' must be an integer >= 1; received ${String(v)}`);
    }
    for (const [name, id] of Object.entries(tokens)) {
      if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`${where}: 'tokens.${name}' must be an id in [0, ${vocabSize - 1}]; received ${String(id)}`);
    }
    this.vocabSize = vocabSize;
    this.maxSteps = maxSteps;
    this.embeddingSize = o.embeddingSize;
    this.hiddenSize = o.hiddenSize;
    this.tokens = { ...tokens };
    this.embedding = new Linear(vocabSize, o.embeddingSize, { bias: false, seed: o.seed });
    this.lstm = new LSTM(o.embeddingSize, o.hiddenSize, { seed: o.seed + 1 });
    this.head = new Linear(o.hiddenSize, vocabSize, { seed: o.seed + 2 });
    const mask = new Float32Array(vocabSize);
    mask[tokens.pad] = -1e9;
    mask[tokens.bos] = -1e9;
    this.#logitMask = tf.keep(tf.tensor1d(mask));
  }

  /**
   * Teacher-forced next-token logits: `inputs` `[B, T']` int32 ids (start id first) → `[B, T', V]`.
   * Runs on the caller's tape.
   */
  forward(inputs: tf.Tensor): tf.Tensor {
    if (inputs.rank !== 2 || inputs.dtype !== 'int32') {
      throw new Error(`TextGenerator.forward: 'inputs' must be int32 ids [B, T]; received ${inputs.dtype} [${inputs.shape.join(', ')}]`);
    }
    const [B, T] = inputs.shape as [number, number];
    const x = tf.gather(this.embedding.weight, tf.reshape(tf.transpose(inputs), [T * B])); // [T·B, E]
    const { output } = this.lstm.forward(tf.reshape(x, [T, B, this.embeddingSize])); // [T, B, H]
    const logits = tf.add(this.head.forward(tf.reshape(output, [T * B, this.hiddenSize])), this.#logitMask); // [T·B, V]
    return tf.transpose(tf.reshape(logits, [T, B, this.vocabSize]), [1, 0, 2]); // [B, T, V]
  }

  /**
   * Free-running generation of `maxSteps` tokens per sequence: `[B, T, V]` token distributions
   * (one-hot with `hard`), padding one-hots after the first end token. Differentiable with respect
   * to the weights; runs on the caller's tape.
   */
  generate(options: GenerateOptions): tf.Tensor {
    const { batchSize: B, temperature = 1, hard = false, logitScale = 1, seed = 0 } = options;
    if (!Number.isInteger(B) || B < 1) throw new Error(`TextGenerator.generate: 'batchSize' must be an integer >= 1; received ${String(B)}`);
    if (!(logitScale > 0)) throw new Error(`TextGenerator.generate: 'logitScale' must be > 0; received ${String(logitScale)}`);
    const rng = Rng.from(seed);
    const V = this.vocabSize;
    const H = this.hiddenSize;
    const eosColumn = oneHotFloat(tf.tensor1d([this.tokens.eos], 'int32'), V); // [1, V]
    const padRow = oneHotFloat(tf.fill([B], this.tokens.pad, 'int32'), V); // [B, V]
    let prev: tf.Tensor = oneHotFloat(tf.fill([B], this.tokens.bos, 'int32'), V); // [B, V]
    let h = tf.zeros([1, B, H]);
    let c = tf.zeros([1, B, H]);
    let alive: tf.Tensor = tf.ones([B, 1]); // 1 until the end token has been emitted
    const steps: tf.Tensor[] = [];
    for (let t = 0; t < this.maxSteps; t++) {
      const x = tf.matMul(prev, this.embedding.weight); // [B, E]
      const out = this.lstm.forward(tf.reshape(x, [1, B, this.embeddingSize]), { h0: h, c0: c });
      h = out.hN; // [1, B, H]
      c = out.cN;
      const logits = tf.add(this.head.forward(tf.reshape(out.output, [B, H])), this.#logitMask); // [B, V]
      const y = gumbelSoftmax(logitScale === 1 ? logits : tf.div(logits, logitScale), { temperature, hard, seed: rng }); // [B, V]
      steps.push(tf.add(tf.mul(alive, y), tf.mul(tf.sub(1, alive), padRow)));
      alive = tf.mul(alive, tf.sub(1, tf.sum(tf.mul(y, eosColumn), -1, true))); // [B, 1]
      prev = y;
    }
    return tf.stack(steps, 1); // [B, T, V]
  }

  override dispose(): void {
    super.dispose();
    this.#logitMask.dispose();
  }
}
