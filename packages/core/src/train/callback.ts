/** Hooks into `fit`'s loop, Keras/Lightning style. Every hook may be async. */

/** What a step reports. */
export interface StepLogs {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  /** Optimizer steps taken so far (after this one, when it stepped). */
  step: number;
  /** The batch's loss (before division for gradient accumulation). */
  loss: number;
  /** Learning rate of the first parameter group. */
  lr: number;
}

/** What an epoch reports. */
export interface EpochLogs {
  /** 0-based epoch. */
  epoch: number;
  /** Mean training loss over the epoch's samples. */
  loss: number;
  /** Mean validation loss, when validation data was given. */
  valLoss?: number;
  /** Validation metrics (name → mean over samples), when given. */
  valMetrics: Record<string, number>;
  /** Learning rate of the first parameter group at the end of the epoch. */
  lr: number;
  /** Optimizer steps taken so far. */
  step: number;
  /** Wall-clock seconds the epoch took (informational only). */
  seconds: number;
}

/** Lets a callback stop training after the current epoch. */
export interface TrainingControl {
  /** Asks `fit` to stop after the current epoch; `reason` lands in the history. */
  stop(reason: string): void;
}

export interface Callback {
  onTrainBegin?(control: TrainingControl): void | Promise<void>;
  onEpochBegin?(epoch: number, control: TrainingControl): void | Promise<void>;
  onStepEnd?(logs: StepLogs, control: TrainingControl): void | Promise<void>;
  onEpochEnd?(logs: EpochLogs, control: TrainingControl): void | Promise<void>;
  onTrainEnd?(control: TrainingControl): void | Promise<void>;
}
