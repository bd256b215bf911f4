/** `readCsvPixels`: `parseCsvPixels` on a file path or bytes, gzip or not. */
import { maybeGunzip, readBytes } from './gunzip.js';
import { parseCsvPixels, type CsvPixels, type CsvPixelsOptions } from './parse-csv-pixels.js';

/** Reads a CSV pixel file (a path in Node.js, or bytes), gunzipping it when it is gzip. */
export async function readCsvPixels(source: string | Uint8Array, options: CsvPixelsOptions): Promise<CsvPixels> {
  const where = 'readCsvPixels';
  const name = typeof source === 'string' ? source : '<bytes>';
  const raw = typeof source === 'string' ? await readBytes(source, where) : source;
  if (!(raw instanceof Uint8Array)) throw new TypeError(`${where}: 'source' must be a path or a Uint8Array; received ${typeof source}`);
  const bytes = await maybeGunzip(raw, where, name);
  return parseCsvPixels(new TextDecoder().decode(bytes), options);
}
