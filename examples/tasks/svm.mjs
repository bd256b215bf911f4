/**
 * Support vector machines (the guide's SVM task) on Fisher's iris flowers: an RBF `SVC` on
 * standardised features (the scaler is fitted on the training part only), its one-vs-one support
 * vectors and Platt-scaled probabilities, a `LinearSVC` for comparison, then 5-fold `GridSearchCV`
 * over C and gamma of a scaler + SVC `Pipeline`. Exits 1 when the tuned pipeline's test accuracy is
 * below TARGET.
 *
 *   node examples/tasks/svm.mjs
 */
import { accuracyScore, confusionMatrix } from '@ml/core';
import { GridSearchCV, LinearSVC, Pipeline, SVC, StandardScaler } from '@ml/classical';
import { loadIris, printConfusion } from './data/iris.mjs';
import { report } from './report.mjs';

// Knobs
const SEED = 42;
const GRID = { svc__C: [0.1, 1, 10, 100], svc__gamma: ['scale', 0.01, 0.1, 1] };
const FOLDS = 5;
const TARGET = 0.9; // the tuned pipeline's test accuracy

const { classNames, xTrain, xTest, yTrain, yTest } = loadIris({ seed: SEED });
const scaler = new StandardScaler().fit(xTrain);
const [sTrain, sTest] = [scaler.transform(xTrain), scaler.transform(xTest)];

const svc = new SVC({ kernel: 'rbf', C: 1, probability: true, randomState: SEED }).fit(sTrain, yTrain);
const pred = svc.predict(sTest);
console.log(`\nSVC(rbf, C=1): ${svc.supportVectors.length} support vectors (per class ${Array.from(svc.nSupport).join(', ')}), test accuracy ${accuracyScore(yTest, pred).toFixed(3)}`);
printConfusion(confusionMatrix(yTest, pred, { labels: classNames }), classNames);
const proba = svc.predictProba([sTest[0]])[0];
console.log(`  first test flower (${yTest[0]}): ${svc.classes.map((c, i) => `${c} ${proba[i].toFixed(3)}`).join(', ')}`);

const linear = new LinearSVC({ C: 1, randomState: SEED }).fit(sTrain, yTrain);
console.log(`LinearSVC(C=1): test accuracy ${accuracyScore(yTest, linear.predict(sTest)).toFixed(3)}`);

const search = new GridSearchCV(new Pipeline([['scale', new StandardScaler()], ['svc', new SVC()]]), GRID, { cv: FOLDS });
search.fit(xTrain, yTrain);
const tuned = accuracyScore(yTest, search.predict(xTest));
console.log(`\nGridSearchCV (${FOLDS}-fold) best ${JSON.stringify(search.bestParams)}: CV accuracy ${search.bestScore.toFixed(3)}, test accuracy ${tuned.toFixed(3)}`);

report({ metric: 'iris test accuracy (scaler + SVC, grid-searched)', value: tuned, target: TARGET });
