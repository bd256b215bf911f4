/**
 * Training kernels that tfjs-backend-wasm 4.22 lacks, registered for the 'wasm' backend by
 * `setBackend('wasm')`. The configs are exported for applications that register kernels themselves.
 */
export { registerWasmTrainingKernels } from './register-wasm-kernels.js';
export { conv2dBackpropFilterWasmConfig } from './conv2d-backprop-filter-wasm.js';
export { depthwiseConv2dBackpropFilterWasmConfig } from './depthwise-conv2d-backprop-filter-wasm.js';
export { depthwiseConv2dBackpropInputWasmConfig } from './depthwise-conv2d-backprop-input-wasm.js';
export { unsortedSegmentSumWasmConfig } from './unsorted-segment-sum-wasm.js';
