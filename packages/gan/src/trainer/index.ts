/** GAN training: the trainer, EMA, checkpoints, sample grids and loss curves. */
export {
  GanTrainer,
  GAN_TRAINER_DEFAULTS,
  GAN_FIT_DEFAULTS,
  type GanTrainerOptions,
  type GanFitOptions,
  type GanData,
  type GanCallback,
  type GanStepLogs,
} from './gan-trainer.js';
export { GeneratorEma } from './generator-ema.js';
export { saveGanCheckpoint, loadGanCheckpoint, GAN_CHECKPOINT_FORMAT, GAN_CHECKPOINT_VERSION } from './gan-checkpoint.js';
export {
  sampleGridCallback,
  saveSampleGrid,
  saveLossCurves,
  checkpointCallback,
  SAMPLE_GRID_DEFAULTS,
  type SampleGridOptions,
} from './gan-callbacks.js';
export { makeImageGrid, MAKE_IMAGE_GRID_DEFAULTS, type MakeImageGridOptions } from './make-image-grid.js';
export { lossCurveSvg, LOSS_CURVE_SVG_DEFAULTS, type CurveSeries, type LossCurveSvgOptions } from './loss-curve-svg.js';
