/**
 * `Seq2Seq`: a recurrent encoder–decoder with attention (Sutskever et al., "Sequence to Sequence
 * Learning with Neural Networks", NeurIPS 2014), the decoder attending either as Bahdanau et al.
 * (ICLR 2015: attend with the previous decoder state, feed the context into the cell, predict from
 * [state, context]) or as Luong et al. (EMNLP 2015: attend with the new state, h̃ = tanh(W_c[context,
 * state]), predict from h̃, and feed h̃ into the next step's input). Teacher forcing with a seeded
 * ratio; greedy and beam decoding (see `beam-search.ts`).
 *
 * Letters: B batch, S source steps, T target steps, E embedding size, H hidden size, V target vocabulary.
 */
import { Embedding, Linear, Module, Rng, tf, type SeedLike } from '@ml/core';
import { GRU } from '../layers/gru.js';
import { LSTM } from '../layers/lstm.js';
import { BahdanauAttention } from './bahdanau-attention.js';
import { LuongAttention } from './luong-attention.js';
import { beamSearch, type BeamHypothesis, type BeamSearchOptions } from './beam-search.js';

/** Options of {@link Seq2Seq}. */
export interface Seq2SeqOptions {
  /** Recurrent cell of encoder and decoder. @default 'gru' */
  cell?: 'gru' | 'lstm';
  /** Attention: additive (Bahdanau) or Luong's dot / general score. @default 'bahdanau' */
  attention?: 'bahdanau' | 'luong-dot' | 'luong-general';
  /** Embedding size E of source and target tokens. @default 32 */
  embeddingDim?: number;
  /** Hidden size H of encoder and decoder. @default 64 */
  hiddenSize?: number;
  /** Id of the padding token (ignored by attention through `srcLengths`). @default 0 */
  padId?: number;
  /** Id the decoder starts from. @default 1 */
  bosId?: number;
  /** Id that ends a decoded sequence. @default 2 */
  eosId?: number;
  /** Seed or generator for the weights and the teacher-forcing draws. @default 0 */
  seed?: SeedLike;
}

/** Defaults of {@link Seq2SeqOptions}. */
export const SEQ2SEQ_DEFAULTS = {
  cell: 'gru',
  attention: 'bahdanau',
  embeddingDim: 32,
  hiddenSize: 64,
  padId: 0,
  bosId: 1,
  eosId: 2,
  seed: 0,
} as const satisfies Required<Seq2SeqOptions>;

/** Options of `forward`. */
export interface Seq2SeqForwardOptions {
  /** Valid length of each source sequence (the rest is padding). @default every sequence has S steps */
  srcLengths?: ArrayLike<number>;
  /**
   * Probability that step t > 0 is fed the true previous token rather than the model's own argmax
   * (drawn once per step for the whole batch from the model's generator). @default 1
   */
  teacherForcingRatio?: number;
}

/** Options of `greedyDecode`. */
export interface GreedyDecodeOptions {
  /** Valid length of each source sequence. @default every sequence has S steps */
  srcLengths?: ArrayLike<number>;
  /** Most tokens generated per sequence (EOS included). @default 2·S + 10 */
  maxLength?: number;
}

/** The encoder's result, reused by every decoder step. */
export interface EncodedSource {
  /** Encoder outputs `[B, S, H]` (attention keys and values). */
  keys: tf.Tensor;
  /** Keys projected for the attention score. */
  projectedKeys: tf.Tensor;
  /** `[B, S]` 1 on valid steps, or null when every step is valid. */
  mask: tf.Tensor | null;
}

/** The decoder's recurrent state: `h` (and `c` for LSTM) `[1, B, H]`, and Luong's h̃ `[B, H]`. */
export interface DecoderState {
  h: tf.Tensor;
  c?: tf.Tensor;
  feed: tf.Tensor;
}

type Cell = GRU | LSTM;

export class Seq2Seq extends Module<[tf.Tensor, tf.Tensor, Seq2SeqForwardOptions?], tf.Tensor> {
  readonly cell: 'gru' | 'lstm';
  readonly attentionKind: 'bahdanau' | 'luong-dot' | 'luong-general';
  readonly hiddenSize: number;
  readonly padId: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly srcVocab: number;
  readonly tgtVocab: number;
  readonly srcEmbedding: Embedding;
  readonly tgtEmbedding: Embedding;
  readonly encoder: Cell;
  readonly decoder: Cell;
  readonly attention: BahdanauAttention | LuongAttention;
  /** Luong's W_c `[2H → H]`; null for Bahdanau. */
  readonly combine: Linear | null;
  /** Vocabulary projection: from [state, context] (Bahdanau) or h̃ (Luong). */
  readonly output: Linear;
  readonly #rng: Rng;

  constructor(srcVocab: number, tgtVocab: number, options: Seq2SeqOptions = {}) {
    super();
    const o = { ...SEQ2SEQ_DEFAULTS, ...options };
    for (const [name, v] of [['srcVocab', srcVocab], ['tgtVocab', tgtVocab], ['embeddingDim', o.embeddingDim], ['hiddenSize', o.hiddenSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`Seq2Seq: '${name}' must be an integer >= 1; received ${String(v)}`);
    }
    if (o.cell !== 'gru' && o.cell !== 'lstm') throw new Error(`Seq2Seq: 'cell' must be 'gru' or 'lstm'; received ${JSON.stringify(o.cell)}`);
    if (!['bahdanau', 'luong-dot', 'luong-general'].includes(o.attention)) {
      throw new Error(`Seq2Seq: 'attention' must be 'bahdanau', 'luong-dot' or 'luong-general'; received ${JSON.stringify(o.attention)}`);
    }
    this.cell = o.cell;
    this.attentionKind = o.attention;
    this.hiddenSize = o.hiddenSize;
    this.padId = o.padId;
    this.bosId = o.bosId;
    this.eosId = o.eosId;
    this.srcVocab = srcVocab;
    this.tgtVocab = tgtVocab;
    this.#rng = Rng.from(o.seed);
    const seed = (): number => this.#rng.nextUint32();
    const E = o.embeddingDim;
    const H = o.hiddenSize;
    this.srcEmbedding = new Embedding(srcVocab, E, { seed: seed() });
    this.tgtEmbedding = new Embedding(tgtVocab, E, { seed: seed() });
    const Rnn = o.cell === 'gru' ? GRU : LSTM;
    this.encoder = new Rnn(E, H, { batchFirst: true, seed: seed() });
    this.decoder = new Rnn(E + H, H, { seed: seed() });
    this.attention =
      o.attention === 'bahdanau'
        ? new BahdanauAttention(H, H, { seed: seed() })
        : new LuongAttention(H, H, { score: o.attention === 'luong-dot' ? 'dot' : 'general', seed: seed() });
    this.combine = o.attention === 'bahdanau' ? null : new Linear(2 * H, H, { seed: seed() });
    this.output = new Linear(o.attention === 'bahdanau' ? 2 * H : H, tgtVocab, { seed: seed() });
  }

  /** Runs the encoder on `src` `[B, S]` int32; returns its keys and the decoder's initial state. */
  encode(src: tf.Tensor, srcLengths?: ArrayLike<number>): { source: EncodedSource; state: DecoderState } {
    if (src.rank !== 2 || src.dtype !== 'int32') {
      throw new Error(`Seq2Seq.encode: 'src' must be an int32 tensor [B, S]; received ${src.dtype} [${src.shape.join(', ')}]`);
    }
    const [batch, steps] = src.shape as [number, number];
    const r = this.encoder.forward(this.srcEmbedding.forward(src), { lengths: srcLengths }); // output [B, S, H]
    let mask: tf.Tensor | null = null;
    if (srcLengths !== undefined) {
      const m = new Float32Array(batch * steps);
      Array.from(srcLengths).forEach((n, b) => m.fill(1, b * steps, b * steps + n));
      mask = tf.tensor2d(m, [batch, steps]);
    }
    const source = { keys: r.output, projectedKeys: this.attention.projectKeys(r.output), mask };
    const state: DecoderState = { h: r.hN, feed: tf.zeros([batch, this.hiddenSize]) };
    if ('cN' in r) state.c = r.cN as tf.Tensor;
    return { source, state };
  }

  /** One decoder step from the previous tokens `[B]` int32 → logits `[B, V]` and the next state. */
  decodeStep(prev: tf.Tensor, state: DecoderState, source: EncodedSource): { logits: tf.Tensor; state: DecoderState } {
    const emb = this.tgtEmbedding.forward(prev); // [B, E]
    const batch = emb.shape[0];
    const H = this.hiddenSize;
    const run = (input: tf.Tensor): DecoderState => {
      const r = this.decoder.forward(tf.expandDims(input, 0), { h0: state.h, c0: state.c }); // input [1, B, E+H]
      return { h: r.hN, c: 'cN' in r ? (r.cN as tf.Tensor) : undefined, feed: state.feed };
    };
    if (this.combine === null) {
      const { context } = this.attention.forward(tf.reshape(state.h, [batch, H]), source.keys, source.mask, source.projectedKeys);
      const next = run(tf.concat([emb, context], 1));
      const logits = this.output.forward(tf.concat([tf.reshape(next.h, [batch, H]), context], 1)); // [B, V]
      return { logits, state: next };
    }
    const next = run(tf.concat([emb, state.feed], 1));
    const query = tf.reshape(next.h, [batch, H]);
    const { context } = this.attention.forward(query, source.keys, source.mask, source.projectedKeys);
    const feed = tf.tanh(this.combine.forward(tf.concat([context, query], 1))); // h̃ [B, H]
    return { logits: this.output.forward(feed), state: { ...next, feed } };
  }

  /**
   * Teacher-forced decoding: `src` `[B, S]`, `tgtIn` `[B, T]` (int32, starting with BOS) → logits
   * `[B, T, V]` for the next tokens. Runs on the caller's tape.
   */
  forward(src: tf.Tensor, tgtIn: tf.Tensor, options: Seq2SeqForwardOptions = {}): tf.Tensor {
    if (tgtIn.rank !== 2 || tgtIn.dtype !== 'int32' || tgtIn.shape[0] !== src.shape[0]) {
      throw new Error(`Seq2Seq.forward: 'tgtIn' must be an int32 tensor [${src.shape[0]}, T]; received ${tgtIn.dtype} [${tgtIn.shape.join(', ')}]`);
    }
    const ratio = options.teacherForcingRatio ?? 1;
    if (!(ratio >= 0 && ratio <= 1)) throw new Error(`Seq2Seq.forward: 'teacherForcingRatio' must be in [0, 1]; received ${String(ratio)}`);
    const { source, state: s0 } = this.encode(src, options.srcLengths);
    let state = s0;
    const targets = tgtIn.shape[1] === 1 ? [tf.reshape(tgtIn, [-1])] : tf.unstack(tgtIn, 1); // T × [B] (see unstackSteps)
    const logits: tf.Tensor[] = [];
    let prev = targets[0];
    for (let t = 0; t < targets.length; t++) {
      if (t > 0) prev = ratio === 1 || this.#rng.random() < ratio ? targets[t] : this.#ownPrediction(logits[t - 1]);
      const step = this.decodeStep(prev, state, source);
      logits.push(step.logits);
      state = step.state;
    }
    return tf.stack(logits, 1); // [B, T, V]
  }

  /**
   * The argmax of `logits` `[B, V]` as a new int32 leaf (read back synchronously, so that no gradient
   * is sought through the argmax: tfjs would try to differentiate the ids of the next embedding lookup).
   */
  #ownPrediction(logits: tf.Tensor): tf.Tensor {
    const ids = tf.tidy(() => tf.argMax(logits, 1));
    const values = ids.dataSync() as Int32Array;
    ids.dispose();
    return tf.tensor1d(values, 'int32');
  }

  /** Greedy decoding: for each source, the argmax tokens up to (not including) EOS. */
  async greedyDecode(src: tf.Tensor, options: GreedyDecodeOptions = {}): Promise<number[][]> {
    const [batch, steps] = src.shape as [number, number];
    const maxLength = options.maxLength ?? 2 * steps + 10;
    const out: number[][] = Array.from({ length: batch }, () => []);
    const done = new Array<boolean>(batch).fill(false);
    const { source, state: s0 } = tf.tidy(() => this.encode(src, options.srcLengths) as unknown as tf.TensorContainer) as unknown as ReturnType<Seq2Seq['encode']>;
    let state = s0;
    let prev = tf.fill([batch], this.bosId, 'int32');
    try {
      for (let t = 0; t < maxLength && !done.every(Boolean); t++) {
        const step = tf.tidy(() => {
          const r = this.decodeStep(prev, state, source);
          return { next: tf.argMax(r.logits, 1), state: r.state } as unknown as tf.TensorContainer;
        }) as unknown as { next: tf.Tensor; state: DecoderState };
        tf.dispose([prev, state.h, state.c, state.feed].filter((x): x is tf.Tensor => x !== undefined));
        prev = step.next;
        state = step.state;
        const ids = await prev.data();
        ids.forEach((id, b) => {
          if (done[b]) return;
          if (id === this.eosId) done[b] = true;
          else out[b].push(id);
        });
      }
    } finally {
      tf.dispose([prev, state.h, state.c, state.feed, source.keys, source.projectedKeys, source.mask].filter((x): x is tf.Tensor => x !== undefined && x !== null));
    }
    return out;
  }

  /** Beam search for each source sequence; see {@link BeamSearchOptions}. */
  async beamSearch(src: tf.Tensor, options: BeamSearchOptions & { srcLengths?: ArrayLike<number> } = {}): Promise<BeamHypothesis[][]> {
    const [batch, steps] = src.shape as [number, number];
    const results: BeamHypothesis[][] = [];
    for (let b = 0; b < batch; b++) {
      const length = options.srcLengths !== undefined ? Array.from(options.srcLengths)[b] : steps;
      const one = tf.tidy(() => tf.slice(src, [b, 0], [1, length]));
      try {
        results.push(await beamSearch(this, one, { maxLength: 2 * length + 10, ...options }));
      } finally {
        one.dispose();
      }
    }
    return results;
  }
}
