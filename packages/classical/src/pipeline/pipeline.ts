/**
 * A chain of transformers ending in an estimator, with scikit-learn 1.2's semantics
 * (`sklearn.pipeline.Pipeline`): `fit` fits each transformer on the output of the previous one and
 * the final step on the last output; `predict` and friends transform, then call the final step.
 * Parameters are addressed as `'<step>__<param>'` (or `'<step>'` to swap a whole step), so
 * `GridSearchCV` can tune inside a pipeline.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.pipeline.Pipeline.html
 */
import { checkFormat } from '../base/check-params.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { clone, isClassifier, type Estimator, type Transformer } from '../model-selection/estimator.js';

/** A named step: a name (no `__`) and an estimator; every step but the last must have `transform`. */
export type PipelineStep = readonly [string, Estimator];

export interface PipelineParams {
  steps: readonly PipelineStep[];
}

/** A step class that `Pipeline.fromJSON` can rebuild: its static `fromJSON`. */
export interface StepClass {
  readonly name: string;
  fromJSON(json: unknown): Estimator;
}

/** The JSON written by `Pipeline.toJSON()`: each step's class name and its own `toJSON()` output. */
export interface PipelineJSON {
  format: string;
  version: number;
  fitted: boolean;
  steps: { name: string; estimator: string; json: unknown }[];
}

const FORMAT = 'ml-classical/pipeline';
const VERSION = 1;

type Method = 'predict' | 'predictProba' | 'predictLogProba' | 'decisionFunction' | 'transform' | 'score';

function checkSteps(where: string, steps: readonly PipelineStep[]): void {
  if (!Array.isArray(steps) || steps.length === 0) throw new RangeError(`${where}: 'steps' must be a non-empty array of [name, estimator]; received ${Array.isArray(steps) ? '[]' : typeof steps}`);
  const seen = new Set<string>();
  steps.forEach((s, i) => {
    if (!Array.isArray(s) || s.length !== 2 || typeof s[0] !== 'string') throw new TypeError(`${where}: 'steps[${i}]' must be [name, estimator]; received ${JSON.stringify(s)}`);
    const [name, est] = s;
    if (name.includes('__') || name === '') throw new RangeError(`${where}: step name ${JSON.stringify(name)} must be non-empty and must not contain '__'`);
    if (seen.has(name)) throw new RangeError(`${where}: step names must be unique; ${JSON.stringify(name)} repeats`);
    seen.add(name);
    if (est === null || typeof est !== 'object' || typeof est.fit !== 'function') throw new TypeError(`${where}: step ${JSON.stringify(name)} must be an estimator with fit(); received ${est === null ? 'null' : typeof est}`);
    if (i < steps.length - 1 && typeof (est as Partial<Transformer>).transform !== 'function') {
      throw new TypeError(`${where}: step ${JSON.stringify(name)} (${est.constructor.name}) must have transform(), as every step before the last`);
    }
  });
}

export class Pipeline {
  readonly params: Readonly<PipelineParams>;
  private fittedFlag = false;

  /** @param steps `[name, estimator]` pairs; the estimators are used (and fitted) as given, not copied. */
  constructor(steps: readonly PipelineStep[]) {
    checkSteps('Pipeline', steps);
    this.params = { steps: steps.map(([n, e]) => [n, e] as const) };
  }

  /** The steps by name (sklearn `named_steps`). */
  get namedSteps(): Record<string, Estimator> {
    return Object.fromEntries(this.params.steps);
  }

  /** The last step. */
  get finalEstimator(): Estimator {
    return this.params.steps[this.params.steps.length - 1][1];
  }

  /** Fits every step in turn; returns `this`. */
  fit(X: unknown, y?: unknown, sampleWeight?: unknown): this {
    const Xt = this.fitTransformers(X, y);
    if (sampleWeight === undefined) this.finalEstimator.fit(Xt, y);
    else this.finalEstimator.fit(Xt, y, sampleWeight);
    this.fittedFlag = true;
    return this;
  }

  /** The final step's predictions on the transformed `X`. */
  predict(X: unknown): readonly unknown[] {
    return this.callFinal('predict', X) as readonly unknown[];
  }

  /** The final step's `predictProba`. */
  predictProba(X: unknown): number[][] {
    return this.callFinal('predictProba', X) as number[][];
  }

  /** The final step's `predictLogProba`. */
  predictLogProba(X: unknown): number[][] {
    return this.callFinal('predictLogProba', X) as number[][];
  }

  /** The final step's `decisionFunction`. */
  decisionFunction(X: unknown): number[][] {
    return this.callFinal('decisionFunction', X) as number[][];
  }

  /** Every step's `transform` (the final step must be a transformer). */
  transform(X: unknown): unknown {
    return this.callFinal('transform', X);
  }

  /** The final step's `score` on the transformed `X`. */
  score(X: unknown, y: unknown): number {
    return this.callFinal('score', X, y) as number;
  }

  /** Whether the final step is a classifier (used by `crossValScore` to pick stratified folds). */
  isClassifier(): boolean {
    return isClassifier(this.finalEstimator);
  }

  /** `{ steps, <name>: estimator, <name>__<param>: value, … }` (sklearn `get_params(deep=True)`). */
  getParams(): Record<string, unknown> {
    const out: Record<string, unknown> = { steps: this.params.steps };
    for (const [name, est] of this.params.steps) {
      out[name] = est;
      for (const [k, v] of Object.entries(est.params ?? {})) out[`${name}__${k}`] = v;
    }
    return out;
  }

  /**
   * Changes parameters in place (sklearn `set_params`): `'<step>__<param>'` replaces that step with an
   * unfitted clone carrying the new value; `'<step>'` replaces the step itself. Returns `this`.
   */
  set(changes: Readonly<Record<string, unknown>>): this {
    const steps = this.params.steps.map(([n, e]) => [n, e] as [string, Estimator]);
    const perStep = new Map<number, Record<string, unknown>>();
    for (const [key, value] of Object.entries(changes)) {
      const cut = key.indexOf('__');
      const name = cut < 0 ? key : key.slice(0, cut);
      const i = steps.findIndex(([n]) => n === name);
      if (i < 0) throw new RangeError(`Pipeline.set: '${key}' names no step; steps are ${steps.map(([n]) => `'${n}'`).join(', ')}`);
      if (cut < 0) {
        steps[i][1] = value as Estimator;
      } else {
        perStep.set(i, { ...perStep.get(i), [key.slice(cut + 2)]: value });
      }
    }
    for (const [i, p] of perStep) steps[i][1] = clone(steps[i][1], p);
    checkSteps('Pipeline.set', steps);
    (this as { params: PipelineParams }).params = { steps };
    this.fittedFlag = false;
    return this;
  }

  /** An unfitted copy (every step cloned), with `changes` applied as `set` does. */
  clone(changes: Readonly<Record<string, unknown>> = {}): Pipeline {
    return new Pipeline(this.params.steps.map(([n, e]) => [n, clone(e)] as const)).set(changes);
  }

  /**
   * Versioned JSON: every step's class name and `toJSON()` output (fitted state included).
   * @throws {TypeError} when a step has no `toJSON`.
   */
  toJSON(): PipelineJSON {
    const steps = this.params.steps.map(([name, est]) => {
      const own = (est as { toJSON?: () => unknown }).toJSON;
      if (typeof own !== 'function') throw new TypeError(`Pipeline.toJSON: step ${JSON.stringify(name)} (${est.constructor.name}) has no toJSON method`);
      return { name, estimator: est.constructor.name, json: own.call(est) };
    });
    return { format: FORMAT, version: VERSION, fitted: this.fittedFlag, steps };
  }

  /**
   * Rebuilds a pipeline from `toJSON()` output. `classes` lists the step classes it may use (e.g.
   * `[StandardScaler, LogisticRegression]`), found by class name; each step is read by its class's
   * `fromJSON`.
   */
  static fromJSON(json: unknown, classes: readonly StepClass[]): Pipeline {
    const where = 'Pipeline.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as PipelineJSON;
    if (!Array.isArray(o.steps)) throw new TypeError(`${where}: 'steps' must be an array; received ${typeof o.steps}`);
    const byName = new Map(classes.map((c) => [c.name, c]));
    const steps = o.steps.map((s, i): PipelineStep => {
      const cls = byName.get(s.estimator);
      if (cls === undefined) {
        throw new RangeError(`${where}: 'steps[${i}]' is a ${JSON.stringify(s.estimator)}, which is not among the classes given (${[...byName.keys()].join(', ') || 'none'})`);
      }
      return [s.name, cls.fromJSON(s.json)];
    });
    const pipe = new Pipeline(steps);
    pipe.fittedFlag = o.fitted === true;
    return pipe;
  }

  private fitTransformers(X: unknown, y: unknown): unknown {
    let Xt = X;
    const steps = this.params.steps;
    for (let i = 0; i < steps.length - 1; i++) {
      const est = steps[i][1] as Transformer & { fitTransform?: (X: unknown, y?: unknown) => unknown };
      if (typeof est.fitTransform === 'function') Xt = est.fitTransform(Xt, y);
      else {
        est.fit(Xt, y);
        Xt = est.transform(Xt);
      }
    }
    return Xt;
  }

  private callFinal(method: Method, X: unknown, y?: unknown): unknown {
    if (!this.fittedFlag) throw new NotFittedError('Pipeline', method);
    const steps = this.params.steps;
    let Xt = X;
    for (let i = 0; i < steps.length - 1; i++) Xt = (steps[i][1] as Transformer).transform(Xt);
    const last = this.finalEstimator as unknown as Record<string, unknown>;
    const fn = last[method];
    if (typeof fn !== 'function') throw new TypeError(`Pipeline.${method}: the final step (${this.finalEstimator.constructor.name}) has no ${method} method`);
    return method === 'score' ? (fn as (X: unknown, y: unknown) => unknown).call(last, Xt, y) : (fn as (X: unknown) => unknown).call(last, Xt);
  }
}
