/**
 * Text classification with a recurrent network (the guide's RNN text-classification task): seeded
 * news headlines in four topics (data/headlines.mjs), an embedding → bidirectional GRU → attention
 * pooling → linear classifier (`RnnTextClassifier` from @ml/sequence, tokenised and indexed with
 * @ml/text), trained with Adam on the wasm backend. Prints held-out accuracy, the attention weights'
 * favourite words for a headline, and exits 1 below TARGET.
 *
 *   node examples/tasks/text-classification-rnn.mjs
 */
import { setBackend } from '@ml/core';
import { RnnTextClassifier } from '@ml/sequence';
import { headlines } from './data/headlines.mjs';
import { QUICK, report } from './report.mjs';

// Knobs
const SEED = 5;
const TRAIN = QUICK ? 1500 : 2500;
const TEST = 800;
const EPOCHS = QUICK ? 4 : 6;
const TARGET = 0.9; // held-out accuracy

const backend = await setBackend('wasm');
console.log(`backend: ${backend.name}`);
const train = headlines(TRAIN, SEED);
const test = headlines(TEST, SEED + 1);
console.log(`${TRAIN} training and ${TEST} test headlines, e.g. "${train.texts[0]}" → ${train.labels[0]}`);

const model = new RnnTextClassifier({ cell: 'gru', bidirectional: true, pooling: 'attention', embeddingDim: 32, hiddenSize: 32, dropout: 0.1, seed: SEED });
const started = Date.now();
await model.fit(train.texts, train.labels, { epochs: EPOCHS, batchSize: 32, lr: 3e-3, validationSplit: 0.1 });
const accuracy = model.score(test.texts, test.labels);
console.log(`BiGRU + attention: test accuracy ${accuracy.toFixed(3)} (validation ${model.history.valMetrics.accuracy.at(-1).toFixed(3)}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
// Headlines in the generator's vocabulary: words never seen in training all share one unknown-word
// embedding that training never updated, which is why a real corpus matters.
const samples = ['coach says final derby week', 'minister plan new tax cloud server', 'chef new vegan bakery market'];
const predicted = model.predict(samples);
const proba = model.predictProba(samples);
samples.forEach((s, i) => console.log(`  "${s}" → ${predicted[i]} (${Math.max(...proba[i]).toFixed(2)})`));
model.dispose();
report({ metric: 'topic test accuracy (BiGRU + attention)', value: accuracy, target: TARGET });
