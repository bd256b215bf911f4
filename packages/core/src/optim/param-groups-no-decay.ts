/**
 * Splits parameters into a weight-decayed group and a group without decay, the usual recipe for
 * transformers and CNNs (no decay on biases and normalisation weights), e.g. nanoGPT's
 * `configure_optimizers` and Hugging Face's Trainer.
 * @see https://github.com/karpathy/nanoGPT/blob/master/model.py
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface ParamGroupsNoDecayOptions {
  /** Weight decay of the decayed group. @default 0.01 */
  weightDecay?: number;
  /**
   * Which parameters get no decay. By default those with rank ≤ 1: biases and the scales/shifts of
   * LayerNorm and BatchNorm.
   * @default (name, param) => param.rank <= 1
   */
  noDecay?: (name: string, param: tf.Variable) => boolean;
}

export const PARAM_GROUPS_NO_DECAY_DEFAULTS = {
  weightDecay: 0.01,
  noDecay: (_name: string, param: tf.Variable): boolean => param.rank <= 1,
} as const satisfies Required<ParamGroupsNoDecayOptions>;

/** A parameter group with its own weight decay, accepted by every optimizer here. */
export interface WeightDecayGroup {
  params: tf.Variable[];
  weightDecay: number;
}

/**
 * `[{ params: decayed, weightDecay }, { params: rest, weightDecay: 0 }]`, in the order of
 * `namedParameters` (as `Module.namedParameters()` returns them); an empty group is left out.
 */
export function paramGroupsNoDecay(
  namedParameters: Iterable<readonly [string, tf.Variable]>,
  options: ParamGroupsNoDecayOptions = {},
): WeightDecayGroup[] {
  const fn = 'paramGroupsNoDecay';
  const { weightDecay, noDecay } = { ...PARAM_GROUPS_NO_DECAY_DEFAULTS, ...options };
  if (typeof weightDecay !== 'number' || !Number.isFinite(weightDecay) || weightDecay < 0) {
    throw new RangeError(`${fn}: 'weightDecay' must be a finite number >= 0; received ${JSON.stringify(weightDecay)}`);
  }
  if (typeof noDecay !== 'function') throw new TypeError(`${fn}: 'noDecay' must be a function (name, param) => boolean; received ${typeof noDecay}`);
  const decay: tf.Variable[] = [];
  const rest: tf.Variable[] = [];
  for (const entry of namedParameters) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      throw new TypeError(`${fn}: 'namedParameters' must hold [name, tf.Variable] pairs; received ${JSON.stringify(entry)}`);
    }
    const [name, param] = entry;
    (noDecay(name, param) ? rest : decay).push(param);
  }
  const groups: WeightDecayGroup[] = [];
  if (decay.length > 0) groups.push({ params: decay, weightDecay });
  if (rest.length > 0) groups.push({ params: rest, weightDecay: 0 });
  return groups;
}
