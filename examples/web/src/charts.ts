/**
 * Small self-written SVG charts (no chart library): a line chart, a horizontal bar chart and a
 * scatter plot. Each draws into a container element, replacing what was there, and records the
 * plotted values on the `<svg>` as `data-*` attributes so tests (and curious users) can read them.
 */
const SVG = 'http://www.w3.org/2000/svg';
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(container: Element, width: number, height: number, title: string): SVGSVGElement {
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title });
  svg.append(el('rect', { width, height, fill: 'white' }), el('text', { x: 8, y: 14, 'font-size': 12 }, title));
  container.replaceChildren(svg);
  return svg;
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** A line chart of `values` against their index (e.g. the loss per training step). */
export function lineChart(container: Element, values: readonly number[], options: { title: string; width?: number; height?: number }): void {
  const { title, width = 460, height = 220 } = options;
  const svg = frame(container, width, height, title);
  const pad = { left: 44, right: 10, top: 24, bottom: 22 };
  // Scaled to the values (not from 0), so a small fall over a few steps is visible.
  const [lo, hi] = extent(values);
  const n = Math.max(values.length - 1, 1);
  const sx = (i: number): number => pad.left + (i / n) * (width - pad.left - pad.right);
  const sy = (v: number): number => height - pad.bottom - ((v - lo) / (hi - lo)) * (height - pad.top - pad.bottom);
  svg.append(
    el('line', { x1: pad.left, y1: sy(lo), x2: width - pad.right, y2: sy(lo), stroke: '#999' }),
    el('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom, stroke: '#999' }),
    el('text', { x: 4, y: sy(hi) + 4, 'font-size': 10 }, hi.toPrecision(3)),
    el('text', { x: 4, y: sy(lo), 'font-size': 10 }, lo.toPrecision(3)),
    el('text', { x: width - pad.right, y: height - 6, 'font-size': 10, 'text-anchor': 'end' }, `step ${values.length}`),
  );
  const points = values.map((v, i) => `${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ');
  svg.append(el('polyline', { points, fill: 'none', stroke: PALETTE[0] ?? 'blue', 'stroke-width': 1.5, class: 'series' }));
  svg.dataset.values = JSON.stringify(values);
}

/** Horizontal bars, longest first as given (e.g. the PageRank top nodes). */
export function barChart(container: Element, bars: readonly { label: string; value: number }[], options: { title: string; width?: number }): void {
  const { title, width = 460 } = options;
  const row = 20;
  const height = 30 + bars.length * row;
  const svg = frame(container, width, height, title);
  const labelWidth = 150;
  const max = Math.max(...bars.map((b) => b.value), Number.MIN_VALUE);
  bars.forEach((b, i) => {
    const y = 24 + i * row;
    const w = (b.value / max) * (width - labelWidth - 70);
    svg.append(
      el('text', { x: labelWidth - 6, y: y + 13, 'font-size': 11, 'text-anchor': 'end' }, b.label),
      el('rect', { x: labelWidth, y: y + 2, width: Math.max(w, 1).toFixed(1), height: row - 5, fill: PALETTE[0] ?? 'blue', class: 'bar' }),
      el('text', { x: labelWidth + w + 4, y: y + 13, 'font-size': 10 }, b.value.toFixed(4)),
    );
  });
  svg.dataset.values = JSON.stringify(bars);
}

/** A scatter plot of 2-D points coloured by group, with optional cross markers (e.g. cluster centres). */
export function scatterChart(
  container: Element,
  points: readonly (readonly [number, number])[],
  groups: ArrayLike<number>,
  options: { title: string; size?: number; markers?: readonly (readonly number[])[] },
): void {
  const { title, size = 340, markers = [] } = options;
  const svg = frame(container, size, size, title);
  const pad = 22;
  const [x0, x1] = extent(points.map((p) => p[0]));
  const [y0, y1] = extent(points.map((p) => p[1]));
  const sx = (v: number): number => pad + ((v - x0) / (x1 - x0)) * (size - 2 * pad);
  const sy = (v: number): number => size - pad - ((v - y0) / (y1 - y0)) * (size - 2 * pad);
  points.forEach(([x, y], i) => {
    const g = groups[i] ?? 0;
    svg.append(el('circle', { cx: sx(x).toFixed(1), cy: sy(y).toFixed(1), r: 2.5, fill: PALETTE[g % PALETTE.length] ?? 'black', 'fill-opacity': 0.75, class: `point cluster-${g}` }));
  });
  for (const m of markers) {
    const [cx, cy] = [sx(m[0] ?? 0), sy(m[1] ?? 0)];
    svg.append(el('path', { d: `M${cx - 6},${cy}h12M${cx},${cy - 6}v12`, stroke: 'black', 'stroke-width': 2.5, class: 'centre' }));
  }
  svg.dataset.groups = String(new Set(Array.from(groups)).size);
}
