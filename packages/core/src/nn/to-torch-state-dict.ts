/**
 * The reverse of `fromTorchStateDict`: our module's state dict with PyTorch names (snake_case) and
 * layouts (kernels permuted back), e.g. to write a safetensors file PyTorch can load.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyModule, StateDict } from './module.js';
import { camelToSnakePath, invertPerm, torchToOursPerm } from './internal/torch-names.js';

export interface ToTorchStateDictOptions {
  /** Maps one of our dotted names to its PyTorch key. @default camelCase → snake_case per segment */
  rename?: (name: string) => string;
}

/** Returns new tensors the caller owns. */
export function toTorchStateDict(module: AnyModule, options: ToTorchStateDictOptions = {}): StateDict {
  const rename = options.rename ?? camelToSnakePath;
  const layouts = module.torchLayouts();
  const ours = module.stateDict();
  const out: StateDict = {};
  for (const [name, t] of Object.entries(ours)) {
    const perm = torchToOursPerm(layouts[name] ?? 'none', t.rank);
    if (perm === null) {
      out[rename(name)] = t; // hand the clone over
    } else {
      out[rename(name)] = tf.transpose(t, invertPerm(perm));
      t.dispose();
    }
  }
  return out;
}
