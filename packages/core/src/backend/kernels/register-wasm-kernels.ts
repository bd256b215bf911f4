/**
 * Kernels that tfjs-backend-wasm 4.22 lacks but training needs, registered for the 'wasm' backend,
 * and faster replacements for some it has (its Conv2DBackpropInput, MaxPoolGrad and transposed
 * BatchMatMul dominated a LeNet training step; batched BatchMatMul and the copying Identity, a GPT step;
 * the whole-input copies of Slice, SplitV and Unpack, the row views of Concat and the element-wise
 * GatherV2, an LSTM step).
 *
 * Each config is a real wasm-backend kernel (it reads and writes the wasm heap directly or composes
 * XNNPACK-backed wasm kernels); none routes data through the cpu backend.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulWasmReplacement } from './batch-mat-mul-wasm.js';
import { identityWasmReplacement } from './identity-wasm.js';
import { conv2dBackpropInputWasmReplacement } from './conv2d-backprop-input-wasm.js';
import type { KernelReplacement } from './kernel-replacement.js';
import { maxPoolGradWasmReplacement } from './max-pool-grad-wasm.js';
import { oneHotWasmReplacement } from './one-hot-wasm.js';
import { sliceWasmReplacement } from './slice-wasm.js';
import { concatWasmReplacement } from './concat-wasm.js';
import { gatherV2WasmReplacement } from './gather-v2-wasm.js';
import { splitVWasmReplacement } from './split-v-wasm.js';
import { unpackWasmReplacement } from './unpack-wasm.js';
import { conv2dBackpropFilterWasmConfig } from './conv2d-backprop-filter-wasm.js';
import { depthwiseConv2dBackpropFilterWasmConfig } from './depthwise-conv2d-backprop-filter-wasm.js';
import { depthwiseConv2dBackpropInputWasmConfig } from './depthwise-conv2d-backprop-input-wasm.js';
import { unsortedSegmentSumWasmConfig } from './unsorted-segment-sum-wasm.js';

const WASM_TRAINING_KERNELS: KernelConfig[] = [
  conv2dBackpropFilterWasmConfig, // gradient of conv2d w.r.t. its filter
  depthwiseConv2dBackpropFilterWasmConfig, // gradient of depthwiseConv2d w.r.t. its filter
  depthwiseConv2dBackpropInputWasmConfig, // gradient of depthwiseConv2d w.r.t. its input
  unsortedSegmentSumWasmConfig, // gradient of gather (embeddings)
];

/** Faster versions of tfjs-backend-wasm kernels; each falls back to tfjs's for cases it leaves alone. */
const WASM_KERNEL_REPLACEMENTS: KernelReplacement[] = [
  conv2dBackpropInputWasmReplacement, // stride-1 conv input gradient as one XNNPACK convolution
  maxPoolGradWasmReplacement, // max-pool gradient in one heap pass
  batchMatMulWasmReplacement, // float32 products on @ml/core's packed SIMD product (two threads in Node)
  identityWasmReplacement, // tensors saved for backward share their data instead of being copied
  oneHotWasmReplacement, // float32/bool one-hot (tfjs's writes int32 bits into them)
  sliceWasmReplacement, // heap-to-heap copies instead of reading the whole input out of the heap
  splitVWasmReplacement, // the same, once per piece
  unpackWasmReplacement, // the same, once per piece
  concatWasmReplacement, // heap copyWithin runs instead of a subarray view per row and input
  gatherV2WasmReplacement, // one heap copy per gathered slice (embeddings) instead of per element
];

let registered = false;

/**
 * Registers the training kernels for 'wasm' (idempotent; kernels tfjs already has are left alone) and
 * swaps in the faster replacements (keeping tfjs's setup function, which its kernel needs).
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of WASM_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, 'wasm') === undefined) registerKernel(config);
  }
  for (const { kernelName, wrap } of WASM_KERNEL_REPLACEMENTS) {
    const original = getKernel(kernelName, 'wasm');
    if (original === undefined) continue;
    unregisterKernel(kernelName, 'wasm');
    registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
  }
}
