/**
 * The optimizer base: parameter groups, per-parameter state and its save/load, after PyTorch 1.13's
 * `torch.optim.Optimizer`, with tfjs mechanics.
 *
 * tfjs has no `.grad` on variables: gradients come from `tf.variableGrads(f)` as a record keyed by
 * `variable.name`, and `step(grads)` takes that record. There is therefore no `zeroGrad()`; the
 * caller disposes the gradients after the step (or runs the whole training step in `tf.tidy`):
 *
 * ```ts
 * const opt = new AdamW(model.parameters(), { lr: 3e-4 });
 * tf.tidy(() => {
 *   const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x), y) as tf.Scalar);
 *   opt.step(grads);
 * });
 * ```
 * @see https://pytorch.org/docs/1.13/optim.html
 */
import * as tf from '@tensorflow/tfjs-core';

/** A hyperparameter value: a number, a flag, or a pair (Adam's `betas`). */
export type HyperValue = number | boolean | readonly [number, number];

/** The hyperparameters of one optimizer (e.g. `{ lr, momentum, … }`). */
export type Hyperparameters = { lr: number } & Record<string, HyperValue>;

/** Parameters with optional per-group hyperparameters overriding the optimizer's (PyTorch's param groups). */
export type ParamGroupSpec<H extends Hyperparameters> = { params: tf.Variable[] } & Partial<H>;

/** A parameter group with every hyperparameter resolved. Schedulers change `lr` in place. */
export type ParamGroup<H extends Hyperparameters> = { params: tf.Variable[] } & H;

/** What an optimizer accepts: a list of variables, or a list of parameter groups. */
export type ParamsInput<H extends Hyperparameters> = tf.Variable[] | ParamGroupSpec<H>[];

/** One parameter's saved state: its step count and its buffers (`expAvg`, `momentumBuffer`, …). */
export interface ParamStateDict {
  step: number;
  buffers: Record<string, tf.Tensor>;
}

/**
 * A saveable snapshot, laid out as PyTorch's: `state` is keyed by the parameter's flat index across
 * groups (as a string), and each group lists its parameters' indices with its hyperparameters.
 */
export interface OptimizerStateDict {
  state: Record<string, ParamStateDict>;
  paramGroups: ({ params: number[] } & Record<string, HyperValue | number[]>)[];
}

interface ParamState {
  step: number;
  buffers: Map<string, tf.Variable>;
}

const isVariable = (v: unknown): v is tf.Variable => v instanceof tf.Variable;

export abstract class Optimizer<H extends Hyperparameters> {
  /** The parameter groups, in order; hyperparameters may be changed between steps. */
  readonly paramGroups: ParamGroup<H>[];
  private readonly state = new Map<tf.Variable, ParamState>();

  /**
   * @param name the subclass's name, used in error messages.
   * @param bufferNames the per-parameter buffers this optimizer may keep (checked on load).
   */
  protected constructor(
    protected readonly name: string,
    params: ParamsInput<H>,
    readonly defaults: H,
    private readonly bufferNames: readonly string[],
  ) {
    if (!Array.isArray(params) || params.length === 0) {
      throw new TypeError(`${name}: 'params' must be a non-empty array of tf.Variable or parameter groups; received ${describe(params)}`);
    }
    const specs: ParamGroupSpec<H>[] = params.every(isVariable)
      ? [{ params: params as tf.Variable[] } as ParamGroupSpec<H>]
      : (params as ParamGroupSpec<H>[]);
    const seen = new Set<tf.Variable>();
    this.paramGroups = specs.map((spec, g) => {
      if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.params)) {
        throw new TypeError(`${name}: 'params[${g}]' must be a tf.Variable or a group { params: tf.Variable[], … }; received ${describe(spec)}`);
      }
      for (const key of Object.keys(spec)) {
        if (key !== 'params' && !(key in defaults)) {
          throw new TypeError(`${name}: 'params[${g}].${key}' is not a hyperparameter of ${name} (${Object.keys(defaults).join(', ')})`);
        }
      }
      spec.params.forEach((p, i) => {
        if (!isVariable(p)) throw new TypeError(`${name}: 'params[${g}].params[${i}]' must be a tf.Variable; received ${describe(p)}`);
        if (p.dtype !== 'float32') throw new TypeError(`${name}: parameter '${p.name}' must be float32; received ${p.dtype}`);
        if (seen.has(p)) throw new Error(`${name}: parameter '${p.name}' appears in more than one place in 'params'`);
        seen.add(p);
      });
      const group = { ...defaults, ...spec, params: [...spec.params] } as ParamGroup<H>;
      this.validateGroup(group, `params[${g}]`);
      return group;
    });
  }

  /** Throws if a group's hyperparameters are invalid; `where` names the group in the message. */
  protected abstract validateGroup(group: H, where: string): void;

  /** Updates one parameter in place from its gradient. Runs inside `tf.tidy`. */
  protected abstract update(param: tf.Variable, grad: tf.Tensor, group: ParamGroup<H>, state: ParamState): void;

  /**
   * Applies one update to every parameter that has a gradient in `grads` (keyed by `variable.name`,
   * as `tf.variableGrads` returns them). Parameters without a gradient are left alone, state
   * included, as PyTorch skips parameters whose `.grad` is `None`; gradients of variables this
   * optimizer does not hold are ignored. The caller keeps ownership of `grads`.
   */
  step(grads: tf.NamedTensorMap): void {
    if (typeof grads !== 'object' || grads === null) {
      throw new TypeError(`${this.name}.step: 'grads' must be a record of tensors keyed by variable name; received ${describe(grads)}`);
    }
    const keys = Object.keys(grads);
    let matched = 0;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = grads[p.name];
        if (g === undefined) continue;
        if (!(g instanceof tf.Tensor) || g.dtype !== 'float32' || !tf.util.arraysEqual(g.shape, p.shape)) {
          throw new TypeError(
            `${this.name}.step: gradient '${p.name}' must be a float32 tensor of shape [${p.shape.join(', ')}]; ` +
              `received ${g instanceof tf.Tensor ? `${g.dtype} [${g.shape.join(', ')}]` : describe(g)}`,
          );
        }
        matched++;
      }
    }
    if (keys.length > 0 && matched === 0) {
      throw new Error(
        `${this.name}.step: none of the gradients belongs to this optimizer's parameters (grads are keyed by variable.name); ` +
          `received keys ${keys.slice(0, 5).map((k) => `'${k}'`).join(', ')}${keys.length > 5 ? ', …' : ''}`,
      );
    }
    tf.tidy(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          const g = grads[p.name];
          if (g === undefined) continue;
          let s = this.state.get(p);
          if (s === undefined) {
            s = { step: 0, buffers: new Map() };
            this.state.set(p, s);
          }
          this.update(p, g, group, s);
        }
      }
    });
  }

  /** The buffer `key` of a parameter's state, created from `init` (zeros by default) on first use. */
  protected buffer(state: ParamState, key: string, param: tf.Variable, init?: tf.Tensor): tf.Variable {
    let v = state.buffers.get(key);
    if (v === undefined) {
      v = tf.variable(init ?? tf.zerosLike(param), false);
      state.buffers.set(key, v);
    }
    return v;
  }

  /** Whether a parameter's state already holds buffer `key`. */
  protected hasBuffer(state: ParamState, key: string): boolean {
    return state.buffers.has(key);
  }

  /** All parameters in flat order across groups (the indices `stateDict` uses). */
  private flatParams(): tf.Variable[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  /** A snapshot of the state and hyperparameters; its tensors are new and owned by the caller. */
  stateDict(): OptimizerStateDict {
    const state: Record<string, ParamStateDict> = {};
    this.flatParams().forEach((p, i) => {
      const s = this.state.get(p);
      if (s === undefined) return;
      const buffers: Record<string, tf.Tensor> = {};
      for (const [k, v] of s.buffers) buffers[k] = tf.clone(v);
      state[String(i)] = { step: s.step, buffers };
    });
    let offset = 0;
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...hyper } = group;
      const indices = params.map((_, j) => offset + j);
      offset += params.length;
      const copy: Record<string, HyperValue | number[]> = {};
      for (const [k, v] of Object.entries(hyper)) copy[k] = Array.isArray(v) ? [...(v as number[])] : (v as HyperValue);
      return { ...copy, params: indices };
    });
    return { state, paramGroups };
  }

  /**
   * Restores a snapshot from `stateDict()` onto the same parameter layout (same groups, sizes and
   * shapes), replacing hyperparameters and state. Copies the tensors; the caller keeps `dict`.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const fn = `${this.name}.loadStateDict`;
    if (typeof dict !== 'object' || dict === null || !Array.isArray(dict.paramGroups) || typeof dict.state !== 'object' || dict.state === null) {
      throw new TypeError(`${fn}: 'dict' must be { state, paramGroups } as stateDict() returns; received ${describe(dict)}`);
    }
    if (dict.paramGroups.length !== this.paramGroups.length) {
      throw new RangeError(`${fn}: expected ${this.paramGroups.length} parameter groups; received ${dict.paramGroups.length}`);
    }
    const flat = this.flatParams();
    const groups = dict.paramGroups.map((saved, g) => {
      const size = this.paramGroups[g].params.length;
      if (!Array.isArray(saved.params) || saved.params.length !== size) {
        throw new RangeError(`${fn}: group ${g} must list ${size} parameters; received ${describe(saved.params)}`);
      }
      const hyper = { ...this.defaults } as Record<string, HyperValue>;
      for (const key of Object.keys(this.defaults)) {
        if (!(key in saved)) throw new TypeError(`${fn}: group ${g} lacks hyperparameter '${key}'`);
        const v = saved[key];
        hyper[key] = Array.isArray(v) ? ([v[0], v[1]] as const) : (v as HyperValue);
      }
      this.validateGroup(hyper as H, `paramGroups[${g}]`);
      return hyper;
    });
    for (const [key, s] of Object.entries(dict.state)) {
      const i = Number(key);
      if (!Number.isInteger(i) || i < 0 || i >= flat.length) {
        throw new RangeError(`${fn}: state key must be a parameter index in [0, ${flat.length}); received '${key}'`);
      }
      if (typeof s?.step !== 'number' || !Number.isInteger(s.step) || s.step < 0) {
        throw new TypeError(`${fn}: state '${key}'.step must be a non-negative integer; received ${describe(s?.step)}`);
      }
      for (const [name, t] of Object.entries(s.buffers ?? {})) {
        if (!this.bufferNames.includes(name)) {
          throw new TypeError(`${fn}: state '${key}' has unknown buffer '${name}'; ${this.name} keeps ${this.bufferNames.join(', ')}`);
        }
        if (!(t instanceof tf.Tensor) || t.dtype !== 'float32' || !tf.util.arraysEqual(t.shape, flat[i].shape)) {
          throw new RangeError(
            `${fn}: state '${key}'.buffers.${name} must be a float32 tensor of shape [${flat[i].shape.join(', ')}]; ` +
              `received ${describe(t)}`,
          );
        }
      }
    }
    this.disposeState();
    groups.forEach((hyper, g) => Object.assign(this.paramGroups[g], hyper));
    for (const [key, s] of Object.entries(dict.state)) {
      const buffers = new Map<string, tf.Variable>();
      for (const [name, t] of Object.entries(s.buffers ?? {})) buffers.set(name, tf.variable(t, false)); // shares t's data until the next update reassigns it
      this.state.set(flat[Number(key)], { step: s.step, buffers });
    }
  }

  /** Releases the optimizer's state tensors (the parameters are the caller's). */
  dispose(): void {
    this.disposeState();
  }

  private disposeState(): void {
    for (const s of this.state.values()) for (const v of s.buffers.values()) v.dispose();
    this.state.clear();
  }
}

function describe(v: unknown): string {
  if (v instanceof tf.Tensor) return `a ${v.dtype} tensor of shape [${v.shape.join(', ')}]`;
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v) ?? String(v);
}

export type { ParamState };
