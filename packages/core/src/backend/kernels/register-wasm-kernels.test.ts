import { afterAll, describe, expect, it, vi } from 'vitest';
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from './register-wasm-kernels.js';
import { conv2dBackpropFilterWasmConfig } from './conv2d-backprop-filter-wasm.js';
import { depthwiseConv2dBackpropFilterWasmConfig } from './depthwise-conv2d-backprop-filter-wasm.js';
import { depthwiseConv2dBackpropInputWasmConfig } from './depthwise-conv2d-backprop-input-wasm.js';
import { unsortedSegmentSumWasmConfig } from './unsorted-segment-sum-wasm.js';
import { setBackend } from '../set-backend.js';

// This file must run before anything calls setBackend('wasm'), which registers the kernels itself.
describe('registerWasmTrainingKernels', () => {
  const sentinel: KernelConfig = {
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: () => {
      throw new Error('sentinel kernel');
    },
  };

  afterAll(() => {
    if (getKernel('UnsortedSegmentSum', 'wasm') === sentinel) {
      unregisterKernel('UnsortedSegmentSum', 'wasm');
      registerKernel(unsortedSegmentSumWasmConfig);
    }
  });

  it('registers the missing kernels, leaves ones already registered alone, and is idempotent', async () => {
    await import('@tensorflow/tfjs-backend-wasm');
    const tfjsConv2D = getKernel('Conv2D', 'wasm');
    expect(tfjsConv2D).toBeDefined();
    expect(getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    // Stand in for a future tfjs release that ships one of these kernels itself.
    registerKernel(sentinel);
    const warn = vi.spyOn(console, 'warn');
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(getKernel('UnsortedSegmentSum', 'wasm')).toBe(sentinel);
    expect(getKernel('Conv2DBackpropFilter', 'wasm')).toBe(conv2dBackpropFilterWasmConfig);
    expect(getKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')).toBe(depthwiseConv2dBackpropFilterWasmConfig);
    expect(getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBe(depthwiseConv2dBackpropInputWasmConfig);
    expect(getKernel('Conv2D', 'wasm')).toBe(tfjsConv2D);
    // Registering twice would make tfjs warn "The kernel ... is already registered".
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('is what setBackend("wasm") relies on, with no second registration', async () => {
    const warn = vi.spyOn(console, 'warn');
    await setBackend('wasm');
    expect(getKernel('Conv2DBackpropFilter', 'wasm')).toBe(conv2dBackpropFilterWasmConfig);
    expect(getKernel('UnsortedSegmentSum', 'wasm')).toBe(sentinel);
    expect(warn.mock.calls.filter((args) => /already registered/.test(String(args[0])))).toEqual([]);
    warn.mockRestore();
  }, 60_000);

  it('only registers for the wasm backend', () => {
    for (const config of [conv2dBackpropFilterWasmConfig, depthwiseConv2dBackpropFilterWasmConfig, depthwiseConv2dBackpropInputWasmConfig, unsortedSegmentSumWasmConfig]) {
      expect(config.backendName).toBe('wasm');
    }
  });
});
