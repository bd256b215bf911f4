/**
 * GAN checkpoints: a folder holding `generator/` and `discriminator/` (each an `@ml/core`
 * `saveCheckpoint` folder: config.json, model.safetensors, optimizer.safetensors), `ema/`
 * (`saveModelFiles`: the averaged generator weights) and `trainer.json` (step, epoch, options,
 * history). It is assembled in `<dir>.staging` and swapped in, so a crash while saving leaves the
 * previous checkpoint readable (at `<dir>` or, between the two renames, at `<dir>.old`).
 */
import { loadCheckpoint, loadModelFiles, saveCheckpoint, saveModelFiles, tf, toTensor, fromTensor } from '@ml/core';
import type { GanTrainer } from './gan-trainer.js';

export const GAN_CHECKPOINT_FORMAT = 'ml-gan-checkpoint';
export const GAN_CHECKPOINT_VERSION = 1;

interface TrainerJson {
  format: typeof GAN_CHECKPOINT_FORMAT;
  version: number;
  step: number;
  epoch: number;
  options: Record<string, unknown>;
  history: { dLoss: (number | null)[]; gLoss: (number | null)[] };
}

type NodeFs = typeof import('node:fs/promises');
const nodeFs = async (): Promise<NodeFs> => import('node:fs/promises');

/** Writes `trainer`'s networks, optimisers, EMA and progress to `dir` (replacing an older checkpoint there). Node.js only. */
export async function saveGanCheckpoint(dir: string, trainer: GanTrainer): Promise<void> {
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`saveGanCheckpoint: 'dir' must be a non-empty path; received ${JSON.stringify(dir)}`);
  const fs = await nodeFs();
  const staging = `${dir}.staging`;
  const old = `${dir}.old`;
  await fs.rm(staging, { recursive: true, force: true });
  const progress = { epoch: trainer.epoch, step: trainer.step };
  await saveCheckpoint(`${staging}/generator`, { model: trainer.generator, optimizer: trainer.optimizerG }, progress);
  await saveCheckpoint(`${staging}/discriminator`, { model: trainer.discriminator, optimizer: trainer.optimizerD }, progress);
  if (trainer.ema !== null) {
    const state = trainer.ema.stateDict();
    try {
      const tensors = Object.fromEntries(await Promise.all(Object.entries(state).map(async ([k, t]) => [k, await fromTensor(t)] as const)));
      await saveModelFiles(`${staging}/ema`, { config: { decay: trainer.ema.decay }, tensors });
    } finally {
      tf.dispose(Object.values(state));
    }
  }
  const json: TrainerJson = {
    format: GAN_CHECKPOINT_FORMAT,
    version: GAN_CHECKPOINT_VERSION,
    step: trainer.step,
    epoch: trainer.epoch,
    options: { ...trainer.options },
    // JSON has no NaN: the D loss before any D step is written as null.
    history: { dLoss: trainer.history.dLoss.map((v) => (Number.isFinite(v) ? v : null)), gLoss: trainer.history.gLoss.map((v) => (Number.isFinite(v) ? v : null)) },
  };
  const handle = await fs.open(`${staging}/trainer.json`, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(json)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rm(old, { recursive: true, force: true });
  const hadOld = await fs.stat(dir).then(() => true, () => false);
  if (hadOld) await fs.rename(dir, old);
  await fs.rename(staging, dir);
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}

/**
 * Restores a checkpoint written by `saveGanCheckpoint` into `trainer` (built with the same networks
 * and options) to resume training: weights, optimiser state, EMA, step, epoch and history. The
 * random stream is reseeded from (seed, step): a resumed run is reproducible, but it draws different
 * noise than an uninterrupted run would.
 * @throws {Error} naming the folder when it is missing, of another format, or does not fit.
 */
export async function loadGanCheckpoint(dir: string, trainer: GanTrainer): Promise<void> {
  const where = 'loadGanCheckpoint';
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`${where}: 'dir' must be a non-empty path; received ${JSON.stringify(dir)}`);
  const fs = await nodeFs();
  let folder = dir;
  if (!(await fs.stat(dir).then(() => true, () => false)) && (await fs.stat(`${dir}.old`).then(() => true, () => false))) folder = `${dir}.old`;
  let json: TrainerJson;
  try {
    json = JSON.parse(await fs.readFile(`${folder}/trainer.json`, 'utf8')) as TrainerJson;
  } catch (cause) {
    throw new Error(`${where}: cannot read '${folder}/trainer.json' (${(cause as Error).message})`, { cause });
  }
  if (json.format !== GAN_CHECKPOINT_FORMAT || typeof json.version !== 'number' || json.version > GAN_CHECKPOINT_VERSION) {
    throw new Error(`${where}: '${folder}' is not an ${GAN_CHECKPOINT_FORMAT} folder of version <= ${GAN_CHECKPOINT_VERSION}; received format ${JSON.stringify(json.format)}, version ${JSON.stringify(json.version)}`);
  }
  await loadCheckpoint(`${folder}/generator`, { model: trainer.generator, optimizer: trainer.optimizerG });
  await loadCheckpoint(`${folder}/discriminator`, { model: trainer.discriminator, optimizer: trainer.optimizerD });
  if (trainer.ema !== null) {
    const files = await loadModelFiles(`${folder}/ema`).catch((cause: unknown) => {
      throw new Error(`${where}: the trainer has an EMA but '${folder}/ema' cannot be read (${(cause as Error).message})`, { cause });
    });
    const state = Object.fromEntries([...files.tensors].map(([k, v]) => [k, toTensor(v, k)]));
    try {
      trainer.ema.loadStateDict(state);
    } finally {
      tf.dispose(Object.values(state));
    }
  }
  trainer.step = json.step;
  trainer.epoch = json.epoch;
  trainer.history.dLoss.splice(0, Infinity, ...json.history.dLoss.map((v) => v ?? NaN));
  trainer.history.gLoss.splice(0, Infinity, ...json.history.gLoss.map((v) => v ?? NaN));
  trainer.reseed((trainer.options.seed + Math.imul(json.step + 1, 0x9e3779b9)) >>> 0);
}
