/**
 * Learning tests that fail when training does not work (wasm only, for time): MLM loss falls on a
 * seeded synthetic language with whole-word masking; and transfer learning: a classifier pretrained
 * with MLM on a synthetic language, saved, reloaded under a fresh head and fine-tuned on a small
 * labelled set beats the same model fine-tuned from scratch, on sentences made of words the labelled
 * set never shows (only pretraining can tell which class those words belong to).
 */
import { expect, it } from 'vitest';
import { tf, Rng } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { BertForMaskedLM, BertForSequenceClassification } from './bert-heads.js';
import { pretrainMlm } from './pretrain-mlm.js';
import { fineTuneSequenceClassification } from './fine-tune.js';
import { freezeBertLayers, loadBertBody, packBertBody } from './bert-transfer.js';
import type { BertConfig } from './bert-config.js';

const [PAD, CLS, SEP, MASK] = [0, 2, 3, 4];
const SPECIAL = [PAD, 1, CLS, SEP, MASK];

await describeBackends('BERT learning', (backend) => {
  it.skipIf(backend !== 'wasm')('MLM loss falls on a seeded synthetic language (whole-word masking)', async () => {
    await assertNoLeaks(async () => {
      // Words: a start 'w0'…'w9' (ids 5…14) and a piece '##s0'…'##s4' (ids 15…19) fixed by the start;
      // a sentence repeats one word five times, so one visible word determines the masked ones.
      const idToToken = (id: number) => (id >= 15 ? `##s${id - 15}` : id >= 5 ? `w${id - 5}` : '[special]');
      const rng = new Rng(5);
      const corpus = Array.from({ length: 256 }, () => {
        const w = rng.int(10);
        const s = [CLS];
        for (let k = 0; k < 5; k++) s.push(5 + w, 15 + (w % 5));
        return [...s, SEP];
      });
      const config: BertConfig = { vocabSize: 20, hiddenSize: 32, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 64, maxPositionEmbeddings: 16, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0 };
      const model = new BertForMaskedLM(config, { seed: 1 });
      const lrs: number[] = [];
      const { losses } = await pretrainMlm(model, corpus, {
        maskTokenId: MASK, specialTokenIds: SPECIAL, wholeWordMask: true, idToToken,
        epochs: 12, batchSize: 32, lr: 5e-3, warmupSteps: 10, weightDecay: 0.01, seed: 2,
        onStep: ({ lr }) => void lrs.push(lr),
      });
      expect(losses.length).toBe(96);
      expect(lrs[0]).toBe(0); // linear warmup from 0
      expect(lrs[10]).toBeCloseTo(5e-3, 8);
      expect(lrs[95]).toBeCloseTo(5e-3 / 86, 8); // linear decay: the last step's lr
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const first = mean(losses.slice(0, 5));
      const last = mean(losses.slice(-10));
      expect(first).toBeGreaterThan(2.3); // ≈ ln 20 at the start
      expect(last).toBeLessThan(0.8);
      expect(model.training).toBe(false);
      model.dispose();
    });
  }, 120_000);

  it.skipIf(backend !== 'wasm')('pretrain → save → load under a fresh head → freeze → fine-tune beats training from scratch', async () => {
    await assertNoLeaks(async () => {
      // Two classes, each with 16 words (class 0: ids 5…20, class 1: ids 21…36); a sentence holds 6
      // words of its class. The labelled set uses only the first 4 words of each class; the test set
      // only the other 12, whose class only MLM pretraining (on sentences of all 16) can reveal.
      const rng = new Rng(11);
      const word = (c: number, lo: number, hi: number) => 5 + 16 * c + lo + rng.int(hi - lo);
      const sentence = (c: number, lo: number, hi: number) => {
        return [CLS, ...Array.from({ length: 6 }, () => word(c, lo, hi)), SEP];
      };
      const corpus = Array.from({ length: 512 }, (_, i) => sentence(i % 2, 0, 16));
      const trainLabels = Array.from({ length: 24 }, (_, i) => i % 2);
      const train = { inputIds: trainLabels.map((c) => sentence(c, 0, 4)), labels: trainLabels };
      const testLabels = Array.from({ length: 100 }, (_, i) => i % 2);
      const test = testLabels.map((c) => sentence(c, 4, 16));
      const config: BertConfig = { vocabSize: 37, hiddenSize: 32, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 64, maxPositionEmbeddings: 16, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0 };

      const mlm = new BertForMaskedLM(config, { seed: 3 });
      const pre = await pretrainMlm(mlm, corpus, { maskTokenId: MASK, specialTokenIds: SPECIAL, epochs: 16, batchSize: 32, lr: 6e-3, warmupSteps: 10, seed: 4 });
      const packed = await packBertBody(mlm);
      mlm.dispose();

      const accuracy = async (model: BertForSequenceClassification) => {
        const pred = tf.tidy(() => tf.argMax(model.forward(tf.tensor2d(test, [test.length, 8], 'int32')), 1));
        const p = await pred.data();
        pred.dispose();
        return testLabels.filter((c, i) => p[i] === c).length / testLabels.length;
      };
      const fineTune = { epochs: 20, batchSize: 8, lr: 3e-3, warmupSteps: 5, weightDecay: 0.01, seed: 6 };

      const transferred = new BertForSequenceClassification(config, { numLabels: 2, seed: 7 });
      const loaded = loadBertBody(transferred, packed);
      expect(loaded.missingKeys).toEqual(['pooler.dense.weight', 'pooler.dense.bias']); // the MLM body has no pooler
      freezeBertLayers(transferred, { embeddings: true, layers: 0 });
      const frozen = tf.clone(transferred.bert.embeddings.wordEmbeddings.weight);
      await fineTuneSequenceClassification(transferred, train, fineTune);
      expect(tf.tidy(() => tf.max(tf.abs(tf.sub(frozen, transferred.bert.embeddings.wordEmbeddings.weight))).arraySync())).toBe(0);
      frozen.dispose();
      const accTransfer = await accuracy(transferred);

      const scratch = new BertForSequenceClassification(config, { numLabels: 2, seed: 7 });
      freezeBertLayers(scratch, { embeddings: true, layers: 0 });
      const { losses } = await fineTuneSequenceClassification(scratch, train, fineTune);
      expect(losses.at(-1)).toBeLessThan(0.2); // it does fit the labelled set
      const accScratch = await accuracy(scratch);

      console.info(`transfer: pretrained ${accTransfer}, scratch ${accScratch}, MLM loss ${pre.losses[0]?.toFixed(2)} → ${pre.losses.at(-1)?.toFixed(2)}`);
      expect(pre.losses.at(-1)).toBeLessThan((pre.losses[0] as number) - 0.5);
      expect(accTransfer).toBeGreaterThanOrEqual(0.9);
      expect(accTransfer - accScratch).toBeGreaterThanOrEqual(0.15);
      transferred.dispose();
      scratch.dispose();
    });
  }, 180_000);
});
