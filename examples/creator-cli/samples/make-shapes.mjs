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
