/**
 * Seq2Seq learns to reverse seeded random digit sequences (a task that needs attention or memory of
 * the whole source): after training, greedy and beam decoding of held-out sequences must match the
 * reversed source exactly in ≥ 90% of cases. Also: teacher forcing is seeded, beam search returns
 * n-best lists sorted by score, and nothing leaks.
 *
 * Backends: the learning runs on wasm only (hundreds of training steps; cpu is ~30× slower and the
 * layers' numerics are checked on every backend by the fixture tests in src/layers).
 */
import { describe, expect, it } from 'vitest';
import { Adam, Rng, crossEntropy, setBackend, tf } from '@ml/core';
import { assertNoLeaks } from '@ml/core/testing';
import { Seq2Seq, type Seq2SeqOptions } from './seq2seq.js';

const PAD = 0;
const BOS = 1;
const EOS = 2;
const DIGIT = 3; // token of digit d is DIGIT + d
const VOCAB = 13;

/** Random digit sequences of lengths in [minLength, length], padded to `length`, and their reversals. */
function digitBatch(rng: Rng, batch: number, length: number, minLength = length) {
  const lengths = Array.from({ length: batch }, () => minLength + rng.int(length - minLength + 1));
  const digits = lengths.map((n) => Array.from({ length: n }, () => DIGIT + rng.int(10)));
  const pad = (s: number[], n: number): number[] => [...s, ...new Array<number>(n - s.length).fill(PAD)];
  return {
    lengths,
    src: digits.map((s) => pad(s, length)),
    expected: digits.map((s) => [...s].reverse()),
    tgtIn: digits.map((s) => pad([BOS, ...[...s].reverse()], length + 1)),
    tgtOut: digits.map((s) => pad([...[...s].reverse(), EOS], length + 1)),
  };
}

async function trainReverser(options: Seq2SeqOptions, steps: number, length: number, minLength: number): Promise<Seq2Seq> {
  const model = new Seq2Seq(VOCAB, VOCAB, { embeddingDim: 16, hiddenSize: 64, padId: PAD, bosId: BOS, eosId: EOS, seed: 3, ...options });
  const params = model.parameters();
  const opt = new Adam(params, { lr: 0.01 });
  const rng = new Rng(11);
  for (let s = 0; s < steps; s++) {
    const b = digitBatch(rng, 32, length, minLength);
    const { value, grads } = tf.variableGrads(() => {
      const src = tf.tensor2d(b.src, [b.src.length, length], 'int32');
      const tgtIn = tf.tensor2d(b.tgtIn, [b.src.length, length + 1], 'int32');
      const tgtOut = tf.tensor2d(b.tgtOut, [b.src.length, length + 1], 'int32');
      const logits = model.forward(src, tgtIn, { teacherForcingRatio: 0.9, srcLengths: minLength < length ? b.lengths : undefined });
      return crossEntropy(logits, tgtOut, { ignoreIndex: PAD }) as tf.Scalar;
    }, params);
    opt.step(grads);
    tf.dispose([value, grads]);
  }
  opt.dispose();
  return model;
}

const exactMatch = (decoded: number[][], expected: number[][]): number =>
  decoded.filter((d, i) => d.join(',') === expected[i].join(',')).length / expected.length;

describe('Seq2Seq [wasm]', () => {
  it('learns to reverse digit sequences (GRU, Bahdanau): greedy and beam exact match >= 90%', async () => {
    await setBackend('wasm');
    const length = 5;
    const model = await trainReverser({ cell: 'gru', attention: 'bahdanau' }, 250, length, length);
    const test = digitBatch(new Rng(99), 100, length);
    const src = tf.tensor2d(test.src, [test.src.length, length], 'int32');
    const greedy = await model.greedyDecode(src);
    const few = tf.slice(src, [0, 0], [30, length]);
    const beams = await model.beamSearch(few, { beamSize: 3, nBest: 3 });
    tf.dispose([src, few]);
    model.dispose();
    expect(exactMatch(greedy, test.expected)).toBeGreaterThanOrEqual(0.9);
    expect(exactMatch(beams.map((list) => list[0].tokens), test.expected.slice(0, 30))).toBeGreaterThanOrEqual(0.9);
    for (const list of beams) {
      expect(list).toHaveLength(3);
      for (let k = 1; k < list.length; k++) expect(list[k - 1].score).toBeGreaterThanOrEqual(list[k].score);
    }
  }, 600_000);

  it('learns to reverse variable-length digit sequences (LSTM, Luong general): greedy exact match >= 90%', async () => {
    await setBackend('wasm');
    const length = 5;
    const model = await trainReverser({ cell: 'lstm', attention: 'luong-general' }, 250, length, 3);
    const test = digitBatch(new Rng(98), 100, length, 3);
    const src = tf.tensor2d(test.src, [test.src.length, length], 'int32');
    const greedy = await model.greedyDecode(src, { srcLengths: test.lengths });
    src.dispose();
    model.dispose();
    expect(exactMatch(greedy, test.expected)).toBeGreaterThanOrEqual(0.9);
  }, 600_000);

  it('seeds teacher forcing and leaks nothing', async () => {
    await setBackend('wasm');
    const run = (): number[] => {
      const model = new Seq2Seq(VOCAB, VOCAB, { hiddenSize: 8, embeddingDim: 4, seed: 5 });
      const src = tf.tensor2d([[3, 4, 5]], [1, 3], 'int32');
      const tgtIn = tf.tensor2d([[BOS, 5, 4, 3]], [1, 4], 'int32');
      const out = tf.tidy(() => model.forward(src, tgtIn, { teacherForcingRatio: 0.5 }));
      const values = Array.from(out.dataSync());
      tf.dispose([src, tgtIn, out]);
      model.dispose();
      return values;
    };
    expect(run()).toEqual(run());
    const model = new Seq2Seq(VOCAB, VOCAB, { hiddenSize: 8, embeddingDim: 4, cell: 'lstm', attention: 'luong-dot', seed: 5 });
    const src = tf.tensor2d([[3, 4, 5], [6, 7, 0]], [2, 3], 'int32');
    await assertNoLeaks(async () => {
      await model.greedyDecode(src, { srcLengths: [3, 2], maxLength: 4 });
      await model.beamSearch(src, { srcLengths: [3, 2], beamSize: 2, nBest: 2, maxLength: 4 });
      tf.dispose(tf.tidy(() => model.forward(src, tf.tensor2d([[BOS, 3], [BOS, 4]], [2, 2], 'int32'), { srcLengths: [3, 2] })));
    });
    src.dispose();
    model.dispose();
  });
});
