/**
 * Kernels that tfjs-backend-wasm 4.22 lacks but training needs, registered for the 'wasm' backend.
 *
 * Each config is a real wasm-backend kernel (it reads and writes the wasm heap directly or composes
 * XNNPACK-backed wasm kernels); none routes data through the cpu backend.
 */
import { getKernel, registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
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

let registered = false;

/** Registers the training kernels for 'wasm' (idempotent; kernels tfjs already has are left alone). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of WASM_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, 'wasm') === undefined) registerKernel(config);
  }
}
