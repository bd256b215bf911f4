/**
 * Converts a PyTorch `state_dict` (as tfjs tensors in PyTorch's layouts) into a state dict for our
 * module: names go from snake_case to our camelCase property names (`running_mean` → `runningMean`,
 * segment by segment), and kernels are permuted to tfjs layouts (Linear `[out, in]` → `[in, out]`;
 * Conv1d/2d `[out, in/g, ...k]` → `[...k, in/g, out]`; ConvTranspose2d `[in, out/g, kh, kw]` →
 * `[kh, kw, out/g, in]`). Values are cast to the dtype of the module's entry (PyTorch's int64
 * `num_batches_tracked` arrives as int32 or float32). Keys the module does not know are passed
 * through unchanged, so `loadStateDict` reports them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyModule, StateDict } from './module.js';
import { camelToSnakePath, torchToOursPerm } from './internal/torch-names.js';

export interface FromTorchStateDictOptions {
  /** Maps one of our dotted names to its PyTorch key. @default camelCase → snake_case per segment */
  rename?: (name: string) => string;
}

/**
 * Returns new tensors the caller owns (dispose them after `module.loadStateDict(result)`).
 * @see toTorchStateDict for the reverse direction.
 */
export function fromTorchStateDict(
  module: AnyModule,
  torchStateDict: StateDict | Map<string, tf.Tensor>,
  options: FromTorchStateDictOptions = {},
): StateDict {
  const rename = options.rename ?? camelToSnakePath;
  const given = torchStateDict instanceof Map ? torchStateDict : new Map(Object.entries(torchStateDict));
  const layouts = module.torchLayouts();
  const targets = module.stateDict();
  const out: StateDict = {};
  const used = new Set<string>();
  try {
    for (const [name, target] of Object.entries(targets)) {
      const key = rename(name);
      const t = given.get(key);
      if (t === undefined) continue;
      if (!(t instanceof tf.Tensor)) {
        throw new Error(`fromTorchStateDict: 'torchStateDict['${key}']' must be a tf.Tensor; received ${typeof t}`);
      }
      used.add(key);
      const perm = torchToOursPerm(layouts[name] ?? 'none', t.rank);
      if (perm !== null && t.rank < 2) {
        throw new Error(`fromTorchStateDict: '${key}' must be a kernel of rank >= 2; received shape [${t.shape.join(', ')}]`);
      }
      out[name] = tf.tidy(() => {
        const moved = perm === null ? tf.clone(t) : tf.transpose(t, perm);
        return moved.dtype === target.dtype ? moved : tf.cast(moved, target.dtype);
      });
    }
    for (const [key, t] of given) if (!used.has(key) && !(key in out)) out[key] = tf.clone(t);
  } catch (err) {
    tf.dispose(Object.values(out));
    throw err;
  } finally {
    tf.dispose(Object.values(targets));
  }
  return out;
}
