/**
 * `ModuleDict`: submodules registered under string keys, in insertion order (PyTorch's
 * `torch.nn.ModuleDict`). It has no forward of its own.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { Module, type AnyModule } from './module.js';

export class ModuleDict<M extends AnyModule = AnyModule> extends Module<never[], tf.Tensor> {
  readonly #items = new Map<string, M>();

  constructor(modules: Record<string, M> | Iterable<[string, M]> = {}) {
    super();
    const entries = Symbol.iterator in modules ? modules : Object.entries(modules);
    for (const [key, m] of entries as Iterable<[string, M]>) this.set(key, m);
  }

  protected override members(): [string, unknown][] {
    return [...this.#items, ...super.members()];
  }

  /** Adds or replaces the module under `key`; returns `this`. */
  set(key: string, module: M): this {
    if (typeof key !== 'string' || key === '' || key.includes('.')) {
      throw new Error(`ModuleDict.set: 'key' must be a non-empty string without '.'; received ${JSON.stringify(key)}`);
    }
    if (!(module instanceof Module)) {
      throw new TypeError(`ModuleDict.set: 'module' must be a Module; received ${typeof module}`);
    }
    this.#items.set(key, module);
    return this;
  }

  /** The module under `key`; throws naming the known keys when absent. */
  get(key: string): M {
    const m = this.#items.get(key);
    if (m === undefined) {
      throw new RangeError(`ModuleDict.get: no module under 'key' ${JSON.stringify(key)}; keys are [${[...this.#items.keys()].join(', ')}]`);
    }
    return m;
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }

  entries(): [string, M][] {
    return [...this.#items];
  }

  get size(): number {
    return this.#items.size;
  }

  /** Not callable, as in PyTorch: look modules up in the parent's forward. */
  forward(): tf.Tensor {
    throw new Error('ModuleDict.forward: a ModuleDict has no forward; call its modules from the parent module');
  }
}
