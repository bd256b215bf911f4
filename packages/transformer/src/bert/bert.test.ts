/**
 * BertModel and its heads against a tiny BERT written in plain PyTorch 1.13 with Hugging Face's
 * parameter names (scripts/fixtures/transformer_bert.py): the HF state dict loads through
 * fromTorchStateDict with `bertTorchName`, and hidden states, pooled output and every head's logits
 * agree to 1e-4 (float64 reference, float32 here; mask (1 − m)·−10000 as HF), on every backend.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { fromTorchStateDict, toTorchStateDict, type AnyModule, type StateDict } from '@ml/core/nn';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { BertModel } from './bert-model.js';
import { bertTorchName, type BertConfig } from './bert-config.js';
import { BertForMaskedLM, BertForQuestionAnswering, BertForSequenceClassification, BertForTokenClassification } from './bert-heads.js';

interface Encoded { shape: number[]; dtype: 'float32' | 'int32'; data: number[] }
interface Fixture {
  config: Record<string, number>;
  state: Record<string, Encoded>;
  inputs: Record<string, Encoded>;
  outputs: Record<string, Encoded>;
  plain: Record<string, Encoded>;
}
const fx = JSON.parse(readFileSync(new URL('../__fixtures__/bert.json', import.meta.url), 'utf8')) as Fixture;
const decode = (e: Encoded): tf.Tensor => tf.tensor(e.data, e.shape, e.dtype);
const config: BertConfig = {
  vocabSize: fx.config.vocab_size as number,
  hiddenSize: fx.config.hidden_size,
  numHiddenLayers: fx.config.num_hidden_layers,
  numAttentionHeads: fx.config.num_attention_heads,
  intermediateSize: fx.config.intermediate_size,
  maxPositionEmbeddings: fx.config.max_position_embeddings,
  typeVocabSize: fx.config.type_vocab_size,
  layerNormEps: fx.config.layer_norm_eps,
  hiddenDropoutProb: 0,
  attentionProbsDropoutProb: 0,
};
const TOL = { rtol: 1e-4, atol: 1e-4 };

/** The fixture's keys that start with one of `prefixes`, renamed by `rename`. */
function torchState(prefixes: string[], rename: (k: string) => string = (k) => k): StateDict {
  const out: StateDict = {};
  for (const [k, v] of Object.entries(fx.state)) if (prefixes.some((p) => k.startsWith(p))) out[rename(k)] = decode(v);
  return out;
}

function load(model: AnyModule, torch: StateDict): void {
  const ours = fromTorchStateDict(model, torch, { rename: bertTorchName });
  model.loadStateDict(ours); // strict: every key maps one to one
  tf.dispose([...Object.values(ours), ...Object.values(torch)]);
}

await describeBackends('BertModel vs PyTorch', () => {
  it('names map one to one to Hugging Face keys (bertTorchName), both ways', () => {
    const model = new BertForMaskedLM(config);
    const names = model.namedParameters().map(([n]) => bertTorchName(n));
    const expected = Object.keys(fx.state).filter((k) => (k.startsWith('bert.') && !k.startsWith('bert.pooler')) || k.startsWith('cls.'));
    expect(names.sort()).toEqual(expected.sort());
    expect(bertTorchName('bert.embeddings.layerNorm.weight')).toBe('bert.embeddings.LayerNorm.weight');
    expect(bertTorchName('bert.encoder.layer.1.attention.self.query.weight')).toBe('bert.encoder.layer.1.attention.self.query.weight');
    expect(bertTorchName('qaOutputs.bias')).toBe('qa_outputs.bias');
    const back = toTorchStateDict(model as unknown as AnyModule, { rename: bertTorchName });
    expect(back['bert.encoder.layer.0.intermediate.dense.weight']?.shape).toEqual([32, 16]); // PyTorch [out, in]
    tf.dispose(Object.values(back));
    model.dispose();
  });

  it('BertModel: last hidden state and pooled output, with and without masks', async () => {
    await assertNoLeaks(async () => {
      const model = new BertModel(config).eval();
      load(model as unknown as AnyModule, torchState(['bert.'], (k) => k.slice(5)));
      const ids = decode(fx.inputs.input_ids as Encoded);
      const attentionMask = decode(fx.inputs.attention_mask as Encoded);
      const tokenTypeIds = decode(fx.inputs.token_type_ids as Encoded);
      const out = model.call(ids, { attentionMask, tokenTypeIds });
      const plain = model.call(ids);
      const want = [fx.outputs.last_hidden_state, fx.outputs.pooled_output, fx.plain.last_hidden_state, fx.plain.pooled_output].map((e) => decode(e as Encoded));
      await assertClose(out.lastHiddenState, want[0] as tf.Tensor, TOL);
      await assertClose(out.pooledOutput as tf.Tensor, want[1] as tf.Tensor, TOL);
      await assertClose(plain.lastHiddenState, want[2] as tf.Tensor, TOL);
      await assertClose(plain.pooledOutput as tf.Tensor, want[3] as tf.Tensor, TOL);
      tf.dispose([ids, attentionMask, tokenTypeIds, out.lastHiddenState, out.pooledOutput, plain.lastHiddenState, plain.pooledOutput, ...want]);
      model.dispose();
    });
  });

  it('heads: masked LM (tied decoder), sequence and token classification, question answering', async () => {
    await assertNoLeaks(async () => {
      const ids = decode(fx.inputs.input_ids as Encoded);
      const opts = { attentionMask: decode(fx.inputs.attention_mask as Encoded), tokenTypeIds: decode(fx.inputs.token_type_ids as Encoded) };
      const check = async (got: tf.Tensor, key: string) => {
        const want = decode(fx.outputs[key] as Encoded);
        await assertClose(got, want, TOL);
        tf.dispose([got, want]);
      };
      const mlm = new BertForMaskedLM(config).eval();
      load(mlm as unknown as AnyModule, torchState(['bert.embeddings', 'bert.encoder', 'cls.']));
      await check(mlm.call(ids, opts), 'mlm_logits');
      const positions = tf.tensor1d([1, 13, 19], 'int32');
      const at = mlm.call(ids, opts);
      const picked = tf.tidy(() => tf.gather(tf.reshape(at, [20, config.vocabSize]), positions));
      const direct = tf.tidy(() => mlm.logitsAt(ids, positions, opts));
      await assertClose(direct, picked, { rtol: 1e-5, atol: 1e-5 });
      tf.dispose([positions, at, picked, direct]);
      mlm.dispose();

      const seq = new BertForSequenceClassification(config, { numLabels: 3 }).eval();
      load(seq as unknown as AnyModule, torchState(['bert.', 'classifier.']));
      await check(seq.call(ids, opts), 'seq_logits');
      seq.dispose();

      const tok = new BertForTokenClassification(config, { numLabels: 3 }).eval();
      load(tok as unknown as AnyModule, torchState(['bert.embeddings', 'bert.encoder', 'token_classifier.'], (k) => k.replace('token_classifier.', 'classifier.')));
      await check(tok.call(ids, opts), 'token_logits');
      tok.dispose();

      const qa = new BertForQuestionAnswering(config).eval();
      load(qa as unknown as AnyModule, torchState(['bert.embeddings', 'bert.encoder', 'qa_outputs.']));
      const { startLogits, endLogits } = qa.call(ids, opts);
      await check(startLogits, 'start_logits');
      await check(endLogits, 'end_logits');
      qa.dispose();
      tf.dispose([ids, opts.attentionMask, opts.tokenTypeIds]);
    });
  });

  it('validates inputs and config, naming the argument', () => {
    expect(() => new BertModel({ vocabSize: 10, hiddenSize: 10, numAttentionHeads: 3 })).toThrow(/'hiddenSize' must be divisible by 'numAttentionHeads'; received hiddenSize=10, numAttentionHeads=3/);
    expect(() => new BertModel({ vocabSize: 10, padTokenId: 10 })).toThrow(/'padTokenId' must be an integer in \[0, 10\); received 10/);
    const model = new BertModel({ ...config, maxPositionEmbeddings: 4 });
    const ids = tf.zeros([1, 5], 'int32');
    const f = tf.zeros([1, 3]);
    expect(() => model.call(ids)).toThrow(/'inputIds' has 5 positions; at most 'maxPositionEmbeddings' = 4/);
    expect(() => model.call(f)).toThrow(/'inputIds' must be an int32 tensor of shape \[B, T\]; received float32 \[1, 3\]/);
    expect(() => model.call(tf.zeros([1, 3], 'int32'), { attentionMask: tf.ones([1, 2]) })).toThrow(/'attentionMask' must be a tensor of shape \[1, 3\]/);
    tf.dispose([ids, f]);
    model.dispose();
  });
});
