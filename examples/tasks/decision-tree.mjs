/**
 * Decision trees (the guide's decision-tree task) on Fisher's iris flowers: a depth-limited
 * `DecisionTreeClassifier` (scikit-learn's CART, Gini) printed as rules with its feature importances,
 * then a `RandomForestClassifier` with its out-of-bag score, on a stratified 70/30 split (seeded).
 * Prints test accuracies and the tree's confusion matrix and exits 1 when the tree is below TARGET.
 *
 *   node examples/tasks/decision-tree.mjs
 */
import { accuracyScore, confusionMatrix } from '@ml/core';
import { DecisionTreeClassifier, RandomForestClassifier } from '@ml/classical';
import { IRIS_FEATURES, loadIris, printConfusion } from './data/iris.mjs';
import { report } from './report.mjs';

// Knobs
const MAX_DEPTH = 3;
const TREES = 100;
const SEED = 42;
const TARGET = 0.9; // the tree's test accuracy

const { classNames, xTrain, xTest, yTrain, yTest } = loadIris({ seed: SEED });

const tree = new DecisionTreeClassifier({ maxDepth: MAX_DEPTH, randomState: SEED }).fit(xTrain, yTrain);
const pred = tree.predict(xTest);
const acc = accuracyScore(yTest, pred);
console.log(`\nDecisionTreeClassifier(maxDepth=${MAX_DEPTH}): ${tree.nLeaves} leaves, test accuracy ${acc.toFixed(3)}`);
printConfusion(confusionMatrix(yTest, pred, { labels: classNames }), classNames);
console.log('\nThe tree as rules:');
console.log(tree.exportText({ featureNames: IRIS_FEATURES }));
console.log(`feature importances: ${IRIS_FEATURES.map((f, i) => `${f} ${tree.featureImportances[i].toFixed(3)}`).join(', ')}`);

const forest = new RandomForestClassifier({ nEstimators: TREES, oobScore: true, randomState: SEED }).fit(xTrain, yTrain);
console.log(`\nRandomForestClassifier(${TREES} trees): out-of-bag accuracy ${forest.oobScore.toFixed(3)}, test accuracy ${accuracyScore(yTest, forest.predict(xTest)).toFixed(3)}`);

report({ metric: `iris test accuracy (decision tree, depth ${MAX_DEPTH})`, value: acc, target: TARGET });
