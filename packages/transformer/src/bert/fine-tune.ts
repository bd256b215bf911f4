/**
 * Fine-tuning loops for the BERT task heads (sequence classification, extractive QA), with the same
 * AdamW, warmup/decay and weight-decay exclusions as pretraining (`trainLoop`). Freeze layers before
 * calling (`freezeBertLayers`) to train only the rest.
 */
import { tf, crossEntropy } from '@ml/core';
import type { AnyModule } from '@ml/core/nn';
import type { BertForQuestionAnswering, BertForSequenceClassification } from './bert-heads.js';
import { padBatch, trainLoop, type BertTrainOptions, type TrainResult } from './train-bert.js';

export interface SequenceClassificationData {
  /** Token ids of each example (special tokens included). */
  inputIds: readonly (readonly number[])[];
  /** Class of each example, in [0, numLabels). */
  labels: readonly number[];
  /** Segment ids of each example. @default all zeros */
  tokenTypeIds?: readonly (readonly number[])[];
}

export interface QuestionAnsweringData {
  /** `[CLS] question [SEP] context [SEP]` ids of each example. */
  inputIds: readonly (readonly number[])[];
  /** Segment ids of each example (1 on the context). */
  tokenTypeIds: readonly (readonly number[])[];
  /** Token index of the answer's first token in each example. */
  startPositions: readonly number[];
  /** Token index of the answer's last token in each example. */
  endPositions: readonly number[];
}

function checkRows(where: string, name: string, rows: unknown, n: number, maxLength: number): void {
  if (!Array.isArray(rows) || rows.length !== n) throw new RangeError(`${where}: 'data.${name}' must hold ${n} arrays (one per example); received ${Array.isArray(rows) ? rows.length : typeof rows}`);
  rows.forEach((r, i) => {
    if (!Array.isArray(r) || r.length === 0 || r.length > maxLength) throw new RangeError(`${where}: 'data.${name}[${i}]' must be a non-empty array of at most ${maxLength} ids; received ${Array.isArray(r) ? `${r.length} ids` : typeof r}`);
  });
}

/** Trains a sequence classifier in place with cross-entropy; returns the loss of every step. */
export async function fineTuneSequenceClassification(model: BertForSequenceClassification, data: SequenceClassificationData, options: BertTrainOptions = {}): Promise<TrainResult> {
  const where = 'fineTuneSequenceClassification';
  const c = model.bert.config;
  const n = data.inputIds.length;
  checkRows(where, 'inputIds', data.inputIds, n, c.maxPositionEmbeddings);
  if (data.tokenTypeIds !== undefined) checkRows(where, 'tokenTypeIds', data.tokenTypeIds, n, c.maxPositionEmbeddings);
  if (!Array.isArray(data.labels) || data.labels.length !== n || !data.labels.every((l) => Number.isInteger(l) && l >= 0 && l < model.numLabels)) {
    throw new RangeError(`${where}: 'data.labels' must hold ${n} integers in [0, ${model.numLabels}); received ${JSON.stringify(data.labels).slice(0, 80)}`);
  }
  return trainLoop(
    model as unknown as AnyModule,
    n,
    (indices) => () => {
      const { ids, mask } = padBatch(indices.map((i) => data.inputIds[i] as number[]), c.padTokenId);
      const shape: [number, number] = [ids.length, (ids[0] as number[]).length];
      const types = data.tokenTypeIds === undefined ? undefined : tf.tensor2d(padBatch(indices.map((i) => data.tokenTypeIds?.[i] as number[]), 0).ids, shape, 'int32');
      const logits = model.forward(tf.tensor2d(ids, shape, 'int32'), { attentionMask: tf.tensor2d(mask, shape, 'int32'), tokenTypeIds: types }); // [B, L]
      return crossEntropy(logits, tf.tensor1d(indices.map((i) => data.labels[i] as number), 'int32')) as tf.Scalar;
    },
    options,
    where,
  );
}

/** Trains an extractive-QA model in place: the mean of the start and end cross-entropies, as Hugging Face. */
export async function fineTuneQuestionAnswering(model: BertForQuestionAnswering, data: QuestionAnsweringData, options: BertTrainOptions = {}): Promise<TrainResult> {
  const where = 'fineTuneQuestionAnswering';
  const c = model.bert.config;
  const n = data.inputIds.length;
  checkRows(where, 'inputIds', data.inputIds, n, c.maxPositionEmbeddings);
  checkRows(where, 'tokenTypeIds', data.tokenTypeIds, n, c.maxPositionEmbeddings);
  for (const name of ['startPositions', 'endPositions'] as const) {
    const v = data[name];
    if (!Array.isArray(v) || v.length !== n || !v.every((p, i) => Number.isInteger(p) && p >= 0 && p < (data.inputIds[i] as number[]).length)) {
      throw new RangeError(`${where}: 'data.${name}' must hold ${n} token indices within their examples; received ${JSON.stringify(v).slice(0, 80)}`);
    }
  }
  return trainLoop(
    model as unknown as AnyModule,
    n,
    (indices) => () => {
      const { ids, mask } = padBatch(indices.map((i) => data.inputIds[i] as number[]), c.padTokenId);
      const shape: [number, number] = [ids.length, (ids[0] as number[]).length];
      const types = tf.tensor2d(padBatch(indices.map((i) => data.tokenTypeIds[i] as number[]), 0).ids, shape, 'int32');
      const { startLogits, endLogits } = model.forward(tf.tensor2d(ids, shape, 'int32'), { attentionMask: tf.tensor2d(mask, shape, 'int32'), tokenTypeIds: types }); // [B, T]
      const start = crossEntropy(startLogits, tf.tensor1d(indices.map((i) => data.startPositions[i] as number), 'int32'));
      const end = crossEntropy(endLogits, tf.tensor1d(indices.map((i) => data.endPositions[i] as number), 'int32'));
      return tf.div(tf.add(start, end), 2) as tf.Scalar;
    },
    options,
    where,
  );
}
