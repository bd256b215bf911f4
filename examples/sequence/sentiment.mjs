/**
 * Sentiment analysis of short reviews with a TextCNN and an LSTM (@ml/sequence).
 *
 * The reviews are generated with a seeded Rng so the example runs offline: clauses such as "the plot
 * was not good", "honestly the acting is great", and contrasts "the music was great but the ending was
 * awful" whose label is the clause after "but". Negation and "but" make word order matter: a lexicon
 * count (positive words − negative words, printed for scale) cannot read them. Trains both models,
 * prints held-out accuracy, a few predictions, and exits 1 when a model is below TARGET.
 *
 *   node examples/sequence/sentiment.mjs
 */
import { Rng, setBackend } from '@ml/core';
import { RnnTextClassifier, TextCnnClassifier } from '@ml/sequence';

const SEED = 7;
const TRAIN = 1500;
const TEST = 500;
const EPOCHS = 4;
const TARGET = 0.9; // held-out accuracy each model must reach

const POSITIVE = ['good', 'great', 'excellent', 'wonderful', 'fun', 'moving', 'brilliant', 'enjoyable'];
const NEGATIVE = ['bad', 'awful', 'boring', 'dull', 'terrible', 'weak', 'messy', 'forgettable'];
const SUBJECTS = ['the movie', 'the plot', 'the acting', 'this film', 'the soundtrack', 'the ending', 'the dialogue', 'the cast'];
const VERBS = ['was', 'is', 'felt', 'seemed'];
const OPENERS = ['', '', 'honestly', 'overall', 'i think', 'to be fair', 'in the end'];

function clause(rng) {
  const positive = rng.random() < 0.5;
  const negated = rng.random() < 0.35;
  const adjective = (positive ? POSITIVE : NEGATIVE)[rng.int(8)];
  const words = [SUBJECTS[rng.int(SUBJECTS.length)], VERBS[rng.int(VERBS.length)], ...(negated ? ['not'] : []), adjective];
  return { text: words.join(' '), positive: positive !== negated };
}

function reviews(n, seed) {
  const rng = new Rng(seed);
  const texts = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    const opener = OPENERS[rng.int(OPENERS.length)];
    const first = clause(rng);
    let text = first.text;
    let positive = first.positive;
    if (rng.random() < 0.4) {
      const second = clause(rng);
      text = `${first.text} but ${second.text}`;
      positive = second.positive;
    }
    texts.push(`${opener} ${text}${rng.random() < 0.5 ? '.' : '!'}`.trim());
    labels.push(positive ? 'positive' : 'negative');
  }
  return { texts, labels };
}

const backend = await setBackend('wasm'); // the fastest backend in Node without a GPU
console.log(`backend: ${backend.name} (${backend.reason})`);
const train = reviews(TRAIN, SEED);
const test = reviews(TEST, SEED + 1);
console.log(`${TRAIN} training and ${TEST} test reviews, e.g. "${train.texts[0]}" → ${train.labels[0]}`);

const lexicon = test.texts.map((t) => {
  const words = t.replace(/[.!]/g, '').split(' ');
  const score = words.filter((w) => POSITIVE.includes(w)).length - words.filter((w) => NEGATIVE.includes(w)).length;
  return score >= 0 ? 'positive' : 'negative';
});
const lexiconAccuracy = lexicon.filter((p, i) => p === test.labels[i]).length / TEST;
console.log(`lexicon count (no word order): accuracy ${lexiconAccuracy.toFixed(3)}`);

const models = {
  TextCNN: new TextCnnClassifier({ embeddingDim: 48, numFilters: 48, kernelSizes: [2, 3, 4], dropout: 0.3, seed: SEED }),
  LSTM: new RnnTextClassifier({ cell: 'lstm', embeddingDim: 32, hiddenSize: 32, dropout: 0.1, seed: SEED }),
};
let failed = false;
for (const [name, model] of Object.entries(models)) {
  const started = Date.now();
  await model.fit(train.texts, train.labels, { epochs: EPOCHS, batchSize: 32, lr: 3e-3, validationSplit: 0.1 });
  const accuracy = model.score(test.texts, test.labels);
  const valAccuracy = model.history.valMetrics.accuracy.at(-1);
  console.log(`${name}: test accuracy ${accuracy.toFixed(3)} (validation ${valAccuracy.toFixed(3)}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (accuracy < TARGET) failed = true;
}
const samples = ['the plot was not bad', 'the acting was great but the ending was terrible', 'honestly this film is not fun!'];
const predicted = models.LSTM.predict(samples);
samples.forEach((s, i) => console.log(`  "${s}" → ${predicted[i]} (TextCNN: ${models.TextCNN.predict([s])[0]})`));
for (const model of Object.values(models)) model.dispose();
if (failed) {
  console.error(`a model is below the target accuracy ${TARGET}`);
  process.exit(1);
}
