/**
 * `renderShapeScene`: a small rasteriser for synthetic captioning scenes (circles, squares and
 * upward triangles of flat colours on a flat background), and `captionShapeScene`, the English
 * description of a scene ("a red circle left of a blue square"). Pixel coverage is estimated with
 * a `supersample`×`supersample` grid of sample points per pixel (1: hard edges), so the output is
 * a pure function of the scene and the options.
 */
import type { RawImage } from '../image/raw-image.js';

/** The shapes a scene can hold. */
export const SHAPE_KINDS = ['circle', 'square', 'triangle'] as const;
/** A shape's kind. */
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** The colours a shape can have, and their RGB values. */
export const SHAPE_COLORS = {
  red: [220, 40, 40],
  green: [40, 200, 60],
  blue: [50, 90, 235],
  yellow: [235, 215, 40],
  magenta: [215, 60, 215],
  cyan: [40, 210, 220],
  white: [240, 240, 240],
} as const satisfies Record<string, readonly [number, number, number]>;
/** A shape's colour name. */
export type ShapeColor = keyof typeof SHAPE_COLORS;

/** Where the first shape of a two-shape scene lies relative to the second. */
export const SHAPE_RELATIONS = ['left of', 'right of', 'above', 'below'] as const;
/** A spatial relation. */
export type ShapeRelation = (typeof SHAPE_RELATIONS)[number];

/** One shape: centre `(cx, cy)` in pixels (x right, y down) and half-extent `size` (a circle's radius). */
export interface SceneShape {
  kind: ShapeKind;
  color: ShapeColor;
  cx: number;
  cy: number;
  size: number;
}

/** A scene: one or two shapes; with two, `relation` says where `shapes[0]` lies relative to `shapes[1]`. */
export interface ShapeScene {
  width: number;
  height: number;
  shapes: SceneShape[];
  relation: ShapeRelation | null;
}

/** Options of {@link renderShapeScene}. */
export interface RenderShapeSceneOptions {
  /** Sample points per pixel along each axis (1: hard edges, 2+: anti-aliased edges). @default 2 */
  supersample?: number;
  /** Background RGB. @default [16, 16, 16] */
  background?: readonly [number, number, number];
}

/** Defaults of {@link RenderShapeSceneOptions}. */
export const RENDER_SHAPE_SCENE_DEFAULTS = { supersample: 2, background: [16, 16, 16] } as const satisfies Required<RenderShapeSceneOptions>;

/** True when the point `(x, y)` lies inside `s`. The triangle points up: apex `(cx, cy − size)`, base at `cy + size`. */
export function insideShape(s: SceneShape, x: number, y: number): boolean {
  const dx = x - s.cx;
  const dy = y - s.cy;
  const r = s.size;
  switch (s.kind) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square':
      return Math.abs(dx) <= r && Math.abs(dy) <= r;
    case 'triangle':
      // Between the base and the apex, and within the two slanted edges (half-width shrinks linearly to 0 at the apex).
      return dy <= r && dy >= -r && Math.abs(dx) <= (dy + r) / 2;
  }
}

function checkScene(where: string, scene: ShapeScene): void {
  if (scene === null || typeof scene !== 'object') throw new TypeError(`${where}: 'scene' must be a ShapeScene {width, height, shapes, relation}; received ${scene === null ? 'null' : typeof scene}`);
  const { width, height, shapes, relation } = scene;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`${where}: 'scene.width' and 'scene.height' must be positive integers; received ${String(width)}×${String(height)}`);
  }
  if (!Array.isArray(shapes) || shapes.length < 1 || shapes.length > 2) throw new RangeError(`${where}: 'scene.shapes' must hold 1 or 2 shapes; received ${Array.isArray(shapes) ? shapes.length : typeof shapes}`);
  shapes.forEach((s, i) => {
    if (!SHAPE_KINDS.includes(s.kind)) throw new RangeError(`${where}: 'scene.shapes[${i}].kind' must be one of ${SHAPE_KINDS.join(', ')}; received ${JSON.stringify(s.kind)}`);
    if (!Object.hasOwn(SHAPE_COLORS, s.color)) throw new RangeError(`${where}: 'scene.shapes[${i}].color' must be one of ${Object.keys(SHAPE_COLORS).join(', ')}; received ${JSON.stringify(s.color)}`);
    if (![s.cx, s.cy, s.size].every(Number.isFinite) || !(s.size > 0)) {
      throw new RangeError(`${where}: 'scene.shapes[${i}]' must have finite cx, cy and a size > 0; received cx ${String(s.cx)}, cy ${String(s.cy)}, size ${String(s.size)}`);
    }
  });
  if (shapes.length === 2 && !SHAPE_RELATIONS.includes(relation as ShapeRelation)) {
    throw new RangeError(`${where}: a two-shape scene needs 'scene.relation' in ${SHAPE_RELATIONS.join(', ')}; received ${JSON.stringify(relation)}`);
  }
}

/** Draws `scene` as an RGB `RawImage` (later shapes over earlier ones). */
export function renderShapeScene(scene: ShapeScene, options: RenderShapeSceneOptions = {}): RawImage {
  const where = 'renderShapeScene';
  checkScene(where, scene);
  const o = { ...RENDER_SHAPE_SCENE_DEFAULTS, ...options };
  if (!Number.isInteger(o.supersample) || o.supersample < 1 || o.supersample > 8) throw new RangeError(`${where}: 'supersample' must be an integer in [1, 8]; received ${String(o.supersample)}`);
  const { width, height } = scene;
  const n = o.supersample;
  const data = new Uint8Array(width * height * 3);
  const acc = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      acc.fill(0);
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = x + (sx + 0.5) / n;
          const py = y + (sy + 0.5) / n;
          let rgb: readonly number[] = o.background;
          for (const s of scene.shapes) if (insideShape(s, px, py)) rgb = SHAPE_COLORS[s.color];
          acc[0] += rgb[0];
          acc[1] += rgb[1];
          acc[2] += rgb[2];
        }
      }
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(acc[c] / (n * n));
    }
  }
  return { width, height, channels: 3, data };
}

const INVERSE: Record<ShapeRelation, ShapeRelation> = { 'left of': 'right of', 'right of': 'left of', above: 'below', below: 'above' };

/**
 * The scene's description: "a red circle" for one shape, "a red circle left of a blue square" for
 * two. With `converse`, the same two-shape scene described from the second shape ("a blue square
 * right of a red circle").
 */
export function captionShapeScene(scene: ShapeScene, options: { converse?: boolean } = {}): string {
  checkScene('captionShapeScene', scene);
  const name = (s: SceneShape): string => `a ${s.color} ${s.kind}`;
  const [a, b] = scene.shapes;
  if (b === undefined || scene.relation === null) return name(a as SceneShape);
  return options.converse === true ? `${name(b)} ${INVERSE[scene.relation]} ${name(a as SceneShape)}` : `${name(a as SceneShape)} ${scene.relation} ${name(b)}`;
}
