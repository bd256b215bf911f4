/**
 * Internal: what every naive Bayes classifier shares (sklearn's `_BaseNB`): predictions from the
 * joint log-likelihood log P(c) + log P(x | c), normalised with log-sum-exp.
 */
import { NotFittedError } from '../base/not-fitted-error.js';
import type { Label, MatrixOrSparse } from '../base/matrix-input.js';

export abstract class BaseNB {
  /** The estimator's class name, for messages. */
  protected abstract readonly estimatorName: string;
  /** The sorted class labels once fitted, else undefined. */
  protected abstract fittedClasses(): readonly Label[] | undefined;
  /** Joint log-likelihood, n × C row-major, after checking `X` against the fitted model. */
  protected abstract jointLogLikelihood(where: string, X: MatrixOrSparse): { jll: Float64Array; rows: number };

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    return [...this.classesOrThrow('classes')];
  }

  protected classesOrThrow(what: string): readonly Label[] {
    const c = this.fittedClasses();
    if (c === undefined) throw new NotFittedError(this.estimatorName, what);
    return c;
  }

  /** Unnormalised log P(c) + log P(x | c) per row and class (sklearn `predict_joint_log_proba`). */
  predictJointLogProba(X: MatrixOrSparse): number[][] {
    const C = this.classesOrThrow('predictJointLogProba').length;
    const { jll, rows } = this.jointLogLikelihood(`${this.estimatorName}.predictJointLogProba`, X);
    return toRows(jll, rows, C);
  }

  /** The most probable class of each row (first on ties, as numpy's argmax). */
  predict(X: MatrixOrSparse): Label[] {
    const classes = this.classesOrThrow('predict');
    const C = classes.length;
    const { jll, rows } = this.jointLogLikelihood(`${this.estimatorName}.predict`, X);
    const out: Label[] = new Array<Label>(rows);
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (jll[i * C + c] > jll[i * C + best]) best = c;
      out[i] = classes[best];
    }
    return out;
  }

  /** log P(c | x) per row and class, columns in `classes` order. */
  predictLogProba(X: MatrixOrSparse): number[][] {
    const C = this.classesOrThrow('predictLogProba').length;
    const { jll, rows } = this.jointLogLikelihood(`${this.estimatorName}.predictLogProba`, X);
    for (let i = 0; i < rows; i++) {
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, jll[i * C + c]);
      let s = 0;
      for (let c = 0; c < C; c++) s += Math.exp(jll[i * C + c] - max);
      const lse = Number.isFinite(max) ? max + Math.log(s) : max;
      for (let c = 0; c < C; c++) jll[i * C + c] -= lse;
    }
    return toRows(jll, rows, C);
  }

  /** P(c | x) per row and class. */
  predictProba(X: MatrixOrSparse): number[][] {
    return this.predictLogProba(X).map((row) => row.map(Math.exp));
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixOrSparse, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`${this.estimatorName}.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }
}

function toRows(a: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
}
