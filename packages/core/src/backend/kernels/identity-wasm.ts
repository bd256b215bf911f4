/**
 * A data-sharing `Identity` for the wasm backend. tfjs-backend-wasm 4.22's `Identity` copies the
 * whole tensor, and the tfjs engine runs `Identity` on every tensor a gradient function saves for
 * the backward pass, so a training step copied each saved activation once. Like tfjs-backend-cpu's
 * `Identity` (and tfjs-backend-wasm's own `Reshape`), this one returns the same data id with its
 * reference count raised: no kernel writes into its inputs, so the data can be shared.
 */
import { Identity, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo => {
    const { inputs: { x }, backend } = args;
    if (x.dtype === 'string') return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's copying `Identity` (numeric dtypes) with a reference-counted share. */
export const identityWasmReplacement: KernelReplacement = { kernelName: Identity, wrap };
