/**
 * Forecasts the last 24 months of the Box & Jenkins airline-passenger series (monthly, 1949–1960,
 * data/airline-passengers.csv; see data/README.md) from a CSV column with an LSTM, and compares
 * it with the seasonal naive forecast (each month = the same month of the last observed year).
 *
 * The LSTM models log passengers, first-differenced and standardised (scaler fitted on the training
 * part before its validation tail), sees 12 months and predicts all 24 months at once (direct
 * strategy). Prints RMSE, MAPE and MASE of both and exits 1 when the LSTM misses TARGET_*.
 *
 *   node examples/tasks/lstm-forecasting.mjs
 */
import { readFileSync } from 'node:fs';
import { setBackend } from '@ml/core';
import { LstmForecaster, forecastMetrics, seasonalNaiveForecast, trainTestSplitByTime } from '@ml/sequence';
import { QUICK, report } from './report.mjs';

const CSV = new URL('./data/airline-passengers.csv', import.meta.url);
const COLUMN = 'passengers';
const TEST_MONTHS = 24;
const SEASON = 12;
const SEED = 0;
const MODEL = { lookback: 12, strategy: 'direct', horizon: TEST_MONTHS, hiddenSize: 16, logTransform: true, difference: true, epochs: 100, seed: SEED };
const TARGET_RMSE_RATIO = 0.6; // LSTM RMSE must be below 0.6 × seasonal naive's (measured 0.39: 30.3 vs 77.0)
const TARGET_MAPE = 0.08; // and its MAPE below 8 % (measured 5.0 %)

function readColumn(url, name) {
  const [header, ...lines] = readFileSync(url, 'utf8').trim().split(/\r?\n/);
  const col = header.split(',').indexOf(name);
  if (col < 0) throw new Error(`column '${name}' not found in ${url.pathname}; header: ${header}`);
  return lines.map((line, i) => {
    const v = Number(line.split(',')[col]);
    if (!Number.isFinite(v)) throw new Error(`row ${i + 2} of ${url.pathname}: '${name}' is not a number`);
    return v;
  });
}

const backend = await setBackend('wasm');
const series = readColumn(CSV, COLUMN);
const { train, test } = trainTestSplitByTime(series, { testSize: TEST_MONTHS });
console.log(`airline passengers: ${series.length} months; training on ${train.length}, forecasting the last ${test.length} (backend ${backend.name})`);

const started = Date.now();
const model = new LstmForecaster(MODEL);
await model.fit(train);
const lstm = await model.forecast(train, TEST_MONTHS);
const seconds = (Date.now() - started) / 1000;
const naive = seasonalNaiveForecast(train, TEST_MONTHS, { seasonLength: SEASON });
const scoreOf = (pred) => forecastMetrics(test, pred, { insample: train, seasonLength: SEASON });
const rows = [
  ['seasonal naive', scoreOf(naive)],
  [`LSTM (${model.history.epoch.length} epochs, ${seconds.toFixed(1)} s)`, scoreOf(lstm)],
];
console.log(`${'model'.padEnd(34)} ${'RMSE'.padStart(7)} ${'MAPE'.padStart(7)} ${'MASE'.padStart(6)}`);
for (const [name, m] of rows) {
  console.log(`${name.padEnd(34)} ${m.rmse.toFixed(1).padStart(7)} ${(100 * m.mape).toFixed(1).padStart(6)}% ${m.mase.toFixed(2).padStart(6)}`);
}
console.log('\nmonth    actual  LSTM  seasonal naive');
for (let i = 0; i < TEST_MONTHS; i += 3) {
  console.log(`${String(i + 1).padStart(5)} ${String(test[i]).padStart(9)} ${lstm[i].toFixed(0).padStart(5)} ${naive[i].toFixed(0).padStart(15)}`);
}
model.dispose();

const [base, ours] = [rows[0][1], rows[1][1]];
const ok = ours.rmse < TARGET_RMSE_RATIO * base.rmse && ours.mape < TARGET_MAPE;
console.log(`\ntarget: RMSE < ${TARGET_RMSE_RATIO} × seasonal naive (${(TARGET_RMSE_RATIO * base.rmse).toFixed(1)}) and MAPE < ${100 * TARGET_MAPE}% → ${ok ? 'met' : 'MISSED'}`);
report({ metric: 'LSTM RMSE / seasonal-naive RMSE (24 months)', value: ours.rmse / base.rmse, target: TARGET_RMSE_RATIO, higherIsBetter: false });
report({ metric: 'LSTM MAPE (24 months)', value: ours.mape, target: TARGET_MAPE, higherIsBetter: false });
