/**
 * The fused GPT ops against their composed tensor formulas (`fused: false`) and against independent
 * definitions: geluTanh against ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (tfjs `tanh`/`pow`, generic
 * gradient) and bit for bit against the composed x·σ(·) formula it fuses (values and gradients);
 * causalSoftmax against softmax(scale·S + M) with an explicit −∞ mask built here, for square and
 * cached (offset) rows, values and gradients. On cpu and webgpu `fused` has no kernel to use, so both
 * sides run the same formula there; the wasm runs compare the SIMD kernels.
 */
import { expect, it } from 'vitest';
import { tf, Rng } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { addRowBias, biasGeluTanh, causalSoftmax, columnSum, geluTanh, swapAxes12 } from './fused-kernels.js';

const randn = (shape: number[], seed: number, std = 1) => tf.tensor(new Rng(seed).fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, std), shape);

/** Value and gradient of sum(r·f(x)). */
function valueAndGrad(f: (z: tf.Tensor) => tf.Tensor, x: tf.Tensor, r: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const y = tf.tidy(() => f(x));
  const g = tf.tidy(() => tf.grad((z: tf.Tensor) => tf.sum(tf.mul(r, f(z))))(x));
  return [y, g];
}

await describeBackends('fused GPT kernels', (backend) => {
  it('geluTanh: the fused kernels give the composed formula bit for bit, and the tanh definition', async () => {
    await assertNoLeaks(async () => {
      const x = randn([6, 40], 1, 3); // 240 values: SIMD groups of 4 on wasm
      const r = randn([6, 40], 2);
      const [y, g] = valueAndGrad((z) => geluTanh(z), x, r);
      const [yc, gc] = valueAndGrad((z) => geluTanh(z, { fused: false }), x, r);
      expect(Array.from(await y.data())).toEqual(Array.from(await yc.data()));
      expect(Array.from(await g.data())).toEqual(Array.from(await gc.data()));
      const tanhForm = (z: tf.Tensor) => tf.mul(tf.mul(z, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(z, tf.mul(0.044715, tf.pow(z, 3)))))));
      const [yr, gr] = valueAndGrad(tanhForm, x, r);
      await assertClose(y, yr, { rtol: 1e-5, atol: 1e-6 });
      await assertClose(g, gr, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([x, r, y, g, yc, gc, yr, gr]);
    });
  });

  it('geluTanh: sizes that are not a multiple of 4 take the composed formula', async () => {
    await assertNoLeaks(async () => {
      const x = randn([3, 7], 3, 2);
      const r = randn([3, 7], 4);
      const [y, g] = valueAndGrad((z) => geluTanh(z), x, r);
      const [yc, gc] = valueAndGrad((z) => geluTanh(z, { fused: false }), x, r);
      expect(Array.from(await y.data())).toEqual(Array.from(await yc.data()));
      expect(Array.from(await g.data())).toEqual(Array.from(await gc.data()));
      tf.dispose([x, r, y, g, yc, gc]);
    });
  });

  it('biasGeluTanh equals geluTanh(x + bias): values and x-gradient bit for bit, bias gradient to rounding', async () => {
    await assertNoLeaks(async () => {
      const x = randn([10, 16], 13, 2);
      const bias = randn([16], 14);
      const r = randn([10, 16], 15);
      const grads = (f: (a: tf.Tensor, c: tf.Tensor) => tf.Tensor) => tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(r, f(a, c))))([x, bias]);
      const y = tf.tidy(() => biasGeluTanh(x, bias));
      const yc = tf.tidy(() => geluTanh(tf.add(x, bias), { fused: false }));
      expect(Array.from(await y.data())).toEqual(Array.from(await yc.data()));
      const [gx, gb] = grads((a, c) => biasGeluTanh(a, c)) as [tf.Tensor, tf.Tensor];
      const [gxc, gbc] = grads((a, c) => geluTanh(tf.add(a, c), { fused: false })) as [tf.Tensor, tf.Tensor];
      expect(Array.from(await gx.data())).toEqual(Array.from(await gxc.data()));
      await assertClose(gb, gbc, { rtol: 1e-5, atol: 1e-6 });
      if (backend === 'wasm') expect((await tf.profile(() => { const t = biasGeluTanh(x, bias); t.dispose(); })).kernelNames).toContain('MlGptBiasGeluTanh');
      tf.dispose([x, bias, r, y, yc, gx, gb, gxc, gbc]);
    });
  });

  it('swapAxes12 is tf.transpose(x, [0, 2, 1, 3]) exactly, values and gradients', async () => {
    await assertNoLeaks(async () => {
      for (const shape of [[2, 5, 3, 8], [3, 4, 2, 6]]) {
        const x = randn(shape, 16);
        const r = randn([shape[0] as number, shape[2] as number, shape[1] as number, shape[3] as number], 17);
        const [y, g] = valueAndGrad((z) => swapAxes12(z), x, r);
        const [yr, gr] = valueAndGrad((z) => tf.transpose(z, [0, 2, 1, 3]), x, r);
        expect(y.shape).toEqual(yr.shape);
        expect(Array.from(await y.data())).toEqual(Array.from(await yr.data()));
        expect(Array.from(await g.data())).toEqual(Array.from(await gr.data()));
        tf.dispose([x, r, y, g, yr, gr]);
      }
      if (backend === 'wasm') {
        const x = randn([2, 3, 4, 8], 18);
        expect((await tf.profile(() => { const t = swapAxes12(x); t.dispose(); })).kernelNames).toContain('MlGptSwapAxes12');
        x.dispose();
      }
    });
  });

  for (const [q, keys] of [[8, 8], [4, 12]] as const) {
    it(`causalSoftmax matches softmax(scale·S + mask) for ${q} queries over ${keys} keys`, async () => {
      await assertNoLeaks(async () => {
        const rows = 3 * q; // three (batch·head) entries
        const offset = keys - q;
        const scale = 1 / Math.sqrt(8);
        const s = randn([rows, keys], 5, 4);
        const r = randn([rows, keys], 6);
        const mask = new Float32Array(rows * keys);
        for (let row = 0; row < rows; row++) for (let j = offset + (row % q) + 1; j < keys; j++) mask[row * keys + j] = -Infinity;
        const reference = (z: tf.Tensor) => tf.softmax(tf.add(tf.mul(z, scale), tf.tensor(mask, [rows, keys])));
        const [y, g] = valueAndGrad((z) => causalSoftmax(z, scale, q, offset), s, r);
        const [yc, gc] = valueAndGrad((z) => causalSoftmax(z, scale, q, offset, { fused: false }), s, r);
        const [yr, gr] = valueAndGrad(reference, s, r);
        await assertClose(y, yr, { rtol: 1e-6, atol: 1e-7 });
        await assertClose(yc, yr, { rtol: 1e-6, atol: 1e-7 });
        await assertClose(g, gr, { rtol: 1e-5, atol: 1e-6 });
        await assertClose(gc, gr, { rtol: 1e-5, atol: 1e-6 });
        const values = await y.data();
        for (let row = 0; row < rows; row++) {
          for (let j = offset + (row % q) + 1; j < keys; j++) expect(values[row * keys + j], `row ${row} key ${j} (${backend})`).toBe(0);
        }
        tf.dispose([s, r, y, g, yc, gc, yr, gr]);
      });
    });
  }

  it.runIf(backend === 'wasm')('on wasm each op is one kernel each way', async () => {
    await assertNoLeaks(async () => {
      const x = randn([4, 8], 7);
      const names = async (f: () => tf.Tensor) => (await tf.profile(() => { const t = f(); t.dispose(); })).kernelNames;
      expect(await names(() => tf.grad((z: tf.Tensor) => tf.sum(geluTanh(z)))(x))).toEqual(expect.arrayContaining(['MlGptGeluTanh', 'MlGptGeluTanhGrad']));
      expect(await names(() => tf.grad((z: tf.Tensor) => tf.sum(causalSoftmax(z, 0.5, 4, 4)))(x))).toEqual(expect.arrayContaining(['MlGptCausalSoftmax', 'MlGptScaledSoftmaxGrad']));
      expect(await names(() => columnSum(x))).toEqual(['MlGptColumnSum']);
      const unfused = await names(() => tf.grad((z: tf.Tensor) => tf.sum(geluTanh(z, { fused: false })))(x));
      expect(unfused).not.toContain('MlGptGeluTanh');
      x.dispose();
    });
  });

  it('columnSum gives the sum over rows (SIMD on wasm, onesᵀ·x elsewhere and for widths not a multiple of 4)', async () => {
    await assertNoLeaks(async () => {
      for (const shape of [[37, 12], [5, 6]]) {
        const x = randn(shape, 12, 2);
        const [a, c, ref] = [columnSum(x), columnSum(x, { fused: false }), tf.sum(x, 0)];
        expect(a.shape).toEqual([shape[1]]);
        await assertClose(a, ref, { rtol: 1e-5, atol: 1e-5 });
        await assertClose(c, ref, { rtol: 1e-5, atol: 1e-5 });
        tf.dispose([x, a, c, ref]);
      }
    });
  });

  it('addRowBias is tf.add(x, bias) bit for bit (SIMD rows on wasm; widths not a multiple of 4 and fused: false take tf.add)', async () => {
    await assertNoLeaks(async () => {
      for (const [n, e] of [[7, 24], [5, 6]] as const) {
        const x = randn([n, e], 31 + e, 3);
        const bias = randn([e], 32 + e);
        const y = addRowBias(x, bias);
        const yf = addRowBias(x, bias, { fused: false });
        const ref = tf.add(x, bias);
        expect(y.shape).toEqual([n, e]);
        expect(Array.from(await y.data())).toEqual(Array.from(await ref.data()));
        expect(Array.from(await yf.data())).toEqual(Array.from(await ref.data()));
        // independent of tfjs's Add: per element in float32
        const [xv, bv, yv] = [await x.data(), await bias.data(), await y.data()];
        for (let i = 0; i < n * e; i++) expect(yv[i]).toBe(Math.fround((xv[i] as number) + (bv[i % e] as number)));
        tf.dispose([x, bias, y, yf, ref]);
      }
    });
  });

  it('causalSoftmax rejects rows that are not a multiple of the query count', () => {
    const s = tf.zeros([5, 4]);
    expect(() => causalSoftmax(s, 1, 2, 2)).toThrow(/multiple of q = 2; received \[5, 4\]/);
    s.dispose();
  });
});
