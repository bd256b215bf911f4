/**
 * A module's weights and buffers as safetensors entries, for `saveModelFiles`/`packModel`: each
 * tensor of `module.stateDict()` read with `fromTensor` (so it works on every backend, WebGPU
 * included), the state dict's copies disposed whatever happens.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fromTensor } from './from-tensor.js';
import type { SafetensorsInput } from './safetensors-types.js';

/** Anything with a `stateDict()` of tensors it hands over to the caller (every `Module`). */
export interface HasStateDict {
  stateDict(): Record<string, tf.Tensor>;
}

/** `module.stateDict()` as `{ name: SafetensorsInput }`, in state-dict order; the copies are disposed. */
export async function stateDictTensors(module: HasStateDict): Promise<Record<string, SafetensorsInput>> {
  const state = module.stateDict();
  const tensors: Record<string, SafetensorsInput> = {};
  try {
    for (const [name, t] of Object.entries(state)) tensors[name] = await fromTensor(t);
  } finally {
    tf.dispose(Object.values(state));
  }
  return tensors;
}
