/**
 * Video content analysis: renders a seeded synthetic "video" as a folder of PNG frames (shots of
 * three scene types — beach, forest, night — each shot with its own colours, per-pixel noise and a
 * moving object; frame names unpadded, so only natural ordering reads them right), trains a small
 * ImageClassifier on separate scene images, runs analyzeVideo on the folder (colour-histogram shot
 * boundaries, representative keyframes written as PNG, strided per-frame labels smoothed per shot)
 * and prints the timeline, boundary precision/recall/F1 against the known cuts (±TOLERANCE frames)
 * and the shot-label accuracy. Exits 1 below TARGET_F1 or TARGET_ACCURACY.
 *
 *   node examples/tasks/video-analysis.mjs              (ML_QUICK=1: a shorter video, < 60 s)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, setBackend } from '@ml/core';
import { ImageArrayDataset, ImageClassifier, analyzeVideo, formatTimeline, resizeImage, writePng } from '@ml/vision';
import { QUICK, report } from './report.mjs';

// Knobs
const SEED = 3;
const WIDTH = 64;
const HEIGHT = 48;
const FPS = 10;
const SHOTS = QUICK ? 8 : 24;
const SHOT_LENGTH = [6, 30]; // frames, inclusive range
const NOISE = 12; // ± per channel
const TRAIN_PER_SCENE = QUICK ? 20 : 40;
const EPOCHS = 6;
const CLASSIFY_STRIDE = 3;
const HARD_CUT_PIXEL_DIFFERENCE = null; // e.g. 0.05: also cut on 32×32 thumbnail differences (0.03 here: one cut more found, one false cut)
const TOLERANCE = 1; // frames
const TARGET_F1 = 0.95;
const TARGET_ACCURACY = 0.9;
const SCENES = ['beach', 'forest', 'night'];

/** A shot's look: jittered colours and the moving object's start. */
function shotStyle(scene, rng) {
  const base = {
    beach: [[100, 170, 230], [230, 200, 140], [250, 230, 60]], // sky, sand, sun
    forest: [[40, 120, 50], [90, 60, 30], [60, 150, 60]], // leaves, trunks, light leaves
    night: [[15, 20, 50], [230, 230, 210], [30, 30, 70]], // sky, moon, haze
  }[scene];
  const colors = base.map((c) => c.map((v) => Math.max(0, Math.min(255, v + rng.int(31) - 15))));
  return { scene, colors, x0: rng.int(WIDTH), y0: 6 + rng.int(HEIGHT / 4) };
}

/** Frame t of a shot: the object moves 1 px per frame, every channel gets ±NOISE. */
function renderFrame(style, t, rng) {
  const data = new Uint8Array(WIDTH * HEIGHT * 3);
  const [c0, c1, c2] = style.colors;
  const ox = (style.x0 + t) % WIDTH;
  const r = HEIGHT / 8;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const dx = x - ox;
      const dy = y - style.y0;
      let c;
      if (style.scene === 'beach') c = dx * dx + dy * dy <= r * r ? c2 : y < HEIGHT * 0.6 ? c0 : c1;
      else if (style.scene === 'forest') c = y >= HEIGHT / 4 && (x - ox + WIDTH) % 20 < 6 ? c1 : y < HEIGHT / 4 ? c2 : c0;
      else c = dx * dx + dy * dy <= r * r ? c1 : y > HEIGHT * 0.8 ? c2 : c0;
      const i = (y * WIDTH + x) * 3;
      for (let k = 0; k < 3; k++) data[i + k] = Math.max(0, Math.min(255, c[k] + rng.int(2 * NOISE + 1) - NOISE));
    }
  }
  return { width: WIDTH, height: HEIGHT, channels: 3, data };
}

/** Precision, recall and F1 of detected cuts against true ones, each true cut matched at most once within ±tolerance. */
function boundaryScores(detected, truth, tolerance) {
  const used = new Set();
  let hits = 0;
  for (const d of detected) {
    const match = truth.find((t) => !used.has(t) && Math.abs(t - d) <= tolerance);
    if (match !== undefined) {
      used.add(match);
      hits++;
    }
  }
  const precision = detected.length === 0 ? 1 : hits / detected.length;
  const recall = truth.length === 0 ? 1 : hits / truth.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

async function main() {
  const info = await setBackend('wasm');
  console.log(`backend: ${info.name}${QUICK ? ' (quick)' : ''}`);
  const rng = new Rng(SEED);
  const dir = await mkdtemp(join(tmpdir(), 'ml-vision-video-'));
  try {
    // 1. The video: a folder of frames with known cuts and scenes.
    const frames = join(dir, 'frames');
    await mkdir(frames);
    const cuts = [];
    const trueScene = [];
    let n = 0;
    for (let s = 0; s < SHOTS; s++) {
      const scene = SCENES[rng.int(SCENES.length)];
      const style = shotStyle(scene, rng);
      const length = SHOT_LENGTH[0] + rng.int(SHOT_LENGTH[1] - SHOT_LENGTH[0] + 1);
      if (s > 0) cuts.push(n);
      for (let t = 0; t < length; t++, n++) {
        await writePng(join(frames, `frame_${n}.png`), renderFrame(style, t, rng));
        trueScene.push(scene);
      }
    }
    console.log(`wrote ${n} frames (${WIDTH}×${HEIGHT}, ${SHOTS} shots, ${(n / FPS).toFixed(1)} s at ${FPS} fps) into ${frames}`);

    // 2. A scene classifier trained on other renders (half-size inputs).
    const h = HEIGHT / 2;
    const w = WIDTH / 2;
    const images = new Uint8Array(TRAIN_PER_SCENE * SCENES.length * h * w * 3);
    const labels = [];
    for (let i = 0; i < TRAIN_PER_SCENE * SCENES.length; i++) {
      const c = i % SCENES.length;
      const img = resizeImage(renderFrame(shotStyle(SCENES[c], rng), rng.int(WIDTH), rng), w, h, 'area');
      images.set(img.data, i * img.data.length);
      labels.push(c);
    }
    const train = new ImageArrayDataset({ data: images, shape: [labels.length, h, w, 3] }, labels, { classNames: SCENES });
    const classifier = new ImageClassifier({ architecture: 'lenet', seed: SEED, network: { filters: [8, 16], hidden: 32, dropout: 0 } });
    const t0 = performance.now();
    await classifier.fit(train, { epochs: EPOCHS, batchSize: 16, lr: 1e-2 });
    console.log(`trained the scene classifier on ${labels.length} images in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // 3. The analysis.
    const t1 = performance.now();
    const result = await analyzeVideo(frames, { fps: FPS, classifier, classifyStride: CLASSIFY_STRIDE, hardCutPixelDifference: HARD_CUT_PIXEL_DIFFERENCE, keyframeDir: join(dir, 'keyframes') });
    const seconds = (performance.now() - t1) / 1000;
    classifier.dispose();
    console.log(`analysed ${result.frameCount} frames in ${seconds.toFixed(1)} s (${(result.frameCount / seconds).toFixed(0)} frames/s, decode + histograms + ${result.frameLabels.length} classified frames)\n`);
    console.log(formatTimeline(result));
    await writeFile(join(dir, 'timeline.json'), JSON.stringify(result, null, 1));

    // 4. Metrics.
    const { precision, recall, f1 } = boundaryScores(result.boundaries, cuts, TOLERANCE);
    const trueStarts = [0, ...cuts];
    let correct = 0;
    trueStarts.forEach((start, s) => {
      const middle = Math.floor((start + (trueStarts[s + 1] ?? n) - 1) / 2);
      const shot = result.shots.find((x) => x.start <= middle && middle <= x.end);
      if (shot?.label === trueScene[middle]) correct++;
    });
    const accuracy = correct / trueStarts.length;
    console.log(`\nboundaries: ${result.boundaries.length} detected, ${cuts.length} true; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)} (±${TOLERANCE} frame; target >= ${TARGET_F1})`);
    console.log(`shot labels: ${correct}/${trueStarts.length} true shots labelled with their scene, accuracy ${accuracy.toFixed(3)} (target >= ${TARGET_ACCURACY})`);
    report({ metric: 'shot-boundary F1 (±1 frame)', value: f1, target: TARGET_F1 });
    report({ metric: 'shot-label accuracy', value: accuracy, target: TARGET_ACCURACY });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
