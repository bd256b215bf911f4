/**
 * Hugging Face GPT-2 (`GPT2LMHeadModel` / `GPT2Model`) import and export for `Gpt`. Keys map one to
 * one (`ln_1` ↔ `ln1`, `c_attn` ↔ `cAttn`, …, with or without the `transformer.` prefix); GPT-2's
 * Conv1D weights are already `[in, out]`, our Linear layout, so nothing is transposed. The old
 * `attn.bias` / `attn.masked_bias` causal-mask buffers are ignored, and a tied `lm_head.weight` is
 * checked against `wte` rather than loaded.
 */
import { tf } from '@ml/core';
import { writeSafetensors, type SafetensorsInput } from '@ml/core/io';
import { Gpt } from '../gpt/gpt.js';
import type { GptConfig } from '../gpt/gpt-config.js';
import { readHfFolder } from './read-hf-folder.js';

const OURS_TO_HF: [RegExp, string][] = [
  [/\.ln1\./, '.ln_1.'],
  [/\.ln2\./, '.ln_2.'],
  [/^lnF\./, 'ln_f.'],
  [/\.cAttn\./, '.c_attn.'],
  [/\.cProj\./, '.c_proj.'],
  [/\.cFc\./, '.c_fc.'],
];

/** Our `Gpt` parameter name → Hugging Face GPT-2 key (without the `transformer.` prefix; `lmHead.weight` → `lm_head.weight`). */
export function gpt2KeyFromOurs(name: string): string {
  if (name === 'lmHead.weight') return 'lm_head.weight';
  return OURS_TO_HF.reduce((n, [re, s]) => n.replace(re, s), name);
}

/** `Gpt` config from a Hugging Face GPT-2 `config.json` object; errors name the field. */
export function gptConfigFromHf(hf: Record<string, unknown>): GptConfig {
  const where = 'gptConfigFromHf';
  const num = (k: string, fallback?: number): number => {
    const v = hf[k] ?? fallback;
    if (typeof v !== 'number') throw new TypeError(`${where}: config.json field '${k}' must be a number; received ${JSON.stringify(hf[k])}`);
    return v;
  };
  if (hf.model_type !== undefined && hf.model_type !== 'gpt2') throw new RangeError(`${where}: config.json 'model_type' must be 'gpt2'; received ${JSON.stringify(hf.model_type)}`);
  const act = hf.activation_function ?? 'gelu_new';
  const activation = act === 'gelu_new' || act === 'gelu_pytorch_tanh' ? 'gelu_tanh' : act === 'gelu' ? 'gelu' : act === 'relu' ? 'relu' : null;
  if (activation === null) throw new RangeError(`${where}: config.json 'activation_function' ${JSON.stringify(act)} is not supported; use 'gelu_new', 'gelu' or 'relu'`);
  return {
    vocabSize: num('vocab_size'),
    nPositions: num('n_positions', 1024),
    nEmbd: num('n_embd', 768),
    nLayer: num('n_layer', 12),
    nHead: num('n_head', 12),
    ...(hf.n_inner === null || hf.n_inner === undefined ? {} : { nInner: num('n_inner') }),
    dropout: num('resid_pdrop', 0.1),
    layerNormEpsilon: num('layer_norm_epsilon', 1e-5),
    activation,
    tieWordEmbeddings: hf.tie_word_embeddings === undefined ? true : hf.tie_word_embeddings === true,
  };
}

/**
 * Loads a Hugging Face GPT-2 folder (`config.json` + `model.safetensors` or shards) into a new `Gpt`.
 * Throws a `StateDictError` naming missing, unexpected or mis-shaped keys.
 */
export async function loadGpt2(dir: string): Promise<Gpt> {
  const { config, tensors } = await readHfFolder(dir, 'loadGpt2');
  const model = new Gpt(gptConfigFromHf(config));
  const byHfKey = new Map<string, tf.Tensor>();
  try {
    for (const [key, t] of tensors) {
      const k = key.startsWith('transformer.') ? key.slice('transformer.'.length) : key;
      if (/\.attn\.(masked_)?bias$/.test(k)) continue; // causal-mask buffers of old checkpoints
      if (k === 'lm_head.weight' && model.lmHead === null) continue; // tied: the same values as wte
      const value = tf.tensor(t.data as Float32Array, t.shape, 'float32');
      // nn.Linear's lm_head is [V, E]; our Linear keeps [E, V].
      byHfKey.set(k, k === 'lm_head.weight' && value.rank === 2 ? tf.tidy(() => tf.transpose(value)) : value);
      if (k === 'lm_head.weight' && value.rank === 2) value.dispose();
    }
    const state: Record<string, tf.Tensor> = {};
    const ours = new Set(model.namedParameters().map(([n]) => n));
    for (const name of ours) {
      const t = byHfKey.get(gpt2KeyFromOurs(name));
      if (t !== undefined) state[name] = t;
    }
    const known = new Set([...ours].map(gpt2KeyFromOurs));
    for (const [k, t] of byHfKey) if (!known.has(k)) state[k] = t; // reported as unexpected
    model.loadStateDict(state);
    return model;
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    tf.dispose([...byHfKey.values()]);
  }
}

/**
 * Writes `model` as a Hugging Face GPT-2 folder: `config.json` (GPT2LMHeadModel) and
 * `model.safetensors` with `transformer.`-prefixed keys (and `lm_head.weight` when untied).
 */
export async function saveGpt2(model: Gpt, dir: string): Promise<void> {
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  const c = model.config;
  const config = {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: c.vocabSize,
    n_positions: c.nPositions,
    n_ctx: c.nPositions,
    n_embd: c.nEmbd,
    n_layer: c.nLayer,
    n_head: c.nHead,
    n_inner: c.nInner === 4 * c.nEmbd ? null : c.nInner,
    activation_function: c.activation === 'gelu_tanh' ? 'gelu_new' : c.activation,
    layer_norm_epsilon: c.layerNormEpsilon,
    resid_pdrop: c.dropout,
    embd_pdrop: c.dropout,
    attn_pdrop: c.dropout,
    tie_word_embeddings: c.tieWordEmbeddings,
  };
  const tensors: Record<string, SafetensorsInput> = {};
  for (const [name, v] of model.namedParameters()) {
    const key = gpt2KeyFromOurs(name);
    if (key === 'lm_head.weight') {
      const t = tf.transpose(v); // ours [E, V] → nn.Linear's [V, E]
      tensors[key] = { shape: t.shape, data: (await t.data()) as Float32Array };
      t.dispose();
    } else tensors[`transformer.${key}`] = { shape: v.shape, data: (await v.data()) as Float32Array };
  }
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'model.safetensors'), writeSafetensors(tensors, { format: 'pt' }));
}
