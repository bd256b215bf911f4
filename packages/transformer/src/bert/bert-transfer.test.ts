/** packBertBody / loadBertBody / freezeBertLayers: HF key names in the file, exact round trip, errors. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { tf, readSafetensors } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { BertModel } from './bert-model.js';
import { BertForMaskedLM, BertForQuestionAnswering, BertForSequenceClassification } from './bert-heads.js';
import { freezeBertLayers, loadBertBody, packBertBody } from './bert-transfer.js';

const config = { vocabSize: 23, hiddenSize: 16, numHiddenLayers: 2, numAttentionHeads: 2, intermediateSize: 32, maxPositionEmbeddings: 12, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0 };
const fixtureKeys = Object.keys((JSON.parse(readFileSync(new URL('../__fixtures__/bert.json', import.meta.url), 'utf8')) as { state: Record<string, unknown> }).state);

await describeBackends('BERT transfer', () => {
  it('the packed body holds Hugging Face BertModel keys; loading it reproduces the body exactly', async () => {
    await assertNoLeaks(async () => {
      const source = new BertForSequenceClassification(config, { seed: 1 }).eval();
      const bytes = await packBertBody(source);
      const { tensors } = readSafetensors(bytes);
      const hfBody = fixtureKeys.filter((k) => k.startsWith('bert.')).map((k) => k.slice(5));
      expect([...tensors.keys()].sort()).toEqual(hfBody.sort());
      expect(tensors.get('encoder.layer.0.intermediate.dense.weight')?.shape).toEqual([32, 16]); // PyTorch [out, in]
      const target = new BertModel(config, { seed: 2 }).eval();
      expect(loadBertBody(target, bytes)).toEqual({ missingKeys: [], unexpectedKeys: [] });
      const ids = tf.tensor2d([[2, 7, 9, 3, 0]], [1, 5], 'int32');
      const attentionMask = tf.tensor2d([[1, 1, 1, 1, 0]], [1, 5], 'int32');
      const a = source.bert.call(ids, { attentionMask });
      const b = target.call(ids, { attentionMask });
      await assertClose(b.lastHiddenState, a.lastHiddenState, { rtol: 0, atol: 0 });
      await assertClose(b.pooledOutput as tf.Tensor, a.pooledOutput as tf.Tensor, { rtol: 0, atol: 0 });
      tf.dispose([ids, attentionMask, a.lastHiddenState, a.pooledOutput, b.lastHiddenState, b.pooledOutput]);
      // A body without a pooler (MLM) loads into a QA model (no pooler either) with nothing missing.
      const mlm = new BertForMaskedLM(config, { seed: 3 });
      const qa = new BertForQuestionAnswering(config, { seed: 4 });
      const headBefore = tf.clone(qa.qaOutputs.weight);
      expect(loadBertBody(qa, await packBertBody(mlm))).toEqual({ missingKeys: [], unexpectedKeys: [] });
      await assertClose(qa.bert.embeddings.wordEmbeddings.weight, mlm.bert.embeddings.wordEmbeddings.weight, { rtol: 0, atol: 0 });
      await assertClose(qa.qaOutputs.weight, headBefore, { rtol: 0, atol: 0 }); // the head is untouched
      headBefore.dispose();
      // Sizes must agree.
      const wide = new BertModel({ ...config, hiddenSize: 8 });
      expect(() => loadBertBody(wide, bytes)).toThrow(/the saved body has 'hiddenSize' = 16; the target model has 8/);
      [source, target, mlm, qa, wide].forEach((m) => m.dispose());
    });
  });

  it('freezeBertLayers marks the embeddings and the lowest layers non-trainable', () => {
    const model = freezeBertLayers(new BertForSequenceClassification(config), { embeddings: true, layers: 1 });
    const frozen = model.namedParameters().filter(([, p]) => !p.trainable).map(([n]) => n);
    expect(frozen.length).toBeGreaterThan(0);
    expect(frozen.every((n) => n.startsWith('bert.embeddings.') || n.startsWith('bert.encoder.layer.0.'))).toBe(true);
    expect(model.bert.encoder.layer[1]?.parameters().every((p) => p.trainable)).toBe(true);
    expect(model.classifier.weight.trainable).toBe(true);
    expect(() => freezeBertLayers(model, { layers: 3 })).toThrow(/'layers' must be an integer in \[0, 2\]; received 3/);
    model.dispose();
  });
});
