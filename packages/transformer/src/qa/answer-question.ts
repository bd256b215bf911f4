/**
 * Extractive question answering with a `BertForQuestionAnswering` (Devlin et al. 2019, §4.2, SQuAD):
 * `[CLS] question [SEP] context [SEP]` windows over a long context (Hugging Face's `doc_stride`
 * overlap), and the best span (start ≤ end, both in the context, at most `maxAnswerLength` tokens)
 * by start + end logit, mapped back to the original context through the tokenizer's offsets.
 * `encodeQaExamples` builds training features the same way (HF `prepare_train_features`): a window
 * that does not contain the answer points at `[CLS]`.
 */
import { tf } from '@ml/core';
import type { Encoding, WordPieceTokenizer } from '@ml/text';
import type { BertForQuestionAnswering } from '../bert/bert-heads.js';
import type { QuestionAnsweringData } from '../bert/fine-tune.js';
import { padBatch } from '../bert/train-bert.js';

export interface QaWindowOptions {
  /** Tokens per window, special tokens and question included (HF `max_seq_len`). @default 384 */
  maxSeqLength?: number;
  /** Tokens shared by consecutive windows (HF `doc_stride`). @default 128 */
  docStride?: number;
}

export interface AnswerQuestionOptions extends QaWindowOptions {
  /** Longest answer in tokens (HF `max_answer_len`). @default 30 */
  maxAnswerLength?: number;
  /** Answers to return, best first (HF `top_k`). @default 1 */
  topK?: number;
}

export const ANSWER_QUESTION_DEFAULTS = { maxSeqLength: 384, docStride: 128, maxAnswerLength: 30, topK: 1 } as const satisfies Required<AnswerQuestionOptions>;

export interface QaAnswer {
  /** The answer text, a slice of the context. */
  answer: string;
  /** Start of the answer in the context (UTF-16 index). */
  start: number;
  /** End of the answer in the context (exclusive). */
  end: number;
  /** start logit + end logit of the span. */
  score: number;
}

function resolve(options: AnswerQuestionOptions, where: string): Required<AnswerQuestionOptions> {
  const o = { ...ANSWER_QUESTION_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<AnswerQuestionOptions>;
  for (const k of ['maxSeqLength', 'maxAnswerLength', 'topK'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${JSON.stringify(o[k])}`);
  }
  if (!Number.isInteger(o.docStride) || o.docStride < 0) throw new RangeError(`${where}: 'docStride' must be an integer >= 0; received ${JSON.stringify(o.docStride)}`);
  return o;
}

/** The windows `[CLS] question [SEP] context-part [SEP]` of one question and context. */
export function qaWindows(tokenizer: WordPieceTokenizer, question: string, context: string, options: QaWindowOptions = {}): Encoding[] {
  const o = resolve(options, 'qaWindows');
  const e = tokenizer.encode(question, context, { truncation: 'only_second', maxLength: o.maxSeqLength, stride: o.docStride, returnOverflowingTokens: true });
  return [e, ...e.overflowing];
}

/**
 * The `topK` best answers to `question` in `context`, best first (fewer when the context has fewer
 * valid spans). The model runs in eval mode on one batch holding every window.
 */
export async function answerQuestion(model: BertForQuestionAnswering, tokenizer: WordPieceTokenizer, question: string, context: string, options: AnswerQuestionOptions = {}): Promise<QaAnswer[]> {
  const where = 'answerQuestion';
  const o = resolve(options, where);
  if (typeof question !== 'string' || question.length === 0) throw new TypeError(`${where}: 'question' must be a non-empty string; received ${JSON.stringify(question)}`);
  if (typeof context !== 'string') throw new TypeError(`${where}: 'context' must be a string; received ${typeof context}`);
  const windows = qaWindows(tokenizer, question, context, o);
  const pad = model.bert.config.padTokenId;
  const { ids, mask } = padBatch(windows.map((w) => w.ids), pad);
  const types = padBatch(windows.map((w) => w.typeIds), 0).ids;
  const shape: [number, number] = [ids.length, (ids[0] as number[]).length];
  const wasTraining = model.training;
  model.eval();
  const out = tf.tidy(() => {
    const { startLogits, endLogits } = model.forward(tf.tensor2d(ids, shape, 'int32'), { attentionMask: tf.tensor2d(mask, shape, 'int32'), tokenTypeIds: tf.tensor2d(types, shape, 'int32') });
    return tf.stack([startLogits, endLogits]); // [2, W, T]
  });
  model.train(wasTraining);
  const logits = await out.data();
  out.dispose();
  const t = shape[1];
  const best = new Map<string, QaAnswer>();
  windows.forEach((w, k) => {
    const s = (i: number) => logits[k * t + i] as number;
    const e = (j: number) => logits[shape[0] * t + k * t + j] as number;
    for (let i = 0; i < w.ids.length; i++) {
      if (w.sequenceIds[i] !== 1) continue;
      for (let j = i; j < Math.min(w.ids.length, i + o.maxAnswerLength) && w.sequenceIds[j] === 1; j++) {
        const start = (w.offsets[i] as [number, number])[0];
        const end = (w.offsets[j] as [number, number])[1];
        const score = s(i) + e(j);
        const key = `${start}:${end}`;
        if ((best.get(key)?.score ?? -Infinity) < score) best.set(key, { answer: context.slice(start, end), start, end, score });
      }
    }
  });
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, o.topK);
}

export interface QaExample {
  question: string;
  context: string;
  /** Start of the answer in `context` (UTF-16 index). */
  answerStart: number;
  /** The answer text, `context.slice(answerStart, answerStart + answerText.length)`. */
  answerText: string;
}

/**
 * Training features for `fineTuneQuestionAnswering`: every window of every example, with the token
 * positions of the answer, or `[CLS]` (0) for a window that does not hold the whole answer.
 */
export function encodeQaExamples(tokenizer: WordPieceTokenizer, examples: readonly QaExample[], options: QaWindowOptions = {}): QuestionAnsweringData {
  const where = 'encodeQaExamples';
  const data = { inputIds: [] as number[][], tokenTypeIds: [] as number[][], startPositions: [] as number[], endPositions: [] as number[] };
  examples.forEach((ex, n) => {
    const charEnd = ex.answerStart + ex.answerText.length;
    if (ex.context.slice(ex.answerStart, charEnd) !== ex.answerText) {
      throw new RangeError(`${where}: 'examples[${n}].answerText' must equal context.slice(answerStart, answerStart + length); received ${JSON.stringify(ex.answerText)} at ${ex.answerStart}`);
    }
    for (const w of qaWindows(tokenizer, ex.question, ex.context, options)) {
      let first = -1;
      let last = -1;
      w.ids.forEach((_, i) => {
        if (w.sequenceIds[i] !== 1) return;
        const [a, b] = w.offsets[i] as [number, number];
        if (a >= ex.answerStart && b <= charEnd) {
          if (first < 0) first = i;
          last = i;
        }
      });
      const contained = first >= 0 && (w.offsets[first] as [number, number])[0] === ex.answerStart && (w.offsets[last] as [number, number])[1] === charEnd;
      data.inputIds.push(w.ids);
      data.tokenTypeIds.push(w.typeIds);
      data.startPositions.push(contained ? first : 0);
      data.endPositions.push(contained ? last : 0);
    }
  });
  return data;
}
