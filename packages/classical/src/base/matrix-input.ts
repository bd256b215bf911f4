/** The matrix arguments estimators accept. */
import type { CsrMatrix, DenseMatrix } from '@ml/core';

/**
 * A dense matrix: nested arrays (one inner array per sample) or a row-major typed array with its
 * shape. A tfjs `Tensor2D` is read first with {@link toMatrix} (`await toMatrix(tensor)`), so
 * `fit`/`predict` stay synchronous as in scikit-learn.
 */
export type MatrixInput = readonly (readonly number[])[] | DenseMatrix;

/** A dense matrix or a CSR sparse matrix (estimators that take counts, e.g. naive Bayes). */
export type MatrixOrSparse = MatrixInput | CsrMatrix;

/** A class label: a number or a string (one kind per estimator). */
export type Label = number | string;
