/**
 * `parseCsvPixels`: images stored one per CSV row as pixel values, with a label column — Kaggle's
 * MNIST/Fashion-MNIST CSVs (`label,pixel0,…` with a header) or scikit-learn's `digits.csv.gz`
 * (64 values then the label, no header). Gzipped bytes are accepted through `readCsvPixels`.
 */

/** Options of `parseCsvPixels`. */
export interface CsvPixelsOptions {
  /** Image height; with `width` and `channels` it must account for every pixel column. */
  height: number;
  /** Image width. */
  width: number;
  /** Channels per pixel (values interleaved per pixel). @default 1 */
  channels?: number;
  /** Where the label is: 'first' or 'last' column, or 'none'. @default 'first' */
  labelColumn?: 'first' | 'last' | 'none';
  /** Whether the first line is a header: true, false, or 'auto' (a first line with a non-numeric field). @default 'auto' */
  header?: boolean | 'auto';
  /** Field separator. @default ',' */
  delimiter?: string;
}

/** Defaults of the optional `CsvPixelsOptions`. */
export const CSV_PIXELS_DEFAULTS = { channels: 1, labelColumn: 'first', header: 'auto', delimiter: ',' } as const satisfies Required<Omit<CsvPixelsOptions, 'height' | 'width'>>;

/** What `parseCsvPixels` returns: images `[N, H, W, C]` (float32 as written) and labels. */
export interface CsvPixels {
  images: { data: Float32Array; shape: [number, number, number, number] };
  /** One integer label per row (empty with `labelColumn: 'none'`). */
  labels: Int32Array;
}

/**
 * Parses CSV text of pixel rows.
 * @throws {RangeError} naming the line of a malformed row (wrong field count, non-numeric value, non-integer label).
 */
export function parseCsvPixels(text: string, options: CsvPixelsOptions): CsvPixels {
  const where = 'parseCsvPixels';
  const o = { ...CSV_PIXELS_DEFAULTS, ...options };
  if (typeof text !== 'string') throw new TypeError(`${where}: 'text' must be a string; received ${typeof text}`);
  for (const k of ['height', 'width', 'channels'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${String(o[k])}`);
  }
  if (!['first', 'last', 'none'].includes(o.labelColumn)) throw new RangeError(`${where}: 'labelColumn' must be 'first', 'last' or 'none'; received ${String(o.labelColumn)}`);
  const pixels = o.height * o.width * o.channels;
  const fields = pixels + (o.labelColumn === 'none' ? 0 : 1);
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  let start = 0;
  if (lines.length > 0) {
    const first = lines[0].split(o.delimiter);
    const nonNumeric = first.some((f) => f.trim() === '' || Number.isNaN(Number(f)));
    if (o.header === true || (o.header === 'auto' && nonNumeric)) start = 1;
  }
  const n = lines.length - start;
  const data = new Float32Array(n * pixels);
  const labels = new Int32Array(o.labelColumn === 'none' ? 0 : n);
  for (let r = 0; r < n; r++) {
    const line = lines[r + start];
    const parts = line.split(o.delimiter);
    if (parts.length !== fields) throw new RangeError(`${where}: line ${r + start + 1} has ${parts.length} fields; expected ${fields} (${pixels} pixels${o.labelColumn === 'none' ? '' : ' + label'})`);
    const offset = o.labelColumn === 'first' ? 1 : 0;
    for (let k = 0; k < pixels; k++) {
      const v = Number(parts[k + offset]);
      if (parts[k + offset].trim() === '' || !Number.isFinite(v)) throw new RangeError(`${where}: line ${r + start + 1}, field ${k + offset + 1} must be a number; received '${parts[k + offset]}'`);
      data[r * pixels + k] = v;
    }
    if (o.labelColumn !== 'none') {
      const raw = parts[o.labelColumn === 'first' ? 0 : pixels];
      const label = Number(raw);
      if (!Number.isInteger(label) || label < 0) throw new RangeError(`${where}: line ${r + start + 1} has label '${raw}'; expected a non-negative integer`);
      labels[r] = label;
    }
  }
  return { images: { data, shape: [n, o.height, o.width, o.channels] }, labels };
}
