/** Time-series forecasting: windowing, splits and scalers, baselines, metrics, forecasters, walk-forward validation. */
export { makeWindows, MAKE_WINDOWS_DEFAULTS, type MakeWindowsOptions, type Windows } from './make-windows.js';
export { trainTestSplitByTime, type TrainTestSplitByTimeOptions, type TimeSplit } from './train-test-split-by-time.js';
export { windowTrainTest, type WindowTrainTestOptions, type TrainTestWindows, type ScalerChoice } from './window-train-test.js';
export { SeriesScaler, type SeriesScalerState, type SeriesScalerJSON } from './series-scaler.js';
export { SeriesStandardScaler, type SeriesStandardScalerParams } from './series-standard-scaler.js';
export { SeriesMinMaxScaler, SERIES_MIN_MAX_SCALER_DEFAULTS, type SeriesMinMaxScalerParams } from './series-min-max-scaler.js';
export type { SeriesInput } from './read-series.js';
export type { Forecaster } from './forecaster.js';
export { naiveForecast, NaiveForecaster } from './naive.js';
export { seasonalNaiveForecast, SeasonalNaiveForecaster, type SeasonalNaiveOptions } from './seasonal-naive.js';
export { movingAverageForecast, MovingAverageForecaster, type MovingAverageOptions } from './moving-average.js';
export { driftForecast, DriftForecaster } from './drift.js';
export { meanAbsolutePercentageError, ZeroActualError } from './mean-absolute-percentage-error.js';
export { symmetricMeanAbsolutePercentageError } from './symmetric-mean-absolute-percentage-error.js';
export { meanAbsoluteScaledError, type MeanAbsoluteScaledErrorOptions } from './mean-absolute-scaled-error.js';
export { forecastMetrics, type ForecastMetrics, type ForecastMetricsOptions } from './forecast-metrics.js';
export {
  walkForwardValidation,
  WALK_FORWARD_DEFAULTS,
  type WalkForwardOptions,
  type WalkForwardFold,
  type WalkForwardResult,
  type ForecasterFactory,
} from './walk-forward-validation.js';
export { RecurrentForecaster, RECURRENT_FORECASTER_DEFAULTS, type RecurrentForecasterOptions } from './recurrent-forecaster.js';
export { LstmForecaster } from './lstm-forecaster.js';
export { GruForecaster } from './gru-forecaster.js';
export { ForecastNetwork, type ForecastNetworkConfig, type RecurrentCell } from './forecast-network.js';
