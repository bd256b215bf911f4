/**
 * Writes a seeded folder of small PNG shapes (circle, square, triangle: a light colour on dark noise),
 * one sub-folder per class, for the demo and the tests of `classify-images`.
 *
 *   node examples/creator-cli/samples/make-shapes.mjs <out-dir> [per-class]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Rng } from '@ml/core';
import { writePng } from '@ml/vision';

export const SHAPES = ['circle', 'square', 'triangle'];

/** One RGB image of `shape`, `size`×`size`, rasterised over dark noise. */
export function renderShape(shape, size, rng) {
  const data = new Uint8Array(size * size * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(60);
  const colour = [140 + rng.int(116), 140 + rng.int(116), 140 + rng.int(116)];
  const r = Math.round(size * 0.22) + rng.int(Math.max(1, Math.round(size * 0.12)));
  const cx = r + 1 + rng.int(Math.max(1, size - 2 * r - 2));
  const cy = r + 1 + rng.int(Math.max(1, size - 2 * r - 2));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const inside =
        shape === 'circle' ? dx * dx + dy * dy <= r * r
        : shape === 'square' ? Math.abs(dx) <= r * 0.8 && Math.abs(dy) <= r * 0.8
        : dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= (dy + r) / 2;
      if (inside) data.set(colour, (y * size + x) * 3);
    }
  }
  return { width: size, height: size, channels: 3, data };
}

/** Writes `perClass` PNGs per shape into `dir/<shape>/NNN.png`. */
export async function writeShapes(dir, { perClass = 30, size = 32, seed = 5 } = {}) {
  const rng = new Rng(seed);
  for (const shape of SHAPES) {
    await mkdir(join(dir, shape), { recursive: true });
    for (let i = 0; i < perClass; i++) await writePng(join(dir, shape, `${String(i).padStart(3, '0')}.png`), renderShape(shape, size, rng));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, per] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node make-shapes.mjs <out-dir> [per-class]');
    process.exit(1);
  }
  await writeShapes(out, { perClass: Number(per ?? 30) });
}

/**
 * A smooth `size`×`size` RGB scene (sky gradient, sun, two hills, anti-aliased edges): a test image
 * for `upscale`, whose structure a super-resolution model can learn (unlike the noisy shapes).
 */
export function renderScene(size = 64) {
  const data = new Uint8Array(size * size * 3);
  const cover = (d) => Math.min(1, Math.max(0, 0.5 - d)); // anti-aliasing: coverage from a signed distance in pixels
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = y / size;
      let c = [40 + 180 * t, 90 + 100 * t, 200 - 60 * t]; // sky
      const sun = Math.hypot(x - size * 0.7, y - size * 0.3) - size * 0.13;
      c = c.map((v, k) => v + (cover(sun) * ([250, 220, 90][k] - v)));
      const hill1 = y - (size * 0.62 + size * 0.08 * Math.sin((x / size) * Math.PI * 2));
      c = c.map((v, k) => v + (cover(-hill1) * ([60, 140, 60][k] - v)));
      const hill2 = y - (size * 0.78 + size * 0.05 * Math.cos((x / size) * Math.PI * 3));
      c = c.map((v, k) => v + (cover(-hill2) * ([30, 90, 40][k] - v)));
      data.set(c.map((v) => Math.round(Math.min(255, Math.max(0, v)))), (y * size + x) * 3);
    }
  }
  return { width: size, height: size, channels: 3, data };
}

/**
 * Writes `perShot` frames of each of two shots into `dir` (frame_0001.png …): the scene, then its
 * colour negative, each frame with a little seeded noise, so that `video-summary` finds one cut.
 */
export async function writeTwoShotFrames(dir, { perShot = 6, size = 48, seed = 3 } = {}) {
  await mkdir(dir, { recursive: true });
  const rng = new Rng(seed);
  const scene = renderScene(size);
  for (let i = 0; i < 2 * perShot; i++) {
    const data = new Uint8Array(scene.data.length);
    for (let k = 0; k < data.length; k++) {
      const v = i < perShot ? scene.data[k] : 255 - scene.data[k];
      data[k] = Math.min(255, Math.max(0, v + rng.int(9) - 4));
    }
    await writePng(join(dir, `frame_${String(i + 1).padStart(4, '0')}.png`), { width: size, height: size, channels: 3, data });
  }
}
