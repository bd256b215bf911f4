/** The training recipe's pieces: weight-decay exclusions by name, padding, and argument errors. */
import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { paramGroupsNoDecay } from '@ml/core/optim';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { BertForMaskedLM, BertForSequenceClassification } from './bert-heads.js';
import { bertNoDecay, padBatch } from './train-bert.js';
import { pretrainMlm } from './pretrain-mlm.js';
import { fineTuneSequenceClassification } from './fine-tune.js';
import { bertTorchName } from './bert-config.js';

const config = { vocabSize: 12, hiddenSize: 8, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 16, maxPositionEmbeddings: 8 };

await describeBackends('BERT training recipe', () => {
  it("no weight decay on biases and LayerNorm weights (Hugging Face's ['bias', 'LayerNorm.weight'])", () => {
    const model = new BertForMaskedLM(config);
    const named = model.namedParameters();
    const hfExcluded = (n: string) => ['bias', 'LayerNorm.weight'].some((k) => bertTorchName(n).includes(k));
    for (const [n] of named) expect(bertNoDecay(n)).toBe(hfExcluded(n));
    const [decay, rest] = paramGroupsNoDecay(named, { weightDecay: 0.01, noDecay: bertNoDecay });
    expect(decay?.params.length).toBe(named.filter(([n]) => n.endsWith('weight') && !n.includes('layerNorm')).length);
    expect(rest?.params).toContain(model.cls.predictions.bias);
    expect(rest?.params).toContain(model.bert.embeddings.layerNorm.weight);
    expect(decay?.params).toContain(model.bert.embeddings.wordEmbeddings.weight);
    model.dispose();
  });

  it('padBatch pads right and masks; the loops reject bad arguments, naming them', async () => {
    expect(padBatch([[2, 5, 3], [2, 3]], 0)).toEqual({ ids: [[2, 5, 3], [2, 3, 0]], mask: [[1, 1, 1], [1, 1, 0]] });
    await assertNoLeaks(async () => {
      const mlm = new BertForMaskedLM(config);
      await expect(pretrainMlm(mlm, [[2, 5, 3]], { maskTokenId: 4, warmupSteps: 5 })).rejects.toThrow(/'warmupSteps' must be an integer in \[0, 1\]/);
      await expect(pretrainMlm(mlm, [new Array(9).fill(5)], { maskTokenId: 4 })).rejects.toThrow(/'encodedCorpus\[0\]' must be a non-empty array of at most 8 token ids/);
      mlm.freeze();
      await expect(pretrainMlm(mlm, [[2, 5, 3]], { maskTokenId: 4 })).rejects.toThrow(/every parameter of the model is frozen/);
      mlm.dispose();
      const clf = new BertForSequenceClassification(config, { numLabels: 2 });
      await expect(fineTuneSequenceClassification(clf, { inputIds: [[2, 5, 3]], labels: [2] })).rejects.toThrow(/'data.labels' must hold 1 integers in \[0, 2\)/);
      // One real step: parameters change, the model ends in eval mode.
      const before = tf.clone(clf.classifier.weight);
      const { losses } = await fineTuneSequenceClassification(clf, { inputIds: [[2, 5, 3], [2, 6, 7, 3]], labels: [0, 1] }, { lr: 1e-2, batchSize: 2 });
      expect(losses.length).toBe(1);
      expect(Number.isFinite(losses[0])).toBe(true);
      const movedT = tf.tidy(() => tf.max(tf.abs(tf.sub(before, clf.classifier.weight))));
      const moved = (await movedT.data())[0] as number; // async read: works on WebGPU too
      movedT.dispose();
      expect(moved).toBeGreaterThan(0);
      expect(clf.training).toBe(false);
      before.dispose();
      clf.dispose();
    });
  });
});
