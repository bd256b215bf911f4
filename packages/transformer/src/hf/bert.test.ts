/**
 * Hugging Face BERT folders: the PyTorch reference state of scripts/fixtures/transformer_bert.py
 * (HF names and layouts) written as `save_pretrained`-style folders in several variants (prefixed
 * or not, old gamma/beta names, tied decoder keys, position_ids buffer, shards), loaded with
 * `loadBert`, and compared with the PyTorch outputs to 1e-4.
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tf, StateDictError } from '@ml/core';
import { writeSafetensors } from '@ml/core/io';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { loadBert, saveBert, bertConfigFromHf } from './bert.js';
import type { BertForMaskedLM, BertForQuestionAnswering, BertForSequenceClassification } from '../bert/bert-heads.js';
import type { BertModel } from '../bert/bert-model.js';

interface Encoded { shape: number[]; dtype: 'float32' | 'int32'; data: number[] }
const fx = JSON.parse(readFileSync(new URL('../__fixtures__/bert.json', import.meta.url), 'utf8')) as {
  config: Record<string, number>;
  state: Record<string, Encoded>;
  inputs: Record<string, Encoded>;
  outputs: Record<string, Encoded>;
};
const decode = (e: Encoded): tf.Tensor => tf.tensor(e.data, e.shape, e.dtype);
const tmp = mkdtempSync(join(os.tmpdir(), 'ml-hf-bert-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a folder with the fixture keys selected and renamed by `pick` (undefined drops a key). */
function writeFolder(name: string, architecture: string, pick: (key: string) => string | undefined, extra: Record<string, Encoded> = {}, shards = false): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [k, v] of Object.entries({ ...fx.state, ...extra })) {
    const key = k in extra ? k : pick(k);
    if (key !== undefined) tensors[key] = { shape: v.shape, data: Float32Array.from(v.data) };
  }
  const config = { ...fx.config, architectures: [architecture], model_type: 'bert', hidden_act: 'gelu', hidden_dropout_prob: 0, attention_probs_dropout_prob: 0 };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  if (!shards) writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(tensors));
  else {
    const keys = Object.keys(tensors);
    const halves = [keys.slice(0, keys.length >> 1), keys.slice(keys.length >> 1)];
    const weightMap: Record<string, string> = {};
    halves.forEach((ks, i) => {
      const file = `model-0000${i + 1}-of-00002.safetensors`;
      writeFileSync(join(dir, file), writeSafetensors(Object.fromEntries(ks.map((k) => [k, tensors[k] as { shape: number[]; data: Float32Array }]))));
      for (const k of ks) weightMap[k] = file;
    });
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: weightMap }));
  }
  return dir;
}

const body = (k: string) => (k.startsWith('bert.') ? k : undefined);
const word = fx.state['bert.embeddings.word_embeddings.weight'] as Encoded;
const mlmDir = writeFolder('mlm', 'BertForMaskedLM', (k) => (k.startsWith('bert.') || k.startsWith('cls.') ? k : undefined), {
  'cls.predictions.decoder.weight': word, // tied copies, as HF saves them
  'cls.predictions.decoder.bias': fx.state['cls.predictions.bias'] as Encoded,
  'bert.embeddings.position_ids': { shape: [1, 12], dtype: 'float32', data: Array.from({ length: 12 }, (_, i) => i) },
});
const gammaDir = writeFolder('base-gamma', 'BertModel', (k) => body(k)?.slice(5).replace(/LayerNorm\.weight$/, 'LayerNorm.gamma').replace(/LayerNorm\.bias$/, 'LayerNorm.beta'), {}, true);
const seqDir = writeFolder('seq', 'BertForSequenceClassification', (k) => (k.startsWith('bert.') || k.startsWith('classifier.') ? k : undefined));
const qaDir = writeFolder('qa', 'BertForQuestionAnswering', (k) => (k.startsWith('bert.') || k.startsWith('qa_outputs.') ? k : undefined));

await describeBackends('loadBert (Hugging Face folders) against PyTorch', () => {
  const inputs = () => ({ ids: decode(fx.inputs.input_ids as Encoded), attentionMask: decode(fx.inputs.attention_mask as Encoded), tokenTypeIds: decode(fx.inputs.token_type_ids as Encoded) });
  const TOL = { rtol: 1e-4, atol: 1e-4 };

  it('BertForMaskedLM with tied decoder keys and the position_ids buffer; BertModel with gamma/beta names from shards', async () => {
    await assertNoLeaks(async () => {
      const { ids, attentionMask, tokenTypeIds } = inputs();
      const mlm = await loadBert(mlmDir);
      expect(mlm.architecture).toBe('BertForMaskedLM');
      expect(mlm.newlyInitialized).toEqual([]);
      const logits = (mlm.model as BertForMaskedLM).eval().call(ids, { attentionMask, tokenTypeIds });
      const want = decode(fx.outputs.mlm_logits as Encoded);
      await assertClose(logits, want, TOL);
      const base = await loadBert(gammaDir);
      const out = (base.model as BertModel).eval().call(ids, { attentionMask, tokenTypeIds });
      const wantH = decode(fx.outputs.last_hidden_state as Encoded);
      const wantP = decode(fx.outputs.pooled_output as Encoded);
      await assertClose(out.lastHiddenState, wantH, TOL);
      await assertClose(out.pooledOutput as tf.Tensor, wantP, TOL);
      tf.dispose([ids, attentionMask, tokenTypeIds, logits, want, out.lastHiddenState, out.pooledOutput as tf.Tensor, wantH, wantP]);
      mlm.model.dispose();
      base.model.dispose();
    });
  });

  it('classifier and QA heads; a pretraining checkpoint loads into a classifier with a fresh head; save and reload', async () => {
    await assertNoLeaks(async () => {
      const { ids, attentionMask, tokenTypeIds } = inputs();
      const seq = await loadBert(seqDir);
      const logits = (seq.model as BertForSequenceClassification).eval().call(ids, { attentionMask, tokenTypeIds });
      const want = decode(fx.outputs.seq_logits as Encoded);
      await assertClose(logits, want, TOL);
      const fresh = await loadBert(mlmDir, { architecture: 'BertForSequenceClassification', numLabels: 4 });
      expect(fresh.newlyInitialized.sort()).toEqual(['classifier.bias', 'classifier.weight']); // the checkpoint has a pooler
      const qa = await loadBert(qaDir);
      const saved = join(tmp, `saved-qa-${tf.getBackend()}`);
      await saveBert(qa.model, saved);
      const back = await loadBert(saved);
      expect(back.architecture).toBe('BertForQuestionAnswering');
      const a = (qa.model as BertForQuestionAnswering).eval().call(ids, { attentionMask, tokenTypeIds });
      const b = (back.model as BertForQuestionAnswering).eval().call(ids, { attentionMask, tokenTypeIds });
      const wantStart = decode(fx.outputs.start_logits as Encoded);
      await assertClose(a.startLogits, wantStart, TOL);
      await assertClose(b.startLogits, a.startLogits, { rtol: 0, atol: 0 });
      await assertClose(b.endLogits, a.endLogits, { rtol: 0, atol: 0 });
      tf.dispose([ids, attentionMask, tokenTypeIds, logits, want, a.startLogits, a.endLogits, b.startLogits, b.endLogits, wantStart]);
      for (const m of [seq, fresh, qa, back]) m.model.dispose();
    });
  });
});

it('names missing body keys, unexpected keys and bad configs', async () => {
  const missing = writeFolder('missing', 'BertModel', (k) => (k.startsWith('bert.') && !k.includes('layer.1.output.dense') ? k.slice(5) : undefined));
  const err = await loadBert(missing).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StateDictError);
  expect((err as StateDictError).missingKeys).toContain('encoder.layer.1.output.dense.weight');
  const junk = writeFolder('junk', 'BertModel', (k) => (k.startsWith('bert.') ? k.slice(5) : undefined), { 'encoder.layer.9.output.dense.weight': word });
  const err2 = await loadBert(junk).catch((e: unknown) => e);
  expect((err2 as StateDictError).unexpectedKeys).toContain('encoder.layer.9.output.dense.weight');
  expect(() => bertConfigFromHf({ model_type: 'gpt2', vocab_size: 3 })).toThrow(/'model_type' must be 'bert'; received "gpt2"/);
  expect(() => bertConfigFromHf({ vocab_size: 3, hidden_act: 'swish' })).toThrow(/'hidden_act' "swish" is not supported/);
  await expect(loadBert(missing, { architecture: 'BertForCausalLM' as 'BertModel' })).rejects.toThrow(/'architecture' must be one of BertModel/);
});
