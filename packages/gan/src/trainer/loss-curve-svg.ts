/**
 * A small, dependency-free SVG line chart of training curves (one polyline per series, shared axes,
 * a legend), for GAN loss curves.
 */

/** One named curve: `values[i]` is plotted at x = i (or `x[i]` when given). */
export interface CurveSeries {
  name: string;
  values: readonly number[];
  /** x positions (e.g. steps); default 0, 1, 2, … */
  x?: readonly number[];
}

export interface LossCurveSvgOptions {
  /** Width in pixels. @default 640 */
  width?: number;
  /** Height in pixels. @default 360 */
  height?: number;
  /** Title above the plot. @default 'losses' */
  title?: string;
  /** Label of the x axis. @default 'step' */
  xLabel?: string;
}

export const LOSS_CURVE_SVG_DEFAULTS = {
  width: 640,
  height: 360,
  title: 'losses',
  xLabel: 'step',
} as const satisfies Required<LossCurveSvgOptions>;

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
const fmt = (v: number): string => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** The chart as an SVG document string. Non-finite values are skipped (the line breaks there). */
export function lossCurveSvg(series: readonly CurveSeries[], options: LossCurveSvgOptions = {}): string {
  const { width, height, title, xLabel } = { ...LOSS_CURVE_SVG_DEFAULTS, ...options };
  if (!Array.isArray(series as unknown) || series.length === 0) {
    throw new RangeError(`lossCurveSvg: 'series' must be a non-empty array of {name, values}; received ${Array.isArray(series as unknown) ? 'an empty array' : typeof series}`);
  }
  const left = 56;
  const right = 16;
  const top = 28;
  const bottom = 40;
  const xs = (s: CurveSeries): readonly number[] => s.x ?? s.values.map((_, i) => i);
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of series) {
    const sx = xs(s);
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      xMin = Math.min(xMin, sx[i] as number);
      xMax = Math.max(xMax, sx[i] as number);
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    });
  }
  if (!Number.isFinite(xMin)) [xMin, xMax, yMin, yMax] = [0, 1, 0, 1];
  if (xMax === xMin) xMax = xMin + 1;
  if (yMax === yMin) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const pw = width - left - right;
  const ph = height - top - bottom;
  const px = (x: number): number => left + ((x - xMin) / (xMax - xMin)) * pw;
  const py = (y: number): number => top + (1 - (y - yMin) / (yMax - yMin)) * ph;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13">${escapeXml(title)}</text>`,
    `<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const yv = yMin + ((yMax - yMin) * t) / 4;
    const xv = xMin + ((xMax - xMin) * t) / 4;
    parts.push(`<line x1="${left}" x2="${left + pw}" y1="${py(yv).toFixed(1)}" y2="${py(yv).toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 4}" y="${(py(yv) + 4).toFixed(1)}" text-anchor="end">${fmt(yv)}</text>`);
    parts.push(`<text x="${px(xv).toFixed(1)}" y="${top + ph + 14}" text-anchor="middle">${fmt(xv)}</text>`);
  }
  parts.push(`<text x="${left + pw / 2}" y="${height - 6}" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length] as string;
    const sx = xs(s);
    let d = '';
    let pen = 'M';
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        pen = 'M';
        return;
      }
      d += `${pen}${px(sx[i] as number).toFixed(1)},${py(v).toFixed(1)} `;
      pen = 'L';
    });
    parts.push(`<path d="${d.trim()}" fill="none" stroke="${color}" stroke-width="1.2"/>`);
    parts.push(`<rect x="${left + 8}" y="${top + 6 + k * 14}" width="10" height="3" fill="${color}"/>`);
    parts.push(`<text x="${left + 22}" y="${top + 10 + k * 14}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
