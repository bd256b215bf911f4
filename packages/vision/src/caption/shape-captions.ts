/**
 * `ShapeCaptions`: a seeded synthetic captioning set. Each image shows one shape ("a red circle") or
 * two shapes in a clear spatial relation ("a red circle left of a blue square"); kinds, colours,
 * sizes, positions and relations are drawn from a seeded generator, so the same options give the
 * same images and captions on every machine. A two-shape scene has two correct descriptions (from
 * either shape); both are in `references`, the drawn one first and in `captions`.
 */
import { Rng } from '@ml/core';
import type { RawImage } from '../image/raw-image.js';
import {
  SHAPE_COLORS,
  SHAPE_KINDS,
  SHAPE_RELATIONS,
  captionShapeScene,
  renderShapeScene,
  type SceneShape,
  type ShapeColor,
  type ShapeKind,
  type ShapeRelation,
  type ShapeScene,
} from './render-shape-scene.js';

/** Options of {@link ShapeCaptions}. */
export interface ShapeCaptionsOptions {
  /** Image width and height in pixels. @default 32 */
  size?: number;
  /** Shape kinds drawn from. @default ['circle', 'square', 'triangle'] */
  kinds?: readonly ShapeKind[];
  /** Colours drawn from. @default ['red', 'green', 'blue', 'yellow'] */
  colors?: readonly ShapeColor[];
  /** Fraction of scenes with two shapes (the rest have one). @default 0.75 */
  twoShapeFraction?: number;
  /** Smallest half-extent of a shape, in pixels. @default 4 */
  minShapeSize?: number;
  /** Largest half-extent of a shape, in pixels. @default 6 */
  maxShapeSize?: number;
  /** Sample points per pixel along each axis (see `renderShapeScene`). @default 2 */
  supersample?: number;
  /** Seed of the scenes. @default 0 */
  seed?: number;
}

/** Defaults of {@link ShapeCaptionsOptions}. */
export const SHAPE_CAPTIONS_DEFAULTS = {
  size: 32,
  kinds: SHAPE_KINDS,
  colors: ['red', 'green', 'blue', 'yellow'],
  twoShapeFraction: 0.75,
  minShapeSize: 4,
  maxShapeSize: 6,
  supersample: 2,
  seed: 0,
} as const satisfies Required<ShapeCaptionsOptions>;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)] as T;

/** Draws one scene (see the file header); `size` is the canvas side. */
export function randomShapeScene(rng: Rng, o: Required<ShapeCaptionsOptions>): ShapeScene {
  const L = o.size;
  const shape = (): Omit<SceneShape, 'cx' | 'cy'> => ({ kind: pick(rng, o.kinds), color: pick(rng, o.colors), size: rng.uniform(o.minShapeSize, o.maxShapeSize) });
  const within = (r: number): number => rng.uniform(r + 1, L - r - 1);
  if (rng.random() >= o.twoShapeFraction) {
    const s = shape();
    return { width: L, height: L, shapes: [{ ...s, cx: within(s.size), cy: within(s.size) }], relation: null };
  }
  const relation: ShapeRelation = pick(rng, SHAPE_RELATIONS);
  const a = shape();
  const b = shape();
  // Along the relation's axis the shapes are at least 3 px apart; across it they are within ±2 px of a shared line.
  for (let attempt = 0; attempt < 1000; attempt++) {
    let pa = within(a.size);
    let pb = within(b.size);
    if (Math.abs(pa - pb) < a.size + b.size + 3) continue;
    const aFirst = relation === 'left of' || relation === 'above';
    if (aFirst !== pa < pb) [pa, pb] = [pb, pa];
    const r = Math.max(a.size, b.size);
    const line = rng.uniform(r + 3, L - r - 3);
    const qa = line + rng.uniform(-2, 2);
    const qb = line + rng.uniform(-2, 2);
    const horizontal = relation === 'left of' || relation === 'right of';
    return {
      width: L,
      height: L,
      shapes: [
        { ...a, cx: horizontal ? pa : qa, cy: horizontal ? qa : pa },
        { ...b, cx: horizontal ? pb : qb, cy: horizontal ? qb : pb },
      ],
      relation,
    };
  }
  throw new RangeError(`ShapeCaptions: cannot place two shapes of half-extent up to ${o.maxShapeSize} apart on a ${L}×${L} canvas; use a larger 'size' or smaller shapes`);
}

export class ShapeCaptions {
  readonly params: Readonly<Required<ShapeCaptionsOptions>>;
  /** The scenes, in order. */
  readonly scenes: ShapeScene[];
  /** The rendered RGB images. */
  readonly images: RawImage[];
  /** One caption per image (the drawn description). */
  readonly captions: string[];
  /** Every correct description of each image (one for a single shape, two for two shapes), the caption first. */
  readonly references: string[][];

  /** Draws `count` scenes and renders them. */
  constructor(count: number, options: ShapeCaptionsOptions = {}) {
    const where = 'ShapeCaptions';
    const o = { ...SHAPE_CAPTIONS_DEFAULTS, ...options };
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`${where}: 'count' must be a positive integer; received ${String(count)}`);
    if (!Number.isInteger(o.size) || o.size < 8) throw new RangeError(`${where}: 'size' must be an integer >= 8; received ${String(o.size)}`);
    if (!Array.isArray(o.kinds) || o.kinds.length === 0 || !o.kinds.every((k) => SHAPE_KINDS.includes(k))) {
      throw new RangeError(`${where}: 'kinds' must be a non-empty array of ${SHAPE_KINDS.join(', ')}; received ${JSON.stringify(o.kinds)}`);
    }
    if (!Array.isArray(o.colors) || o.colors.length === 0 || !o.colors.every((c) => Object.hasOwn(SHAPE_COLORS, c))) {
      throw new RangeError(`${where}: 'colors' must be a non-empty array of ${Object.keys(SHAPE_COLORS).join(', ')}; received ${JSON.stringify(o.colors)}`);
    }
    if (!(o.twoShapeFraction >= 0 && o.twoShapeFraction <= 1)) throw new RangeError(`${where}: 'twoShapeFraction' must be in [0, 1]; received ${String(o.twoShapeFraction)}`);
    if (!(o.minShapeSize >= 1 && o.maxShapeSize >= o.minShapeSize && 2 * o.maxShapeSize + 2 < o.size)) {
      throw new RangeError(`${where}: shape sizes must satisfy 1 <= minShapeSize <= maxShapeSize < (size - 2) / 2; received ${String(o.minShapeSize)}, ${String(o.maxShapeSize)} for size ${o.size}`);
    }
    this.params = o;
    const rng = new Rng(o.seed);
    this.scenes = Array.from({ length: count }, () => randomShapeScene(rng, o));
    this.images = this.scenes.map((s) => renderShapeScene(s, { supersample: o.supersample }));
    this.captions = this.scenes.map((s) => captionShapeScene(s));
    this.references = this.scenes.map((s) => (s.shapes.length === 2 ? [captionShapeScene(s), captionShapeScene(s, { converse: true })] : [captionShapeScene(s)]));
  }

  /** Number of images. */
  get length(): number {
    return this.scenes.length;
  }
}
