/**
 * `GruForecaster`: a GRU (Cho et al., 2014) over the lookback window with a linear head, trained and
 * used as described in `RecurrentForecaster`.
 */
import { RecurrentForecaster } from './recurrent-forecaster.js';

export class GruForecaster extends RecurrentForecaster {
  protected readonly cell = 'gru';
  protected readonly name = 'GruForecaster';
}
