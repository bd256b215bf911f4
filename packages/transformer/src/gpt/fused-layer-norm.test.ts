/**
 * fusedLayerNorm (hand-written gradient) gives the values and the input, weight and bias gradients of
 * `@ml/core`'s LayerNorm (generic gradient of the composed ops), on 3-D and 2-D inputs with a
 * non-trivial weight and bias, and falls back to `LayerNorm.forward` without an affine part.
 */
import { expect, it } from 'vitest';
import { tf, Rng } from '@ml/core';
import { LayerNorm } from '@ml/core/nn';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { fusedLayerNorm } from './fused-layer-norm.js';

const randn = (shape: number[], seed: number, std = 1, mean = 0) => tf.tensor(new Rng(seed).fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), mean, std), shape);

await describeBackends('fusedLayerNorm', (backend) => {
  for (const shape of [[2, 5, 16], [7, 16]]) {
    it(`matches LayerNorm in value and gradients for x [${shape.join(', ')}]`, async () => {
      await assertNoLeaks(async () => {
        const ln = new LayerNorm(16, { eps: 1e-5 });
        const [w, b] = [randn([16], 3, 0.5, 1), randn([16], 4, 0.5)];
        ln.weight?.assign(w);
        ln.bias?.assign(b);
        tf.dispose([w, b]);
        const x = randn(shape, 2, 3, 0.7);
        const r = randn(shape, 5); // a random cotangent through sum(r · y)
        const loss = (f: (z: tf.Tensor) => tf.Tensor) => (z: tf.Tensor) => tf.sum(tf.mul(r, f(z)));
        const y = tf.tidy(() => fusedLayerNorm(ln, x));
        const yRef = tf.tidy(() => ln.forward(x));
        await assertClose(y, yRef, { rtol: 1e-6, atol: 1e-6 });
        const g = tf.tidy(() => tf.grad(loss((z) => fusedLayerNorm(ln, z)))(x));
        const gRef = tf.tidy(() => tf.grad(loss((z) => ln.forward(z)))(x));
        await assertClose(g, gRef, { rtol: 1e-4, atol: 1e-5 });
        const vars = [ln.weight as tf.Variable, ln.bias as tf.Variable];
        const wg = tf.variableGrads(() => loss((z) => fusedLayerNorm(ln, z))(x) as tf.Scalar, vars);
        const wgRef = tf.variableGrads(() => loss((z) => ln.forward(z))(x) as tf.Scalar, vars);
        for (const v of vars) await assertClose(wg.grads[v.name] as tf.Tensor, wgRef.grads[v.name] as tf.Tensor, { rtol: 1e-4, atol: 1e-5 });
        tf.dispose([x, r, y, yRef, g, gRef, wg.value, wgRef.value, ...Object.values(wg.grads), ...Object.values(wgRef.grads)]);
        ln.dispose();
      });
    });
  }

  it('the SIMD kernels (wasm) agree with the tensor formula (fused: false), and run as one kernel each way there', async () => {
    await assertNoLeaks(async () => {
      const ln = new LayerNorm(24, { eps: 1e-5 });
      const [w, b] = [randn([24], 8, 0.5, 1), randn([24], 9, 0.5)];
      ln.weight?.assign(w);
      ln.bias?.assign(b);
      const x = randn([9, 24], 10, 2, -0.3);
      const r = randn([9, 24], 11);
      const vars = [ln.weight as tf.Variable, ln.bias as tf.Variable];
      const run = (fused: boolean) => tf.variableGrads(() => tf.sum(tf.mul(r, fusedLayerNorm(ln, x, { fused }))) as tf.Scalar, vars);
      const gx = (fused: boolean) => tf.tidy(() => tf.grad((z: tf.Tensor) => tf.sum(tf.mul(r, fusedLayerNorm(ln, z, { fused }))))(x));
      const [a, c] = [run(true), run(false)];
      await assertClose(a.value, c.value, { rtol: 1e-5, atol: 1e-5 });
      for (const v of vars) await assertClose(a.grads[v.name] as tf.Tensor, c.grads[v.name] as tf.Tensor, { rtol: 1e-5, atol: 1e-5 });
      const [ga, gc] = [gx(true), gx(false)];
      await assertClose(ga, gc, { rtol: 1e-4, atol: 1e-5 });
      const names = (await tf.profile(() => { const t = gx(true); t.dispose(); })).kernelNames;
      if (backend === 'wasm') expect(names).toEqual(expect.arrayContaining(['MlGptLayerNorm', 'MlGptLayerNormGrad']));
      else expect(names).not.toContain('MlGptLayerNorm');
      tf.dispose([w, b, x, r, a.value, c.value, ga, gc, ...Object.values(a.grads), ...Object.values(c.grads)]);
      ln.dispose();
    });
  });

  it('falls back to LayerNorm.forward when the norm has no weight and bias', async () => {
    await assertNoLeaks(async () => {
      const ln = new LayerNorm(16, { elementwiseAffine: false });
      const x = randn([3, 16], 6, 2);
      const y = tf.tidy(() => fusedLayerNorm(ln, x));
      const yRef = tf.tidy(() => ln.forward(x));
      await assertClose(y, yRef, { rtol: 0, atol: 0 });
      tf.dispose([x, y, yRef]);
      ln.dispose();
    });
  });
});
