/**
 * The shape rasteriser and the synthetic captioning set: pixels where the geometry says, exact
 * areas with hard edges, anti-aliased edges, captions that agree with the drawn geometry,
 * determinism from the seed, and errors that name the argument. Pure typed-array code: no backend.
 */
import { describe, expect, it } from 'vitest';
import { SHAPE_COLORS, captionShapeScene, insideShape, renderShapeScene, type SceneShape, type ShapeScene } from './render-shape-scene.js';
import { ShapeCaptions } from './shape-captions.js';
import type { RawImage } from '../image/raw-image.js';

const pixel = (img: RawImage, x: number, y: number): number[] => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
const BG = [16, 16, 16];
const one = (shape: SceneShape): ShapeScene => ({ width: 32, height: 32, shapes: [shape], relation: null });
const countColor = (img: RawImage, rgb: readonly number[]): number => {
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (pixel(img, x, y).join() === rgb.join()) n++;
  return n;
};

describe('renderShapeScene', () => {
  it('draws a square exactly where it is: (2r)² pixels with hard edges, background elsewhere', () => {
    const img = renderShapeScene(one({ kind: 'square', color: 'red', cx: 16, cy: 16, size: 6 }), { supersample: 1 });
    expect([img.width, img.height, img.channels, img.data.length]).toEqual([32, 32, 3, 32 * 32 * 3]);
    expect(countColor(img, SHAPE_COLORS.red)).toBe(144);
    expect(pixel(img, 10, 10)).toEqual([...SHAPE_COLORS.red]); // centre (10.5, 10.5): |dx| = 5.5 ≤ 6
    expect(pixel(img, 21, 21)).toEqual([...SHAPE_COLORS.red]);
    expect(pixel(img, 9, 16)).toEqual(BG); // centre 9.5: |dx| = 6.5 > 6
    expect(pixel(img, 22, 16)).toEqual(BG);
    expect(pixel(img, 0, 0)).toEqual(BG);
  });

  it('draws a circle (≈ πr² pixels, corners of its box empty) and an upward triangle (≈ 2r² pixels, narrow apex)', () => {
    const circle = renderShapeScene(one({ kind: 'circle', color: 'blue', cx: 16, cy: 16, size: 6 }), { supersample: 1 });
    expect(Math.abs(countColor(circle, SHAPE_COLORS.blue) - Math.PI * 36)).toBeLessThan(8);
    expect(pixel(circle, 16, 16)).toEqual([...SHAPE_COLORS.blue]);
    expect(pixel(circle, 10, 10)).toEqual(BG);
    expect(pixel(circle, 21, 21)).toEqual(BG);
    const tri = renderShapeScene(one({ kind: 'triangle', color: 'green', cx: 16.5, cy: 16, size: 6 }), { supersample: 1 });
    expect(Math.abs(countColor(tri, SHAPE_COLORS.green) - 72)).toBeLessThan(8);
    expect(pixel(tri, 16, 10)).toEqual([...SHAPE_COLORS.green]); // apex row: only the middle pixel
    expect(pixel(tri, 14, 10)).toEqual(BG);
    expect(pixel(tri, 11, 21)).toEqual([...SHAPE_COLORS.green]); // base row is wide
    expect(pixel(tri, 11, 11)).toEqual(BG); // top-left corner of the bounding box
    expect(insideShape({ kind: 'triangle', color: 'green', cx: 0, cy: 0, size: 2 }, 0, -2)).toBe(true);
    expect(insideShape({ kind: 'triangle', color: 'green', cx: 0, cy: 0, size: 2 }, 1.5, -1)).toBe(false);
  });

  it('anti-aliases edges with supersampling (edge pixels between the colours, interiors exact)', () => {
    const img = renderShapeScene(one({ kind: 'square', color: 'white', cx: 16, cy: 16, size: 5.25 }), { supersample: 2 });
    expect(pixel(img, 16, 16)).toEqual([...SHAPE_COLORS.white]);
    const edge = pixel(img, 10, 16); // x ∈ [10, 11): half of its samples (10.75) are inside |dx| ≤ 5.25
    expect(edge[0]).toBeGreaterThan(BG[0] as number);
    expect(edge[0]).toBeLessThan(SHAPE_COLORS.white[0]);
    expect(edge).toEqual([128, 128, 128]);
  });

  it('rejects bad scenes with the argument named', () => {
    expect(() => renderShapeScene({ width: 32, height: 32, shapes: [], relation: null })).toThrow(/'scene.shapes' must hold 1 or 2 shapes/);
    expect(() => renderShapeScene(one({ kind: 'hexagon' as 'circle', color: 'red', cx: 1, cy: 1, size: 2 }))).toThrow(/'scene.shapes\[0\].kind'.*hexagon/);
    expect(() => renderShapeScene(one({ kind: 'circle', color: 'mauve' as 'red', cx: 1, cy: 1, size: 2 }))).toThrow(/'scene.shapes\[0\].color'.*mauve/);
    expect(() => renderShapeScene(one({ kind: 'circle', color: 'red', cx: 1, cy: 1, size: 0 }))).toThrow(/size > 0/);
    const s = { kind: 'circle', color: 'red', cx: 8, cy: 8, size: 3 } as const;
    expect(() => renderShapeScene({ width: 32, height: 32, shapes: [s, s], relation: null })).toThrow(/'scene.relation'/);
    expect(() => renderShapeScene(one(s), { supersample: 0 })).toThrow(/'supersample' must be an integer in \[1, 8\]; received 0/);
  });
});

describe('ShapeCaptions', () => {
  it('is deterministic from its seed', () => {
    const a = new ShapeCaptions(40, { seed: 7 });
    const b = new ShapeCaptions(40, { seed: 7 });
    const c = new ShapeCaptions(40, { seed: 8 });
    expect(b.captions).toEqual(a.captions);
    expect(b.images.map((i) => Buffer.from(i.data).toString('base64'))).toEqual(a.images.map((i) => Buffer.from(i.data).toString('base64')));
    expect(c.captions).not.toEqual(a.captions);
  });

  it('captions agree with the drawn geometry and colours; both descriptions are references', () => {
    const set = new ShapeCaptions(300, { seed: 3 });
    expect(set.length).toBe(300);
    const relations = new Set<string>();
    let two = 0;
    set.scenes.forEach((scene, i) => {
      const img = set.images[i] as RawImage;
      for (const s of scene.shapes) expect(pixel(img, Math.floor(s.cx), Math.floor(s.cy))).toEqual([...SHAPE_COLORS[s.color]]);
      const [a, b] = scene.shapes as [SceneShape, SceneShape?];
      if (b === undefined) {
        expect(set.captions[i]).toBe(`a ${a.color} ${a.kind}`);
        expect(set.references[i]).toEqual([set.captions[i]]);
        return;
      }
      two++;
      relations.add(scene.relation as string);
      const dx = b.cx - a.cx;
      const dy = b.cy - a.cy;
      const gap = a.size + b.size + 3;
      if (scene.relation === 'left of') expect(dx).toBeGreaterThanOrEqual(gap);
      if (scene.relation === 'right of') expect(-dx).toBeGreaterThanOrEqual(gap);
      if (scene.relation === 'above') expect(dy).toBeGreaterThanOrEqual(gap);
      if (scene.relation === 'below') expect(-dy).toBeGreaterThanOrEqual(gap);
      expect(Math.abs(scene.relation === 'left of' || scene.relation === 'right of' ? dy : dx)).toBeLessThanOrEqual(4);
      expect(set.captions[i]).toBe(`a ${a.color} ${a.kind} ${scene.relation} a ${b.color} ${b.kind}`);
      expect(set.references[i]).toEqual([set.captions[i], captionShapeScene(scene, { converse: true })]);
    });
    expect(relations).toEqual(new Set(['left of', 'right of', 'above', 'below']));
    expect(two / 300).toBeGreaterThan(0.65);
    expect(two / 300).toBeLessThan(0.85);
    expect(captionShapeScene({ width: 32, height: 32, relation: 'left of', shapes: [{ kind: 'circle', color: 'red', cx: 8, cy: 16, size: 4 }, { kind: 'square', color: 'blue', cx: 24, cy: 16, size: 4 }] }, { converse: true })).toBe(
      'a blue square right of a red circle',
    );
  });

  it('rejects bad options with the argument named', () => {
    expect(() => new ShapeCaptions(0)).toThrow(/'count' must be a positive integer; received 0/);
    expect(() => new ShapeCaptions(5, { colors: ['red', 'mauve' as 'red'] })).toThrow(/'colors'/);
    expect(() => new ShapeCaptions(5, { kinds: [] })).toThrow(/'kinds'/);
    expect(() => new ShapeCaptions(5, { twoShapeFraction: 2 })).toThrow(/'twoShapeFraction' must be in \[0, 1\]; received 2/);
    expect(() => new ShapeCaptions(5, { size: 16, maxShapeSize: 8 })).toThrow(/shape sizes/);
  });
});
