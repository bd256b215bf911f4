import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../backend/set-backend.js';
import { assertClose, assertNoLeaks } from '../testing/index.js';
import { Adam, AdamW, paramGroupsNoDecay, RMSprop, SGD } from './index.js';

describe('optimizer API', () => {
  let w: tf.Variable;
  let b: tf.Variable;
  beforeAll(async () => {
    await setBackend('cpu');
    w = tf.variable(tf.ones([2, 3]), true, 'api.weight');
    b = tf.variable(tf.zeros([3]), true, 'api.bias');
  }, 120_000);

  it('rejects bad parameters and hyperparameters, naming them', () => {
    expect(() => new SGD([])).toThrow(/SGD: 'params' must be a non-empty array of tf.Variable or parameter groups; received an array of length 0/);
    expect(() => new SGD([w, w])).toThrow(/parameter 'api.weight' appears in more than one place/);
    expect(() => new SGD([w], { lr: -1 })).toThrow(/SGD \(params\[0\]\): 'lr' must be a finite number >= 0; received -1/);
    expect(() => new SGD([w], { nesterov: true })).toThrow(/'nesterov' needs momentum > 0 and dampening 0; received momentum 0, dampening 0/);
    expect(() => new Adam([w], { betas: [0.9, 1] })).toThrow(/Adam \(params\[0\]\): 'betas' must lie in \[0, 1\); received \[0.9, 1\]/);
    expect(() => new AdamW([{ params: [w], lr: Number.NaN }])).toThrow(/AdamW \(params\[0\]\): 'lr' must be a finite number/);
    expect(() => new RMSprop([{ params: [w], momentun: 0.9 } as never])).toThrow(/'params\[0\].momentun' is not a hyperparameter of RMSprop/);
    expect(() => new SGD([tf.variable(tf.ones([2], 'int32'))])).toThrow(/must be float32; received int32/);
  });

  it('step checks gradients and ignores foreign ones', async () => {
    await assertNoLeaks(async () => {
      const opt = new SGD([w], { lr: 0.1 });
      const bad = tf.zeros([3, 2]);
      expect(() => opt.step({ [w.name]: bad })).toThrow(/SGD.step: gradient 'api.weight' must be a float32 tensor of shape \[2, 3\]; received float32 \[3, 2\]/);
      const g = tf.ones([3]);
      expect(() => opt.step({ 'fc.weight': g })).toThrow(/none of the gradients belongs to this optimizer's parameters.*received keys 'fc.weight'/);
      const gw = tf.fill([2, 3], 2);
      opt.step({ [b.name]: g, [w.name]: gw }); // b is not in this optimizer: left alone
      await assertClose(w, new Array(6).fill(1 - 0.1 * 2));
      await assertClose(b, [0, 0, 0]);
      opt.dispose();
      tf.dispose([bad, g, gw]);
    });
  });

  it('trains with tf.variableGrads end to end and releases its state', async () => {
    await assertNoLeaks(async () => {
      const x = tf.tidy(() => tf.variable(tf.tensor1d([3, -2]), true, 'api.x'));
      const opt = new Adam([x], { lr: 0.1 });
      for (let i = 0; i < 200; i++) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(x, tf.tensor1d([1, 1])))) as tf.Scalar, [x]);
          opt.step(grads);
        });
      }
      await assertClose(x, [1, 1], { atol: 1e-2 });
      const before = tf.memory().numTensors;
      opt.dispose();
      expect(tf.memory().numTensors).toBe(before - 2); // expAvg and expAvgSq
      x.dispose();
    });
  });

  it('loadStateDict checks the layout', () => {
    const opt = new Adam([w, b]);
    const dict = opt.stateDict();
    expect(() => opt.loadStateDict({ ...dict, paramGroups: [] })).toThrow(/expected 1 parameter groups; received 0/);
    const wrong = tf.zeros([4]);
    expect(() => opt.loadStateDict({ ...dict, state: { '1': { step: 1, buffers: { expAvg: wrong } } } })).toThrow(
      /state '1'.buffers.expAvg must be a float32 tensor of shape \[3\]; received a float32 tensor of shape \[4\]/,
    );
    expect(() => opt.loadStateDict({ ...dict, state: { '0': { step: 1, buffers: { velocity: wrong } } } })).toThrow(/unknown buffer 'velocity'/);
    expect(() => opt.loadStateDict({ ...dict, state: { '7': { step: 1, buffers: {} } } })).toThrow(/parameter index in \[0, 2\); received '7'/);
    wrong.dispose();
    opt.dispose();
  });

  it('paramGroupsNoDecay leaves biases and norm weights undecayed', () => {
    const named: [string, tf.Variable][] = [
      ['fc.weight', w],
      ['fc.bias', b],
    ];
    expect(paramGroupsNoDecay(named, { weightDecay: 0.1 })).toEqual([
      { params: [w], weightDecay: 0.1 },
      { params: [b], weightDecay: 0 },
    ]);
    expect(paramGroupsNoDecay(named, { noDecay: (name) => name.startsWith('fc.w') })).toEqual([
      { params: [b], weightDecay: 0.01 },
      { params: [w], weightDecay: 0 },
    ]);
    const opt = new AdamW(paramGroupsNoDecay(named));
    expect(opt.paramGroups.map((g) => g.weightDecay)).toEqual([0.01, 0]);
    opt.dispose();
    expect(() => paramGroupsNoDecay(named, { weightDecay: -1 })).toThrow(/paramGroupsNoDecay: 'weightDecay' must be a finite number >= 0; received -1/);
  });
});
