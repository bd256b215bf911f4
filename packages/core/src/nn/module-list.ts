/**
 * `ModuleList`: an indexable list of submodules registered as `0`, `1`, … (PyTorch's
 * `torch.nn.ModuleList`). It has no forward of its own: iterate over it in the parent's forward.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { Module, type AnyModule } from './module.js';

export class ModuleList<M extends AnyModule = AnyModule> extends Module<never[], tf.Tensor> {
  readonly #items: M[] = [];

  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  protected override members(): [string, unknown][] {
    return [...this.#items.map((m, i): [string, unknown] => [String(i), m]), ...super.members()];
  }

  /** Appends a module; returns `this`. */
  append(module: M): this {
    if (!(module instanceof Module)) {
      throw new TypeError(`ModuleList.append: 'module' must be a Module; received ${typeof module}`);
    }
    this.#items.push(module);
    return this;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): M {
    const i = index < 0 ? this.#items.length + index : index;
    const m = Number.isInteger(i) ? this.#items[i] : undefined;
    if (m === undefined) {
      throw new RangeError(`ModuleList.at: 'index' must be an integer in [-${this.length}, ${this.length - 1}]; received ${index}`);
    }
    return m;
  }

  /** The number of modules. */
  get length(): number {
    return this.#items.length;
  }

  [Symbol.iterator](): IterableIterator<M> {
    return this.#items[Symbol.iterator]();
  }

  /** Not callable, as in PyTorch: iterate over the list instead. */
  forward(): tf.Tensor {
    throw new Error('ModuleList.forward: a ModuleList has no forward; iterate over it in the parent module');
  }
}
