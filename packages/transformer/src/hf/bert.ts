/**
 * Hugging Face BERT import and export: `BertModel`, `BertForMaskedLM`, `BertForSequenceClassification`,
 * `BertForTokenClassification` and `BertForQuestionAnswering` from a `save_pretrained` folder
 * (`config.json` + `model.safetensors` or shards). Keys map through `bertTorchName` (PyTorch
 * `[out, in]` Linear weights are transposed by `fromTorchStateDict`); old LayerNorm names
 * `gamma`/`beta` are read as `weight`/`bias`; a `bert.` prefix is added or dropped as the target
 * needs. Loading a checkpoint without the task head (e.g. a pretrained body into a classifier)
 * leaves the head freshly initialised and says so in `newlyInitialized`, as Hugging Face warns.
 */
import { tf } from '@ml/core';
import { fromTorchStateDict, toTorchStateDict, StateDictError, type AnyModule } from '@ml/core/nn';
import { writeSafetensors, type SafetensorsInput } from '@ml/core/io';
import { BertModel } from '../bert/bert-model.js';
import { BertForMaskedLM, BertForQuestionAnswering, BertForSequenceClassification, BertForTokenClassification, BERT_TIED_TORCH_KEYS } from '../bert/bert-heads.js';
import { bertTorchName, type BertConfig } from '../bert/bert-config.js';
import { readHfFolder } from './read-hf-folder.js';

export type BertArchitecture = 'BertModel' | 'BertForMaskedLM' | 'BertForSequenceClassification' | 'BertForTokenClassification' | 'BertForQuestionAnswering';
export const BERT_ARCHITECTURES: readonly BertArchitecture[] = ['BertModel', 'BertForMaskedLM', 'BertForSequenceClassification', 'BertForTokenClassification', 'BertForQuestionAnswering'];
export type AnyBert = BertModel | BertForMaskedLM | BertForSequenceClassification | BertForTokenClassification | BertForQuestionAnswering;

export interface LoadBertOptions {
  /** The model to build. @default config.json's `architectures[0]`, else 'BertModel' */
  architecture?: BertArchitecture;
  /** Classes of a classification head. @default config.json's `num_labels` or the size of `id2label`, else 2 */
  numLabels?: number;
}

export interface LoadedBert<M extends AnyBert = AnyBert> {
  model: M;
  architecture: BertArchitecture;
  /** Our parameter names that the checkpoint did not hold (a fresh task head), empty when complete. */
  newlyInitialized: string[];
  /** `id2label` from config.json, when present. */
  id2label?: Record<string, string>;
}

/** `BertConfig` from a Hugging Face `config.json` object; errors name the field. */
export function bertConfigFromHf(hf: Record<string, unknown>): BertConfig {
  const where = 'bertConfigFromHf';
  if (hf.model_type !== undefined && hf.model_type !== 'bert') throw new RangeError(`${where}: config.json 'model_type' must be 'bert'; received ${JSON.stringify(hf.model_type)}`);
  const num = (k: string): number | undefined => {
    const v = hf[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number') throw new TypeError(`${where}: config.json field '${k}' must be a number; received ${JSON.stringify(v)}`);
    return v;
  };
  const act = hf.hidden_act ?? 'gelu';
  const hiddenAct = act === 'gelu' ? 'gelu' : act === 'gelu_new' || act === 'gelu_pytorch_tanh' ? 'gelu_tanh' : act === 'relu' ? 'relu' : null;
  if (hiddenAct === null) throw new RangeError(`${where}: config.json 'hidden_act' ${JSON.stringify(act)} is not supported; use 'gelu', 'gelu_new' or 'relu'`);
  if (hf.position_embedding_type !== undefined && hf.position_embedding_type !== 'absolute') {
    throw new RangeError(`${where}: config.json 'position_embedding_type' ${JSON.stringify(hf.position_embedding_type)} is not supported; only 'absolute'`);
  }
  const vocabSize = num('vocab_size');
  if (vocabSize === undefined) throw new TypeError(`${where}: config.json must give 'vocab_size'`);
  const out: BertConfig = { vocabSize, hiddenAct };
  const fields: [keyof BertConfig, string][] = [
    ['hiddenSize', 'hidden_size'],
    ['numHiddenLayers', 'num_hidden_layers'],
    ['numAttentionHeads', 'num_attention_heads'],
    ['intermediateSize', 'intermediate_size'],
    ['hiddenDropoutProb', 'hidden_dropout_prob'],
    ['attentionProbsDropoutProb', 'attention_probs_dropout_prob'],
    ['maxPositionEmbeddings', 'max_position_embeddings'],
    ['typeVocabSize', 'type_vocab_size'],
    ['initializerRange', 'initializer_range'],
    ['layerNormEps', 'layer_norm_eps'],
    ['padTokenId', 'pad_token_id'],
  ];
  for (const [ours, theirs] of fields) {
    const v = num(theirs);
    if (v !== undefined) (out as unknown as Record<string, number>)[ours] = v;
  }
  return out;
}

function build(architecture: BertArchitecture, config: BertConfig, numLabels: number): AnyBert {
  switch (architecture) {
    case 'BertModel':
      return new BertModel(config);
    case 'BertForMaskedLM':
      return new BertForMaskedLM(config);
    case 'BertForSequenceClassification':
      return new BertForSequenceClassification(config, { numLabels });
    case 'BertForTokenClassification':
      return new BertForTokenClassification(config, { numLabels });
    case 'BertForQuestionAnswering':
      return new BertForQuestionAnswering(config);
  }
}

/** Loads a Hugging Face BERT folder. Throws a `StateDictError` naming unexpected or mis-shaped keys, and missing body keys. */
export async function loadBert(dir: string, options: LoadBertOptions = {}): Promise<LoadedBert> {
  const where = 'loadBert';
  const { config: hf, tensors } = await readHfFolder(dir, where);
  const architectures = Array.isArray(hf.architectures) ? (hf.architectures as unknown[]) : [];
  const fromConfig = BERT_ARCHITECTURES.find((a) => a === architectures[0]);
  const architecture = options.architecture ?? fromConfig ?? 'BertModel';
  if (!BERT_ARCHITECTURES.includes(architecture)) {
    throw new RangeError(`${where}: 'architecture' must be one of ${BERT_ARCHITECTURES.join(', ')}; received ${JSON.stringify(architecture)}`);
  }
  const id2label = hf.id2label !== null && typeof hf.id2label === 'object' ? (hf.id2label as Record<string, string>) : undefined;
  const numLabels = options.numLabels ?? (typeof hf.num_labels === 'number' ? hf.num_labels : id2label !== undefined ? Object.keys(id2label).length : 2);
  const model = build(architecture, bertConfigFromHf(hf), numLabels);
  const prefixed = architecture !== 'BertModel';
  const torch: Record<string, tf.Tensor> = {};
  try {
    const ourKeys = new Set(model.namedParameters().map(([n]) => bertTorchName(n)));
    for (const [rawKey, t] of tensors) {
      let key = rawKey.replace(/\.gamma$/, '.weight').replace(/\.beta$/, '.bias');
      if (/(^|\.)embeddings\.position_ids$/.test(key) || (BERT_TIED_TORCH_KEYS as readonly string[]).includes(key)) continue;
      const isBody = /^(bert\.)?(embeddings|encoder|pooler)\./.test(key);
      if (isBody) key = prefixed ? (key.startsWith('bert.') ? key : `bert.${key}`) : key.replace(/^bert\./, '');
      // Another task's head (e.g. cls.* of a pretraining checkpoint loaded into a classifier) or a
      // pooler the target lacks is dropped, as Hugging Face does.
      if (!ourKeys.has(key) && /^(cls\.|classifier\.|qa_outputs\.|(bert\.)?pooler\.)/.test(key)) continue;
      torch[key] = tf.tensor(t.data as Float32Array, t.shape, 'float32');
    }
    const ours = fromTorchStateDict(model as unknown as AnyModule, torch, { rename: bertTorchName });
    try {
      const result = (model as unknown as AnyModule).loadStateDict(ours, { strict: false });
      const missing = result.missingKeys ?? [];
      // A missing pooler is re-initialised, as Hugging Face does; any other missing body weight is an error.
      const body = missing.filter((k) => (k.startsWith('bert.') || !prefixed) && !/(^|\.)pooler\./.test(k));
      const unexpected = result.unexpectedKeys ?? [];
      if (body.length > 0 || unexpected.length > 0) throw new StateDictError(body, unexpected, []);
      return { model, architecture, newlyInitialized: missing, ...(id2label === undefined ? {} : { id2label }) };
    } finally {
      tf.dispose(Object.values(ours));
    }
  } catch (err) {
    (model as unknown as AnyModule).dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(torch));
  }
}

/** Writes `model` as a Hugging Face BERT folder (`config.json` with its architecture, `model.safetensors` in PyTorch layouts). */
export async function saveBert(model: AnyBert, dir: string, options: { id2label?: Record<string, string> } = {}): Promise<void> {
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  const architecture: BertArchitecture = (model.constructor as { name: string }).name as BertArchitecture;
  if (!BERT_ARCHITECTURES.includes(architecture)) throw new TypeError(`saveBert: 'model' must be one of ${BERT_ARCHITECTURES.join(', ')}; received ${architecture}`);
  const c = model instanceof BertModel ? model.config : model.bert.config;
  const numLabels = 'numLabels' in model ? model.numLabels : undefined;
  const config = {
    architectures: [architecture],
    model_type: 'bert',
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    num_hidden_layers: c.numHiddenLayers,
    num_attention_heads: c.numAttentionHeads,
    intermediate_size: c.intermediateSize,
    hidden_act: c.hiddenAct === 'gelu_tanh' ? 'gelu_new' : c.hiddenAct,
    hidden_dropout_prob: c.hiddenDropoutProb,
    attention_probs_dropout_prob: c.attentionProbsDropoutProb,
    max_position_embeddings: c.maxPositionEmbeddings,
    type_vocab_size: c.typeVocabSize,
    initializer_range: c.initializerRange,
    layer_norm_eps: c.layerNormEps,
    pad_token_id: c.padTokenId,
    position_embedding_type: 'absolute',
    ...(numLabels === undefined ? {} : { num_labels: numLabels }),
    ...(options.id2label === undefined ? {} : { id2label: options.id2label, label2id: Object.fromEntries(Object.entries(options.id2label).map(([k, v]) => [v, Number(k)])) }),
  };
  const torch = toTorchStateDict(model as unknown as AnyModule, { rename: bertTorchName });
  try {
    const tensors: Record<string, SafetensorsInput> = {};
    for (const [k, t] of Object.entries(torch)) tensors[k] = { shape: t.shape, data: (await t.data()) as Float32Array };
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
    await fs.writeFile(path.join(dir, 'model.safetensors'), writeSafetensors(tensors, { format: 'pt' }));
  } finally {
    tf.dispose(Object.values(torch));
  }
}
