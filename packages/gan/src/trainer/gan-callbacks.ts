/**
 * File-writing callbacks for `GanTrainer` (Node.js only): a PNG grid of samples from fixed codes
 * every N steps, the loss curves as SVG, and checkpoints every N steps.
 */
import { encodePng } from '@ml/vision';
import { saveGanCheckpoint } from './gan-checkpoint.js';
import type { GanCallback, GanTrainer } from './gan-trainer.js';
import { lossCurveSvg } from './loss-curve-svg.js';
import { makeImageGrid } from './make-image-grid.js';

type NodeFs = typeof import('node:fs/promises');
const nodeFs = async (): Promise<NodeFs> => import('node:fs/promises');

async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const fs = await nodeFs();
  const temp = `${path}.tmp`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, path);
}

export interface SampleGridOptions {
  /** Folder for `samples-<step>.png` (created if missing). */
  dir: string;
  /** Generator steps between grids. @default 100 */
  every?: number;
  /** Images per grid. @default 64 */
  count?: number;
  /** Images per row. @default 8 */
  nrow?: number;
  /** Seed of the fixed latent codes (the same codes every time, to watch progress). @default 1234 */
  seed?: number;
}

export const SAMPLE_GRID_DEFAULTS = { every: 100, count: 64, nrow: 8, seed: 1234 } as const satisfies Required<Omit<SampleGridOptions, 'dir'>>;

/** Writes `trainer`'s samples from fixed codes as a PNG grid at `path`; returns the path. */
export async function saveSampleGrid(trainer: GanTrainer, path: string, options: Omit<SampleGridOptions, 'dir' | 'every'> = {}): Promise<string> {
  const { count, nrow, seed } = { ...SAMPLE_GRID_DEFAULTS, ...options };
  const images = await trainer.sample(count, { seed });
  try {
    await writeAtomic(path, encodePng(await makeImageGrid(images, { nrow })));
  } finally {
    images.dispose();
  }
  return path;
}

/** A callback that writes `samples-<step>.png` every `every` generator steps. */
export function sampleGridCallback(options: SampleGridOptions): GanCallback {
  const { dir, every, ...rest } = { ...SAMPLE_GRID_DEFAULTS, ...options };
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`sampleGridCallback: 'every' must be an integer >= 1; received ${JSON.stringify(every)}`);
  return {
    async onStep(logs, trainer) {
      if (logs.step % every !== 0) return;
      await (await nodeFs()).mkdir(dir, { recursive: true });
      await saveSampleGrid(trainer, `${dir}/samples-${String(logs.step).padStart(6, '0')}.png`, rest);
    },
  };
}

/** Writes the trainer's D and G loss curves as an SVG chart at `path`. */
export async function saveLossCurves(trainer: GanTrainer, path: string, title = 'GAN losses'): Promise<void> {
  const x = trainer.history.gLoss.map((_, i) => i + 1);
  await writeAtomic(path, lossCurveSvg([
    { name: 'discriminator', values: trainer.history.dLoss, x },
    { name: 'generator', values: trainer.history.gLoss, x },
  ], { title }));
}

/** A callback that saves a checkpoint (see `saveGanCheckpoint`) at `dir` every `every` generator steps. */
export function checkpointCallback(options: { dir: string; every: number }): GanCallback {
  const { dir, every } = options;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`checkpointCallback: 'every' must be an integer >= 1; received ${JSON.stringify(every)}`);
  return {
    async onStep(logs, trainer) {
      if (logs.step % every === 0) await saveGanCheckpoint(dir, trainer);
    },
  };
}
