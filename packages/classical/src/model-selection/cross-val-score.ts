/**
 * Cross-validated scores with scikit-learn 1.2's semantics (`sklearn.model_selection.cross_val_score`):
 * an integer `cv` means `StratifiedKFold` for classifiers and `KFold` otherwise, both without
 * shuffling (so the folds are sklearn's exactly, from `@ml/core`); each fold fits a fresh clone.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.cross_val_score.html
 */
import { KFold, StratifiedKFold, type LabelArray } from '@ml/core';
import { clone, isClassifier, type Estimator } from './estimator.js';
import { getScorer, type Scoring } from './scoring.js';
import { numSamples, takeSamples } from './take-samples.js';

/** One train/test split: sample indices. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** A splitter: `KFold`, `StratifiedKFold` (from `@ml/core`) or anything with the same `split`. */
export interface Splitter {
  split(y: LabelArray | number | { length: number }): Split[];
}

/** Folds: a count (≥ 2), a splitter, or explicit splits. */
export type CvSpec = number | Splitter | readonly Split[];

export interface CrossValScoreOptions {
  /** Folds (sklearn `cv`). @default 5 */
  cv?: CvSpec;
  /** Scorer name or function; undefined uses the estimator's `score`. @default undefined */
  scoring?: Scoring;
}

/** The splits for `cv`, as sklearn's `check_cv`. */
export function resolveCv(where: string, cv: CvSpec, estimator: Estimator, n: number, y: readonly unknown[] | undefined): Split[] {
  if (Array.isArray(cv)) return cv as Split[];
  if (typeof cv === 'number') {
    if (!Number.isInteger(cv) || cv < 2) throw new RangeError(`${where}: 'cv' must be an integer >= 2, a splitter or a list of splits; received ${cv}`);
    if (y !== undefined && isClassifier(estimator)) return new StratifiedKFold({ nSplits: cv }).split(y as LabelArray);
    return new KFold({ nSplits: cv }).split(n);
  }
  if (typeof cv === 'object' && cv !== null && typeof (cv as Splitter).split === 'function') {
    const s = cv as Splitter;
    return s instanceof StratifiedKFold ? s.split(y as LabelArray) : s.split(y !== undefined ? (y as LabelArray) : n);
  }
  throw new TypeError(`${where}: 'cv' must be an integer >= 2, a splitter or a list of splits; received ${cv === null ? 'null' : typeof cv}`);
}

/** Checks X and y agree in length; returns the number of samples. */
export function checkXy(where: string, X: unknown, y: readonly unknown[] | undefined): number {
  const n = numSamples(where, 'X', X);
  if (y !== undefined) {
    if (!Array.isArray(y)) throw new TypeError(`${where}: 'y' must be an array; received ${typeof y}`);
    if (y.length !== n) throw new RangeError(`${where}: 'y' must have one entry per row of 'X' (${n}); received ${y.length}`);
  }
  return n;
}

/** Fits a clone of `estimator` on the train part of `split` and scores it on the test part. */
export function fitAndScore(estimator: Estimator, X: unknown, y: readonly unknown[] | undefined, split: Split, scorer: ReturnType<typeof getScorer>): number {
  const est = clone(estimator);
  const yTrain = y === undefined ? undefined : takeSamples(y as unknown[], split.train);
  est.fit(takeSamples(X, split.train), yTrain);
  return scorer(est, takeSamples(X, split.test), y === undefined ? [] : takeSamples(y as unknown[], split.test));
}

/**
 * One score per fold: a fresh clone of `estimator` is fitted on the other folds and scored on it.
 * @param X dense rows, `{data, shape}` or a `CsrMatrix`.
 * @param y labels or targets, one per row.
 */
export function crossValScore(estimator: Estimator, X: unknown, y?: readonly unknown[], options: CrossValScoreOptions = {}): number[] {
  const where = 'crossValScore';
  const n = checkXy(where, X, y);
  const scorer = getScorer(where, options.scoring);
  return resolveCv(where, options.cv ?? 5, estimator, n, y).map((split) => fitAndScore(estimator, X, y, split, scorer));
}
