/**
 * Persistence of `LstmForecaster`/`GruForecaster`: `config.json` holds the options, the fitted
 * scaler (versioned JSON), the window shape and the training history; `model.safetensors` holds the
 * network's state dict. Internal to `timeseries`.
 */
import { stateDictTensors, tf, toTensor, type History, type LoadedModelFiles, type ModelFilesInput, type SafetensorsInput } from '@ml/core';
import { ForecastNetwork, type RecurrentCell } from './forecast-network.js';
import type { SeriesScaler } from './series-scaler.js';
import { SeriesStandardScaler } from './series-standard-scaler.js';
import { SeriesMinMaxScaler } from './series-min-max-scaler.js';
import { show } from './read-series.js';

/** What a fitted forecaster holds. */
export interface FittedForecaster {
  net: ForecastNetwork;
  scaler: SeriesScaler | null;
  /** Whether the series transforms (log, difference, scaler) apply: false after `fit(windows)`. */
  transforms: boolean;
  features: number;
  lookback: number;
  outputs: number;
  history: History;
}

/** Format name and version of a saved forecaster's config. */
export const FORECASTER_FORMAT = 'ml-sequence/recurrent-forecaster';
export const FORECASTER_FORMAT_VERSION = 1;

/** The config and tensors `save` and `toBytes` write. */
export async function forecasterFiles(kind: string, params: object, f: FittedForecaster): Promise<ModelFilesInput> {
  const { net } = f;
  const config = {
    format: FORECASTER_FORMAT,
    version: FORECASTER_FORMAT_VERSION,
    kind,
    params,
    network: net.config,
    scaler: f.scaler === null ? null : f.scaler.toJSON(),
    transforms: f.transforms,
    features: f.features,
    lookback: f.lookback,
    outputs: f.outputs,
    history: JSON.parse(JSON.stringify(f.history)) as unknown,
  };
  const tensors = await stateDictTensors(net);
  return { config, tensors };
}

/** Checks a saved config's format, version and kind; returns its options. */
export function savedParams(files: LoadedModelFiles, where: string, kind: string): Record<string, unknown> {
  const c = files.config;
  if (c.format !== FORECASTER_FORMAT || c.kind !== kind) {
    throw new TypeError(`${where}: expected a saved ${kind} (format '${FORECASTER_FORMAT}'); received format ${show(c.format)}, kind ${show(c.kind)}`);
  }
  if (typeof c.version !== 'number' || c.version < 1 || c.version > FORECASTER_FORMAT_VERSION) {
    throw new RangeError(`${where}: unsupported version ${show(c.version)}; this release reads versions 1 to ${FORECASTER_FORMAT_VERSION}`);
  }
  return c.params as Record<string, unknown>;
}

/** Rebuilds the fitted state (network with its weights, scaler) from saved files. */
export function restoreFitted(files: LoadedModelFiles, where: string, cell: RecurrentCell): FittedForecaster {
  const c = files.config;
  const network = c.network as ForecastNetwork['config'];
  if (network?.cell !== cell) throw new TypeError(`${where}: the saved network is ${show(network?.cell)}, not ${show(cell)}`);
  const s = c.scaler as { format?: string } | null;
  const scaler = s === null ? null : s?.format === 'ml-sequence/series-min-max-scaler' ? SeriesMinMaxScaler.fromJSON(s) : SeriesStandardScaler.fromJSON(s);
  const net = new ForecastNetwork(network);
  const state = new Map<string, tf.Tensor>();
  try {
    for (const [name, entry] of files.tensors) state.set(name, toTensor(entry, name));
    net.loadStateDict(state);
  } catch (cause) {
    net.dispose();
    throw new Error(`${where}: the weights do not fit the saved config (${(cause as Error).message})`, { cause });
  } finally {
    tf.dispose([...state.values()]);
  }
  net.eval();
  return {
    net,
    scaler,
    transforms: c.transforms === true,
    features: c.features as number,
    lookback: c.lookback as number,
    outputs: c.outputs as number,
    history: c.history as History,
  };
}
