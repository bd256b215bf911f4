/**
 * End to end: the gradients of a small model that uses every kernel this folder adds (conv2d filter
 * gradient, embedding lookup = gather, depthwise filter and input gradients) agree with the cpu backend.
 */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend, type BackendName } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, describeBackends, maxRelativeError } from '../../testing/index.js';
import { preloadBackends, randomValues } from './kernel-test-support.js';

const VOCAB = 11;
const B = 3; // batch
const T = 6; // tokens per example
const E = 5; // embedding width

interface Weights {
  embedding: Float32Array; // [VOCAB, E]
  conv: Float32Array; // [3, 3, 1, 4]
  depthwise: Float32Array; // [3, 3, 4, 2]
  dense: Float32Array; // [8, 1]
  tokens: Int32Array; // [B, T]
  target: Float32Array; // [B, 1]
}

function makeWeights(seed: number): Weights {
  const rng = new Rng(seed);
  const scaled = (n: number, s: number): Float32Array => randomValues(rng, n).map((v) => v * s);
  return {
    embedding: scaled(VOCAB * E, 1),
    conv: scaled(9 * 4, 0.4),
    depthwise: scaled(9 * 8, 0.4),
    dense: scaled(8, 0.5),
    tokens: Int32Array.from({ length: B * T }, () => rng.int(VOCAB)),
    target: scaled(B, 1),
  };
}

/** loss = mean((dense(mean_hw(depthwise(relu(conv(embed(tokens))))) − target)²) */
function loss(w: Record<'embedding' | 'conv' | 'depthwise' | 'dense', tf.Tensor>, tokens: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const emb = tf.gather(w.embedding, tokens); // [B, T, E]
  const img = tf.reshape(emb, [B, T, E, 1]); // [B, T, E, 1]
  const c = tf.relu(tf.conv2d(img as tf.Tensor4D, w.conv as tf.Tensor4D, 1, 'same')); // [B, T, E, 4]
  const d = tf.depthwiseConv2d(c, w.depthwise as tf.Tensor4D, [2, 1], 'valid'); // [B, 2, 3, 8]
  const pooled = tf.mean(d, [1, 2]); // [B, 8]
  const out = tf.matMul(pooled, w.dense); // [B, 1]
  return tf.mean(tf.square(tf.sub(out, target)));
}

/** The loss and the gradients of every weight, on `backend`, as plain arrays. */
async function gradientsOn(backend: BackendName, weights: Weights): Promise<Record<string, Float32Array>> {
  const previous = tf.getBackend() as BackendName;
  await setBackend(backend, { allowSoftwareWebGpu: true });
  try {
    // tf.variable keeps its initial tensor alive: build the variables inside tidy.
    const vars = tf.tidy(() => ({
      embedding: tf.variable(tf.tensor2d(weights.embedding, [VOCAB, E])),
      conv: tf.variable(tf.tensor4d(weights.conv, [3, 3, 1, 4])),
      depthwise: tf.variable(tf.tensor4d(weights.depthwise, [3, 3, 4, 2])),
      dense: tf.variable(tf.tensor2d(weights.dense, [8, 1])),
    }));
    const tokens = tf.tensor2d(weights.tokens, [B, T], 'int32');
    const target = tf.tensor2d(weights.target, [B, 1]);
    const { value, grads } = tf.variableGrads(() => loss(vars, tokens, target));
    const out: Record<string, Float32Array> = { loss: (await value.data()) as Float32Array };
    for (const [name, v] of Object.entries(vars)) out[name] = (await grads[v.name].data()) as Float32Array;
    // d loss / d (conv input, filters) through tf.grads as well: conv2d and depthwise input gradients.
    const img = tf.randomNormal([B, T, E, 1], 0, 1, 'float32', 7);
    const f = (x: tf.Tensor, k: tf.Tensor, dk: tf.Tensor): tf.Tensor =>
      tf.sum(tf.square(tf.depthwiseConv2d(tf.conv2d(x as tf.Tensor4D, k as tf.Tensor4D, [1, 2], 'same'), dk as tf.Tensor4D, 1, 'same')));
    const [gx, gk, gdk] = tf.grads(f)([img, vars.conv, vars.depthwise]);
    out.gradX = (await gx.data()) as Float32Array;
    out.gradConv = (await gk.data()) as Float32Array;
    out.gradDepthwise = (await gdk.data()) as Float32Array;
    tf.dispose([value, ...Object.values(grads), ...Object.values(vars), tokens, target, img, gx, gk, gdk]);
    return out;
  } finally {
    await setBackend(previous, { allowSoftwareWebGpu: true });
  }
}

await preloadBackends();

await describeBackends('conv2d + embedding + depthwise training gradients', (backend) => {
  it('equal the cpu backend (relative error < 1e-4) and leak nothing', async () => {
    const weights = makeWeights(501);
    const expected = await gradientsOn('cpu', weights);
    let actual: Record<string, Float32Array> = {};
    await assertNoLeaks(async () => {
      actual = await gradientsOn(backend, weights);
    });
    for (const name of Object.keys(expected)) {
      expect(actual[name].length, name).toBe(expected[name].length);
      expect(await maxRelativeError(actual[name], expected[name]), name).toBeLessThan(1e-4);
    }
    // The embedding gradient is non-zero exactly on the rows of tokens that occur.
    const used = new Set(weights.tokens);
    for (let row = 0; row < VOCAB; row++) {
      const norm = actual.embedding.slice(row * E, (row + 1) * E).reduce((s, v) => s + Math.abs(v), 0);
      expect(norm > 0, `embedding row ${row}`).toBe(used.has(row));
    }
  }, 300_000);
});
