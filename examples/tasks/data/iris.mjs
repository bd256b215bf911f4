/**
 * Fisher's iris flowers (data/iris.csv, see data/README.md) with string labels, split 70/30,
 * stratified and seeded — what the decision-tree, SVM, kNN and naive Bayes tasks share.
 */
import { readFileSync } from 'node:fs';
import { trainTestSplit } from '@ml/core';

export const IRIS_FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'];

/** @returns {{ classNames: string[], xTrain: number[][], xTest: number[][], yTrain: string[], yTest: string[] }} */
export function loadIris({ testSize = 0.3, seed = 42 } = {}) {
  const [header, ...lines] = readFileSync(new URL('./iris.csv', import.meta.url), 'utf8').trim().split('\n');
  const classNames = header.split(',').slice(2);
  const X = lines.map((l) => l.split(',').slice(0, 4).map(Number));
  const y = lines.map((l) => classNames[Number(l.split(',')[4])]); // string labels: 'setosa', …
  const [xTrain, xTest, yTrain, yTest] = trainTestSplit([X, y], { testSize, seed, stratify: y });
  console.log(`iris: ${xTrain.length} training and ${xTest.length} test flowers, classes ${classNames.join(', ')}`);
  return { classNames, xTrain, xTest, yTrain, yTest };
}

/** Prints a confusion matrix with class names (rows true, columns predicted). */
export function printConfusion(matrix, classNames) {
  console.log(`  confusion matrix (rows true, columns predicted: ${classNames.join(', ')})`);
  for (const [i, row] of matrix.entries()) console.log(`  ${classNames[i].padEnd(10)} ${row.map((v) => String(v).padStart(3)).join(' ')}`);
}
