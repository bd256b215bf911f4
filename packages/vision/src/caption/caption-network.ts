/**
 * `CaptionNetwork`: the "Show, Attend and Tell" captioner (Xu et al., ICML 2015) at toy scale. A small
 * CNN (conv 3×3 → ReLU → max-pool 2, per block) turns the image into a grid of feature vectors; two
 * coordinate channels (x, y in [−1, 1]) are appended to each grid cell so that attention can tell
 * left from right, and a linear layer projects them to the keys. The LSTM decoder starts from
 * tanh(W·mean(keys)); each step feeds [word embedding, previous context] to the cell (Luong's
 * input feeding; the first context is mean(keys)), then attends over the grid with the new state
 * and Bahdanau's additive score, and predicts the next word from [state, context]. Attending with
 * the new state (not the previous one, as Bahdanau's decoder does) lets the query know the word just
 * read: after "a red" it must find which of two shapes is red. `encode`/`decodeStep` follow
 * `@ml/sequence`'s `BeamDecoder`, so its `beamSearch` decodes this network.
 *
 * Letters: B batch, Hi×Wi×C image, S = grid cells, F grid features, T caption steps, E embedding
 * size, H hidden size, V vocabulary size.
 */
import { Conv2d, Embedding, Linear, MaxPool2d, Module, Rng, tf, type SeedLike } from '@ml/core';
import { BahdanauAttention, LSTM, type DecoderState, type EncodedSource } from '@ml/sequence';

/** Options of {@link CaptionNetwork}. */
export interface CaptionNetworkOptions {
  /** Filters of the encoder's conv blocks (each halves the grid). @default [16, 32, 64] */
  filters?: readonly number[];
  /** Word embedding size E. @default 32 */
  embeddingDim?: number;
  /** Hidden size H of the LSTM (and of the grid keys). @default 128 */
  hiddenSize?: number;
  /** Width of Bahdanau's score layer. @default 64 */
  attentionSize?: number;
  /** Id of the padding token. @default 0 */
  padId?: number;
  /** Id the decoder starts from. @default 1 */
  bosId?: number;
  /** Id that ends a caption. @default 2 */
  eosId?: number;
  /** Seed or generator of the initial weights. @default 0 */
  seed?: SeedLike;
}

/** Defaults of {@link CaptionNetworkOptions}. */
export const CAPTION_NETWORK_DEFAULTS = {
  filters: [16, 32, 64],
  embeddingDim: 32,
  hiddenSize: 128,
  attentionSize: 64,
  padId: 0,
  bosId: 1,
  eosId: 2,
  seed: 0,
} as const satisfies Required<CaptionNetworkOptions>;

export class CaptionNetwork extends Module<[tf.Tensor, tf.Tensor], tf.Tensor> {
  readonly vocabSize: number;
  readonly inChannels: number;
  readonly hiddenSize: number;
  readonly padId: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly convs: Conv2d[];
  readonly pool: MaxPool2d;
  readonly project: Linear;
  readonly initH: Linear;
  readonly initC: Linear;
  readonly embedding: Embedding;
  readonly attention: BahdanauAttention;
  readonly decoder: LSTM;
  readonly output: Linear;

  /**
   * @param inChannels image channels C
   * @param vocabSize V, special tokens included
   */
  constructor(inChannels: number, vocabSize: number, options: CaptionNetworkOptions = {}) {
    super();
    const o = { ...CAPTION_NETWORK_DEFAULTS, ...options };
    const where = 'CaptionNetwork';
    for (const [name, v] of [['inChannels', inChannels], ['vocabSize', vocabSize], ['embeddingDim', o.embeddingDim], ['hiddenSize', o.hiddenSize], ['attentionSize', o.attentionSize]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${where}: '${name}' must be an integer >= 1; received ${String(v)}`);
    }
    if (!Array.isArray(o.filters) || o.filters.length < 1 || !o.filters.every((f) => Number.isInteger(f) && f >= 1)) {
      throw new RangeError(`${where}: 'filters' must be a non-empty array of positive integers; received ${JSON.stringify(o.filters)}`);
    }
    this.vocabSize = vocabSize;
    this.inChannels = inChannels;
    this.hiddenSize = o.hiddenSize;
    this.padId = o.padId;
    this.bosId = o.bosId;
    this.eosId = o.eosId;
    const rng = Rng.from(o.seed);
    const seed = (): number => rng.nextUint32();
    const H = o.hiddenSize;
    let c = inChannels;
    this.convs = o.filters.map((f) => {
      const conv = new Conv2d(c, f, 3, { padding: 1, seed: seed() });
      c = f;
      return conv;
    });
    this.pool = new MaxPool2d(2);
    this.project = new Linear(c + 2, H, { seed: seed() });
    this.initH = new Linear(H, H, { seed: seed() });
    this.initC = new Linear(H, H, { seed: seed() });
    this.embedding = new Embedding(vocabSize, o.embeddingDim, { seed: seed() });
    this.attention = new BahdanauAttention(H, H, { attentionSize: o.attentionSize, seed: seed() });
    this.decoder = new LSTM(o.embeddingDim + H, H, { seed: seed() });
    this.output = new Linear(2 * H, vocabSize, { seed: seed() });
  }

  /** The grid keys `[B, S, H]` of images `[B, Hi, Wi, C]` (float, 0–1). */
  encodeGrid(images: tf.Tensor): tf.Tensor {
    if (images.rank !== 4 || images.shape[3] !== this.inChannels) {
      throw new RangeError(`CaptionNetwork.encode: 'images' must be a float tensor [B, H, W, ${this.inChannels}]; received ${images.dtype} [${images.shape.join(', ')}]`);
    }
    let x = images;
    for (const conv of this.convs) x = this.pool.forward(tf.relu(conv.forward(x))); // [B, h/2, w/2, F]
    const [batch, gh, gw, f] = x.shape as [number, number, number, number];
    const coords = new Float32Array(gh * gw * 2);
    for (let i = 0; i < gh; i++) {
      for (let j = 0; j < gw; j++) {
        coords[(i * gw + j) * 2] = gw === 1 ? 0 : (2 * j) / (gw - 1) - 1;
        coords[(i * gw + j) * 2 + 1] = gh === 1 ? 0 : (2 * i) / (gh - 1) - 1;
      }
    }
    const grid = tf.concat([tf.reshape(x, [batch, gh * gw, f]), tf.tile(tf.tensor3d(coords, [1, gh * gw, 2]), [batch, 1, 1])], 2); // [B, S, F + 2]
    return tf.relu(this.project.forward(grid)); // [B, S, H]
  }

  /** Encodes images `[B, Hi, Wi, C]`: the attention keys and the decoder's initial state. */
  encode(images: tf.Tensor): { source: EncodedSource; state: DecoderState } {
    const keys = this.encodeGrid(images); // [B, S, H]
    const mean = tf.mean(keys, 1); // [B, H]
    const h = tf.expandDims(tf.tanh(this.initH.forward(mean)), 0); // [1, B, H]
    const c = tf.expandDims(tf.tanh(this.initC.forward(mean)), 0); // [1, B, H]
    return { source: { keys, projectedKeys: this.attention.projectKeys(keys), mask: null }, state: { h, c, feed: mean } };
  }

  /** One decoder step from the previous words `[B]` int32 → logits `[B, V]` and the next state. */
  decodeStep(prev: tf.Tensor, state: DecoderState, source: EncodedSource): { logits: tf.Tensor; state: DecoderState } {
    const emb = this.embedding.forward(prev); // [B, E]
    const batch = emb.shape[0] as number;
    const H = this.hiddenSize;
    const r = this.decoder.forward(tf.expandDims(tf.concat([emb, state.feed], 1), 0), { h0: state.h, c0: state.c }); // input [1, B, E + H]
    const query = tf.reshape(r.hN, [batch, H]); // [B, H]
    const { context } = this.attention.forward(query, source.keys, null, source.projectedKeys); // [B, H]
    const logits = this.output.forward(tf.concat([query, context], 1)); // [B, V]
    return { logits, state: { h: r.hN, c: r.cN, feed: context } };
  }

  /**
   * Teacher-forced decoding: images `[B, Hi, Wi, C]` and `tgtIn` `[B, T]` int32 (starting with BOS)
   * → logits `[B, T, V]` for the next words. Runs on the caller's tape; the caller owns the result.
   */
  forward(images: tf.Tensor, tgtIn: tf.Tensor): tf.Tensor {
    if (tgtIn.rank !== 2 || tgtIn.dtype !== 'int32' || tgtIn.shape[0] !== images.shape[0]) {
      throw new RangeError(`CaptionNetwork.forward: 'tgtIn' must be an int32 tensor [${String(images.shape[0])}, T]; received ${tgtIn.dtype} [${tgtIn.shape.join(', ')}]`);
    }
    const { source, state: s0 } = this.encode(images);
    const [batch, T] = tgtIn.shape as [number, number];
    const H = this.hiddenSize;
    // The same computation as T calls of decodeStep, with the embedding lookup and the output layer
    // run once over all steps (fewer, larger ops: the per-op cost dominates at these sizes).
    const emb = this.embedding.forward(tgtIn); // [B, T, E]
    const steps = T === 1 ? [tf.reshape(emb, [batch, -1])] : tf.unstack(emb, 1); // T × [B, E]
    let { h, c, feed } = s0;
    const features: tf.Tensor[] = [];
    for (const x of steps) {
      const r = this.decoder.forward(tf.expandDims(tf.concat([x, feed], 1), 0), { h0: h, c0: c }); // input [1, B, E + H]
      h = r.hN;
      c = r.cN;
      const query = tf.reshape(h, [batch, H]); // [B, H]
      feed = this.attention.forward(query, source.keys, null, source.projectedKeys).context; // [B, H]
      features.push(tf.concat([query, feed], 1)); // [B, 2H]
    }
    const all = tf.reshape(tf.stack(features, 1), [batch * T, 2 * H]); // [B·T, 2H]
    return tf.reshape(this.output.forward(all), [batch, T, this.vocabSize]); // [B, T, V]
  }

  /** Greedy decoding of images `[B, Hi, Wi, C]`: each caption's word ids up to (not including) EOS. */
  async greedyDecode(images: tf.Tensor, maxLength: number): Promise<number[][]> {
    const batch = images.shape[0] as number;
    const out: number[][] = Array.from({ length: batch }, () => []);
    const done = new Array<boolean>(batch).fill(false);
    const { source, state: s0 } = tf.tidy(() => this.encode(images) as unknown as tf.TensorContainer) as unknown as ReturnType<CaptionNetwork['encode']>;
    let state = s0;
    let prev = tf.fill([batch], this.bosId, 'int32');
    const stateTensors = (s: DecoderState): tf.Tensor[] => [s.h, s.c, s.feed].filter((t): t is tf.Tensor => t !== undefined);
    try {
      for (let t = 0; t < maxLength && !done.every(Boolean); t++) {
        const step = tf.tidy(() => {
          const r = this.decodeStep(prev, state, source);
          return { next: tf.cast(tf.argMax(r.logits, 1), 'int32'), state: r.state } as unknown as tf.TensorContainer;
        }) as unknown as { next: tf.Tensor; state: DecoderState };
        tf.dispose([prev, ...stateTensors(state)]);
        prev = step.next;
        state = step.state;
        const ids = await prev.data();
        ids.forEach((id, b) => {
          if (done[b]) return;
          if (id === this.eosId) done[b] = true;
          else out[b]?.push(id);
        });
      }
    } finally {
      tf.dispose([prev, ...stateTensors(state), source.keys, source.projectedKeys]);
    }
    return out;
  }
}
