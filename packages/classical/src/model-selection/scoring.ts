/**
 * Named scorers as scikit-learn 1.2's `get_scorer` (greater is better: errors are negated), built on
 * `@ml/core`'s metrics, or the estimator's own `score` when none is named.
 */
import { f1Score, meanSquaredError, r2Score, type LabelArray } from '@ml/core';
import type { Estimator, Predictor } from './estimator.js';

export type ScoringName = 'accuracy' | 'f1_macro' | 'r2' | 'neg_mean_squared_error';

/** A named scorer, or a function of the fitted estimator and held-out data (greater is better). */
export type Scoring = ScoringName | ((estimator: Estimator, X: unknown, y: readonly unknown[]) => number);

const NAMES: readonly ScoringName[] = ['accuracy', 'f1_macro', 'r2', 'neg_mean_squared_error'];

export type Scorer = (estimator: Estimator, X: unknown, y: readonly unknown[]) => number;

function predictOf(where: string, est: Estimator, X: unknown): readonly unknown[] {
  const p = est as Partial<Predictor>;
  if (typeof p.predict !== 'function') throw new TypeError(`${where}: the estimator (${est.constructor.name}) has no predict method, which the scorer needs`);
  return p.predict(X);
}

/** The scorer for `scoring`; undefined means the estimator's `score(X, y)`. */
export function getScorer(where: string, scoring: Scoring | undefined): Scorer {
  if (typeof scoring === 'function') return scoring;
  if (scoring === undefined) {
    return (est, X, y) => {
      const s = (est as { score?: (X: unknown, y: unknown) => number }).score;
      if (typeof s !== 'function') throw new TypeError(`${where}: the estimator (${est.constructor.name}) has no score method; pass 'scoring'`);
      return s.call(est, X, y);
    };
  }
  if (!NAMES.includes(scoring)) throw new RangeError(`${where}: 'scoring' must be one of ${NAMES.map((n) => `'${n}'`).join(', ')} or a function; received ${JSON.stringify(scoring)}`);
  return (est, X, y) => {
    const pred = predictOf(where, est, X);
    switch (scoring) {
      case 'accuracy': {
        let hit = 0;
        for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
        return hit / y.length;
      }
      case 'f1_macro':
        return f1Score(y as LabelArray, pred as LabelArray, { average: 'macro' });
      case 'r2':
        return r2Score(y as number[], pred as number[]);
      default:
        return -meanSquaredError(y as number[], pred as number[]);
    }
  };
}
