/**
 * `Sequential`: runs modules one after another, each taking the previous output (PyTorch's
 * `torch.nn.Sequential`). Children are registered as `0`, `1`, …
 */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from './module.js';

export class Sequential extends Module {
  readonly #items: Module[];

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) {
        throw new TypeError(`Sequential: 'modules[${i}]' must be a Module; received ${typeof m}`);
      }
    });
    this.#items = modules;
  }

  protected override members(): [string, unknown][] {
    return [...this.#items.map((m, i): [string, unknown] => [String(i), m]), ...super.members()];
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): Module {
    const i = index < 0 ? this.#items.length + index : index;
    const m = Number.isInteger(i) ? this.#items[i] : undefined;
    if (m === undefined) {
      throw new RangeError(`Sequential.at: 'index' must be an integer in [-${this.length}, ${this.length - 1}]; received ${index}`);
    }
    return m;
  }

  get length(): number {
    return this.#items.length;
  }

  [Symbol.iterator](): IterableIterator<Module> {
    return this.#items[Symbol.iterator]();
  }

  forward(x: tf.Tensor): tf.Tensor {
    let y = x;
    for (const m of this.#items) y = m.forward(y);
    return y;
  }
}
