/**
 * `RecurrentBase`: what `RNN`, `LSTM` and `GRU` share, after PyTorch 1.13's `torch.nn.RNNBase`
 * (https://pytorch.org/docs/1.13/generated/torch.nn.LSTM.html): stacked layers, both directions,
 * dropout between layers, `batchFirst`, initial states and variable-length batches.
 *
 * Letters: T time steps, B batch, F input features, H hidden size, G gates (1 RNN, 4 LSTM, 3 GRU),
 * D directions (1 or 2), L layers.
 *
 * Parameters are registered under PyTorch's names in camelCase (`weightIhL0`, `weightHhL0`,
 * `biasIhL0`, `biasHhL0`, `…L0Reverse`), in PyTorch's order, so `fromTorchStateDict` maps them to
 * `weight_ih_l0` etc. Weights are stored `[in, G·H]` (tfjs layout; PyTorch's `[G·H, in]` is
 * transposed on import) with the gate blocks in PyTorch's order along the last axis.
 *
 * Efficiency: per layer and direction, the input of every time step is projected by one matmul
 * (`[T·B, F] × [F, G·H]`, both biases folded in where the cell allows), then each step does one
 * `[B, H] × [H, G·H]` matmul and a few elementwise ops. Gradients come from tfjs autodiff.
 *
 * Variable lengths follow `pack_padded_sequence(…, enforce_sorted=False)`: steps at or past a
 * sequence's length leave its state unchanged and output zeros; the reverse direction starts at each
 * sequence's own last valid step (its valid prefix is reversed in place by one gather).
 */
import { Module, Rng, init, tf, type SeedLike, type TorchLayout } from '@ml/core';

/** Options shared by `RNN`, `LSTM` and `GRU` (camelCase of PyTorch's constructor arguments). */
export interface RecurrentOptions {
  /** Stacked recurrent layers (PyTorch's `num_layers`). @default 1 */
  numLayers?: number;
  /** Learn the biases `b_ih` and `b_hh`. @default true */
  bias?: boolean;
  /** Input and output are `[B, T, F]` instead of `[T, B, F]` (states stay `[L·D, B, H]`). @default false */
  batchFirst?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training only. @default 0 */
  dropout?: number;
  /** Run a second, time-reversed pass and concatenate both outputs. @default false */
  bidirectional?: boolean;
  /** Seed or generator for the initial weights and the dropout masks. @default 0 */
  seed?: SeedLike;
}

/** Defaults of {@link RecurrentOptions}. */
export const RECURRENT_DEFAULTS = {
  numLayers: 1,
  bias: true,
  batchFirst: false,
  dropout: 0,
  bidirectional: false,
  seed: 0,
} as const satisfies Required<RecurrentOptions>;

/** The second argument of `forward`: initial states and sequence lengths, all optional. */
export interface RecurrentForwardOptions {
  /** Initial hidden state `[L·D, B, H]` (`[L·D, H]` for unbatched input). @default zeros */
  h0?: tf.Tensor;
  /** Initial cell state `[L·D, B, H]` (LSTM only). @default zeros */
  c0?: tf.Tensor;
  /**
   * Valid length of each sequence in the batch (integers in [1, T]); steps past it are padding that
   * neither changes the state nor appears in the output (zeros there). @default every sequence has T steps
   */
  lengths?: ArrayLike<number>;
  /**
   * Alternative to `lengths`: a 0/1 mask `[B, T]` (`[T]` unbatched) whose ones form a prefix of each
   * row; `lengths` are its row sums. @default none
   */
  mask?: tf.Tensor;
}

/** What `forward` returns. */
export type RecurrentOutput = {
  /** Last layer's hidden states at every step: `[T, B, D·H]` (`[B, T, D·H]` with `batchFirst`). */
  output: tf.Tensor;
  /** Final hidden state of every layer and direction: `[L·D, B, H]`, layer-major as PyTorch. */
  hN: tf.Tensor;
};

/** A cell's state. `c` is used by the LSTM only. */
export interface CellState {
  h: tf.Tensor;
  c?: tf.Tensor;
}

/** One direction of one layer. `biasIh`/`biasHh` are null without bias. */
export interface DirectionWeights {
  weightIh: tf.Variable; // [F, G·H]
  weightHh: tf.Variable; // [H, G·H]
  biasIh: tf.Variable | null; // [G·H]
  biasHh: tf.Variable | null; // [G·H]
}

function checkPositiveInt(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${where}: '${name}' must be an integer >= 1; received ${String(value)}`);
  }
  return value;
}

export abstract class RecurrentBase<Out extends RecurrentOutput = RecurrentOutput> extends Module<
  [tf.Tensor, RecurrentForwardOptions?],
  Out
> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly #params: [string, tf.Variable][] = [];
  /** `[layer][direction]` */
  readonly #weights: DirectionWeights[][] = [];
  readonly #rng: Rng;

  /** Gates per cell: 1 (RNN), 4 (LSTM), 3 (GRU). */
  readonly gateCount: number;
  /** Whether the cell has a cell state `c` (LSTM). */
  readonly #hasCellState: boolean;

  protected constructor(
    kind: string,
    gateCount: number,
    hasCellState: boolean,
    inputSize: number,
    hiddenSize: number,
    options: RecurrentOptions,
  ) {
    super();
    this.gateCount = gateCount;
    this.#hasCellState = hasCellState;
    this.inputSize = checkPositiveInt(inputSize, 'inputSize', kind);
    this.hiddenSize = checkPositiveInt(hiddenSize, 'hiddenSize', kind);
    this.numLayers = checkPositiveInt(options.numLayers ?? RECURRENT_DEFAULTS.numLayers, 'numLayers', kind);
    this.bias = options.bias ?? RECURRENT_DEFAULTS.bias;
    this.batchFirst = options.batchFirst ?? RECURRENT_DEFAULTS.batchFirst;
    this.bidirectional = options.bidirectional ?? RECURRENT_DEFAULTS.bidirectional;
    const dropout = options.dropout ?? RECURRENT_DEFAULTS.dropout;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw new Error(`${kind}: 'dropout' must be a number in [0, 1]; received ${String(dropout)}`);
    }
    this.dropout = dropout;
    this.#rng = Rng.from(options.seed ?? RECURRENT_DEFAULTS.seed);
    // PyTorch: every weight and bias ~ U(−1/√H, 1/√H).
    const bound = 1 / Math.sqrt(hiddenSize);
    const make = (shape: number[]): tf.Variable => {
      const t = init.uniform(shape, { low: -bound, high: bound, seed: this.#rng });
      const v = tf.variable(t, true);
      t.dispose();
      return v;
    };
    const dirs = this.bidirectional ? 2 : 1;
    const gh = gateCount * hiddenSize;
    for (let layer = 0; layer < this.numLayers; layer++) {
      const row: DirectionWeights[] = [];
      const layerInput = layer === 0 ? inputSize : hiddenSize * dirs;
      for (let dir = 0; dir < dirs; dir++) {
        const suffix = `L${layer}${dir === 1 ? 'Reverse' : ''}`;
        const w: DirectionWeights = {
          weightIh: make([layerInput, gh]),
          weightHh: make([hiddenSize, gh]),
          biasIh: this.bias ? make([gh]) : null,
          biasHh: this.bias ? make([gh]) : null,
        };
        this.#params.push([`weightIh${suffix}`, w.weightIh], [`weightHh${suffix}`, w.weightHh]);
        if (w.biasIh !== null && w.biasHh !== null) this.#params.push([`biasIh${suffix}`, w.biasIh], [`biasHh${suffix}`, w.biasHh]);
        row.push(w);
      }
      this.#weights.push(row);
    }
  }

  /** Registers the parameters under PyTorch's names (camelCase), in PyTorch's order. */
  protected override members(): [string, unknown][] {
    return [...this.#params];
  }

  protected override ownTorchLayouts(): Record<string, TorchLayout> {
    const out: Record<string, TorchLayout> = {};
    for (const [name] of this.#params) if (name.startsWith('weight')) out[name] = 'kernel';
    return out;
  }

  /** The parameters of layer `layer`, direction `direction` (0 forward, 1 reverse). */
  weights(layer: number, direction = 0): DirectionWeights {
    const w = this.#weights[layer]?.[direction];
    if (w === undefined) {
      throw new Error(
        `${this.constructor.name}.weights: 'layer', 'direction' must be in [0, ${this.numLayers - 1}], [0, ${this.bidirectional ? 1 : 0}]; received ${layer}, ${direction}`,
      );
    }
    return w;
  }

  /**
   * Projects every step's input at once: `x` `[T·B, F]` → per step the tensors `cell` consumes.
   * Implementations fold whatever biases they can into this one matmul.
   */
  protected abstract projectInputs(x: tf.Tensor, w: DirectionWeights, steps: number, batch: number): tf.Tensor[][];

  /**
   * Optionally runs a whole direction at once: `x` `[T·B, F]` → output `[T, B, H]` in time order (in
   * the walking order's frame) and the final state; `masks[t]` `[B, 1]` marks valid steps (null: all
   * valid). Null to use the step-by-step path.
   */
  protected runSequence(
    x: tf.Tensor,
    w: DirectionWeights,
    steps: number,
    batch: number,
    state: CellState | null,
    reverse: boolean,
    masks: readonly (tf.Tensor | null)[] | null,
  ): (CellState & { output: tf.Tensor }) | null {
    void x, w, steps, batch, state, reverse, masks;
    return null;
  }

  /** One step: `state` is null at the first step of a zero initial state. */
  protected abstract cell(inputs: tf.Tensor[], state: CellState | null, w: DirectionWeights): CellState;

  /** Builds the result object from the pieces (LSTM adds `cN`). */
  protected abstract pack(output: tf.Tensor, hN: tf.Tensor, cN: tf.Tensor | null): Out;

  /**
   * `x`: `[T, B, F]` (`[B, T, F]` with `batchFirst`, `[T, F]` unbatched) → {@link RecurrentOutput}.
   * Runs on the caller's tape (use `call` for a `tidy`-wrapped run).
   */
  forward(x: tf.Tensor, options: RecurrentForwardOptions = {}): Out {
    const where = `${this.constructor.name}.forward`;
    const unbatched = x.rank === 2;
    if ((x.rank !== 2 && x.rank !== 3) || x.shape[x.rank - 1] !== this.inputSize) {
      const layout = this.batchFirst ? '[B, T, F]' : '[T, B, F]';
      throw new Error(`${where}: 'input' must have shape ${layout} or [T, F] with F = ${this.inputSize}; received [${x.shape.join(', ')}]`);
    }
    if (x.dtype !== 'float32') throw new Error(`${where}: 'input' must be float32; received ${x.dtype}`);
    let seq = unbatched ? tf.expandDims(x, 1) : this.batchFirst ? tf.transpose(x, [1, 0, 2]) : x; // [T, B, F]
    const [steps, batch] = seq.shape as [number, number, number];
    const dirs = this.bidirectional ? 2 : 1;
    const H = this.hiddenSize;
    const lengths = this.#lengths(options, steps, batch, unbatched, where);
    const h0 = this.#initial(options.h0, 'h0', batch, unbatched, where);
    const c0 = this.#hasCellState ? this.#initial(options.c0, 'c0', batch, unbatched, where) : null;
    if (!this.#hasCellState && options.c0 !== undefined) throw new Error(`${where}: 'c0' is only for LSTM; received a tensor`);

    // masks[t]: [B, 1] with 1 where step t is valid, or null where every sequence is valid.
    const masks: (tf.Tensor | null)[] = [];
    let reverseIndex: tf.Tensor | null = null;
    if (lengths !== null) {
      for (let t = 0; t < steps; t++) {
        if (lengths.every((n) => n > t)) masks.push(null);
        else masks.push(tf.tensor2d(lengths.map((n) => (n > t ? 1 : 0)), [batch, 1]));
      }
      if (dirs === 2) {
        // Row t·B + b of the reversed input is step (len_b − 1 − t) of sequence b inside its valid
        // prefix, and step t past it (padding stays in place); the map is its own inverse.
        const idx = new Int32Array(steps * batch);
        for (let t = 0; t < steps; t++) {
          for (let b = 0; b < batch; b++) idx[t * batch + b] = (t < lengths[b] ? lengths[b] - 1 - t : t) * batch + b;
        }
        reverseIndex = tf.tensor1d(idx, 'int32');
      }
    }

    const hFinal: tf.Tensor[] = [];
    const cFinal: tf.Tensor[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const width = layer === 0 ? this.inputSize : H * dirs;
      const flat = tf.reshape(seq, [steps * batch, width]); // [T·B, F]
      const outputs: tf.Tensor[] = [];
      for (let dir = 0; dir < dirs; dir++) {
        const k = layer * dirs + dir;
        const w = this.#weights[layer][dir];
        const reverse = dir === 1;
        const src = reverse && reverseIndex !== null ? tf.gather(flat, reverseIndex) : flat; // [T·B, F]
        let state: CellState | null = null;
        if (h0 !== null || c0 !== null) {
          state = {
            h: h0 !== null ? tf.squeeze(tf.slice(h0, [k, 0, 0], [1, batch, H]), [0]) : tf.zeros([batch, H]),
            c: this.#hasCellState ? (c0 !== null ? tf.squeeze(tf.slice(c0, [k, 0, 0], [1, batch, H]), [0]) : tf.zeros([batch, H])) : undefined,
          };
        }
        {
          // With lengths, a reversed direction's input is already reversed per sequence: walk forward.
          const fused = this.runSequence(src, w, steps, batch, state, reverse && reverseIndex === null, lengths === null ? null : masks);
          if (fused !== null) {
            hFinal.push(fused.h);
            if (fused.c !== undefined) cFinal.push(fused.c);
            outputs.push(
              reverse && reverseIndex !== null
                ? tf.reshape(tf.gather(tf.reshape(fused.output, [steps * batch, H]), reverseIndex), [steps, batch, H])
                : fused.output,
            );
            continue;
          }
        }
        const stepInputs = this.projectInputs(src, w, steps, batch);
        const outs: tf.Tensor[] = new Array<tf.Tensor>(steps);
        for (let i = 0; i < steps; i++) {
          // Without lengths the reverse direction simply walks t = T−1 … 0; with lengths its input is
          // already reversed per sequence, so it walks forward and padding stays at the end.
          const t = reverse && reverseIndex === null ? steps - 1 - i : i;
          const next = this.cell(stepInputs[t], state, w);
          const m = masks[t] ?? null;
          if (m === null || state === null) {
            state = next;
            outs[t] = next.h;
          } else {
            const prev: CellState = state;
            // Padding: keep the previous state; output zeros.
            state = {
              h: tf.add(prev.h, tf.mul(m, tf.sub(next.h, prev.h))),
              c: next.c !== undefined && prev.c !== undefined ? tf.add(prev.c, tf.mul(m, tf.sub(next.c, prev.c))) : undefined,
            };
            outs[t] = tf.mul(next.h, m);
          }
        }
        if (state === null) throw new Error(`${where}: 'input' must have at least one time step; received T = 0`);
        hFinal.push(state.h);
        if (state.c !== undefined) cFinal.push(state.c);
        let out = tf.stack(outs); // [T, B, H]
        if (reverseIndex !== null && reverse) {
          out = tf.reshape(tf.gather(tf.reshape(out, [steps * batch, H]), reverseIndex), [steps, batch, H]);
        }
        outputs.push(out);
      }
      seq = dirs === 1 ? outputs[0] : tf.concat(outputs, 2); // [T, B, D·H]
      if (this.training && this.dropout > 0 && layer < this.numLayers - 1) seq = this.#dropout(seq);
    }

    let output = seq; // [T, B, D·H]
    let hN = tf.stack(hFinal); // [L·D, B, H]
    let cN = cFinal.length > 0 ? tf.stack(cFinal) : null; // [L·D, B, H]
    if (unbatched) {
      output = tf.squeeze(output, [1]); // [T, D·H]
      hN = tf.squeeze(hN, [1]); // [L·D, H]
      if (cN !== null) cN = tf.squeeze(cN, [1]);
    } else if (this.batchFirst) {
      output = tf.transpose(output, [1, 0, 2]); // [B, T, D·H]
    }
    return this.pack(output, hN, cN);
  }

  #dropout(x: tf.Tensor): tf.Tensor {
    if (this.dropout === 1) return tf.zerosLike(x);
    const scale = 1 / (1 - this.dropout);
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.#rng.random() < this.dropout ? 0 : scale;
    return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
  }

  #initial(t: tf.Tensor | undefined, name: string, batch: number, unbatched: boolean, where: string): tf.Tensor | null {
    if (t === undefined) return null;
    const k = this.numLayers * (this.bidirectional ? 2 : 1);
    const expected = unbatched ? [k, this.hiddenSize] : [k, batch, this.hiddenSize];
    if (!(t instanceof tf.Tensor) || t.shape.join(',') !== expected.join(',') || t.dtype !== 'float32') {
      const got = t instanceof tf.Tensor ? `${t.dtype} [${t.shape.join(', ')}]` : typeof t;
      throw new Error(`${where}: '${name}' must be a float32 tensor of shape [${expected.join(', ')}]; received ${got}`);
    }
    return unbatched ? tf.expandDims(t, 1) : t;
  }

  #lengths(options: RecurrentForwardOptions, steps: number, batch: number, unbatched: boolean, where: string): number[] | null {
    let lengths: number[];
    if (options.mask !== undefined) {
      if (options.lengths !== undefined) throw new Error(`${where}: pass 'lengths' or 'mask', not both; received both`);
      const m = options.mask;
      const expected = unbatched ? [steps] : [batch, steps];
      if (!(m instanceof tf.Tensor) || m.shape.join(',') !== expected.join(',')) {
        throw new Error(`${where}: 'mask' must be a tensor of shape [${expected.join(', ')}]; received ${m instanceof tf.Tensor ? `[${m.shape.join(', ')}]` : typeof m}`);
      }
      const values = m.dataSync();
      lengths = [];
      const rows = unbatched ? 1 : batch;
      for (let b = 0; b < rows; b++) {
        let n = 0;
        while (n < steps && values[b * steps + n] !== 0) n++;
        for (let t = n; t < steps; t++) {
          if (values[b * steps + t] !== 0) {
            throw new Error(`${where}: 'mask' must have its ones as a prefix of each row; row ${b} has a 1 at step ${t} after a 0 at step ${n}`);
          }
        }
        lengths.push(n);
      }
    } else if (options.lengths !== undefined) {
      lengths = Array.from(options.lengths);
      if (lengths.length !== batch) throw new Error(`${where}: 'lengths' must have one entry per sequence (${batch}); received ${lengths.length}`);
    } else return null;
    for (const n of lengths) {
      if (!Number.isInteger(n) || n < 1 || n > steps) {
        throw new Error(`${where}: every length must be an integer in [1, ${steps}]; received ${n}`);
      }
    }
    return lengths.every((n) => n === steps) ? null : lengths;
  }
}
