/**
 * `GruForecaster`: a GRU (Cho et al., 2014) over the lookback window with a
 * linear head, trained and used as described in `RecurrentForecaster`.
 */
import { loadModelFiles, unpackModel } from '@ml/core';
import { RecurrentForecaster, type RecurrentForecasterOptions } from './recurrent-forecaster.js';
import { savedParams } from './forecaster-files.js';

export class GruForecaster extends RecurrentForecaster {
  protected readonly cell = 'gru';
  protected readonly name = 'GruForecaster';

  /** Reads a forecaster written by `save(dir)` (Node.js). */
  static async load(dir: string): Promise<GruForecaster> {
    const files = await loadModelFiles(dir);
    const where = 'GruForecaster.load';
    return new GruForecaster(savedParams(files, where, 'GruForecaster') as RecurrentForecasterOptions).restoreFrom(files, where);
  }

  /** Reads a forecaster written by `toBytes()`. */
  static fromBytes(bytes: Uint8Array): GruForecaster {
    const files = unpackModel(bytes);
    const where = 'GruForecaster.fromBytes';
    return new GruForecaster(savedParams(files, where, 'GruForecaster') as RecurrentForecasterOptions).restoreFrom(files, where);
  }
}
