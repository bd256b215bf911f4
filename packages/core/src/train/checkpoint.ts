/**
 * Training checkpoints: a folder holding `config.json` (trainer, optimizer and scheduler state as
 * JSON), `model.safetensors` (the model's state dict, loadable on its own with `loadModelFiles`) and
 * `optimizer.safetensors` (the optimizer's per-parameter buffers).
 *
 * The folder is written next to its final place and then swapped in, so a crash while saving leaves
 * the previous checkpoint readable (at `<dir>` or, between the two renames, at `<dir>.old`, which
 * `loadCheckpoint` also looks at).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyModule } from '../nn/module.js';
import type { OptimizerStateDict, ParamStateDict } from '../optim/optimizer.js';
import type { LRSchedulerStateDict } from '../optim/schedulers/lr-scheduler.js';
import { fromTensor } from '../io/from-tensor.js';
import { loadModelFiles } from '../io/load-model-files.js';
import { loadNodeFs } from '../io/load-node-fs.js';
import { readSafetensors } from '../io/read-safetensors.js';
import { saveModelFiles } from '../io/save-model-files.js';
import { toTensor } from '../io/to-tensor.js';
import { writeSafetensors } from '../io/write-safetensors.js';
import type { SafetensorsInput } from '../io/safetensors-types.js';

export const CHECKPOINT_FORMAT = 'ml-checkpoint';
export const CHECKPOINT_VERSION = 1;
const OPTIMIZER_FILE = 'optimizer.safetensors';

/** An optimizer `fit` and checkpoints can drive: any `@ml/core` optimizer fits. */
export interface CheckpointableOptimizer {
  readonly paramGroups: readonly { params: tf.Variable[]; lr: number }[];
  step(grads: tf.NamedTensorMap): void;
  stateDict(): OptimizerStateDict;
  loadStateDict(dict: OptimizerStateDict): void;
}

/** A scheduler whose position can be saved. */
export interface CheckpointableScheduler {
  step(): void;
  stateDict(): LRSchedulerStateDict;
  loadStateDict(dict: LRSchedulerStateDict): void;
}

/** JSON-serialisable trainer progress stored in a checkpoint. */
export interface TrainerState {
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps taken. */
  step: number;
  [key: string]: unknown;
}

export interface CheckpointParts {
  model: AnyModule;
  optimizer?: CheckpointableOptimizer;
  scheduler?: CheckpointableScheduler;
}

interface CheckpointConfig {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  trainer: TrainerState;
  optimizer?: { paramGroups: OptimizerStateDict['paramGroups']; steps: Record<string, number> };
  scheduler?: LRSchedulerStateDict;
}

/** Writes a checkpoint folder at `dir` (replacing an older one there). Node.js only. */
export async function saveCheckpoint(dir: string, parts: CheckpointParts, trainer: TrainerState): Promise<void> {
  const where = 'saveCheckpoint';
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`${where}: 'dir' must be a non-empty path; received ${JSON.stringify(dir)}`);
  const { fs } = await loadNodeFs(where);

  const modelState = parts.model.stateDict();
  const optimizerState = parts.optimizer?.stateDict();
  let weights: Record<string, SafetensorsInput>;
  const buffers: Record<string, SafetensorsInput> = {};
  const steps: Record<string, number> = {};
  try {
    weights = {};
    for (const [name, t] of Object.entries(modelState)) weights[name] = await fromTensor(t);
    if (optimizerState !== undefined) {
      for (const [index, s] of Object.entries(optimizerState.state)) {
        steps[index] = s.step;
        for (const [buffer, t] of Object.entries(s.buffers)) buffers[`state.${index}.${buffer}`] = await fromTensor(t);
      }
    }
  } finally {
    tf.dispose(Object.values(modelState));
    if (optimizerState !== undefined) for (const s of Object.values(optimizerState.state)) tf.dispose(Object.values(s.buffers));
  }
  const config: CheckpointConfig = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    trainer,
    ...(optimizerState !== undefined ? { optimizer: { paramGroups: optimizerState.paramGroups, steps } } : {}),
    ...(parts.scheduler !== undefined ? { scheduler: parts.scheduler.stateDict() } : {}),
  };

  const staging = `${dir}.staging`;
  const old = `${dir}.old`;
  await fs.rm(staging, { recursive: true, force: true });
  await saveModelFiles(staging, { config: config as unknown as Record<string, unknown>, tensors: weights });
  if (optimizerState !== undefined) {
    const handle = await fs.open(`${staging}/${OPTIMIZER_FILE}`, 'w');
    try {
      await handle.writeFile(writeSafetensors(buffers));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await fs.rm(old, { recursive: true, force: true });
  const hadOld = await fs.stat(dir).then(() => true, () => false);
  if (hadOld) await fs.rename(dir, old);
  await fs.rename(staging, dir);
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}

/**
 * Restores a checkpoint written by `saveCheckpoint` into the given model (strictly: every key must
 * match), optimizer and scheduler, and returns the trainer state saved with it.
 * @throws {Error} naming the folder when it is missing, of another format, or does not fit the model.
 */
export async function loadCheckpoint(dir: string, parts: CheckpointParts): Promise<TrainerState> {
  const where = 'loadCheckpoint';
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`${where}: 'dir' must be a non-empty path; received ${JSON.stringify(dir)}`);
  const { fs } = await loadNodeFs(where);
  let folder = dir;
  if (!(await fs.stat(dir).then(() => true, () => false)) && (await fs.stat(`${dir}.old`).then(() => true, () => false))) {
    folder = `${dir}.old`; // a save was interrupted between its two renames
  }
  const files = await loadModelFiles(folder);
  const config = files.config as unknown as CheckpointConfig;
  if (config.format !== CHECKPOINT_FORMAT || typeof config.version !== 'number' || config.version > CHECKPOINT_VERSION) {
    throw new Error(
      `${where}: '${folder}' is not an ${CHECKPOINT_FORMAT} folder of version <= ${CHECKPOINT_VERSION}; ` +
        `received format ${JSON.stringify(config.format)}, version ${JSON.stringify(config.version)}`,
    );
  }
  const state: Record<string, tf.Tensor> = {};
  try {
    for (const [name, entry] of files.tensors) state[name] = toTensor(entry, name);
    parts.model.loadStateDict(state, { strict: true });
  } finally {
    tf.dispose(Object.values(state));
  }
  if (parts.optimizer !== undefined) {
    if (config.optimizer === undefined) throw new Error(`${where}: '${folder}' holds no optimizer state, but an optimizer was given`);
    const bytes = await fs.readFile(`${folder}/${OPTIMIZER_FILE}`);
    const file = readSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const dict: OptimizerStateDict = { state: {}, paramGroups: config.optimizer.paramGroups };
    try {
      for (const [index, step] of Object.entries(config.optimizer.steps)) dict.state[index] = { step, buffers: {} } as ParamStateDict;
      for (const [name, entry] of file.tensors) {
        const match = /^state\.(\d+)\.(.+)$/.exec(name);
        if (match === null || dict.state[match[1]] === undefined) {
          throw new Error(`${where}: unexpected tensor '${name}' in '${folder}/${OPTIMIZER_FILE}'`);
        }
        dict.state[match[1]].buffers[match[2]] = toTensor(entry, name);
      }
      parts.optimizer.loadStateDict(dict);
    } finally {
      for (const s of Object.values(dict.state)) tf.dispose(Object.values(s.buffers));
    }
  }
  if (parts.scheduler !== undefined) {
    if (config.scheduler === undefined) throw new Error(`${where}: '${folder}' holds no scheduler state, but a scheduler was given`);
    parts.scheduler.loadStateDict(config.scheduler);
  }
  return config.trainer;
}
