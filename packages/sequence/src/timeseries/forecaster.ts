/** The contract every forecaster meets (baselines and neural ones), used by `walkForwardValidation`. */

export interface Forecaster {
  /** Learns from a univariate series (oldest first); returns `this`. */
  fit(series: ArrayLike<number>): this | Promise<this>;
  /** Forecasts the `steps` values that follow `history` (oldest first). */
  forecast(history: ArrayLike<number>, steps: number): number[] | Promise<number[]>;
  /** Frees tensors, for forecasters that hold any. */
  dispose?(): void;
}
