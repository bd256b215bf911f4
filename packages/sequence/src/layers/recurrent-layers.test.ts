/**
 * RNN, LSTM and GRU against PyTorch 1.13 (scripts/fixtures/sequence_rnn.py): outputs, final states
 * and the gradients of loss = Σ output·wOut + Σ hN·wH (+ Σ cN·wC) w.r.t. the input, the initial states
 * and every parameter; bidirectional, 2 layers, batchFirst, no bias, and packed variable lengths
 * (pack_padded_sequence with enforce_sorted=False, padded back with zeros).
 *
 * Tolerance: |actual − expected| ≤ 1e-5·(|expected| + max|expected|), i.e. relative error 1e-5 at the
 * tensor's scale (reference float64, ours float32), as in @ml/core's layer tests.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fromTorchStateDict, tf, type StateDict } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { GRU } from './gru.js';
import { LSTM, type LSTMOutput } from './lstm.js';
import { RNN } from './rnn.js';
import type { RecurrentBase, RecurrentOptions, RecurrentOutput } from './recurrent-base.js';

interface Encoded {
  shape: number[];
  data: number[];
}
interface Case {
  kind: 'rnn' | 'lstm' | 'gru';
  inputSize: number;
  hiddenSize: number;
  options: RecurrentOptions & { nonlinearity?: 'tanh' | 'relu' };
  torch: string;
  state: Record<string, Encoded>;
  input: Encoded;
  lengths: number[] | null;
  h0: Encoded | null;
  c0: Encoded | null;
  wOut: Encoded;
  wH: Encoded;
  wC: Encoded | null;
  output: Encoded;
  hN: Encoded;
  cN: Encoded | null;
  loss: number;
  grads: Record<string, Encoded>;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/sequence-rnn.json', import.meta.url), 'utf8')) as {
  cases: Record<string, Case>;
};

const decode = (e: Encoded): tf.Tensor => tf.tensor(e.data, e.shape, 'float32');

function build(c: Case): RecurrentBase<RecurrentOutput> {
  const options = { ...c.options, seed: 1 };
  if (c.kind === 'lstm') return new LSTM(c.inputSize, c.hiddenSize, options);
  if (c.kind === 'gru') return new GRU(c.inputSize, c.hiddenSize, options);
  return new RNN(c.inputSize, c.hiddenSize, options);
}

function loadTorch(module: RecurrentBase<RecurrentOutput>, c: Case): void {
  const torchState: StateDict = Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)]));
  const ours = fromTorchStateDict(module, torchState);
  module.loadStateDict(ours);
  tf.dispose([...Object.values(torchState), ...Object.values(ours)]);
}

async function close(actual: tf.Tensor, expected: Encoded, label: string): Promise<void> {
  const scale = expected.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  await assertClose(actual, decode(expected), { rtol: 1e-5, atol: 1e-5 * scale, label });
}

await describeBackends('recurrent layers vs PyTorch', () => {
  for (const [name, c] of Object.entries(fixture.cases)) {
    it(`${name}: ${c.torch}`, async () => {
      const module = build(c);
      loadTorch(module, c);
      const x = tf.variable(decode(c.input), true);
      const h0 = c.h0 !== null ? tf.variable(decode(c.h0), true) : undefined;
      const c0 = c.c0 !== null ? tf.variable(decode(c.c0), true) : undefined;
      const [wOut, wH] = [decode(c.wOut), decode(c.wH)];
      const wC = c.wC !== null ? decode(c.wC) : null;
      const params = module.namedParameters();
      const extra: [string, tf.Variable][] = [['input', x]];
      if (h0 !== undefined) extra.push(['h0', h0]);
      if (c0 !== undefined) extra.push(['c0', c0]);
      const vars = [...params, ...extra];
      let result: RecurrentOutput | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const r = module.forward(x, { h0, c0, lengths: c.lengths ?? undefined });
        tf.keep(r.output);
        tf.keep(r.hN);
        result = r;
        if (c.kind === 'lstm') tf.keep((r as LSTMOutput).cN);
        let loss = tf.add(tf.sum(tf.mul(r.output, wOut)), tf.sum(tf.mul(r.hN, wH)));
        if (wC !== null) loss = tf.add(loss, tf.sum(tf.mul((r as LSTMOutput).cN, wC)));
        return loss as tf.Scalar;
      }, vars.map(([, v]) => v));
      if (result === undefined) throw new Error('forward did not run');
      await close(result.output, c.output, 'output');
      await close(result.hN, c.hN, 'hN');
      if (c.cN !== null) await close((result as LSTMOutput).cN, c.cN, 'cN');
      expect(Math.abs((await value.data())[0] - c.loss)).toBeLessThan(1e-4 * Math.max(1, Math.abs(c.loss)));
      const torchNames = Object.keys(c.state);
      for (const [i, [ours]] of params.entries()) {
        const torchName = torchNames[i];
        const g = grads[params[i][1].name];
        // our weights are [in, G·H], PyTorch's [G·H, in]
        const gTorch = g.rank === 2 ? tf.transpose(g) : g;
        await close(gTorch, c.grads[torchName], `grad ${ours} (${torchName})`);
        gTorch.dispose();
      }
      for (const [n, v] of extra) await close(grads[v.name], c.grads[n], `grad ${n}`);
      tf.dispose([value, ...Object.values(grads), result.output, result.hN, wOut, wH, x]);
      if (c.kind === 'lstm') tf.dispose((result as LSTMOutput).cN);
      tf.dispose([wC, h0, c0].filter((t): t is tf.Tensor => t !== null && t !== undefined));
      module.dispose();
    });
  }

  it('registers parameters under PyTorch names in PyTorch order', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true });
    expect(lstm.namedParameters().map(([n]) => n)).toEqual(
      ['L0', 'L0Reverse', 'L1', 'L1Reverse'].flatMap((s) => [`weightIh${s}`, `weightHh${s}`, `biasIh${s}`, `biasHh${s}`]),
    );
    expect(lstm.weights(1, 1).weightIh.shape).toEqual([8, 16]);
    lstm.dispose();
  });

  it('applies seeded dropout between layers in training only', async () => {
    const make = (dropout: number): LSTM => new LSTM(3, 4, { numLayers: 2, dropout, seed: 7 });
    const x = tf.randomNormal([5, 2, 3], 0, 1, 'float32', 3);
    const [a, b, plain] = [make(0.5), make(0.5), make(0)];
    const outA = a.call(x).output;
    const outB = b.call(x).output;
    const outPlain = plain.call(x).output;
    await assertClose(outA, outB, { label: 'same seed, same masks' });
    expect(Math.max(...(await tf.abs(tf.sub(outA, outPlain)).data()))).toBeGreaterThan(1e-3);
    a.eval();
    const outEval = a.call(x).output;
    await assertClose(outEval, outPlain, { label: 'eval ignores dropout' });
    tf.dispose([x, outA, outB, outPlain, outEval]);
    [a, b, plain].forEach((m) => m.dispose());
  });

  it('takes a 0/1 prefix mask as lengths', async () => {
    const gru = new GRU(3, 4, { batchFirst: true, bidirectional: true });
    const x = tf.randomNormal([3, 5, 3], 0, 1, 'float32', 4);
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]]);
    const byMask = gru.call(x, { mask });
    const byLengths = gru.call(x, { lengths: [3, 5, 1] });
    await assertClose(byMask.output, byLengths.output);
    await assertClose(byMask.hN, byLengths.hN);
    expect(() => gru.call(x, { mask: tf.tensor2d([[1, 0, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]]) })).toThrow(/prefix/);
    tf.dispose([x, mask, byMask.output, byMask.hN, byLengths.output, byLengths.hN]);
    gru.dispose();
  });

  it('names the argument, the expected and the received value in errors', () => {
    const rnn = new RNN(3, 4, { numLayers: 2 });
    const x = tf.zeros([5, 2, 3]);
    expect(() => rnn.call(tf.zeros([5, 2, 4]))).toThrow(/'input' must have shape \[T, B, F\].*F = 3; received \[5, 2, 4\]/);
    expect(() => rnn.call(x, { lengths: [5, 6] })).toThrow(/every length must be an integer in \[1, 5\]; received 6/);
    expect(() => rnn.call(x, { lengths: [5] })).toThrow(/'lengths' must have one entry per sequence \(2\); received 1/);
    expect(() => rnn.call(x, { h0: tf.zeros([1, 2, 4]) })).toThrow(/'h0' must be a float32 tensor of shape \[2, 2, 4\]/);
    expect(() => new LSTM(3, 0)).toThrow(/'hiddenSize' must be an integer >= 1; received 0/);
    expect(() => new GRU(3, 4, { dropout: 2 })).toThrow(/'dropout' must be a number in \[0, 1\]; received 2/);
    x.dispose();
    rnn.dispose();
  });

  it('does not leak tensors (call, with lengths, bidirectional)', async () => {
    const gru = new GRU(3, 4, { bidirectional: true, numLayers: 2, dropout: 0.5 });
    const x = tf.randomNormal([5, 2, 3]);
    await assertNoLeaks(() => {
      const r = gru.call(x, { lengths: [5, 3] });
      tf.dispose([r.output, r.hN]);
    });
    x.dispose();
    gru.dispose();
  });
});
