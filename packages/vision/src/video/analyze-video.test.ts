import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { encodePng } from '../image/encode-png.js';
import { decodeImage } from '../image/decode-image.js';
import { resizeImage } from '../image/resize-image.js';
import { ImageArrayDataset } from '../data/image-array-dataset.js';
import { ImageClassifier } from '../classifier/image-classifier.js';
import { analyzeVideo, type VideoAnalysis, type VideoFrameClassifier } from './analyze-video.js';
import { formatTimeline, formatTimestamp } from './format-timeline.js';
import { ArrayFrameSource } from './video-frame.js';
import { HEIGHT, SCENES, WIDTH, sceneImages, syntheticVideo } from './__fixtures__/synthetic-video.js';

// 7 shots of 6–14 frames, two consecutive shots of the same scene type (forest → forest) with other colours and positions.
const SHOTS = [['beach', 12], ['forest', 9], ['forest', 8], ['night', 14], ['beach', 6], ['night', 10], ['forest', 11]] as const;
const video = syntheticVideo(SHOTS, 7);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ml-vision-analyze-'));
  await mkdir(join(dir, 'frames'));
  // Unpadded names: natural order (frame_2 before frame_10) is needed to get the video right.
  for (const [i, f] of video.frames.entries()) await writeFile(join(dir, 'frames', `frame_${i}.png`), encodePng(f));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function checkShots(result: VideoAnalysis): void {
  expect(result.frameCount).toBe(video.frames.length);
  expect(result.boundaries).toEqual(video.cuts);
  const starts = [0, ...video.cuts];
  result.shots.forEach((shot, s) => {
    expect(shot.start).toBe(starts[s]);
    expect(shot.end).toBe((starts[s + 1] ?? video.frames.length) - 1);
    expect(shot.keyframe.index).toBeGreaterThanOrEqual(shot.start);
    expect(shot.keyframe.index).toBeLessThanOrEqual(shot.end);
  });
}

describe('analyzeVideo (shots and keyframes)', () => {
  it('finds every cut of a synthetic frame folder exactly, keyframes inside their shots, written as PNG', async () => {
    const keyframeDir = join(dir, 'keyframes');
    const result = await analyzeVideo(join(dir, 'frames'), { fps: 5, keyframeDir });
    checkShots(result);
    expect(result.width).toBe(WIDTH);
    expect(result.height).toBe(HEIGHT);
    expect(result.duration).toBeCloseTo(video.frames.length / 5, 9);
    expect(result.shots[1].startTime).toBeCloseTo(12 / 5, 9);
    expect(result.shots[1].endTime).toBeCloseTo(21 / 5, 9);
    for (const shot of result.shots) {
      expect(shot.keyframe.name).toBe(`frame_${shot.keyframe.index}.png`);
      expect(shot.keyframe.file).toBe(join(keyframeDir, `frame_${shot.keyframe.index}.png`));
      expect(decodeImage(await readFile(shot.keyframe.file as string))).toEqual(video.frames[shot.keyframe.index]);
      expect(shot.label).toBeUndefined();
    }
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.classNames).toBeNull();
    expect(result.frameLabels).toEqual([]);
  });

  it('picks the representative, middle or first frame as keyframe', async () => {
    const source = new ArrayFrameSource(video.frames, { fps: 10 });
    const middle = await analyzeVideo(source, { keyframe: 'middle' });
    const first = await analyzeVideo(source, { keyframe: 'first' });
    const representative = await analyzeVideo(source, { keyframe: 'representative', metric: 'chi-square' });
    checkShots(middle);
    checkShots(representative);
    expect(middle.shots.map((s) => s.keyframe.index)).toEqual(middle.shots.map((s) => Math.floor((s.start + s.end) / 2)));
    expect(first.shots.map((s) => s.keyframe.index)).toEqual([0, ...video.cuts]);
    // The representative frame is the one closest to its shot's mean histogram: no other frame of the shot is closer.
    const { colorHistogram, histogramDistance } = await import('./color-histogram.js');
    for (const shot of representative.shots) {
      const hs = video.frames.slice(shot.start, shot.end + 1).map((f) => colorHistogram(f));
      const mean = hs[0].map((_, k) => hs.reduce((a, h) => a + h[k], 0) / hs.length);
      const d = hs.map((h) => histogramDistance(h, mean, 'chi-square'));
      expect(d[shot.keyframe.index - shot.start]).toBe(Math.min(...d));
    }
  });

  it('formats a readable timeline', async () => {
    const result = await analyzeVideo(new ArrayFrameSource(video.frames, { fps: 10, path: 'clip' }), { keyframe: 'first' });
    const lines = formatTimeline(result).split('\n');
    expect(lines[0]).toBe(`clip: ${video.frames.length} frames at 10 fps (00:07.0), 7 shots`);
    expect(lines[1]).toBe('00:00.0–00:01.2  shot 1  keyframe frame_000000');
    expect(lines[2]).toBe('00:01.2–00:02.1  shot 2  keyframe frame_000012');
    expect(lines).toHaveLength(8);
    const labelled = { ...result, shots: result.shots.map((s) => ({ ...s, label: 'beach', confidence: 0.934 })) };
    expect(formatTimeline(labelled).split('\n')[1]).toBe('00:00.0–00:01.2  shot 1  keyframe frame_000000  label: beach (0.93)');
    expect(formatTimestamp(0)).toBe('00:00.0');
    expect(formatTimestamp(59.96)).toBe('01:00.0');
    expect(formatTimestamp(3723.25)).toBe('1:02:03.3');
    expect(() => formatTimestamp(-1)).toThrow(/'seconds' must be a finite number >= 0; received -1/);
  });

  it('names bad options', async () => {
    const source = new ArrayFrameSource(video.frames.slice(0, 3));
    await expect(analyzeVideo(source, { keyframe: 'best' as 'first' })).rejects.toThrow(/'keyframe' must be 'representative', 'middle' or 'first'; received best/);
    await expect(analyzeVideo(source, { classifyStride: 0 })).rejects.toThrow(/'classifyStride' must be a positive integer; received 0/);
    await expect(analyzeVideo(source, { classifier: {} as VideoFrameClassifier })).rejects.toThrow(/'classifier' must be a fitted ImageClassifier/);
    await expect(analyzeVideo(new ArrayFrameSource([]))).rejects.toThrow(/'<memory>' has no frames/);
  });
});

await describeBackends('analyzeVideo with an ImageClassifier', (backend) => {
  let classifier: ImageClassifier;
  beforeAll(async () => {
    const { images, labels } = sceneImages(16, 11);
    // The classifier sees 12×16 inputs (predict resizes the 24×32 frames the same way): 4× fewer pixels keep the cpu backend's fit short.
    const small = images.map((img) => resizeImage(img, WIDTH / 2, HEIGHT / 2, 'bilinear'));
    const data = new Uint8Array(small.length * (HEIGHT / 2) * (WIDTH / 2) * 3);
    small.forEach((img, i) => data.set(img.data, i * img.data.length));
    const train = new ImageArrayDataset({ data, shape: [small.length, HEIGHT / 2, WIDTH / 2, 3] }, labels, { classNames: [...SCENES] });
    classifier = new ImageClassifier({ architecture: 'lenet', seed: 3, network: { filters: [4, 8], hidden: 16, dropout: 0 } });
    const t0 = performance.now();
    await classifier.fit(train, { epochs: 6, batchSize: 16, lr: 1e-2 });
    console.log(`fit [${backend}] ${(performance.now() - t0).toFixed(0)} ms`);
  });
  afterAll(() => classifier.dispose());

  it('labels every shot with its scene type (strided frames, smoothed per shot) without leaking tensors', async () => {
    const source = new ArrayFrameSource(video.frames, { fps: 10 });
    let result: VideoAnalysis | undefined;
    await assertNoLeaks(async () => {
      result = await analyzeVideo(source, { classifier, classifyStride: 3, batchSize: 8 });
    }, `analyzeVideo [${backend}]`);
    const r = result as VideoAnalysis;
    checkShots(r);
    expect(r.shots.map((s) => s.label)).toEqual(video.labels);
    expect(r.classNames).toEqual([...SCENES]);
    expect(r.frameLabels.map((f) => f.index)).toEqual(Array.from({ length: Math.ceil(video.frames.length / 3) }, (_, i) => 3 * i));
    for (const shot of r.shots) {
      expect(shot.classifiedFrames).toBe(Array.from({ length: shot.end - shot.start + 1 }, (_, j) => shot.start + j).filter((f) => f % 3 === 0).length);
      expect(shot.top?.[0]).toEqual({ label: shot.label, probability: shot.confidence });
      expect(shot.top).toHaveLength(3);
      expect((shot.top ?? []).reduce((a, t) => a + t.probability, 0)).toBeCloseTo(1, 4);
    }
    console.log(formatTimeline(r));
  });

  it('classifies only keyframes when asked, and keyframes of shots the stride missed', async () => {
    const source = new ArrayFrameSource(video.frames, { fps: 10 });
    await assertNoLeaks(async () => {
      const byKeyframe = await analyzeVideo(source, { classifier, classify: 'keyframes' });
      expect(byKeyframe.shots.map((s) => s.label)).toEqual(video.labels);
      expect(byKeyframe.frameLabels.map((f) => f.index)).toEqual(byKeyframe.shots.map((s) => s.keyframe.index));
      // Stride 40: only frames 0 and 40 are classified in the first pass; the other shots use their keyframes.
      const sparse = await analyzeVideo(source, { classifier, classifyStride: 40 });
      expect(sparse.shots.map((s) => s.label)).toEqual(video.labels);
      expect(sparse.shots.map((s) => s.classifiedFrames)).toEqual(sparse.shots.map(() => 1));
    }, `analyzeVideo keyframes [${backend}]`);
  });
});
