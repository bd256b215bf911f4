import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { detectShotBoundaries } from './detect-shot-boundaries.js';
import { colorHistogram, grayThumbnail, histogramDistance, pixelDifference } from './color-histogram.js';
import { syntheticVideo } from './__fixtures__/synthetic-video.js';

function series(frames: ReturnType<typeof syntheticVideo>['frames']): { d: number[]; p: number[] } {
  const h = frames.map((f) => colorHistogram(f));
  const t = frames.map((f) => grayThumbnail(f));
  return { d: h.map((x, i) => (i === 0 ? 0 : histogramDistance(h[i - 1], x))), p: t.map((x, i) => (i === 0 ? 0 : pixelDifference(t[i - 1], x))) };
}

describe('detectShotBoundaries', () => {
  it('finds the cuts of a synthetic video exactly from colour histograms', () => {
    const { frames, cuts } = syntheticVideo([['beach', 12], ['forest', 9], ['night', 15], ['beach', 6], ['night', 10]], 1);
    const { d } = series(frames);
    expect(detectShotBoundaries(d)).toEqual(cuts);
  });

  it('adapts the threshold: a stretch of strong motion is not cut, a larger jump inside it is', () => {
    const rng = new Rng(3);
    const d = Array.from({ length: 60 }, (_, i) => (i >= 20 && i < 45 ? 0.3 + 0.02 * rng.normal() : 0.03 + 0.005 * rng.normal()));
    d[0] = 0;
    expect(detectShotBoundaries(d)).toEqual([]); // 0.3 > minDistance, but not above mean + 3·std of its window
    expect(detectShotBoundaries(d, { threshold: 0 })).not.toEqual([]); // the fixed floor alone would cut there
    d[32] = 0.9;
    d[10] = 0.5;
    expect(detectShotBoundaries(d)).toEqual([10, 32]);
  });

  it('keeps the stronger of cuts closer than minShotLength, and shots at the ends at least that long', () => {
    const d = new Array<number>(40).fill(0.02);
    d[10] = 0.6;
    d[12] = 0.8;
    d[30] = 0.7;
    d[38] = 0.9;
    expect(detectShotBoundaries(d, { minShotLength: 4 })).toEqual([12, 30]);
    expect(detectShotBoundaries(d, { minShotLength: 2 })).toEqual([10, 12, 30, 38]);
  });

  it('finds a cut between shots of the same colours only with pixel differences', () => {
    const { frames, cuts } = syntheticVideo([['beach', 10], ['beach', 10, true], ['forest', 10]], 2);
    const { d, p } = series(frames);
    expect(cuts).toEqual([10, 20]);
    expect(detectShotBoundaries(d)).toEqual([20]);
    expect(detectShotBoundaries(d, { hardCutPixelDifference: 0.05 }, p)).toEqual([10, 20]);
  });

  it('names bad options', () => {
    expect(() => detectShotBoundaries([0, 1], { window: 1 })).toThrow(/'window' must be an integer >= 2; received 1/);
    expect(() => detectShotBoundaries([0, 1], { minShotLength: 0 })).toThrow(/'minShotLength' must be a positive integer/);
    expect(() => detectShotBoundaries([0, 1], { hardCutPixelDifference: 2 })).toThrow(/'hardCutPixelDifference'/);
    expect(() => detectShotBoundaries([0, 1], {}, [0])).toThrow(/'pixelDifferences' must have one value per frame \(2\); received 1/);
  });
});
