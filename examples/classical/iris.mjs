/**
 * The guide's classical classifiers on Fisher's iris flowers: a decision tree (printed as rules), an
 * RBF support vector machine, Gaussian naive Bayes, k-nearest neighbours and logistic regression,
 * trained on a stratified 70 % split (seeded) of the 150 flowers shipped in data/iris.csv and scored
 * on the other 30 %; then 5-fold cross-validation of the SVM's C and gamma with GridSearchCV over a
 * scaler + SVC pipeline. Prints each model's test accuracy and confusion matrix and exits 1 when any
 * model is below TARGET.
 *
 *   node examples/classical/iris.mjs
 */
import { readFileSync } from 'node:fs';
import { accuracyScore, confusionMatrix, trainTestSplit } from '@ml/core';
import { DecisionTreeClassifier, GaussianNB, GridSearchCV, KNeighborsClassifier, LogisticRegression, Pipeline, SVC, StandardScaler } from '@ml/classical';

const TEST_SIZE = 0.3;
const SEED = 42;
const TARGET = 0.9; // test accuracy every model must reach

const [header, ...lines] = readFileSync(new URL('./data/iris.csv', import.meta.url), 'utf8').trim().split('\n');
const classNames = header.split(',').slice(2);
const X = lines.map((l) => l.split(',').slice(0, 4).map(Number));
const y = lines.map((l) => classNames[Number(l.split(',')[4])]); // string labels: 'setosa', …

const [xTrain, xTest, yTrain, yTest] = trainTestSplit([X, y], { testSize: TEST_SIZE, seed: SEED, stratify: y });
console.log(`iris: ${xTrain.length} training and ${xTest.length} test flowers, classes ${classNames.join(', ')}`);

// kNN, the SVM and logistic regression compare scales, so they see standardised features (fitted on
// the training part only); the tree and naive Bayes do not need it.
const scaler = new StandardScaler().fit(xTrain);
const tree = new DecisionTreeClassifier({ maxDepth: 3, randomState: SEED });
const models = [
  ['DecisionTreeClassifier(maxDepth=3)', tree, false],
  ['SVC(rbf)', new SVC({ kernel: 'rbf', C: 1 }), true],
  ['GaussianNB', new GaussianNB(), false],
  ['KNeighborsClassifier(k=5)', new KNeighborsClassifier({ nNeighbors: 5 }), true],
  ['LogisticRegression', new LogisticRegression({ maxIter: 1000 }), true],
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
console.log('\nThe decision tree as rules:');
console.log(tree.exportText({ featureNames: ['sepal length', 'sepal width', 'petal length', 'petal width'] }));

const search = new GridSearchCV(new Pipeline([['scale', new StandardScaler()], ['svc', new SVC()]]), { svc__C: [0.1, 1, 10], svc__gamma: ['scale', 0.1, 1] }, { cv: 5 });
search.fit(xTrain, yTrain);
console.log(`GridSearchCV (5-fold) best ${JSON.stringify(search.bestParams)}: CV accuracy ${search.bestScore.toFixed(3)}, test accuracy ${accuracyScore(yTest, search.predict(xTest)).toFixed(3)}`);

console.log(`\niris accuracy: ${models.length - failed} of ${models.length} models at or above ${TARGET}`);
process.exit(failed === 0 ? 0 : 1);
