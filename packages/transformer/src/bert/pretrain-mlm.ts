/**
 * Masked-language-model pretraining (Devlin et al. 2019, §3.1) of a `BertForMaskedLM` on a corpus of
 * token-id sequences, with dynamic masking (fresh 80/10/10 masks every epoch, as RoBERTa and Hugging
 * Face's collator) and the loss computed at the chosen positions only.
 */
import { tf, crossEntropy } from '@ml/core';
import type { AnyModule } from '@ml/core/nn';
import type { BertForMaskedLM } from './bert-heads.js';
import { IGNORE_INDEX, maskTokens, type MaskTokensOptions } from './mask-tokens.js';
import { padBatch, trainLoop, type BertTrainOptions, type TrainResult } from './train-bert.js';

export interface PretrainMlmOptions extends BertTrainOptions, Omit<MaskTokensOptions, 'vocabSize' | 'seed'> {}

/**
 * Trains `model` in place on `encodedCorpus` (one array of token ids per sequence, special tokens
 * included, e.g. `tokenizer.encode(text).ids`); returns the loss of every step. The padding id
 * (`config.padTokenId`) is never masked.
 */
export async function pretrainMlm(model: BertForMaskedLM, encodedCorpus: readonly (readonly number[])[], options: PretrainMlmOptions): Promise<TrainResult> {
  const where = 'pretrainMlm';
  if (!Array.isArray(encodedCorpus)) throw new TypeError(`${where}: 'encodedCorpus' must be an array of token-id arrays; received ${typeof encodedCorpus}`);
  const c = model.bert.config;
  encodedCorpus.forEach((s, i) => {
    if (!Array.isArray(s) || s.length === 0 || s.length > c.maxPositionEmbeddings) {
      throw new RangeError(`${where}: 'encodedCorpus[${i}]' must be a non-empty array of at most ${c.maxPositionEmbeddings} token ids ('maxPositionEmbeddings'); received ${Array.isArray(s) ? `${s.length} ids` : typeof s}`);
    }
  });
  const maskOptions: MaskTokensOptions = {
    maskTokenId: options.maskTokenId,
    vocabSize: c.vocabSize,
    mlmProbability: options.mlmProbability,
    specialTokenIds: [...(options.specialTokenIds ?? []), c.padTokenId],
    wholeWordMask: options.wholeWordMask,
    idToToken: options.idToToken,
    continuingSubwordPrefix: options.continuingSubwordPrefix,
  };
  return trainLoop(
    model as unknown as AnyModule,
    encodedCorpus.length,
    (indices, rng) => {
      const { inputIds, labels } = maskTokens(indices.map((i) => encodedCorpus[i] as number[]), { ...maskOptions, seed: rng });
      const { ids, mask } = padBatch(inputIds, c.padTokenId);
      const t = (ids[0] as number[]).length;
      const positions: number[] = [];
      const targets: number[] = [];
      labels.forEach((row, b) => row.forEach((l, j) => l !== IGNORE_INDEX && (positions.push(b * t + j), targets.push(l))));
      if (positions.length === 0) return null;
      return () => {
        const x = tf.tensor2d(ids, [ids.length, t], 'int32');
        const attentionMask = tf.tensor2d(mask, [ids.length, t], 'int32');
        const logits = model.logitsAt(x, tf.tensor1d(positions, 'int32'), { attentionMask }); // [M, V]
        return crossEntropy(logits, tf.tensor1d(targets, 'int32')) as tf.Scalar;
      };
    },
    options,
    where,
  );
}
