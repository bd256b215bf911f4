/**
 * The transfer-learning workflow: save the pretrained body of any BERT model (`packBertBody`, a
 * safetensors file with Hugging Face `BertModel` names and PyTorch layouts plus the config), load it
 * into a task model whose head is freshly initialised (`loadBertBody`), and optionally freeze the
 * lower layers (`freezeBertLayers`) before fine-tuning.
 */
import { tf, fromTensor, packModel, toTensor, unpackModel } from '@ml/core';
import { fromTorchStateDict, toTorchStateDict, type AnyModule, type LoadStateDictResult } from '@ml/core/nn';
import { bertTorchName, type ResolvedBertConfig } from './bert-config.js';
import type { BertModel } from './bert-model.js';

/** Any model with a BERT body (`BertModel` itself or one of the heads). */
export type HasBertBody = BertModel | { bert: BertModel };

const bodyOf = (m: HasBertBody): BertModel => ('bert' in m ? m.bert : m);

/** Config fields that must agree between the saved body and the target. */
const SHAPE_FIELDS = ['vocabSize', 'hiddenSize', 'numHiddenLayers', 'numAttentionHeads', 'intermediateSize', 'maxPositionEmbeddings', 'typeVocabSize'] as const;

/** The body's weights (HF `BertModel` names and layouts) and config as safetensors bytes (`packModel`). */
export async function packBertBody(model: HasBertBody): Promise<Uint8Array> {
  const body = bodyOf(model);
  const torch = toTorchStateDict(body as unknown as AnyModule, { rename: bertTorchName });
  const tensors: Record<string, Awaited<ReturnType<typeof fromTensor>>> = {};
  try {
    for (const [k, t] of Object.entries(torch)) tensors[k] = await fromTensor(t);
  } finally {
    tf.dispose(Object.values(torch));
  }
  return packModel({ config: { architectures: ['BertModel'], ...body.config }, tensors });
}

/**
 * Loads a body saved by `packBertBody` into `model`'s BERT body; the head keeps its fresh weights.
 * The pooler may be absent on either side (an MLM body has none; the sequence classifier keeps its
 * fresh pooler then). Throws, naming them, on differing sizes or on any other missing key.
 */
export function loadBertBody(model: HasBertBody, packed: Uint8Array): LoadStateDictResult {
  const where = 'loadBertBody';
  const body = bodyOf(model);
  const { config, tensors } = unpackModel(packed);
  for (const f of SHAPE_FIELDS) {
    if ((config as Partial<ResolvedBertConfig>)[f] !== body.config[f]) {
      throw new RangeError(`${where}: the saved body has '${f}' = ${JSON.stringify(config[f])}; the target model has ${body.config[f]}`);
    }
  }
  const torch: Record<string, tf.Tensor> = {};
  for (const [k, v] of tensors) torch[k] = toTensor(v, k);
  const ours = fromTorchStateDict(body as unknown as AnyModule, torch, { rename: bertTorchName });
  try {
    const result = body.loadStateDict(ours, { strict: false });
    const bad = [...result.missingKeys, ...result.unexpectedKeys].filter((k) => !k.startsWith('pooler'));
    if (bad.length > 0) throw new Error(`${where}: the saved body does not match the target; missing or unexpected keys: ${bad.join(', ')}`);
    return result;
  } finally {
    tf.dispose([...Object.values(torch), ...Object.values(ours)]);
  }
}

export interface FreezeBertLayersOptions {
  /** Freeze the embeddings. @default true */
  embeddings?: boolean;
  /** Freeze the first this many encoder layers. @default 0 */
  layers?: number;
}

/** Freezes the embeddings and the lowest `layers` encoder layers of `model`'s body (`Module.freeze()`); returns `model`. */
export function freezeBertLayers<M extends HasBertBody>(model: M, options: FreezeBertLayersOptions = {}): M {
  const body = bodyOf(model);
  const layers = options.layers ?? 0;
  if (!Number.isInteger(layers) || layers < 0 || layers > body.encoder.layer.length) {
    throw new RangeError(`freezeBertLayers: 'layers' must be an integer in [0, ${body.encoder.layer.length}]; received ${JSON.stringify(layers)}`);
  }
  if (options.embeddings ?? true) body.embeddings.freeze();
  body.encoder.layer.slice(0, layers).forEach((l) => l.freeze());
  return model;
}
