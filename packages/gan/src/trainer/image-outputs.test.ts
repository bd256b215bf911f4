/** makeImageGrid's layout and scaling, the SVG loss chart, and the PNG sample-grid callback. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tf } from '@ml/core';
import { describeBackends } from '@ml/core/testing';
import { decodeImage } from '@ml/vision';
import { MlpDiscriminator } from '../models/mlp-discriminator.js';
import { MlpGenerator } from '../models/mlp-generator.js';
import { sampleGridCallback, saveLossCurves } from './gan-callbacks.js';
import { GanTrainer } from './gan-trainer.js';
import { lossCurveSvg } from './loss-curve-svg.js';
import { makeImageGrid } from './make-image-grid.js';

const tmp = mkdtempSync(join(tmpdir(), 'ml-gan-images-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

await describeBackends('GAN image outputs', (backend) => {
  it('makeImageGrid lays out images row-major with padding and maps [-1, 1] to 0-255', async () => {
    // 3 images 2×2: image k is filled with value -1 + k (−1, 0, 1) → 0, 128 (127.5 rounded), 255.
    const images = tf.tidy(() => tf.concat([tf.fill([1, 2, 2, 1], -1), tf.fill([1, 2, 2, 1], 0), tf.fill([1, 2, 2, 1], 1)]));
    const grid = await makeImageGrid(images, { nrow: 2, padding: 1, padValue: 7 });
    expect([grid.width, grid.height, grid.channels]).toEqual([7, 7, 1]); // 2 columns, 2 rows
    const at = (x: number, y: number): number => grid.data[y * grid.width + x] as number;
    expect(at(0, 0)).toBe(7);
    expect(at(1, 1)).toBe(0);
    expect(at(4, 2)).toBe(128);
    expect(at(1, 4)).toBe(255);
    expect(at(4, 4)).toBe(7); // the missing fourth image is padding
    images.dispose();
  });

  it('sampleGridCallback writes decodable PNG grids every N steps; saveLossCurves an SVG', async () => {
    const g = new MlpGenerator({ latentDim: 4, imageShape: [8, 8, 1], hidden: [8], seed: 1 });
    const d = new MlpDiscriminator({ imageShape: [8, 8, 1], hidden: [8], seed: 2 });
    const dir = join(tmp, backend);
    const trainer = new GanTrainer(g, d, { callbacks: [sampleGridCallback({ dir, every: 2, count: 6, nrow: 3 })] });
    const images = tf.randomUniform([16, 8, 8, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
    await trainer.fit({ images }, { epochs: 1, batchSize: 4 }); // 4 G steps → grids at 2 and 4
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['samples-000002.png', 'samples-000004.png']);
    const png = decodeImage(new Uint8Array(readFileSync(join(dir, files[0] as string))));
    expect([png.width, png.height]).toEqual([3 * 10 + 2, 2 * 10 + 2]);
    await saveLossCurves(trainer, join(dir, 'losses.svg'));
    const svg = readFileSync(join(dir, 'losses.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path d="M/g)?.length).toBe(2);
    images.dispose();
    trainer.dispose();
    g.dispose();
    d.dispose();
  });
});

it('lossCurveSvg plots each series, breaks lines at non-finite values and escapes names', () => {
  const svg = lossCurveSvg([{ name: 'a<b', values: [1, 2, NaN, 3] }, { name: 'c', values: [0, 0] }], { title: 't' });
  expect(svg).toContain('a&#60;b');
  const paths = [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1] as string);
  expect(paths.length).toBe(2);
  expect((paths[0] as string).match(/M/g)?.length).toBe(2); // restarted after the NaN
  expect(() => lossCurveSvg([])).toThrow(/'series' must be a non-empty array/);
});
