/**
 * k-nearest neighbours (the guide's kNN task) on Fisher's iris flowers: k chosen by 5-fold
 * cross-validation on the training part (standardised features), then `KNeighborsClassifier` with
 * uniform and distance weights, brute force and k-d tree (same answers), scored on the held-out 30 %.
 * Exits 1 when the chosen model is below TARGET.
 *
 *   node examples/tasks/knn.mjs
 */
import { accuracyScore, confusionMatrix } from '@ml/core';
import { KNeighborsClassifier, Pipeline, StandardScaler, crossValScore } from '@ml/classical';
import { loadIris, printConfusion } from './data/iris.mjs';
import { report } from './report.mjs';

// Knobs
const SEED = 42;
const KS = [1, 3, 5, 7, 9, 11, 15];
const FOLDS = 5;
const TARGET = 0.9;

const { classNames, xTrain, xTest, yTrain, yTest } = loadIris({ seed: SEED });
const pipeline = (k, weights = 'uniform', algorithm = 'auto') =>
  new Pipeline([['scale', new StandardScaler()], ['knn', new KNeighborsClassifier({ nNeighbors: k, weights, algorithm })]]);

let best = { k: KS[0], score: -1 };
for (const k of KS) {
  const scores = crossValScore(pipeline(k), xTrain, yTrain, { cv: FOLDS });
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  console.log(`k=${String(k).padStart(2)}: ${FOLDS}-fold CV accuracy ${mean.toFixed(3)}`);
  if (mean > best.score) best = { k, score: mean };
}
console.log(`chosen k = ${best.k}`);

let chosen = 0;
for (const [weights, algorithm] of [['uniform', 'brute'], ['uniform', 'kd_tree'], ['distance', 'kd_tree']]) {
  const model = pipeline(best.k, weights, algorithm).fit(xTrain, yTrain);
  const pred = model.predict(xTest);
  const acc = accuracyScore(yTest, pred);
  console.log(`\nKNeighborsClassifier(k=${best.k}, weights=${weights}, algorithm=${algorithm}): test accuracy ${acc.toFixed(3)}`);
  if (weights === 'uniform' && algorithm === 'brute') {
    chosen = acc;
    printConfusion(confusionMatrix(yTest, pred, { labels: classNames }), classNames);
  }
}

report({ metric: `iris test accuracy (kNN, k=${best.k} by CV)`, value: chosen, target: TARGET });
