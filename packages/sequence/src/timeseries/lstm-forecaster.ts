/**
 * `LstmForecaster`: an LSTM (Hochreiter and Schmidhuber, 1997) over the lookback window with a
 * linear head, trained and used as described in `RecurrentForecaster`.
 */
import { RecurrentForecaster } from './recurrent-forecaster.js';

export class LstmForecaster extends RecurrentForecaster {
  protected readonly cell = 'lstm';
  protected readonly name = 'LstmForecaster';
}
