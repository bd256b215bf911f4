/**
 * The minimal estimator protocol that model selection and pipelines rely on, and the helpers
 * that work for every estimator of this package without touching their files.
 *
 * Every estimator here stores its complete parameters (defaults merged in) as `params` and takes the
 * same object in its constructor, so `new (est.constructor)({ ...est.params, ...changes })` is an
 * unfitted copy with changed parameters (scikit-learn's `clone` + `set_params`). Objects with their
 * own `clone()` (e.g. `Pipeline`) are cloned by it. Parameters are copied shallowly: an `Rng` passed
 * as `randomState` is shared by the clones (pass a number seed for independent, repeatable fits).
 */
export interface Estimator {
  /** The complete parameters (defaults included); the constructor takes the same object. */
  readonly params?: object;
  fit(X: unknown, y?: unknown, sampleWeight?: unknown): unknown;
}

/** An estimator with `predict` (a classifier or a regressor). */
export interface Predictor extends Estimator {
  predict(X: unknown): readonly unknown[];
}

/** An estimator with `transform` (a pipeline's intermediate step). */
export interface Transformer extends Estimator {
  transform(X: unknown): unknown;
}

/** An estimator that clones itself (composite estimators such as `Pipeline`). */
interface SelfCloning {
  clone(params?: Readonly<Record<string, unknown>>): Estimator;
}

function selfCloning(est: object): est is SelfCloning {
  return typeof (est as Partial<SelfCloning>).clone === 'function';
}

/** A copy of `est.params` (sklearn `get_params(deep=False)`); composite estimators list nested `step__param` keys too. */
export function getParams(est: Estimator): Record<string, unknown> {
  const withOwn = est as { getParams?: () => Record<string, unknown> };
  if (typeof withOwn.getParams === 'function') return withOwn.getParams();
  return { ...(est.params ?? {}) };
}

/**
 * An unfitted copy of `est` with `changes` applied (sklearn `clone(est).set_params(**changes)`).
 * @throws {RangeError} naming a key that is not one of the estimator's parameters.
 */
export function clone<E extends Estimator>(est: E, changes: Readonly<Record<string, unknown>> = {}): E {
  if (est === null || typeof est !== 'object' || typeof est.fit !== 'function') {
    throw new TypeError(`clone: 'estimator' must be an object with a fit method; received ${est === null ? 'null' : typeof est}`);
  }
  if (selfCloning(est)) return est.clone(changes) as E;
  const params = est.params ?? {};
  const name = est.constructor.name;
  for (const key of Object.keys(changes)) {
    if (!(key in params)) {
      throw new RangeError(`clone: '${key}' is not a parameter of ${name}; valid parameters are ${Object.keys(params).map((k) => `'${k}'`).join(', ') || 'none'}`);
    }
  }
  const Ctor = est.constructor as new (p?: object) => E;
  return est.params === undefined ? new Ctor() : new Ctor({ ...params, ...changes });
}

/**
 * Whether `est` is a classifier (sklearn `is_classifier`): composite estimators answer for their final
 * step; others are classifiers when they expose `classes` (every classifier here does, as a getter).
 */
export function isClassifier(est: Estimator): boolean {
  const own = est as { isClassifier?: () => boolean };
  if (typeof own.isClassifier === 'function') return own.isClassifier();
  return 'classes' in est && typeof (est as Partial<Predictor>).predict === 'function';
}
