/**
 * Image generation: trains a DCGAN (8×8) on scikit-learn's 1,797 handwritten digits (the copy
 * committed with @ml/vision's tests, read with readCsvPixels, rescaled to [-1, 1]) with @ml/gan's
 * GanTrainer, writing a sample grid every SAMPLE_EVERY steps, the final grid and the loss curves.
 * Then judges the generator with a classifier trained on the real digits: confidence, class coverage,
 * an Inception-Score-style score and the Fréchet distance in the classifier's feature space — for the
 * trained generator and the same generator untrained. Exits 1 below the targets.
 *
 *   node examples/tasks/gan-images.mjs                 # full run (16 epochs)
 *   ML_QUICK=1 node examples/tasks/gan-images.mjs      # quick run (< 60 s on a quiet machine)
 *   ML_GAN_OUT=/tmp/gan node examples/tasks/gan-images.mjs
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setBackend, tf } from '@ml/core';
import {
  DcganDiscriminator,
  DcganGenerator,
  GanTrainer,
  SampleClassifier,
  evaluateGenerator,
  sampleGridCallback,
  saveLossCurves,
  saveSampleGrid,
} from '@ml/gan';
import { readCsvPixels } from '@ml/vision';
import { QUICK, report } from './report.mjs';

// Knobs
const SEED = 0;
const EPOCHS = QUICK ? 8 : 16; // 28 generator steps per epoch at batch 64
const BATCH = 64;
const LATENT = 16;
const WIDTH = QUICK ? 16 : 32;
const LOSS = 'bce';
const EMA_DECAY = null; // e.g. 0.99: sample from an average of the generator's weights
const SAMPLE_EVERY = 50; // generator steps between sample grids
const EVAL_SAMPLES = 500;
const TARGET_CONFIDENCE = QUICK ? 0.6 : 0.7;
const TARGET_COVERAGE = 0.9;
const TARGET_FRECHET_RATIO = 0.1; // trained / untrained Fréchet distance must be below this
const OUT = process.env.ML_GAN_OUT ?? fileURLToPath(new URL('./out/gan-images/', import.meta.url));
const DATA = fileURLToPath(new URL('../../packages/vision/src/classifier/__fixtures__/digits.csv.gz', import.meta.url));

const t0 = performance.now();
await setBackend('wasm');
await mkdir(OUT, { recursive: true });
const { images, labels } = await readCsvPixels(DATA, { height: 8, width: 8, labelColumn: 'last', header: false });
const real = tf.tidy(() => tf.sub(tf.div(tf.tensor4d(images.data, images.shape), 8), 1)); // [1797, 8, 8, 1], 0–16 → [-1, 1]
const y = tf.tensor1d(labels, 'int32');
console.log(`${real.shape[0]} digits, 8×8, rescaled to [-1, 1]; backend wasm${QUICK ? ' (quick run)' : ''}`);

const clf = await new SampleClassifier({ imageShape: [8, 8, 1], numClasses: 10, seed: SEED + 1 }).fit(real, y, { epochs: 10 });
console.log(`judge: MLP classifier trained on the real digits (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const g = new DcganGenerator({ imageSize: 8, latentDim: LATENT, width: WIDTH, seed: SEED + 2 });
const d = new DcganDiscriminator({ imageSize: 8, width: WIDTH, seed: SEED + 3 });
const trainer = new GanTrainer(g, d, {
  loss: LOSS,
  emaDecay: EMA_DECAY,
  seed: SEED + 4,
  callbacks: [
    sampleGridCallback({ dir: OUT, every: SAMPLE_EVERY, count: 64 }),
    { onEpochEnd: (epoch, t) => console.log(`  epoch ${epoch}: D loss ${t.history.dLoss.at(-1)?.toFixed(3)}, G loss ${t.history.gLoss.at(-1)?.toFixed(3)}`) },
  ],
});
const untrainedFake = await trainer.sample(EVAL_SAMPLES, { seed: 9 });
const before = await evaluateGenerator(clf, untrainedFake, real);
const t1 = performance.now();
await trainer.fit({ images: real }, { epochs: EPOCHS, batchSize: BATCH });
const trainSeconds = (performance.now() - t1) / 1000;
const fake = await trainer.sample(EVAL_SAMPLES, { seed: 9 });
const after = await evaluateGenerator(clf, fake, real);

const grid = await saveSampleGrid(trainer, join(OUT, 'digits.png'), { count: 100, nrow: 10 });
await saveLossCurves(trainer, join(OUT, 'losses.svg'), 'DCGAN on 8×8 digits');
const row = (name, e) =>
  `  ${name.padEnd(10)} confidence ${e.confidence.toFixed(3)}  coverage ${e.coverage.toFixed(1)}  IS-style ${e.inceptionScore.toFixed(2)}  Fréchet ${e.frechetDistance.toFixed(1)}`;
console.log(`DCGAN (width ${WIDTH}, z ${LATENT}, ${LOSS}), ${EPOCHS} epochs = ${trainer.step} generator steps in ${trainSeconds.toFixed(1)} s`);
console.log(row('untrained', before));
console.log(row('trained', after));
console.log(`wrote ${grid}, ${join(OUT, 'losses.svg')} and samples-*.png every ${SAMPLE_EVERY} steps`);
const ratio = after.frechetDistance / before.frechetDistance;
tf.dispose([real, y, untrainedFake, fake]);
trainer.dispose();
for (const m of [g, d, clf]) m.dispose();
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s in all`);
console.log(`metric: classifier confidence ${after.confidence.toFixed(4)} (target >= ${TARGET_CONFIDENCE}), coverage ${after.coverage} (target >= ${TARGET_COVERAGE}), Fréchet ratio ${ratio.toFixed(4)} (target < ${TARGET_FRECHET_RATIO})`);
report({ metric: 'classifier confidence on generated digits', value: after.confidence, target: TARGET_CONFIDENCE });
report({ metric: 'digit classes covered', value: after.coverage, target: TARGET_COVERAGE });
report({ metric: 'Fréchet distance, trained ÷ untrained generator', value: ratio, target: TARGET_FRECHET_RATIO, higherIsBetter: false });
