/**
 * Image classification from a folder (Keras' flow_from_directory workflow): renders a seeded folder
 * of 40×40 PNG shapes (circle, square, triangle; random light colour, size and position on dark
 * noise) into one sub-folder per class under a temp dir, reads it with ImageFolder
 * (targetSize 24×24, area resize, rescale 1/255, validationSplit 0.2 → 'training'/'validation'),
 * trains ImageClassifier (LeNet, with flip/shift augmentation) and prints validation accuracy, the
 * confusion matrix and a top-2 prediction. Exits 1 when accuracy < TARGET.
 *
 *   node examples/tasks/image-recognition.mjs
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, setBackend } from '@ml/core';
import { ImageClassifier, ImageFolder, compose, randomFlip, randomShift, readImage, writePng } from '@ml/vision';
import { report } from './report.mjs';

// Knobs
const SEED = 5;
const PER_CLASS = 200;
const SIZE = 40;
const TARGET_SIZE = [24, 24];
const EPOCHS = 12;
const TARGET = 0.9;
const CLASSES = ['circle', 'square', 'triangle'];

/** One RGB image of `shape`, rasterised without anti-aliasing over uniform dark noise. */
function render(shape, rng) {
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(60); // dark noise
  const colour = [140 + rng.int(116), 140 + rng.int(116), 140 + rng.int(116)]; // a light colour
  const r = 9 + rng.int(8);
  const cx = r + 1 + rng.int(SIZE - 2 * r - 2);
  const cy = r + 1 + rng.int(SIZE - 2 * r - 2);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const inside =
        shape === 'circle' ? dx * dx + dy * dy <= r * r
        : shape === 'square' ? Math.abs(dx) <= r * 0.8 && Math.abs(dy) <= r * 0.8
        : dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= (dy + r) / 2; // apex up
      if (inside) data.set(colour, (y * SIZE + x) * 3);
    }
  }
  return { width: SIZE, height: SIZE, channels: 3, data };
}

async function main() {
  const info = await setBackend('wasm');
  console.log(`backend: ${info.name}`);
  const dir = await mkdtemp(join(tmpdir(), 'ml-vision-shapes-'));
  try {
    const rng = new Rng(SEED);
    for (const name of CLASSES) {
      await mkdir(join(dir, name));
      for (let i = 0; i < PER_CLASS; i++) await writePng(join(dir, name, `${String(i).padStart(4, '0')}.png`), render(name, rng));
    }
    console.log(`wrote ${CLASSES.length * PER_CLASS} PNGs (${SIZE}×${SIZE}) into ${dir}`);

    const options = { targetSize: TARGET_SIZE, rescale: 1 / 255, interpolation: 'area', classMode: 'sparse', validationSplit: 0.2 };
    const train = await ImageFolder.fromDirectory(dir, { ...options, subset: 'training' });
    const valid = await ImageFolder.fromDirectory(dir, { ...options, subset: 'validation' });
    console.log(`classes [${train.classNames.join(', ')}]: ${train.length} training, ${valid.length} validation images`);

    const clf = new ImageClassifier({ architecture: 'lenet', seed: SEED, network: { filters: [16, 32], hidden: 64 } });
    const t0 = performance.now();
    await clf.fit(train, {
      epochs: EPOCHS,
      batchSize: 32,
      lr: 3e-3,
      validationData: valid,
      augmentation: compose([randomFlip(), randomShift({ width: 0.1, height: 0.1 })]),
    });
    const seconds = (performance.now() - t0) / 1000;
    clf.history.valMetrics.accuracy.forEach((a, e) => console.log(`epoch ${e + 1}: loss ${clf.history.loss[e].toFixed(4)}  val accuracy ${a.toFixed(3)}`));
    const result = await clf.evaluate(valid);
    console.log(`trained in ${seconds.toFixed(1)} s; validation accuracy ${result.accuracy.toFixed(3)} (target >= ${TARGET})`);
    console.log('confusion matrix (rows: true class):');
    result.confusionMatrix.forEach((row, i) => console.log(`  ${result.classNames[i].padEnd(9)} ${row.map((v) => String(v).padStart(4)).join('')}`));
    const sample = await readImage(valid.filepaths[0]);
    const [pred] = await clf.predict([sample], { topK: 2 });
    console.log(`${valid.filepaths[0].slice(dir.length + 1)} → ${pred.top.map((t) => `${t.label} ${(100 * t.probability).toFixed(1)}%`).join(', ')}`);
    clf.dispose();
    report({ metric: 'validation accuracy (CNN on an image folder)', value: result.accuracy, target: TARGET });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
