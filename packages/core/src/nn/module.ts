/**
 * `Module`: the base class of every layer and model, after PyTorch's `torch.nn.Module`
 * (https://pytorch.org/docs/1.13/generated/torch.nn.Module.html), with tfjs mechanics.
 *
 * Registration needs no calls: parameters and submodules are discovered by walking the module's own
 * enumerable properties in declaration order (PyTorch's `__setattr__` registry order). A property
 * holding a `tf.Variable` is a parameter; a `Module` is a child; an array of Modules (or of Variables)
 * registers its elements as `name.0`, `name.1`, … State that is not trained (BatchNorm's running
 * statistics) is registered with {@link Module.registerBuffer}. Plain `tf.Tensor` properties are not
 * registered (they are constants the module owns and must dispose itself).
 */
import * as tf from '@tensorflow/tfjs-core';
import { StateDictError, type StateDictMismatch } from './state-dict-error.js';

/**
 * How a parameter's PyTorch layout maps to ours. `'kernel'`: PyTorch `[out, in, ...k]` (Linear,
 * Conv) or `[in, out, ...k]` (ConvTranspose) becomes `[...k, in, out]` / `[...k, out, in]`, i.e. the
 * permutation `[2, …, r−1, 1, 0]`. `'none'`: the same layout in both.
 */
export type TorchLayout = 'none' | 'kernel';

/** A state dict: dotted name → tensor, in registration order. */
export type StateDict = Record<string, tf.Tensor>;

/** Any module, whatever its forward signature. */
export type AnyModule = Module<unknown[], tf.TensorContainer>;

export interface LoadStateDictOptions {
  /** Throw on missing or unexpected keys (shape mismatches always throw). @default true */
  strict?: boolean;
}

export interface LoadStateDictResult {
  /** Names the module has that the state dict lacked (empty when `strict`). */
  missingKeys: string[];
  /** Names in the state dict the module does not have (empty when `strict`). */
  unexpectedKeys: string[];
}

export interface NumParametersOptions {
  /** Count only parameters with `trainable` set. @default false */
  trainableOnly?: boolean;
}

export interface RegisterBufferOptions {
  /** Include the buffer in `stateDict()` (PyTorch's `persistent`). @default true */
  persistent?: boolean;
}

interface OwnMembers {
  parameters: [string, tf.Variable][];
  children: [string, AnyModule][];
}

function checkName(name: string, what: string): void {
  if (typeof name !== 'string' || name === '' || name.includes('.')) {
    throw new Error(`${what}: 'name' must be a non-empty string without '.'; received ${JSON.stringify(name)}`);
  }
}

export abstract class Module<In extends unknown[] = [tf.Tensor], Out extends tf.TensorContainer = tf.Tensor> {
  /** Training mode (dropout active, BatchNorm uses batch statistics); set by `train()`/`eval()`. */
  training = true;
  readonly #buffers = new Map<string, { variable: tf.Variable; persistent: boolean }>();

  /** The computation. Runs on the caller's tape; wrap in `tf.tidy` or use {@link Module.call}. */
  abstract forward(...inputs: In): Out;

  /** Runs `forward` inside `tf.tidy`: intermediates are freed, the result belongs to the caller. */
  call(...inputs: In): Out {
    return tf.tidy(() => this.forward(...inputs));
  }

  /**
   * The `[name, value]` pairs the registry walks, in order. The default is the module's own enumerable
   * properties; containers (`Sequential`, `ModuleList`, `ModuleDict`) override it.
   */
  protected members(): [string, unknown][] {
    return Object.entries(this);
  }

  #ownMembers(): OwnMembers {
    const out: OwnMembers = { parameters: [], children: [] };
    const bufferVariables = new Set([...this.#buffers.values()].map((b) => b.variable));
    const add = (name: string, value: unknown): boolean => {
      if (value instanceof Module) out.children.push([name, value as AnyModule]);
      else if (value instanceof tf.Variable) {
        if (!bufferVariables.has(value)) out.parameters.push([name, value]);
      } else return false;
      return true;
    };
    for (const [name, value] of this.members()) {
      if (Array.isArray(value)) {
        const registered = value.filter((v) => v instanceof Module || v instanceof tf.Variable).length;
        if (registered === 0) continue;
        if (registered !== value.length) {
          throw new Error(
            `${this.constructor.name}: property '${name}' mixes Modules/Variables with other values; ` +
              'an array is registered only when every element is a Module or a tf.Variable',
          );
        }
        value.forEach((v, i) => add(`${name}.${i}`, v));
      } else add(name, value);
    }
    return out;
  }

  /**
   * Registers non-trainable state (PyTorch's `register_buffer`): the tensor is copied into a
   * non-trainable `tf.Variable`, which is returned (assign it to a property to use it). The caller
   * keeps ownership of `tensor`.
   */
  registerBuffer(name: string, tensor: tf.Tensor, options: RegisterBufferOptions = {}): tf.Variable {
    checkName(name, `${this.constructor.name}.registerBuffer`);
    if (this.#buffers.has(name)) {
      throw new Error(`${this.constructor.name}.registerBuffer: a buffer named '${name}' already exists`);
    }
    const variable = tf.variable(tensor, false);
    this.#buffers.set(name, { variable, persistent: options.persistent ?? true });
    return variable;
  }

  /** Direct children with their property names. */
  namedChildren(): [string, AnyModule][] {
    return this.#ownMembers().children;
  }

  /** Direct children. */
  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module (name `''`) and every descendant, depth first, each once. */
  namedModules(): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    const visit = (prefix: string, module: AnyModule): void => {
      if (seen.has(module)) return;
      seen.add(module);
      out.push([prefix, module]);
      for (const [name, child] of module.namedChildren()) visit(prefix === '' ? name : `${prefix}.${name}`, child);
    };
    visit('', this as unknown as AnyModule);
    return out;
  }

  /** This module and every descendant. */
  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  #collect(pick: (m: AnyModule) => [string, tf.Variable][]): [string, tf.Variable][] {
    const out: [string, tf.Variable][] = [];
    const seen = new Set<tf.Variable>();
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, v] of pick(module)) {
        if (seen.has(v)) continue;
        seen.add(v);
        out.push([prefix === '' ? name : `${prefix}.${name}`, v]);
      }
    }
    return out;
  }

  /** Every parameter with its dotted path (`encoder.layers.0.weight`), each once, in registration order. */
  namedParameters(): [string, tf.Variable][] {
    return this.#collect((m) => m.#ownMembers().parameters);
  }

  /** Every parameter (trainable or frozen), each once. */
  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** Every buffer with its dotted path, each once. */
  namedBuffers(): [string, tf.Variable][] {
    return this.#collect((m) => [...m.#buffers].map(([n, b]): [string, tf.Variable] => [n, b.variable]));
  }

  /** Every buffer (non-trainable state such as running statistics). */
  buffers(): tf.Variable[] {
    return this.namedBuffers().map(([, v]) => v);
  }

  /** The number of parameter elements (each shared parameter counted once). */
  numParameters(options: NumParametersOptions = {}): number {
    return this.parameters()
      .filter((v) => !(options.trainableOnly ?? false) || v.trainable)
      .reduce((n, v) => n + v.size, 0);
  }

  /** Sets training mode on this module and every descendant; returns `this`. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Same as `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Sets `trainable` on every parameter (PyTorch's `requires_grad_`); returns `this`. */
  requiresGrad(flag = true): this {
    for (const v of this.parameters()) v.trainable = flag;
    return this;
  }

  /** Marks every parameter non-trainable; returns `this`. */
  freeze(): this {
    return this.requiresGrad(false);
  }

  /** Marks every parameter trainable; returns `this`. */
  unfreeze(): this {
    return this.requiresGrad(true);
  }

  /** Parameters and persistent buffers by dotted name, in PyTorch's `state_dict` order. */
  #stateEntries(): [string, tf.Variable][] {
    const out: [string, tf.Variable][] = [];
    const seen = new Set<tf.Variable>();
    for (const [prefix, module] of this.namedModules()) {
      const own: [string, tf.Variable][] = [
        ...module.#ownMembers().parameters,
        ...[...module.#buffers].filter(([, b]) => b.persistent).map(([n, b]): [string, tf.Variable] => [n, b.variable]),
      ];
      for (const [name, v] of own) {
        if (seen.has(v)) continue;
        seen.add(v);
        out.push([prefix === '' ? name : `${prefix}.${name}`, v]);
      }
    }
    return out;
  }

  /**
   * A snapshot of the parameters and persistent buffers: name → a **clone** the caller owns and must
   * dispose. A clone shares storage with the variable until the variable is next assigned (tfjs
   * tensors are immutable), so it is cheap and later training does not change it. A parameter shared
   * by several submodules appears once, under its first name.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, v] of this.#stateEntries()) out[name] = tf.clone(v);
    return out;
  }

  /**
   * Copies values into the parameters and buffers. Validates everything first and loads nothing on
   * error: a {@link StateDictError} lists missing/unexpected keys (when `strict`) and every shape or
   * dtype mismatch. The caller keeps ownership of the tensors in `stateDict`.
   */
  loadStateDict(stateDict: StateDict | Map<string, tf.Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const given = stateDict instanceof Map ? stateDict : new Map(Object.entries(stateDict));
    const targets = new Map(this.#stateEntries());
    const missingKeys = [...targets.keys()].filter((k) => !given.has(k));
    const unexpectedKeys = [...given.keys()].filter((k) => !targets.has(k));
    const mismatches: StateDictMismatch[] = [];
    for (const [name, variable] of targets) {
      const t = given.get(name);
      if (t === undefined) continue;
      if (!(t instanceof tf.Tensor) || t.isDisposed) {
        throw new Error(`loadStateDict: 'stateDict['${name}']' must be a live tf.Tensor; received ${t instanceof tf.Tensor ? 'a disposed tensor' : typeof t}`);
      }
      if (t.shape.join(',') !== variable.shape.join(',') || t.dtype !== variable.dtype) {
        mismatches.push({
          name,
          expectedShape: [...variable.shape],
          receivedShape: [...t.shape],
          expectedDtype: variable.dtype,
          receivedDtype: t.dtype,
        });
      }
    }
    if (mismatches.length > 0 || (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0))) {
      throw new StateDictError(strict ? missingKeys : [], strict ? unexpectedKeys : [], mismatches);
    }
    for (const [name, variable] of targets) {
      const t = given.get(name);
      if (t !== undefined) variable.assign(t);
    }
    return { missingKeys, unexpectedKeys };
  }

  /**
   * How each parameter's PyTorch layout maps to ours, by dotted name (only entries other than
   * `'none'`). Used by `fromTorchStateDict`.
   */
  torchLayouts(): Record<string, TorchLayout> {
    const out: Record<string, TorchLayout> = {};
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, layout] of Object.entries(module.ownTorchLayouts())) {
        if (layout !== 'none') out[prefix === '' ? name : `${prefix}.${name}`] = layout;
      }
    }
    return out;
  }

  /** This module's own parameters whose PyTorch layout differs from ours (layers override it). */
  protected ownTorchLayouts(): Record<string, TorchLayout> {
    return {};
  }

  /** Disposes every parameter and buffer of this module and its descendants. */
  dispose(): void {
    for (const v of [...this.parameters(), ...this.buffers()]) if (!v.isDisposed) v.dispose();
  }
}
