/**
 * Extractive QA: a small BERT trained from scratch on seeded synthetic contexts with "the code is
 * <word>" planted (and distractors: code words elsewhere, "the key is <word>") finds the planted
 * answers in held-out contexts, short and long (sliding windows), at >= 90% exact match, mapped back
 * to the original text (mixed case, two-piece words) through the tokenizer's offsets. Span
 * selection itself is checked on every backend with planted logits.
 */
import { expect, it } from 'vitest';
import { tf, Rng } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { WordPieceTokenizer } from '@ml/text';
import { BertForQuestionAnswering } from '../bert/bert-heads.js';
import { fineTuneQuestionAnswering } from '../bert/fine-tune.js';
import { answerQuestion, encodeQaExamples, qaWindows, type QaExample } from './answer-question.js';

const FILLERS = ['apple', 'river', 'stone', 'cloud', 'green', 'table', 'music', 'paper', 'light', 'sound', 'happy', 'quick', 'small', 'house', 'water', 'field'];
const CODES = ['kilo', 'zulu', 'echo', 'tango', 'delta', 'sierra', 'oscar', 'papa'];
const KEYS = ['alpha', 'bravo', 'lima', 'mike'];
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'code', 'key', 'is', 'what', '?', '.', ...FILLERS, ...CODES, ...KEYS, ...DIGITS.map((d) => `##${d}`)];
const tokenizer = new WordPieceTokenizer(vocab);
const QUESTION = 'What is the code?';

/**
 * A context of `n` filler words with "the code is <Word><digit>" planted (code words appear nowhere
 * else) and, half the time, a distractor "the key is <key><digit>" (two pieces, like the answer).
 */
function makeExample(rng: Rng, n: number): QaExample {
  const pick = (list: string[]) => `${list[rng.int(list.length)] as string}${DIGITS[rng.int(DIGITS.length)] as string}`;
  const code = () => pick(CODES);
  const words = Array.from({ length: n }, () => FILLERS[rng.int(FILLERS.length)] as string);
  if (rng.random() < 0.5) words.splice(rng.int(words.length + 1), 0, `the key is ${pick(KEYS)}`);
  const answer = rng.random() < 0.5 ? code() : code().replace(/^./, (c) => c.toUpperCase()); // mixed case: offsets give the original text
  const at = rng.int(words.length + 1);
  words.splice(at, 0, `the code is ${answer}`);
  const text = words.join(' ');
  const start = words.slice(0, at).reduce((n, w) => n + w.length + 1, 0) + 'the code is '.length;
  const answerText = answer;
  return { question: QUESTION, context: text, answerStart: start, answerText };
}

await describeBackends('answerQuestion', (backend) => {
  it('picks the best valid span by start + end logit and maps it through offsets (planted logits)', async () => {
    await assertNoLeaks(async () => {
      const model = new BertForQuestionAnswering({ vocabSize: vocab.length, hiddenSize: 8, numHiddenLayers: 1, numAttentionHeads: 2, intermediateSize: 8, maxPositionEmbeddings: 64 }, { seed: 1 });
      // Zero the body's output path and plant logits through the QA bias: with a zero kernel every
      // position gets the same logits, so the best span is the first context token (ties keep the first)
      // and maxAnswerLength 1 makes it that token.
      tf.tidy(() => {
        model.qaOutputs.weight.assign(tf.zerosLike(model.qaOutputs.weight));
        model.qaOutputs.bias?.assign(tf.tensor1d([1, 2]));
      });
      const context = 'Apple river kilo7.';
      const [best] = await answerQuestion(model, tokenizer, QUESTION, context, { maxAnswerLength: 1 });
      expect(best).toEqual({ answer: 'Apple', start: 0, end: 5, score: 3 });
      const all = await answerQuestion(model, tokenizer, QUESTION, context, { maxAnswerLength: 3, topK: 50 });
      // Context tokens: apple river kilo ##7 . → spans of at most 3 tokens: 5 + 4 + 3 = 12, all score 3.
      expect(all.length).toBe(12);
      expect(all.every((a) => a.answer === context.slice(a.start, a.end) && a.score === 3)).toBe(true);
      expect(all.map((a) => a.answer)).toContain('kilo7');
      expect(all.map((a) => a.answer)).not.toContain('What');
      await expect(answerQuestion(model, tokenizer, QUESTION, context, { topK: 0 })).rejects.toThrow(/'topK' must be a positive integer; received 0/);
      model.dispose();
    });
  });

  it('windows: docStride overlap and the answer positions of encodeQaExamples', () => {
    const rng = new Rng(3);
    const ex = makeExample(rng, 40);
    const windows = qaWindows(tokenizer, ex.question, ex.context, { maxSeqLength: 24, docStride: 8 });
    expect(windows.length).toBeGreaterThan(2);
    const data = encodeQaExamples(tokenizer, [ex], { maxSeqLength: 24, docStride: 8 });
    expect(data.inputIds.length).toBe(windows.length);
    let found = 0;
    windows.forEach((w, k) => {
      const s = data.startPositions[k] as number;
      const e = data.endPositions[k] as number;
      if (s === 0) return expect(e).toBe(0);
      found++;
      expect(ex.context.slice((w.offsets[s] as number[])[0], (w.offsets[e] as number[])[1])).toBe(ex.answerText);
    });
    expect(found).toBeGreaterThan(0);
  });

  it.skipIf(backend !== 'wasm')('a small BERT trained on synthetic contexts finds planted answers (>= 90% exact match, short and long contexts)', async () => {
    await assertNoLeaks(async () => {
      const rng = new Rng(21);
      const windowing = { maxSeqLength: 40, docStride: 16 };
      const train = Array.from({ length: 400 }, () => makeExample(rng, 6 + rng.int(14)));
      const data = encodeQaExamples(tokenizer, train, windowing);
      const model = new BertForQuestionAnswering(
        { vocabSize: vocab.length, hiddenSize: 48, numHiddenLayers: 2, numAttentionHeads: 4, intermediateSize: 96, maxPositionEmbeddings: 40, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0 },
        { seed: 5 },
      );
      const { losses } = await fineTuneQuestionAnswering(model, data, { epochs: 8, batchSize: 16, lr: 3e-3, warmupSteps: 20, seed: 6 });
      const exact = async (examples: QaExample[]) => {
        let hits = 0;
        for (const ex of examples) {
          const [best] = await answerQuestion(model, tokenizer, ex.question, ex.context, { ...windowing, maxAnswerLength: 4 });
          if (best?.answer === ex.answerText) hits++;
        }
        return hits / examples.length;
      };
      const short = await exact(Array.from({ length: 40 }, () => makeExample(rng, 6 + rng.int(14))));
      const long = await exact(Array.from({ length: 20 }, () => makeExample(rng, 50)));
      console.info(`QA: loss ${losses[0]?.toFixed(2)} → ${losses.at(-1)?.toFixed(2)} in ${losses.length} steps; exact match short ${short}, long ${long}`);
      expect(short).toBeGreaterThanOrEqual(0.9);
      expect(long).toBeGreaterThanOrEqual(0.9);
      model.dispose();
    });
  }, 180_000);
});
