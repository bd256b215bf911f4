/** CSR sparse matrices. */
export { CsrMatrix, type CsrFromTripletsOptions, type CsrFromDenseOptions } from './csr-matrix.js';
export type { CsrParts, CsrMatrixJSON, DenseMatrix, DenseMatrixInput, FloatArray, SparseDtype } from './csr-types.js';
