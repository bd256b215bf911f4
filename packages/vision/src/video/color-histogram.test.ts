import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image.js';
import { colorHistogram, grayThumbnail, histogramDistance, pixelDifference } from './color-histogram.js';

interface Case {
  height: number;
  width: number;
  channels: 1 | 3 | 4;
  pixels: number[];
  hsv: number[];
  rgb: number[];
  bhattacharyyaToPrevious?: number;
  chiSquareToPrevious?: number;
  rgbBhattacharyyaToPrevious?: number;
}
// Made by scripts/fixtures/vision_video.py (hue and saturation from Python's colorsys, RGB bins from numpy.histogramdd).
const fixture = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'histograms.json'), 'utf8')) as { cases: Case[] };
const image = (c: Case): RawImage => ({ width: c.width, height: c.height, channels: c.channels, data: Uint8Array.from(c.pixels) });

describe('colorHistogram vs the Python reference', () => {
  it('matches the HSV [8, 4, 4] and RGB [4, 4, 4] histograms and the distances between consecutive images', () => {
    expect(fixture.cases).toHaveLength(5);
    fixture.cases.forEach((c, i) => {
      const hsv = colorHistogram(image(c));
      const rgb = colorHistogram(image(c), { colorSpace: 'rgb', bins: [4, 4, 4] });
      Array.from(hsv).forEach((v, k) => expect(v, `case ${i} hsv bin ${k}`).toBeCloseTo(c.hsv[k], 6));
      Array.from(rgb).forEach((v, k) => expect(v, `case ${i} rgb bin ${k}`).toBeCloseTo(c.rgb[k], 6));
      if (i === 0) return;
      const prev = fixture.cases[i - 1];
      expect(histogramDistance(colorHistogram(image(prev)), hsv)).toBeCloseTo(c.bhattacharyyaToPrevious as number, 5);
      expect(histogramDistance(colorHistogram(image(prev)), hsv, 'chi-square')).toBeCloseTo(c.chiSquareToPrevious as number, 5);
      expect(histogramDistance(colorHistogram(image(prev), { colorSpace: 'rgb', bins: [4, 4, 4] }), rgb)).toBeCloseTo(c.rgbBhattacharyyaToPrevious as number, 5);
    });
  });

  it('gives 0 between a thumbnail and itself and 1 between black and white', () => {
    const black: RawImage = { width: 40, height: 30, channels: 1, data: new Uint8Array(1200) };
    const white: RawImage = { ...black, data: new Uint8Array(1200).fill(255) };
    expect(grayThumbnail(black)).toHaveLength(32 * 32);
    expect(pixelDifference(grayThumbnail(black), grayThumbnail(black))).toBe(0);
    expect(pixelDifference(grayThumbnail(black), grayThumbnail(white))).toBe(1);
    expect(() => pixelDifference(new Uint8Array(2), new Uint8Array(3))).toThrow(/same length; received 2 and 3/);
  });
});

describe('colorHistogram and distances', () => {
  it('sums to 1 and bins pure colours by hue', () => {
    const red = { width: 2, height: 2, channels: 3 as const, data: Uint8Array.from([255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 255]) };
    const h = colorHistogram(red);
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // [8, 4, 4] bins: red → hue 0, saturation 3, value 3; blue (hue 4/6) → hue bin 5
    expect(h[(0 * 4 + 3) * 4 + 3]).toBeCloseTo(0.75, 6);
    expect(h[(5 * 4 + 3) * 4 + 3]).toBeCloseTo(0.25, 6);
    const rgb = colorHistogram(red, { colorSpace: 'rgb', bins: [2, 2, 2] });
    expect(Array.from(rgb)).toEqual([0, 0.25, 0, 0, 0.75, 0, 0, 0]);
    expect(histogramDistance(h, h)).toBeCloseTo(0, 3);
    expect(histogramDistance([1, 0], [0, 1])).toBeCloseTo(1, 6);
    expect(histogramDistance([1, 0], [0, 1], 'chi-square')).toBeCloseTo(1, 6);
    expect(histogramDistance([0.5, 0.5], [1, 0], 'chi-square')).toBeCloseTo(0.5 * (0.25 / 1.5 + 0.25 / 0.5), 6);
    expect(() => colorHistogram(red, { bins: [0, 4, 4] })).toThrow(/'bins' must be three integers/);
  });
});

