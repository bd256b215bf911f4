/**
 * TextCnn and RnnText (bidirectional LSTM, attention pooling, padded rows) give PyTorch 1.13's logits
 * for the same weights (`scripts/fixtures/sequence_text_cnn.py`), on every backend, without leaks.
 */
import { expect, it } from 'vitest';
import { fromTorchStateDict, tf, type Module } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import fixture from './__fixtures__/text-networks.json';
import { RnnText } from './rnn-text.js';
import { TextCnn } from './text-cnn.js';

type Case = (typeof fixture)['textCnn'] | (typeof fixture)['rnnText'];

async function check(module: Module, c: Case): Promise<void> {
  const torch = Object.fromEntries(Object.entries(c.stateDict).map(([k, v]) => [k, tf.tensor(v.data, v.shape)]));
  const ours = fromTorchStateDict(module, torch);
  module.loadStateDict(ours);
  tf.dispose([...Object.values(torch), ...Object.values(ours)]);
  module.eval();
  const ids = tf.tensor2d(c.ids, undefined, 'int32');
  const logits = module.call(ids);
  const got = (await logits.array()) as number[][];
  tf.dispose([ids, logits]);
  got.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - c.logits[i][k]), `logits[${i}][${k}]`).toBeLessThan(1e-5)));
}

await describeBackends('text networks match PyTorch', () => {
  it('TextCnn (kernels 2 and 3, max over time)', async () => {
    const c = fixture.textCnn;
    await assertNoLeaks(async () => {
      const m = new TextCnn(c.config.vocab, c.config.classes, { embeddingDim: c.config.embeddingDim, kernelSizes: c.config.kernelSizes, numFilters: c.config.numFilters });
      await check(m, c);
      m.dispose();
    });
  });

  it('RnnText (bidirectional LSTM, attention pooling, packed variable lengths)', async () => {
    const c = fixture.rnnText;
    await assertNoLeaks(async () => {
      const m = new RnnText(c.config.vocab, c.config.classes, {
        cell: 'lstm', bidirectional: true, pooling: 'attention', embeddingDim: c.config.embeddingDim, hiddenSize: c.config.hiddenSize, attentionSize: c.config.attentionSize,
      });
      await check(m, c);
      m.dispose();
    });
  });
});
