/**
 * `LstmForecaster`: an LSTM (Hochreiter and Schmidhuber, 1997) over the lookback window with a
 * linear head, trained and used as described in `RecurrentForecaster`.
 */
import { loadModelFiles, unpackModel } from '@ml/core';
import { RecurrentForecaster, type RecurrentForecasterOptions } from './recurrent-forecaster.js';
import { savedParams } from './forecaster-files.js';

export class LstmForecaster extends RecurrentForecaster {
  protected readonly cell = 'lstm';
  protected readonly name = 'LstmForecaster';

  /** Reads a forecaster written by `save(dir)` (Node.js). */
  static async load(dir: string): Promise<LstmForecaster> {
    const files = await loadModelFiles(dir);
    const where = 'LstmForecaster.load';
    return new LstmForecaster(savedParams(files, where, 'LstmForecaster') as RecurrentForecasterOptions).restoreFrom(files, where);
  }

  /** Reads a forecaster written by `toBytes()`. */
  static fromBytes(bytes: Uint8Array): LstmForecaster {
    const files = unpackModel(bytes);
    const where = 'LstmForecaster.fromBytes';
    return new LstmForecaster(savedParams(files, where, 'LstmForecaster') as RecurrentForecasterOptions).restoreFrom(files, where);
  }
}
