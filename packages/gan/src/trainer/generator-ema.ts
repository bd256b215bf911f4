/**
 * Exponential moving average of generator weights (Yazıcı et al., "The Unusual Effectiveness of
 * Averaging in GAN Training", ICLR 2019; used by ProGAN, StyleGAN, BigGAN): θ̄ ← decay·θ̄ + (1 − decay)·θ
 * after every generator step; buffers (batch-norm running statistics) are copied.
 */
import { tf, type AnyModule, type StateDict } from '@ml/core';

export class GeneratorEma {
  readonly decay: number;
  readonly #shadow = new Map<string, tf.Variable>();
  readonly #paramNames: Set<string>;

  /** Starts the average at `generator`'s current weights. */
  constructor(generator: AnyModule, decay: number) {
    if (typeof decay !== 'number' || !(decay >= 0 && decay < 1)) {
      throw new RangeError(`GeneratorEma: 'decay' must be a number in [0, 1); received ${JSON.stringify(decay)}`);
    }
    this.decay = decay;
    this.#paramNames = new Set(generator.namedParameters().map(([name]) => name));
    const state = generator.stateDict();
    for (const [name, t] of Object.entries(state)) this.#shadow.set(name, tf.variable(t, false, undefined, t.dtype));
    tf.dispose(Object.values(state));
  }

  /** Moves the average one step towards `generator`'s weights. */
  update(generator: AnyModule): void {
    const state = generator.stateDict();
    tf.tidy(() => {
      for (const [name, t] of Object.entries(state)) {
        const v = this.#shadow.get(name);
        if (v === undefined) throw new Error(`GeneratorEma.update: the generator has a tensor '${name}' the average does not hold`);
        if (this.#paramNames.has(name)) v.assign(tf.add(tf.mul(v, this.decay), tf.mul(t, 1 - this.decay)));
        else v.assign(t);
      }
    });
    tf.dispose(Object.values(state));
  }

  /** The averaged weights: name → a clone the caller owns. */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, v] of this.#shadow) out[name] = tf.clone(v);
    return out;
  }

  /** Replaces the averaged weights (e.g. from a checkpoint). The caller keeps `state`. */
  loadStateDict(state: StateDict): void {
    for (const [name, v] of this.#shadow) {
      const t = state[name];
      if (t === undefined || !tf.util.arraysEqual(t.shape, v.shape)) {
        throw new Error(`GeneratorEma.loadStateDict: expected '${name}' of shape [${v.shape.join(', ')}]; received ${t === undefined ? 'nothing' : `[${t.shape.join(', ')}]`}`);
      }
    }
    for (const [name, v] of this.#shadow) v.assign(state[name] as tf.Tensor);
  }

  /** Runs `fn` with the averaged weights loaded into `generator`, then restores its own weights. */
  async withAveragedWeights<T>(generator: AnyModule, fn: () => T | Promise<T>): Promise<T> {
    const own = generator.stateDict();
    try {
      generator.loadStateDict(Object.fromEntries(this.#shadow));
      return await fn();
    } finally {
      generator.loadStateDict(own);
      tf.dispose(Object.values(own));
    }
  }

  dispose(): void {
    for (const v of this.#shadow.values()) v.dispose();
    this.#shadow.clear();
  }
}
