import { Rng } from '@ml/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SvcQ } from './kernel.js';
import { SVC } from './svc.js';
import { WSS_LANES, wasmRbfColumn } from './wasm-rbf-column.js';

/** l samples in d dimensions, a few far apart (exponents below −104) and some duplicates. */
function problem(l: number, d: number, seed: number): { x: Float64Array; y: Int8Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(l * d);
  for (let i = 0; i < l * d; i++) x[i] = rng.normal() * (i % 7 === 0 ? 4 : 1);
  for (let t = 0; t < d; t++) x[3 * d + t] = x[5 * d + t]; // a duplicate row: exponent exactly 0
  for (let t = 0; t < d; t++) x[d + t] *= 60; // a far row: exponents below −104
  const y = new Int8Array(l);
  for (let i = 0; i < l; i++) y[i] = rng.random() < 0.5 ? 1 : -1;
  return { x, y };
}

/** Every column over several prefixes and after shrinking-style swaps, through a fresh SvcQ. */
function columns(x: Float64Array, y: Int8Array, d: number, gamma: number, cacheBytes: number): Float32Array[] {
  const l = y.length;
  const Q = new SvcQ({ kernel: 'rbf', gamma, coef0: 0, degree: 3 }, Float64Array.from(x), d, y, undefined, cacheBytes);
  const out: Float32Array[] = [];
  for (const len of [l, Math.max(1, l - 3), 1, 2, 9]) {
    for (let i = 0; i < l; i += 3) out.push(Q.getQ(i, Math.min(len, l)).slice(0, Math.min(len, l)));
  }
  Q.swapIndex(0, l - 1);
  Q.swapIndex(2, 7);
  for (let i = 0; i < l; i++) out.push(Q.getQ(i, l).slice(0, l));
  out.push(Float32Array.from(Q.QD));
  return out;
}

function expectBitIdentical(a: Float32Array[], b: Float32Array[]): void {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    // compare bit patterns: −0 and +0 differ, NaN equals itself
    expect(new Uint32Array(a[k].buffer, a[k].byteOffset, a[k].length)).toEqual(new Uint32Array(b[k].buffer, b[k].byteOffset, b[k].length));
  }
}

describe('wasmRbfColumn (the RBF columns of SVC in WebAssembly SIMD)', () => {
  afterEach(() => {
    wasmRbfColumn.enabled = true;
    wasmRbfColumn.selection = true;
  });

  it('assembles a small valid module', () => {
    const bytes = wasmRbfColumn.bytes();
    expect(bytes.length).toBeLessThan(4096); // synchronous compilation stays allowed in browsers
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(wasmRbfColumn.module()).not.toBeNull();
  });

  for (const [l, d, gamma, cache] of [[37, 16, 0.07, 1 << 20], [24, 3, 0.9, 1 << 20], [31, 5, 0.2, 200]] as const) {
    it(`gives the JavaScript loop's values bit for bit (l ${l}, d ${d}, gamma ${gamma}, cache ${cache} B)`, () => {
      const { x, y } = problem(l, d, l * d);
      wasmRbfColumn.enabled = false;
      const js = columns(x, y, d, gamma, cache);
      wasmRbfColumn.enabled = true;
      const wasm = columns(x, y, d, gamma, cache);
      expectBitIdentical(wasm, js);
      // the far pairs really hit the exponent < −104 branch, the duplicate pair the value ±1
      expect(js.some((c) => c.some((v) => v === 0))).toBe(true);
      expect(js.some((c) => c.some((v) => Math.abs(v) === 1))).toBe(true);
    });
  }

  for (const [l, d, gamma] of [[37, 16, 0.07], [24, 3, 0.9]] as const) {
    it(`is within a few float32 ulps of float64 exp(−γ‖x_i − x_j‖²) (l ${l}, d ${d}, gamma ${gamma})`, () => {
      const { x, y } = problem(l, d, l * d);
      for (const enabled of [true, false]) {
        wasmRbfColumn.enabled = enabled;
        const Q = new SvcQ({ kernel: 'rbf', gamma, coef0: 0, degree: 3 }, Float64Array.from(x), d, y, undefined, 1 << 20);
        let worst = 0;
        let compared = 0;
        for (let i = 0; i < l; i++) {
          const col = Q.getQ(i, l);
          for (let j = 0; j < l; j++) {
            let s = 0;
            for (let t = 0; t < d; t++) s += (x[i * d + t] - x[j * d + t]) ** 2;
            const e = Math.exp(-gamma * s);
            const v = y[i] * y[j] * col[j];
            if (e < 1e-37) {
              expect(v).toBeLessThan(1e-36); // flushed to 0 below e^−87, else tiny
              continue;
            }
            // float32 inputs and sums: relative error of the exponent up to ~d · 2^−24, so of the
            // value ~d · 2^−24 · γ‖x_i − x_j‖², plus the exp's and the final rounding's ulps (2^−23 each)
            worst = Math.max(worst, Math.abs(v - e) / e / (1 + gamma * s));
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(l * l * 0.75); // the far row's pairs underflow
        expect(worst).toBeLessThan((d + 4) * 2 ** -24);
        expect(Q.QD.every((v) => v === 1)).toBe(true);
      }
    });
  }

  it('uses libsvm\'s float64 form where float32 could overflow (γ < 0, centred values beyond 1e15), in both paths alike', () => {
    const { x, y } = problem(20, 4, 3);
    wasmRbfColumn.enabled = false;
    const js = columns(x, y, 4, -0.3, 1 << 20);
    wasmRbfColumn.enabled = true;
    const wasm = columns(x, y, 4, -0.3, 1 << 20);
    expectBitIdentical(wasm, js);
    expect(js.some((c) => c.some((v) => Math.abs(v) > 2))).toBe(true);
    // one feature spread over 1e16 (float32 would overflow its squares' sums): the float64 values
    const big = Float64Array.from(x);
    for (let i = 0; i < 20; i++) big[i * 4] = i * 1e15;
    const K = new SvcQ({ kernel: 'rbf', gamma: 1e-31, coef0: 0, degree: 3 }, Float64Array.from(big), 4, y, undefined, 1 << 20);
    const col = K.getQ(2, 20);
    for (let j = 0; j < 20; j++) {
      let s = 0;
      for (let t = 0; t < 4; t++) s += (big[2 * 4 + t] - big[j * 4 + t]) ** 2;
      expect(Math.abs(y[2] * y[j] * col[j] - Math.exp(-1e-31 * s))).toBeLessThan(1e-6);
    }
    expect(col.subarray(0, 20).some((v) => Math.abs(v) > 0.1 && Math.abs(v) < 0.9)).toBe(true);
  });

  it('leaves SVC fits bit for bit unchanged (columns written in place, gradient updates, odd sizes, small cache)', () => {
    const rng = new Rng(11);
    const n = 301;
    const d = 5;
    const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, t) => rng.normal() + (t === i % d ? 1.5 : 0)));
    const y = Array.from({ length: n }, (_, i) => i % 3);
    const test = X.slice(0, 40);
    const fits = (): unknown[] =>
      [{}, { cacheSize: 0.05 }, { C: 10, gamma: 0.3 }].map((p) => {
        const m = new SVC(p).fit(X, y);
        const f = m.toJSON().fitted;
        return [f?.support, f?.svCoef, f?.rho, f?.nIter, m.decisionFunction(test)];
      });
    wasmRbfColumn.enabled = false;
    const js = fits();
    wasmRbfColumn.enabled = true;
    expect(fits()).toEqual(js);
  });

  it('fuses the gradient update with the first selection pass bit for bit (gradMax: every length mod the lanes)', () => {
    for (const [l, len] of [[37, 37], [42, 42], [41, 38], [40, 5], [30, 3]] as const) {
      const { x, y } = problem(l, 4, l + len);
      const Q = new SvcQ({ kernel: 'rbf', gamma: 0.3, coef0: 0, degree: 3 }, Float64Array.from(x), 4, y, undefined, 1 << 20);
      const w = Q.selection;
      expect(w).not.toBeNull();
      if (w === null) return;
      const rng = new Rng(len);
      const G = Q.gradientBuffer();
      const { up } = Q.maskBuffers();
      const g0 = Float64Array.from({ length: l }, () => rng.normal());
      for (let k = 0; k < l; k++) up[k] = k % 3 === 0 ? 0 : -1;
      g0[len - 1] = g0[0]; // a tie: the last column wins
      const Qi = Q.getQ(1, l);
      const Qj = Q.getQ(4, l);
      const dI = 0.37;
      const dJ = -0.61;
      // the JavaScript loop's update and the separate WebAssembly gradient and first pass
      const js = Float64Array.from(g0);
      for (let k = 0; k < len; k++) js[k] += Qi[k] * dI + Qj[k] * dJ;
      G.set(g0);
      expect(w.updateGradient(G, Qi, Qj, len, dI, dJ)).toBe(true);
      const separate = Float64Array.from(G);
      const n = len - (len % WSS_LANES);
      const max = Float64Array.from(w.wssMax(n, G, up) ?? []);
      G.set(g0);
      const fused = w.updateGradientMax(G, Qi, Qj, len, dI, dJ, up);
      expect(fused).not.toBeNull();
      expect(new BigUint64Array(G.buffer, G.byteOffset, l)).toEqual(new BigUint64Array(separate.buffer));
      expect(Float64Array.from(G)).toEqual(js);
      expect(Float64Array.from(fused ?? [])).toEqual(max);
      // the lanes found something where n > 0
      if (n > 0) expect(Array.from(max.subarray(WSS_LANES, 2 * WSS_LANES)).some((v) => v >= 0)).toBe(true);
    }
  });

  it('selects the working sets of the JavaScript loop (ties to the last column, shrinking, every active size mod the lanes)', () => {
    // features on a coarse grid with many duplicate rows: gradients and second-order gains tie
    // exactly (at α = 0 every −y G is 1), so the lanes' combination must pick the last column
    const rng = new Rng(5);
    const n = 263;
    const d = 3;
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.int(3)));
    const y = Array.from({ length: n }, (_, i) => (X[i][0] + X[i][1] + (i % 5 === 0 ? 1 : 0)) % 3);
    const fits = (): unknown[] =>
      [{}, { C: 30, gamma: 0.7 }, { C: 0.2, shrinking: false }, { cacheSize: 0.01 }].map((p) => {
        const f = new SVC(p).fit(X, y).toJSON().fitted;
        return [f?.support, f?.svCoef, f?.rho, f?.nIter];
      });
    wasmRbfColumn.selection = false;
    const js = fits();
    wasmRbfColumn.selection = true;
    const wasm = fits();
    expect(wasm).toEqual(js);
    // and the same as with no WebAssembly at all
    wasmRbfColumn.enabled = false;
    expect(fits()).toEqual(js);
  });
});
