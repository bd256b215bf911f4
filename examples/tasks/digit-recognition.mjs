/**
 * Handwritten digit recognition: scikit-learn's 8×8 digits (1,797 images; the copy committed with
 * @ml/vision's tests, see packages/vision/src/classifier/__fixtures__/DIGITS-LICENSE.md) read with
 * readCsvPixels, split 80/20 with a seeded permutation, LeNet trained with ImageClassifier; prints
 * test accuracy and the confusion matrix, exits 1 below TARGET.
 *
 *   node examples/tasks/digit-recognition.mjs
 */
import { fileURLToPath } from 'node:url';
import { Rng, setBackend } from '@ml/core';
import { ImageArrayDataset, ImageClassifier, readCsvPixels } from '@ml/vision';
import { report } from './report.mjs';

// Knobs
const SEED = 0;
const TEST_FRACTION = 0.2;
const EPOCHS = 12;
const TARGET = 0.97;
const DATA = fileURLToPath(new URL('../../packages/vision/src/classifier/__fixtures__/digits.csv.gz', import.meta.url));

await setBackend('wasm');
const { images, labels } = await readCsvPixels(DATA, { height: 8, width: 8, labelColumn: 'last', header: false });
const all = new ImageArrayDataset(images, labels, { rescale: 1 / 16 });
const order = new Rng(SEED).permutation(all.length);
const nTest = Math.round(all.length * TEST_FRACTION);
const test = all.subset(order.subarray(0, nTest));
const train = all.subset(order.subarray(nTest));
console.log(`${train.length} training and ${test.length} test digits (8×8, values 0–16)`);

const clf = new ImageClassifier({ architecture: 'lenet', seed: 1 });
const t0 = performance.now();
await clf.fit(train, { epochs: EPOCHS, batchSize: 32, lr: 2e-3 });
const seconds = (performance.now() - t0) / 1000;
const { accuracy, confusionMatrix } = await clf.evaluate(test);
console.log(`LeNet, ${EPOCHS} epochs in ${seconds.toFixed(1)} s: test accuracy ${accuracy.toFixed(4)} (target >= ${TARGET})`);
console.log('confusion matrix (rows: true digit):');
confusionMatrix.forEach((row, i) => console.log(`  ${i} ${row.map((v) => String(v).padStart(4)).join('')}`));
clf.dispose();
report({ metric: 'held-out digit accuracy (LeNet, 8×8 digits)', value: accuracy, target: TARGET });
