/**
 * `@ml/core`: tensors on pluggable WASM, WebGPU and CPU backends.
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';
import './backend/register-gradients.js';

/** The tfjs-core namespace this package runs on (one engine for the whole application). */
export { tf };
export {
  setBackend,
  getBackend,
  availableBackends,
  webGpuAdapterInfo,
  ready,
  BACKEND_NAMES,
  type BackendName,
  type BackendRequest,
  type BackendInfo,
  type SetBackendOptions,
} from './backend/set-backend.js';
export { BackendUnavailableError } from './backend/errors.js';
export { registerWasmTrainingKernels } from './backend/kernels/register-wasm-kernels.js';
export { Rng, type SeedLike } from './random/rng.js';
export {
  CsrMatrix,
  type CsrFromTripletsOptions,
  type CsrFromDenseOptions,
  type CsrParts,
  type CsrMatrixJSON,
  type DenseMatrix,
  type DenseMatrixInput,
  type FloatArray,
  type SparseDtype,
} from './sparse/index.js';
