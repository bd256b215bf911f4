/**
 * GptBlock's fast paths (GELU-tanh through a sigmoid with a hand-written gradient; q/k/v from column
 * blocks of c_attn, or one product and a split for few rows; affine layers whose bias gradient is a matmul) give the values and gradients of the plain formulation: core's `gelu(·, 'tanh')`
 * and a split of the fused c_attn output.
 */
import { it } from 'vitest';
import { tf } from '@ml/core';
import { gelu } from '@ml/core/nn';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { Rng } from '@ml/core';
import { scaledDotProductAttention } from '../attention/scaled-dot-product-attention.js';
import { CausalSelfAttention, GptMlp } from './gpt-block.js';
import { resolveGptConfig } from './gpt-config.js';

const randn = (shape: number[], seed: number, std = 1) => tf.tensor(new Rng(seed).fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, std), shape);
const config = resolveGptConfig({ vocabSize: 8, nEmbd: 16, nHead: 2, nLayer: 1, dropout: 0 });

await describeBackends('GptBlock fast paths', () => {
  it('GptMlp (GELU-tanh via sigmoid, custom gradient) matches cProj(gelu(cFc(x), "tanh")) in value and gradient', async () => {
    await assertNoLeaks(async () => {
      const mlp = new GptMlp(config, new Rng(1));
      const x = randn([2, 5, 16], 2, 3); // wide inputs reach both tails of the GELU
      const ref = (z: tf.Tensor) => mlp.cProj.forward(gelu(mlp.cFc.forward(z), 'tanh'));
      const y = tf.tidy(() => mlp.forward(x));
      const yRef = tf.tidy(() => ref(x));
      await assertClose(y, yRef, { rtol: 1e-5, atol: 1e-5 });
      const g = tf.tidy(() => tf.grad((z: tf.Tensor) => tf.sum(tf.square(mlp.forward(z))))(x));
      const gRef = tf.tidy(() => tf.grad((z: tf.Tensor) => tf.sum(tf.square(ref(z))))(x));
      await assertClose(g, gRef, { rtol: 1e-4, atol: 1e-5 });
      const vars = [mlp.cFc.weight, mlp.cFc.bias as tf.Variable, mlp.cProj.weight, mlp.cProj.bias as tf.Variable];
      const wg = tf.variableGrads(() => tf.sum(tf.square(mlp.forward(x))) as tf.Scalar, vars);
      const wgRef = tf.variableGrads(() => tf.sum(tf.square(ref(x))) as tf.Scalar, vars);
      for (const v of vars) await assertClose(wg.grads[v.name] as tf.Tensor, wgRef.grads[v.name] as tf.Tensor, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([x, y, yRef, g, gRef, wg.value, wgRef.value, ...Object.values(wg.grads), ...Object.values(wgRef.grads)]);
      mlp.dispose();
    });
  });

  // 10 rows take the one-product path (decoding sizes), 65 rows the weight-block path (training sizes).
  for (const [b, t] of [[2, 5], [13, 5]] as const) {
    it(`CausalSelfAttention (${b * t <= 64 ? 'one q|k|v product, split' : 'q/k/v from weight blocks'}, ${b * t} rows) matches a split of the fused c_attn output in value and gradient`, async () => {
      await assertNoLeaks(async () => {
        const attn = new CausalSelfAttention(config, new Rng(3));
        tf.tidy(() => attn.cAttn.bias?.assign(randn([48], 4, 0.1)));
        const x = randn([b, t, 16], 5);
        const ref = (z: tf.Tensor) => {
          const heads = (y: tf.Tensor) => tf.transpose(tf.reshape(y, [b, t, 2, 8]), [0, 2, 1, 3]);
          const [q, k, v] = tf.split(attn.cAttn.forward(z), 3, 2);
          const { output } = scaledDotProductAttention(heads(q as tf.Tensor), heads(k as tf.Tensor), heads(v as tf.Tensor), { isCausal: true });
          return attn.cProj.forward(tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [b, t, 16]));
        };
        const y = tf.tidy(() => attn.forward(x));
        const yRef = tf.tidy(() => ref(x));
        await assertClose(y, yRef, { rtol: 1e-5, atol: 1e-6 });
        const vars = [attn.cAttn.weight, attn.cAttn.bias as tf.Variable, attn.cProj.weight, attn.cProj.bias as tf.Variable];
        const ga = tf.variableGrads(() => tf.sum(tf.square(attn.forward(x))) as tf.Scalar, vars);
        const gb = tf.variableGrads(() => tf.sum(tf.square(ref(x))) as tf.Scalar, vars);
        for (const v of vars) await assertClose(ga.grads[v.name] as tf.Tensor, gb.grads[v.name] as tf.Tensor, { rtol: 1e-4, atol: 1e-6 });
        tf.dispose([x, y, yRef, ga.value, gb.value, ...Object.values(ga.grads), ...Object.values(gb.grads)]);
        attn.dispose();
      });
    });
  }
});
