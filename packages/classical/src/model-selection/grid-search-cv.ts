/**
 * Exhaustive search over a parameter grid with scikit-learn 1.2's semantics
 * (`sklearn.model_selection.GridSearchCV`): candidates in `ParameterGrid` order (each grid's keys
 * sorted, the last key varying fastest), the same folds for every candidate, mean and population
 * standard deviation of the fold scores, ranks by `rankdata(−mean, 'min')`, the best being the first
 * candidate of rank 1; with `refit` the best candidate is refitted on all data.
 * Keys such as `'clf__C'` reach inside a `Pipeline`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.GridSearchCV.html
 */
import { NotFittedError } from '../base/not-fitted-error.js';
import { checkXy, fitAndScore, resolveCv, type CvSpec } from './cross-val-score.js';
import { clone, isClassifier, type Estimator, type Predictor } from './estimator.js';
import { getScorer, type Scoring } from './scoring.js';

/** Values to try per parameter; a list of grids searches each in turn. */
export type ParamGrid = Readonly<Record<string, readonly unknown[]>> | readonly Readonly<Record<string, readonly unknown[]>>[];

export interface GridSearchCVOptions {
  /** Folds (sklearn `cv`): an integer (StratifiedKFold for classifiers, else KFold), a splitter or splits. @default 5 */
  cv?: CvSpec;
  /** Scorer name or function; undefined uses the estimator's `score`. @default undefined */
  scoring?: Scoring;
  /** Refit the best candidate on all the data (sklearn `refit`). @default true */
  refit?: boolean;
}

export const GRID_SEARCH_CV_DEFAULTS = { cv: 5, scoring: undefined, refit: true } as const;

/** Per-candidate results (sklearn `cv_results_`, camelCase). */
export interface CvResults {
  params: Record<string, unknown>[];
  meanTestScore: number[];
  stdTestScore: number[];
  rankTestScore: number[];
  /** splitTestScores[fold][candidate] (sklearn `split{k}_test_score`). */
  splitTestScores: number[][];
}

/** Every candidate of `grid`, in sklearn's `ParameterGrid` order. */
export function parameterGrid(where: string, grid: ParamGrid): Record<string, unknown>[] {
  const grids = Array.isArray(grid) ? grid : [grid];
  const out: Record<string, unknown>[] = [];
  for (const g of grids as Readonly<Record<string, readonly unknown[]>>[]) {
    if (typeof g !== 'object' || g === null) throw new TypeError(`${where}: 'paramGrid' must be an object of value lists (or a list of them); received ${g === null ? 'null' : typeof g}`);
    const keys = Object.keys(g).sort();
    for (const k of keys) {
      if (!Array.isArray(g[k]) || g[k].length === 0) throw new RangeError(`${where}: 'paramGrid.${k}' must be a non-empty array of values; received ${JSON.stringify(g[k])}`);
    }
    let combos: Record<string, unknown>[] = [{}];
    for (const k of keys) combos = combos.flatMap((c) => g[k].map((v) => ({ ...c, [k]: v })));
    out.push(...combos);
  }
  return out;
}

export class GridSearchCV<E extends Estimator = Estimator> {
  readonly estimator: E;
  readonly paramGrid: ParamGrid;
  readonly params: Readonly<GridSearchCVOptions & { refit: boolean; cv: CvSpec }>;
  private result: { cvResults: CvResults; bestIndex: number; best: E | undefined } | undefined;

  constructor(estimator: E, paramGrid: ParamGrid, options: GridSearchCVOptions = {}) {
    this.estimator = estimator;
    this.paramGrid = paramGrid;
    this.params = { ...GRID_SEARCH_CV_DEFAULTS, ...options };
  }

  /** Scores every candidate on the folds, then refits the best (unless `refit` is false); returns `this`. */
  fit(X: unknown, y?: readonly unknown[]): this {
    const where = 'GridSearchCV.fit';
    const candidates = parameterGrid(where, this.paramGrid);
    candidates.forEach((c) => clone(this.estimator, c)); // reject unknown parameter names before any fitting
    const n = checkXy(where, X, y);
    const scorer = getScorer(where, this.params.scoring);
    const splits = resolveCv(where, this.params.cv, this.estimator, n, y);
    const splitTestScores = splits.map((split) => candidates.map((c) => fitAndScore(clone(this.estimator, c), X, y, split, scorer)));
    const k = splits.length;
    const mean = candidates.map((_, j) => splitTestScores.reduce((s, row) => s + row[j], 0) / k);
    const std = candidates.map((_, j) => Math.sqrt(splitTestScores.reduce((s, row) => s + (row[j] - mean[j]) ** 2, 0) / k));
    const rank = mean.map((m) => 1 + mean.filter((o) => o > m).length);
    const bestIndex = rank.indexOf(1);
    let best: E | undefined;
    if (this.params.refit) {
      best = clone(this.estimator, candidates[bestIndex]);
      best.fit(X, y);
    }
    this.result = { cvResults: { params: candidates, meanTestScore: mean, stdTestScore: std, rankTestScore: rank, splitTestScores }, bestIndex, best };
    return this;
  }

  /** The candidate with the best mean score (sklearn `best_params_`). */
  get bestParams(): Record<string, unknown> {
    const r = this.fitted('bestParams');
    return { ...r.cvResults.params[r.bestIndex] };
  }

  /** Its mean cross-validated score (sklearn `best_score_`). */
  get bestScore(): number {
    const r = this.fitted('bestScore');
    return r.cvResults.meanTestScore[r.bestIndex];
  }

  /** Its index in `cvResults` (sklearn `best_index_`). */
  get bestIndex(): number {
    return this.fitted('bestIndex').bestIndex;
  }

  /** The best candidate refitted on all data (sklearn `best_estimator_`); needs `refit`. */
  get bestEstimator(): E {
    const r = this.fitted('bestEstimator');
    if (r.best === undefined) throw new RangeError(`GridSearchCV: 'bestEstimator' needs refit: true; received refit: false`);
    return r.best;
  }

  /** Per-candidate scores and ranks (sklearn `cv_results_`). */
  get cvResults(): CvResults {
    const c = this.fitted('cvResults').cvResults;
    return { params: c.params.map((p) => ({ ...p })), meanTestScore: [...c.meanTestScore], stdTestScore: [...c.stdTestScore], rankTestScore: [...c.rankTestScore], splitTestScores: c.splitTestScores.map((r) => [...r]) };
  }

  /** An unfitted copy (the estimator cloned), with `changes` applied to the options, so searches nest in `crossValScore`. */
  clone(changes: Readonly<Record<string, unknown>> = {}): GridSearchCV<E> {
    for (const key of Object.keys(changes)) {
      if (!['cv', 'scoring', 'refit'].includes(key)) throw new RangeError(`GridSearchCV.clone: '${key}' is not an option of GridSearchCV; valid options are 'cv', 'scoring', 'refit'`);
    }
    return new GridSearchCV(clone(this.estimator), this.paramGrid, { ...this.params, ...changes });
  }

  /** Whether the searched estimator is a classifier (stratified folds in `crossValScore`). */
  isClassifier(): boolean {
    return isClassifier(this.estimator);
  }

  /** `bestEstimator.predict(X)`. */
  predict(X: unknown): readonly unknown[] {
    const best = this.bestEstimator as unknown as Partial<Predictor>;
    if (typeof best.predict !== 'function') throw new TypeError(`GridSearchCV.predict: the estimator (${this.estimator.constructor.name}) has no predict method`);
    return best.predict(X);
  }

  /** The score of `bestEstimator` on (X, y) with the search's scorer. */
  score(X: unknown, y: readonly unknown[]): number {
    return getScorer('GridSearchCV.score', this.params.scoring)(this.bestEstimator, X, y);
  }

  private fitted(what: string): NonNullable<GridSearchCV<E>['result']> {
    if (this.result === undefined) throw new NotFittedError('GridSearchCV', what);
    return this.result;
  }
}
