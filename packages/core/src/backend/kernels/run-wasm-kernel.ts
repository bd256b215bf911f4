/**
 * Calls another kernel registered for the 'wasm' backend from inside a wasm kernel, the way
 * tfjs-backend-wasm's own kernels compose each other: the result is a backend-level `TensorInfo`
 * whose heap memory the caller owns (free it with `backend.disposeData(info.dataId)`), not an engine
 * tensor, so nothing is recorded on the gradient tape or counted by `tf.memory()`.
 */
import { getKernel, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Runs the wasm kernel `kernelName` on `inputs` and returns its single output.
 * @throws {Error} when no such kernel is registered for 'wasm' or it returns several outputs.
 */
export function runWasmKernel(
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
  backend: BackendWasm,
): TensorInfo {
  const config = getKernel(kernelName, 'wasm');
  if (config === undefined) {
    throw new Error(`runWasmKernel: kernel '${kernelName}' is not registered for backend 'wasm'`);
  }
  const out = config.kernelFunc({ inputs, attrs, backend });
  if (Array.isArray(out)) {
    throw new Error(`runWasmKernel: kernel '${kernelName}' returned ${out.length} outputs; expected one`);
  }
  return out as TensorInfo;
}
