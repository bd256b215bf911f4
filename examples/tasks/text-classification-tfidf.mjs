/**
 * Bag-of-words text classification (the guide's TF-IDF task): seeded news headlines in four topics
 * (data/headlines.mjs), `TfidfVectorizer` (word 1–2-grams, sublinear tf) into a sparse CSR matrix,
 * then `LinearSVC` and multinomial `LogisticRegression` (@ml/classical), both trained on the sparse
 * matrix. Prints test accuracy, the confusion matrix and the terms that most point to each topic, and
 * exits 1 when LinearSVC is below TARGET.
 *
 *   node examples/tasks/text-classification-tfidf.mjs
 */
import { accuracyScore, confusionMatrix } from '@ml/core';
import { LinearSVC, LogisticRegression } from '@ml/classical';
import { TfidfVectorizer } from '@ml/text';
import { TOPICS, headlines } from './data/headlines.mjs';
import { printConfusion } from './data/iris.mjs';
import { report } from './report.mjs';

// Knobs
const SEED = 3;
const TRAIN = 2000;
const TEST = 800;
const TARGET = 0.9; // LinearSVC's test accuracy

const train = headlines(TRAIN, SEED);
const test = headlines(TEST, SEED + 1);
const vectorizer = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true });
const xTrain = vectorizer.fitTransform(train.texts);
const xTest = vectorizer.transform(test.texts);
console.log(`${TRAIN} training / ${TEST} test headlines, ${xTrain.shape[1]} TF-IDF features (${xTrain.nnz} non-zeros); e.g. "${train.texts[0]}" → ${train.labels[0]}`);

const svm = new LinearSVC({ C: 0.5, randomState: SEED }).fit(xTrain, train.labels);
const svmPred = svm.predict(xTest);
const svmAccuracy = accuracyScore(test.labels, svmPred);
console.log(`\nLinearSVC: test accuracy ${svmAccuracy.toFixed(3)}`);
printConfusion(confusionMatrix(test.labels, svmPred, { labels: TOPICS }), TOPICS);
const names = vectorizer.getFeatureNamesOut();
for (const [c, topic] of svm.classes.entries()) {
  const w = svm.coef[c];
  const top = names.map((n, j) => [n, w[j]]).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n]) => n);
  console.log(`  ${topic}: ${top.join(', ')}`);
}

const logreg = new LogisticRegression({ C: 10, maxIter: 500 }).fit(xTrain, train.labels);
console.log(`LogisticRegression (multinomial, L-BFGS): test accuracy ${accuracyScore(test.labels, logreg.predict(xTest)).toFixed(3)}`);
const proba = logreg.predictProba(vectorizer.transform(['coach says the new season starts with a derby']))[0];
console.log(`  "coach says the new season starts with a derby": ${logreg.classes.map((c, i) => `${c} ${proba[i].toFixed(2)}`).join(', ')}`);

report({ metric: 'topic test accuracy (TF-IDF + LinearSVC)', value: svmAccuracy, target: TARGET });
