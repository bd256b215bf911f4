/**
 * Spam filtering with word embeddings (@ml/sequence): Word2Vec (skip-gram, negative sampling) learns
 * vectors from unlabelled messages, then an EmbeddingBagClassifier (mean word vector + logistic
 * regression) is fitted on only a few (LABELLED) labelled messages and scored on the rest.
 *
 * The messages are generated with a seeded Rng so the example runs offline: spam and ham each draw
 * from their own phrasing, with the same frames ("hey … … …", "… … today? …") and ~40 content words per class,
 * so most test messages hold words no labelled message contains; the vectors (learnt from unlabelled
 * messages) carry what the labels do not. The vectors are also saved in the word2vec binary format and read back. Set GLOVE to a GloVe
 * text file (e.g. glove.6B.100d.txt) to classify with those vectors instead of the trained ones.
 * Prints accuracy, spam precision/recall/F1, and exits 1 when F1 < TARGET.
 *
 *   node examples/tasks/text-classification-embeddings.mjs
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Rng, f1Score, precisionScore, recallScore } from '@ml/core';
import { EmbeddingBagClassifier, Word2Vec, loadGloVe, loadWord2VecFormat, saveWord2VecFormat, wordTokenize } from '@ml/sequence';
import { QUICK, report } from './report.mjs';

const SEED = 3;
const MESSAGES = 4000; // unlabelled corpus for Word2Vec (the test messages are among them, without labels)
const LABELLED = 16;
const TARGET = 0.9; // spam F1 on the held-out messages

// Both classes share the frames; only the content words differ, and each class has many of them.
const SPAM_WORDS = ('prize reward voucher cash jackpot bonus winner won claim redeem free offer discount deal ' +
  'credit loan ringtone subscription lottery draw award unlock premium guaranteed urgent exclusive bargain refund ' +
  'entry giveaway sale promo coupon points apply eligible selected congratulations txt').split(' ');
const HAM_WORDS = ('mum mom dad sis bro lunch dinner movies gym class practice coffee tomorrow tonight later sunday ' +
  'homework bus train office meeting party birthday pizza groceries keys charger laundry football match weekend ' +
  'concert library exam kitchen garden dog cat nap').split(' ');
const FRAMES = ['hey {} {} {}', '{} {} today? {}', '{}! {} {} now', 'just saw {} {} {}', 'about the {} and {} {}', 'ok {} {} {} later'];
const pick = (rng, list) => list[rng.int(list.length)];

function message(rng) {
  const spam = rng.random() < 0.4;
  const words = spam ? SPAM_WORDS : HAM_WORDS;
  let text = pick(rng, FRAMES);
  for (let k = 0; k < 3; k++) text = text.replace('{}', pick(rng, words));
  return { text, label: spam ? 'spam' : 'ham' };
}

const rng = new Rng(SEED);
const all = Array.from({ length: MESSAGES }, () => message(rng));
const labelled = all.slice(0, LABELLED);
const test = all.slice(LABELLED, LABELLED + 1000);

let vectors;
if (process.env.GLOVE) {
  vectors = await loadGloVe(process.env.GLOVE);
  console.log(`GloVe: ${vectors.size} words × ${vectors.vectorSize} from ${process.env.GLOVE}`);
} else {
  const started = Date.now();
  const w2v = new Word2Vec({ vectorSize: 50, window: 4, minCount: 2, epochs: 5, seed: SEED }).fit(all.map((m) => wordTokenize(m.text)));
  console.log(`Word2Vec: ${w2v.wv.size} words × 50 from ${MESSAGES} unlabelled messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  nearest to "claim": ${w2v.mostSimilar('claim', { topN: 4 }).map(([w, s]) => `${w} ${s.toFixed(2)}`).join(', ')}`);
  console.log(`  nearest to "mum": ${w2v.mostSimilar('mum', { topN: 4 }).map(([w, s]) => `${w} ${s.toFixed(2)}`).join(', ')}`);
  const file = join(os.tmpdir(), `ml-example-spam-vectors-${SEED}.bin`);
  await saveWord2VecFormat(file, w2v.wv, { binary: true });
  vectors = await loadWord2VecFormat(file, { binary: true });
  await rm(file);
  console.log(`  saved and reloaded in the word2vec binary format (${vectors.size} words)`);
}

const labelledWords = new Set(labelled.flatMap((m) => wordTokenize(m.text)));
const content = new Set([...SPAM_WORDS, ...HAM_WORDS]);
const allNew = test.filter((m) => wordTokenize(m.text).every((w) => !content.has(w) || !labelledWords.has(w)));
console.log(`${LABELLED} labelled messages; ${allNew.length} of ${test.length} test messages hold none of their content words`);

const model = new EmbeddingBagClassifier(vectors, { C: 10 }).fit(labelled.map((m) => m.text), labelled.map((m) => m.label));
const yTrue = test.map((m) => m.label);
const yPred = model.predict(test.map((m) => m.text));
const accuracy = yPred.filter((p, i) => p === yTrue[i]).length / test.length;
const f1 = f1Score(yTrue, yPred, { posLabel: 'spam' });
console.log(`accuracy ${accuracy.toFixed(3)}, spam precision ${precisionScore(yTrue, yPred, { posLabel: 'spam' }).toFixed(3)}, recall ${recallScore(yTrue, yPred, { posLabel: 'spam' }).toFixed(3)}, F1 ${f1.toFixed(3)}`);
const newAccuracy = model.score(allNew.map((m) => m.text), allNew.map((m) => m.label));
console.log(`accuracy on the ${allNew.length} messages whose content words no labelled message has: ${newAccuracy.toFixed(3)}`);
for (const text of ['congratulations! you won a free lottery entry, claim your prize now', 'dad can you bring my charger to the library later?']) {
  const [p] = model.predictProba([text]);
  console.log(`  "${text}" → ${model.predict([text])[0]} (P(spam) = ${p[model.classes.indexOf('spam')].toFixed(3)})`);
}
report({ metric: 'spam F1 (Word2Vec + embedding bag)', value: f1, target: TARGET });
