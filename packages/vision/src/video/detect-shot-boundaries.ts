/**
 * `detectShotBoundaries`: hard cuts from a series of frame-to-frame distances with an adaptive
 * threshold. Frame i starts a new shot when its distance to frame i − 1 exceeds both an absolute floor
 * and `median + threshold·σ` of the distances in a window around it (the frame itself left out; σ
 * estimated robustly as 1.4826·MAD, so a neighbouring cut does not raise the threshold), so a shot
 * with much motion needs a larger jump than a still one. Optional pixel differences catch cuts
 * between frames with similar colours. Candidates closer than `minShotLength` are resolved in favour
 * of the stronger one.
 *
 * Gradual transitions (dissolves, fades, wipes) spread their change over many frames, each step
 * below the threshold, and are out of scope: they are usually missed, or reported as one cut inside
 * the transition.
 * @see H. J. Zhang, A. Kankanhalli, S. W. Smoliar, "Automatic partitioning of full-motion video", 1993
 */

/** Options of `detectShotBoundaries`. */
export interface ShotBoundaryOptions {
  /** k in the adaptive threshold `median + k·σ` of the neighbouring distances (σ = 1.4826·MAD). @default 3 */
  threshold?: number;
  /** Frames around each frame whose distances set its threshold (half before, half after). @default 16 */
  window?: number;
  /** Absolute floor of the histogram distance for a cut (Bhattacharyya and chi-square distances lie in [0, 1]). @default 0.25 */
  minDistance?: number;
  /** Fewest frames in a shot; closer candidate cuts keep the stronger one. @default 4 */
  minShotLength?: number;
  /** Also cut where the thumbnail pixel difference (in [0, 1]) is at least this and above its own adaptive threshold; null: colour histograms only. @default null */
  hardCutPixelDifference?: number | null;
}

/** Defaults of `ShotBoundaryOptions`. */
export const SHOT_BOUNDARY_DEFAULTS = {
  threshold: 3,
  window: 16,
  minDistance: 0.25,
  minShotLength: 4,
  hardCutPixelDifference: null,
} as const satisfies Required<ShotBoundaryOptions>;

/** Checks shot-boundary options and returns them with defaults filled in. */
export function checkShotBoundaryOptions(where: string, options: ShotBoundaryOptions): Required<ShotBoundaryOptions> {
  const o = { ...SHOT_BOUNDARY_DEFAULTS, ...options };
  if (!(typeof o.threshold === 'number' && Number.isFinite(o.threshold) && o.threshold >= 0)) throw new RangeError(`${where}: 'threshold' must be a number >= 0; received ${String(o.threshold)}`);
  if (!Number.isInteger(o.window) || o.window < 2) throw new RangeError(`${where}: 'window' must be an integer >= 2; received ${String(o.window)}`);
  if (!(typeof o.minDistance === 'number' && o.minDistance >= 0)) throw new RangeError(`${where}: 'minDistance' must be a number >= 0; received ${String(o.minDistance)}`);
  if (!Number.isInteger(o.minShotLength) || o.minShotLength < 1) throw new RangeError(`${where}: 'minShotLength' must be a positive integer; received ${String(o.minShotLength)}`);
  const p = o.hardCutPixelDifference;
  if (p !== null && !(typeof p === 'number' && p > 0 && p <= 1)) throw new RangeError(`${where}: 'hardCutPixelDifference' must be a number in (0, 1] or null; received ${String(p)}`);
  return o;
}

/** How far `values[i]` stands above its adaptive threshold (> 1: above), or 0 when it does not. */
function strength(values: ArrayLike<number>, i: number, half: number, k: number, floor: number): number {
  const v = values[i];
  if (!(v >= floor) || v <= 0) return 0;
  const window: number[] = [];
  for (let j = Math.max(1, i - half); j <= Math.min(values.length - 1, i + half); j++) if (j !== i) window.push(values[j]);
  // Median and MAD rather than mean and std, so a neighbouring cut does not hide this one.
  const center = median(window);
  const spread = MAD_TO_STD * median(window.map((x) => Math.abs(x - center)));
  const t = Math.max(floor, center + k * spread);
  return v > t ? v / Math.max(t, 1e-12) : 0;
}

/** The median absolute deviation times this estimates the standard deviation of normal data. */
const MAD_TO_STD = 1.4826;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The frames that start a new shot (sorted, each in [1, n)), from `distances[i]`, the histogram
 * distance between frames i − 1 and i (`distances[0]` is ignored), and optionally `pixelDifferences[i]`.
 * Every resulting shot has at least `minShotLength` frames.
 */
export function detectShotBoundaries(distances: ArrayLike<number>, options: ShotBoundaryOptions = {}, pixelDifferences: ArrayLike<number> | null = null): number[] {
  const where = 'detectShotBoundaries';
  const o = checkShotBoundaryOptions(where, options);
  const n = distances.length;
  if (pixelDifferences !== null && pixelDifferences.length !== n) throw new RangeError(`${where}: 'pixelDifferences' must have one value per frame (${n}); received ${pixelDifferences.length}`);
  const half = Math.floor(o.window / 2);
  const candidates: { index: number; strength: number }[] = [];
  for (let i = 1; i < n; i++) {
    let s = strength(distances, i, half, o.threshold, o.minDistance);
    if (pixelDifferences !== null && o.hardCutPixelDifference !== null) s = Math.max(s, strength(pixelDifferences, i, half, o.threshold, o.hardCutPixelDifference));
    if (s > 0) candidates.push({ index: i, strength: s });
  }
  candidates.sort((a, b) => b.strength - a.strength || a.index - b.index);
  const cuts: number[] = [];
  const m = o.minShotLength;
  for (const c of candidates) {
    if (c.index < m || n - c.index < m) continue;
    if (cuts.some((j) => Math.abs(j - c.index) < m)) continue;
    cuts.push(c.index);
  }
  return cuts.sort((a, b) => a - b);
}
