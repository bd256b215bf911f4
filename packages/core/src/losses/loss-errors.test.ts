import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../backend/set-backend.js';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  cosineEmbeddingLoss,
  crossEntropy,
  huberLoss,
  klDivLoss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from './index.js';

describe('loss argument checks', () => {
  let logits: tf.Tensor;
  let idx: tf.Tensor;
  beforeAll(async () => {
    await setBackend('cpu');
    logits = tf.tensor2d([[1, 2, 3], [0, 0, 1]]);
    idx = tf.tensor1d([0, 2], 'int32');
  }, 120_000);

  it('crossEntropy names the target problem', () => {
    expect(() => crossEntropy(logits, tf.tensor1d([0, 3], 'int32'))).toThrow(
      /crossEntropy: 'target' class indices must be in \[0, 3\) or equal ignoreIndex \(-100\); received 3 at flat index 1/,
    );
    expect(() => crossEntropy(logits, tf.tensor1d([0, 2]))).toThrow(/'target' must be int32 class indices of shape \[2\].*received float32 of shape \[2\]/);
    expect(() => crossEntropy(logits, tf.tensor1d([0, 1, 2], 'int32'))).toThrow(/'target' must have shape \[2\].*received \[3\]/);
    expect(() => crossEntropy(logits, idx, { weight: tf.tensor1d([1, 2]) })).toThrow(/'weight' must have shape \[3\].*received \[2\]/);
    expect(() => crossEntropy(logits, idx, { labelSmoothing: 1.5 })).toThrow(/'labelSmoothing' must be a number in \[0, 1\]; received 1.5/);
    expect(() => crossEntropy(logits, idx, { reduction: 'avg' as never })).toThrow(/'reduction' must be one of 'mean', 'sum', 'none'; received "avg"/);
    expect(() => crossEntropy(tf.tensor2d([[1, 2]], [1, 2], 'int32'), tf.tensor1d([0], 'int32'))).toThrow(/'input' must be a float32 tensor; received int32/);
  });

  it('nllLoss and the elementwise losses check shapes and options', () => {
    expect(() => nllLoss(logits, tf.tensor1d([-1, 0], 'int32'))).toThrow(/received -1 at flat index 0/);
    expect(() => nllLoss(logits, idx, { ignoreIndex: 0.5 })).toThrow(/nllLoss: 'ignoreIndex' must be an integer; received 0.5/);
    expect(() => mseLoss(logits, tf.zeros([3, 2]))).toThrow(/mseLoss: 'target' must have shape \[2, 3\].*received \[3, 2\]/);
    expect(() => huberLoss(logits, tf.zerosLike(logits), { delta: 0 })).toThrow(/'delta' must be a number > 0; received 0/);
    expect(() => smoothL1Loss(logits, tf.zerosLike(logits), { beta: -1 })).toThrow(/'beta' must be a number >= 0; received -1/);
    expect(() => klDivLoss(logits, tf.zerosLike(logits), { reduction: 'mean', logTarget: 1 as never })).toThrow(/'logTarget' must be a boolean/);
  });

  it('binary losses check probabilities and broadcast weights', () => {
    const t = tf.zerosLike(logits);
    expect(() => binaryCrossEntropy(logits, t)).toThrow(/binaryCrossEntropy: every element of 'input' must be a probability in \[0, 1\]; received 2 at flat index 1/);
    expect(() => binaryCrossEntropyWithLogits(logits, t, { posWeight: tf.ones([2]) })).toThrow(
      /'posWeight' must broadcast to the input's shape \[2, 3\]; received \[2\]/,
    );
  });

  it('cosineEmbeddingLoss requires ±1 targets', () => {
    expect(() => cosineEmbeddingLoss(logits, logits, tf.tensor1d([1, 0], 'int32'))).toThrow(/'target' values must be 1 or -1; received 0 at flat index 1/);
  });

  it('mean over no kept targets is NaN, as in PyTorch', async () => {
    const loss = crossEntropy(logits, tf.tensor1d([-100, -100], 'int32'));
    expect(Number.isNaN((await loss.data())[0])).toBe(true);
    loss.dispose();
  });
});
