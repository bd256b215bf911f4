/**
 * Sentiment classification with a small BERT, pretrained then fine-tuned (@ml/transformer, @ml/text).
 *
 * A seeded generator writes terse restaurant reviews such as "the waiter was wonderful , pleasant ,
 * brilliant and excellent , fantastic delicious": six sentiment words of one polarity (12 words per
 * polarity). The workflow is the transfer-learning one: train a WordPiece tokenizer on the unlabelled
 * reviews, pretrain a small BERT with masked-language modelling (whole-word masking, 80/10/10) on
 * them, save its body, load the body into `BertForSequenceClassification` under a fresh head, freeze
 * the embeddings and fine-tune on a small labelled set. The labelled set only uses a few sentiment
 * words of each polarity; the test reviews use only the others, so only what pretraining learnt about
 * those words (they co-occur with the labelled ones) can tell their class. Prints test accuracy next to
 * the same model fine-tuned from scratch on the same labelled set. Exits 1 when the pretrained model's
 * accuracy is below TARGET_ACCURACY.
 *
 *   node examples/tasks/bert-text-classification.mjs
 */
import { Rng, setBackend, tf } from '@ml/core';
import { WordPieceTokenizer } from '@ml/text';
import {
  BertForMaskedLM, BertForSequenceClassification, freezeBertLayers, fineTuneSequenceClassification, loadBertBody, packBertBody, pretrainMlm,
} from '@ml/transformer';
import { QUICK, report } from './report.mjs';

const SEED = 7;
const UNLABELLED = 600; // reviews for tokenizer training and MLM pretraining
const LABELLED = 32; // labelled reviews for fine-tuning (half positive)
const TEST = 200; // held-out labelled reviews
const SEEN_WORDS = 3; // sentiment words of each polarity that the labelled set may use
const VOCAB_SIZE = 400; // an upper bound: this corpus runs out of merges at ~190 tokens, every word whole
const PRETRAIN = { epochs: 16, batchSize: 32, lr: 6e-3, warmupSteps: 20, weightDecay: 0.01, mlmProbability: 0.15 };
const FINE_TUNE = { epochs: 20, batchSize: 8, lr: 3e-3, warmupSteps: 5, weightDecay: 0.01 };
const FREEZE = { embeddings: true, layers: 0 }; // frozen while fine-tuning
const TARGET_ACCURACY = 0.85;

const POSITIVE = ['great', 'lovely', 'friendly', 'superb', 'delicious', 'charming', 'brilliant', 'wonderful', 'excellent', 'perfect', 'fantastic', 'pleasant'];
const NEGATIVE = ['awful', 'rude', 'bland', 'dreadful', 'dirty', 'terrible', 'horrible', 'boring', 'mediocre', 'disappointing', 'stale', 'poor'];
const THINGS = ['pasta', 'soup', 'coffee', 'staff', 'waiter', 'room', 'view', 'music', 'dessert', 'bread'];

/** One review of class `label` (1 positive): six sentiment words drawn from `words[label]`. */
function review(rng, label, words) {
  const pick = (list) => list[rng.int(list.length)];
  const s = () => pick(words[label]);
  return `the ${pick(THINGS)} was ${s()} , ${s()} , ${s()} and ${s()} , ${s()} ${s()}`;
}

await setBackend('wasm');
const t0 = performance.now();
const rng = new Rng(SEED);
const all = [NEGATIVE, POSITIVE];
const seen = all.map((w) => w.slice(0, SEEN_WORDS));
const unseen = all.map((w) => w.slice(SEEN_WORDS));
const unlabelled = Array.from({ length: UNLABELLED }, () => review(rng, rng.int(2), all));
const trainLabels = Array.from({ length: LABELLED }, (_, i) => i % 2);
const trainTexts = trainLabels.map((c) => review(rng, c, seen));
const testLabels = Array.from({ length: TEST }, (_, i) => i % 2);
const testTexts = testLabels.map((c) => review(rng, c, unseen));

// 1. Tokenizer: WordPiece trained on the unlabelled reviews.
const tok = WordPieceTokenizer.train(unlabelled, { vocabSize: VOCAB_SIZE });
const encode = (texts) => texts.map((t) => tok.encode(t).ids);
const corpus = encode(unlabelled);
const maxLength = Math.max(...corpus.map((s) => s.length), ...encode(trainTexts).map((s) => s.length), ...encode(testTexts).map((s) => s.length));
console.log(`WordPiece vocabulary ${tok.vocabSize}; e.g. ${JSON.stringify(tok.encode(testTexts[1]).tokens.join(' '))}`);
const specialTokenIds = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((t) => tok.tokenToId(t));
const config = {
  vocabSize: tok.vocabSize, hiddenSize: 32, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 64,
  maxPositionEmbeddings: maxLength, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0,
};

// 2. Pretrain with masked-language modelling on the unlabelled reviews, then save the body.
const mlm = new BertForMaskedLM(config, { seed: SEED });
const pre = await pretrainMlm(mlm, corpus, {
  ...PRETRAIN, maskTokenId: tok.tokenToId('[MASK]'), specialTokenIds, wholeWordMask: true, idToToken: (id) => tok.idToToken(id), seed: SEED + 1,
  onStep: ({ step, loss }) => step % 50 === 0 && console.log(`MLM step ${step}: loss ${loss.toFixed(3)}`),
});
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`MLM loss ${mean(pre.losses.slice(0, 5)).toFixed(2)} → ${mean(pre.losses.slice(-10)).toFixed(2)} in ${pre.losses.length} steps`);

// What pretraining learnt: mask one sentiment word of a held-out review; the share of the predicted
// probability (over the 24 sentiment words) that goes to positive words.
{
  for (const c of [0, 1]) {
    let posMass = 0;
    for (let k = 0; k < 20; k++) {
      const t = review(rng, c, unseen);
      const ids = tok.encode(t).ids;
      const idx = ids.findIndex((id) => all.flat().includes(tok.idToToken(id)));
      ids[idx] = tok.tokenToId('[MASK]');
      const p = tf.tidy(() => tf.softmax(mlm.logitsAt(tf.tensor2d([ids], [1, ids.length], 'int32'), tf.tensor1d([idx], 'int32'))).arraySync()[0]);
      posMass += POSITIVE.reduce((a, w) => a + (p[tok.tokenToId(w)] ?? 0), 0) / (POSITIVE.concat(NEGATIVE).reduce((a, w) => a + (p[tok.tokenToId(w)] ?? 0), 0));
    }
    console.log(`MLM, masked sentiment word in ${['negative', 'positive'][c]} reviews: ${((posMass / 20) * 100).toFixed(0)}% of the sentiment-word probability on positive words`);
  }
}
const body = await packBertBody(mlm);
mlm.dispose();
console.log(`saved body: ${(body.byteLength / 1024).toFixed(0)} KiB (safetensors, Hugging Face BertModel names)`);

// 3. Fine-tune on the small labelled set: pretrained body vs the same model from scratch.
const train = { inputIds: encode(trainTexts), labels: trainLabels };
const testIds = encode(testTexts);
async function predict(model, ids) {
  const { ids: padded, mask } = padRows(ids, tok.tokenToId('[PAD]'));
  const shape = [padded.length, padded[0].length];
  const pred = tf.tidy(() => tf.argMax(model.forward(tf.tensor2d(padded, shape, 'int32'), { attentionMask: tf.tensor2d(mask, shape, 'int32') }), 1));
  const p = Array.from(await pred.data());
  pred.dispose();
  return p;
}
function padRows(rows, pad) {
  const t = Math.max(...rows.map((r) => r.length));
  return { ids: rows.map((r) => [...r, ...Array(t - r.length).fill(pad)]), mask: rows.map((r) => [...Array(r.length).fill(1), ...Array(t - r.length).fill(0)]) };
}
const accuracy = (pred) => pred.filter((p, i) => p === testLabels[i]).length / testLabels.length;

const pretrained = new BertForSequenceClassification(config, { numLabels: 2, seed: SEED + 2 });
const { missingKeys } = loadBertBody(pretrained, body);
console.log(`loaded the body under a fresh head (fresh: classifier, ${missingKeys.join(', ') || 'nothing else'})`);
freezeBertLayers(pretrained, FREEZE);
const ftPre = await fineTuneSequenceClassification(pretrained, train, { ...FINE_TUNE, seed: SEED + 3 });
const predPre = await predict(pretrained, testIds);
const accPre = accuracy(predPre);

const scratch = new BertForSequenceClassification(config, { numLabels: 2, seed: SEED + 2 });
freezeBertLayers(scratch, FREEZE);
const ftScratch = await fineTuneSequenceClassification(scratch, train, { ...FINE_TUNE, seed: SEED + 3 });
const accScratch = accuracy(await predict(scratch, testIds));

console.log(`\nfine-tuning loss (last step): pretrained ${ftPre.losses.at(-1).toFixed(3)}, scratch ${ftScratch.losses.at(-1).toFixed(3)}`);
console.log(`test accuracy on ${TEST} reviews with sentiment words the labelled set never shows:`);
console.log(`  pretrained + fine-tuned  ${(accPre * 100).toFixed(1)}%  (target >= ${TARGET_ACCURACY * 100}%)`);
console.log(`  from scratch             ${(accScratch * 100).toFixed(1)}%\n`);
for (let i = 0; i < 4; i++) console.log(`  ${['negative', 'positive'][predPre[i]].padEnd(8)} ${testTexts[i]}`);
console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
pretrained.dispose();
scratch.dispose();
report({ metric: 'held-out accuracy (pretrained + fine-tuned BERT)', value: accPre, target: TARGET_ACCURACY });
