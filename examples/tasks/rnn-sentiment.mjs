/**
 * Sentiment analysis of short reviews with an LSTM (@ml/sequence): the guide's RNN sentiment task.
 *
 * The reviews are generated with a seeded Rng so the example runs offline: clauses such as "the plot
 * was not good", "honestly the acting is great", and contrasts "the music was great but the ending was
 * awful" whose label is the clause after "but". Negation and "but" make word order matter: a lexicon
 * count (positive words − negative words, printed for scale) cannot read them (data/reviews.mjs).
 * Trains an embedding → LSTM → linear classifier (`RnnTextClassifier`), prints held-out accuracy and a
 * few predictions, and exits 1 below TARGET.
 *
 *   node examples/tasks/rnn-sentiment.mjs
 */
import { setBackend } from '@ml/core';
import { RnnTextClassifier } from '@ml/sequence';
import { lexiconAccuracy, reviews } from './data/reviews.mjs';
import { QUICK, report } from './report.mjs';

const SEED = 7;
const TRAIN = QUICK ? 1000 : 1500;
const TEST = 500;
const EPOCHS = 4;
const TARGET = 0.9; // held-out accuracy

const backend = await setBackend('wasm'); // the fastest backend in Node without a GPU
console.log(`backend: ${backend.name} (${backend.reason})`);
const train = reviews(TRAIN, SEED);
const test = reviews(TEST, SEED + 1);
console.log(`${TRAIN} training and ${TEST} test reviews, e.g. "${train.texts[0]}" → ${train.labels[0]}`);
console.log(`lexicon count (no word order): accuracy ${lexiconAccuracy(test).toFixed(3)}`);

const model = new RnnTextClassifier({ cell: 'lstm', embeddingDim: 32, hiddenSize: 32, dropout: 0.1, seed: SEED });
const started = Date.now();
await model.fit(train.texts, train.labels, { epochs: EPOCHS, batchSize: 32, lr: 3e-3, validationSplit: 0.1 });
const accuracy = model.score(test.texts, test.labels);
const valAccuracy = model.history.valMetrics.accuracy.at(-1);
console.log(`LSTM: test accuracy ${accuracy.toFixed(3)} (validation ${valAccuracy.toFixed(3)}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
const samples = ['the plot was not bad', 'the acting was great but the ending was terrible', 'honestly this film is not fun!'];
const predicted = model.predict(samples);
samples.forEach((s, i) => console.log(`  "${s}" → ${predicted[i]}`));
model.dispose();
report({ metric: 'held-out review accuracy (LSTM)', value: accuracy, target: TARGET });
