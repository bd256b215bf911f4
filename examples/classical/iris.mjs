/**
 * The guide's classical classifiers on Fisher's iris flowers: Gaussian naive Bayes and k-nearest
 * neighbours, trained on a stratified 70 % split (seeded) of the 150 flowers shipped in data/iris.csv
 * and scored on the other 30 %. Prints each model's test accuracy and confusion matrix and exits 1
 * when any model is below TARGET.
 *
 *   node examples/classical/iris.mjs
 */
import { readFileSync } from 'node:fs';
import { accuracyScore, confusionMatrix, trainTestSplit } from '@ml/core';
import { GaussianNB, KNeighborsClassifier, StandardScaler } from '@ml/classical';

const TEST_SIZE = 0.3;
const SEED = 42;
const TARGET = 0.9; // test accuracy every model must reach

const [header, ...lines] = readFileSync(new URL('./data/iris.csv', import.meta.url), 'utf8').trim().split('\n');
const classNames = header.split(',').slice(2);
const X = lines.map((l) => l.split(',').slice(0, 4).map(Number));
const y = lines.map((l) => classNames[Number(l.split(',')[4])]); // string labels: 'setosa', …

const [xTrain, xTest, yTrain, yTest] = trainTestSplit([X, y], { testSize: TEST_SIZE, seed: SEED, stratify: y });
console.log(`iris: ${xTrain.length} training and ${xTest.length} test flowers, classes ${classNames.join(', ')}`);

// kNN compares distances, so it sees standardised features (fitted on the training part only).
const scaler = new StandardScaler().fit(xTrain);
const models = [
  ['GaussianNB', new GaussianNB(), false],
  ['KNeighborsClassifier(k=5)', new KNeighborsClassifier({ nNeighbors: 5 }), true],
];

let failed = 0;
for (const [name, model, scaled] of models) {
  model.fit(scaled ? scaler.transform(xTrain) : xTrain, yTrain);
  const pred = model.predict(scaled ? scaler.transform(xTest) : xTest);
  const acc = accuracyScore(yTest, pred);
  const ok = acc >= TARGET;
  if (!ok) failed++;
  console.log(`\n${name}: test accuracy ${acc.toFixed(3)} (target ≥ ${TARGET}) ${ok ? 'ok' : 'BELOW TARGET'}`);
  const cm = confusionMatrix(yTest, pred, { labels: classNames });
  console.log(`  confusion matrix (rows true, columns predicted: ${classNames.join(', ')})`);
  for (const [i, row] of cm.entries()) console.log(`  ${classNames[i].padEnd(10)} ${row.map((v) => String(v).padStart(3)).join(' ')}`);
}
console.log(`\niris accuracy: ${models.length - failed} of ${models.length} models at or above ${TARGET}`);
process.exit(failed === 0 ? 0 : 1);
