/** Training: `fit`, `evaluate`, callbacks, early stopping and checkpoints. */
export { fit, type FitOptions, type History, type LossFn, type CheckpointOptions } from './fit.js';
export { evaluate, type EvaluateOptions, type EvaluateResult, type BatchLossFn, type MetricFn, type BatchLoader } from './evaluate.js';
export type { Callback, StepLogs, EpochLogs, TrainingControl } from './callback.js';
export { EarlyStopping, EARLY_STOPPING_DEFAULTS, type EarlyStoppingOptions } from './early-stopping.js';
export type { MonitorName, MonitorMode } from './monitor.js';
export { ProgressBar, type ProgressStream } from './progress-bar.js';
export {
  saveCheckpoint,
  loadCheckpoint,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type CheckpointableOptimizer,
  type CheckpointableScheduler,
  type CheckpointParts,
  type TrainerState,
} from './checkpoint.js';
