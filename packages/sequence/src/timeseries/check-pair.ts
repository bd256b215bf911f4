/** Reads `yTrue` and `yPred` (finite, same non-zero length). Internal to the forecast metrics. */
import { readSeries } from './read-series.js';

export function checkPair(where: string, yTrue: unknown, yPred: unknown): { t: Float64Array; p: Float64Array } {
  const t = readSeries(where, 'yTrue', yTrue, 1);
  const p = readSeries(where, 'yPred', yPred, 1);
  if (t.multivariate || p.multivariate) throw new RangeError(`${where}: 'yTrue' and 'yPred' must be arrays of numbers (one forecast series); received rows`);
  if (p.length !== t.length) throw new RangeError(`${where}: 'yPred' must have the same length as 'yTrue' (${t.length}); received ${p.length}`);
  return { t: t.data, p: p.data };
}
