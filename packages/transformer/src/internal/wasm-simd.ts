/**
 * Internal: hand-assembled WebAssembly SIMD loops over tfjs-backend-wasm's own heap, for the fused
 * GPT kernels (`fused-kernels.ts`). The module imports the backend's `WebAssembly.Memory` and works
 * on tensors in place by byte address, four floats per instruction; every operation is a float32
 * instruction (correctly rounded, IEEE 754) applied in the order the tensor formula applies it, so
 * the elementwise results are the same bits as the composed tfjs kernels.
 *
 * Exports (addresses and lengths in bytes; lengths multiples of 16):
 * - `geluInner(x, out, n, k1, k2)`: out = x·(x·x·k2 + k1)
 * - `mul(a, b, out, n)`: out = a·b
 * - `geluGrad(dy, x, s, out, n, k1, k3)`: out = dy·(s + x·(s·(1 − s))·(x·x·k3 + k1))
 * - `softmaxGrad(y, dy, out, n, rowBytes, c)`: per row, out = (dy·y − Σ(dy·y)·y)·c
 * - `layerNorm(x, g, b, y, xhat, rstd, n, rowBytes, e, eps)`: per row of width e, mean μ, rstd =
 *   1/√(mean((x − μ)²) + eps), xhat = (x − μ)·rstd, y = xhat·g + b
 * - `layerNormGrad(dy, xhat, rstd, g, dx, dg, db, n, rowBytes, e)`: per row, ĝ = dy·g,
 *   dx = (ĝ − mean(ĝ) − xhat·mean(ĝ·xhat))·rstd; dg = Σ_rows dy·xhat, db = Σ_rows dy
 * - `columnSum(x, out, n, rowBytes)`: out = Σ_rows x (rows added in order)
 * - `scaleCausal(a, out, n, rowBytes, c, q, offset)`: per row r, out = a·c, then −∞ at keys after
 *   offset + (r mod q)
 * - `biasGeluInner(x, bias, u, z, n, rowBytes, k1, k2)`: per row u = x + bias, z = u·(u·u·k2 + k1)
 * - `swapAxes12(src, dst, A, P, Q, rowBytes)`: dst[a, q, p, :] = src[a, p, q, :] (a copy)
 * - `biasAdd(x, bias, out, n, rowBytes)`: per row out = x + bias
 * @see https://webassembly.github.io/spec/core/binary/index.html
 */

import { get, name, section, set, uleb, vec } from '@ml/core/wasm';

const [BLOCK, LOOP, END, BR, BR_IF, VOID] = [0x02, 0x03, 0x0b, 0x0c, 0x0d, 0x40];
const [I32_CONST, I32_GE_U, I32_ADD, I32_MUL, I32_SHL, I32_EQ, SELECT] = [0x41, 0x4f, 0x6a, 0x6c, 0x74, 0x46, 0x1b];
const [F32_ADD, F32_DIV, F32_SQRT, F32_CONST] = [0x92, 0x95, 0x91, 0x43];
const F32_LOAD = [0x2a, 0x02, 0x00];
const F32_STORE = [0x38, 0x02, 0x00];
const [I32, F32, V128] = [0x7f, 0x7d, 0x7b];
const SIMD = 0xfd;
const LOAD = [SIMD, 0x00, 0x04, 0x00];
const STORE = [SIMD, 0x0b, 0x04, 0x00];
const SPLAT = [SIMD, 0x13];
const LANE = (i: number) => [SIMD, 0x1f, i];
const ADD = [SIMD, 0xe4, 0x01];
const SUB = [SIMD, 0xe5, 0x01];
const MUL = [SIMD, 0xe6, 0x01];

/** `for (off = 0; off < limit; off += 16) body` with `off` and `limit` locals. */
function loop16(off: number, limit: number, body: number[]): number[] {
  return [
    I32_CONST, 0, ...set(off),
    BLOCK, VOID, LOOP, VOID,
    ...get(off), ...get(limit), I32_GE_U, BR_IF, 1,
    ...body,
    ...get(off), I32_CONST, 16, I32_ADD, ...set(off),
    BR, 0, END, END,
  ];
}

interface Fn {
  name: string;
  params: number[];
  locals: number[];
  body: number[];
}

/** v128 load of `base + off` (two i32 locals). */
const at = (base: number, off: number): number[] => [...get(base), ...get(off), I32_ADD];
const load = (base: number, off: number): number[] => [...at(base, off), ...LOAD];

function functions(): Fn[] {
  const fns: Fn[] = [];
  {
    // geluInner(x, out, n, k1, k2); locals: off 5, k1v 6, k2v 7, v 8
    const [x, out, n, k1, k2, off, k1v, k2v, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    fns.push({
      name: 'geluInner', params: [I32, I32, I32, F32, F32], locals: [I32, V128, V128, V128],
      body: [
        ...get(k1), ...SPLAT, ...set(k1v), ...get(k2), ...SPLAT, ...set(k2v),
        ...loop16(off, n, [
          ...load(x, off), ...set(v),
          ...at(out, off), ...get(v), ...get(v), ...get(v), ...MUL, ...get(k2v), ...MUL, ...get(k1v), ...ADD, ...MUL, ...STORE,
        ]),
      ],
    });
  }
  {
    // mul(a, b, out, n); locals: off 4
    const [a, b, out, n, off] = [0, 1, 2, 3, 4];
    fns.push({ name: 'mul', params: [I32, I32, I32, I32], locals: [I32], body: loop16(off, n, [...at(out, off), ...load(a, off), ...load(b, off), ...MUL, ...STORE]) });
  }
  {
    // geluGrad(dy, x, s, out, n, k1, k3); locals: off 7, k1v 8, k3v 9, xv 10, sv 11, one 12
    const [dy, x, s, out, n, k1, k3, off, k1v, k3v, xv, sv, one] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    fns.push({
      name: 'geluGrad', params: [I32, I32, I32, I32, I32, F32, F32], locals: [I32, V128, V128, V128, V128, V128],
      body: [
        ...get(k1), ...SPLAT, ...set(k1v), ...get(k3), ...SPLAT, ...set(k3v), F32_CONST, 0x00, 0x00, 0x80, 0x3f, ...SPLAT, ...set(one),
        ...loop16(off, n, [
          ...load(x, off), ...set(xv), ...load(s, off), ...set(sv),
          ...at(out, off), ...load(dy, off),
          // s + (x·(s·(1 − s)))·(x·x·k3 + k1)
          ...get(sv), ...get(xv), ...get(sv), ...get(one), ...get(sv), ...SUB, ...MUL, ...MUL,
          ...get(xv), ...get(xv), ...MUL, ...get(k3v), ...MUL, ...get(k1v), ...ADD, ...MUL, ...ADD,
          ...MUL, ...STORE,
        ]),
      ],
    });
  }
  {
    // softmaxGrad(y, dy, out, n, rowBytes, c); locals: row 6, j 7, acc 8, cv 9, tot 10, yRow 11, dyRow 12, outRow 13, p 14
    const [y, dy, out, n, rowBytes, c, row, j, acc, cv, tot, yRow, dyRow, outRow, p] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    const rowBody = [
      ...get(y), ...get(row), I32_ADD, ...set(yRow), ...get(dy), ...get(row), I32_ADD, ...set(dyRow), ...get(out), ...get(row), I32_ADD, ...set(outRow),
      F32_CONST, 0, 0, 0, 0, ...SPLAT, ...set(acc),
      ...loop16(j, rowBytes, [...get(acc), ...load(dyRow, j), ...load(yRow, j), ...MUL, ...ADD, ...set(acc)]),
      ...get(acc), ...LANE(0), ...get(acc), ...LANE(1), F32_ADD, ...get(acc), ...LANE(2), F32_ADD, ...get(acc), ...LANE(3), F32_ADD, ...SPLAT, ...set(tot),
      ...loop16(j, rowBytes, [
        ...load(yRow, j), ...set(p),
        ...at(outRow, j), ...load(dyRow, j), ...get(p), ...MUL, ...get(tot), ...get(p), ...MUL, ...SUB, ...get(cv), ...MUL, ...STORE,
      ]),
    ];
    fns.push({
      name: 'softmaxGrad', params: [I32, I32, I32, I32, I32, F32], locals: [I32, I32, V128, V128, V128, I32, I32, I32, V128],
      body: [
        ...get(c), ...SPLAT, ...set(cv),
        I32_CONST, 0, ...set(row),
        BLOCK, VOID, LOOP, VOID,
        ...get(row), ...get(n), I32_GE_U, BR_IF, 1,
        ...rowBody,
        ...get(row), ...get(rowBytes), I32_ADD, ...set(row),
        BR, 0, END, END,
      ],
    });
  }
  const hsum = (v: number): number[] => [...get(v), ...LANE(0), ...get(v), ...LANE(1), F32_ADD, ...get(v), ...LANE(2), F32_ADD, ...get(v), ...LANE(3), F32_ADD];
  const zero = [F32_CONST, 0, 0, 0, 0, ...SPLAT];
  /** `for (row = 0; row < n; row += rowBytes) body` */
  const rows = (row: number, n: number, rowBytes: number, body: number[]) => [
    I32_CONST, 0, ...set(row),
    BLOCK, VOID, LOOP, VOID,
    ...get(row), ...get(n), I32_GE_U, BR_IF, 1,
    ...body,
    ...get(row), ...get(rowBytes), I32_ADD, ...set(row),
    BR, 0, END, END,
  ];
  {
    // layerNorm(x, g, b, y, xh, rs, n, rowBytes, e, eps)
    const [x, g, b, y, xh, rs, n, rowBytes, e, eps] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const [row, j, xr, yr, xhr, rsp] = [10, 11, 12, 13, 14, 15]; // i32
    const [acc, meanv, rstdv, c, hv] = [16, 17, 18, 19, 20]; // v128
    const rstd = 21; // f32
    fns.push({
      name: 'layerNorm', params: [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32], locals: [I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, F32],
      body: [
        ...get(rs), ...set(rsp),
        ...rows(row, n, rowBytes, [
          ...get(x), ...get(row), I32_ADD, ...set(xr), ...get(y), ...get(row), I32_ADD, ...set(yr), ...get(xh), ...get(row), I32_ADD, ...set(xhr),
          ...zero, ...set(acc),
          ...loop16(j, rowBytes, [...get(acc), ...load(xr, j), ...ADD, ...set(acc)]),
          ...hsum(acc), ...get(e), F32_DIV, ...SPLAT, ...set(meanv),
          ...zero, ...set(acc),
          ...loop16(j, rowBytes, [...load(xr, j), ...get(meanv), ...SUB, ...set(c), ...get(acc), ...get(c), ...get(c), ...MUL, ...ADD, ...set(acc)]),
          F32_CONST, 0x00, 0x00, 0x80, 0x3f, ...hsum(acc), ...get(e), F32_DIV, ...get(eps), F32_ADD, F32_SQRT, F32_DIV, ...set(rstd),
          ...get(rsp), ...get(rstd), ...F32_STORE,
          ...get(rstd), ...SPLAT, ...set(rstdv),
          ...loop16(j, rowBytes, [
            ...load(xr, j), ...get(meanv), ...SUB, ...get(rstdv), ...MUL, ...set(hv),
            ...at(xhr, j), ...get(hv), ...STORE,
            ...at(yr, j), ...get(hv), ...load(g, j), ...MUL, ...load(b, j), ...ADD, ...STORE,
          ]),
          ...get(rsp), I32_CONST, 4, I32_ADD, ...set(rsp),
        ]),
      ],
    });
  }
  {
    // layerNormGrad(dy, xh, rs, g, dx, dg, db, n, rowBytes, e)
    const [dy, xh, rs, g, dx, dg, db, n, rowBytes, e] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const [row, j, dyr, xhr, dxr, rsp] = [10, 11, 12, 13, 14, 15]; // i32
    const [a1, a2, d, xv, t, m1, m2, rv] = [16, 17, 18, 19, 20, 21, 22, 23]; // v128
    fns.push({
      name: 'layerNormGrad', params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, F32], locals: [I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, V128, V128, V128],
      body: [
        ...loop16(j, rowBytes, [...at(dg, j), ...zero, ...STORE, ...at(db, j), ...zero, ...STORE]),
        ...get(rs), ...set(rsp),
        ...rows(row, n, rowBytes, [
          ...get(dy), ...get(row), I32_ADD, ...set(dyr), ...get(xh), ...get(row), I32_ADD, ...set(xhr), ...get(dx), ...get(row), I32_ADD, ...set(dxr),
          ...zero, ...set(a1), ...zero, ...set(a2),
          ...loop16(j, rowBytes, [
            ...load(dyr, j), ...set(d), ...load(xhr, j), ...set(xv),
            ...get(d), ...load(g, j), ...MUL, ...set(t),
            ...get(a1), ...get(t), ...ADD, ...set(a1),
            ...get(a2), ...get(t), ...get(xv), ...MUL, ...ADD, ...set(a2),
            ...at(dg, j), ...load(dg, j), ...get(d), ...get(xv), ...MUL, ...ADD, ...STORE,
            ...at(db, j), ...load(db, j), ...get(d), ...ADD, ...STORE,
          ]),
          ...hsum(a1), ...get(e), F32_DIV, ...SPLAT, ...set(m1),
          ...hsum(a2), ...get(e), F32_DIV, ...SPLAT, ...set(m2),
          ...get(rsp), ...F32_LOAD, ...SPLAT, ...set(rv),
          ...loop16(j, rowBytes, [
            ...at(dxr, j),
            ...load(dyr, j), ...load(g, j), ...MUL, ...get(m1), ...SUB, ...load(xhr, j), ...get(m2), ...MUL, ...SUB, ...get(rv), ...MUL,
            ...STORE,
          ]),
          ...get(rsp), I32_CONST, 4, I32_ADD, ...set(rsp),
        ]),
      ],
    });
  }
  {
    // columnSum(x, out, n, rowBytes): out[j] = Σ_rows x[row, j]
    const [x, out, n, rowBytes, row, j, xr] = [0, 1, 2, 3, 4, 5, 6];
    fns.push({
      name: 'columnSum', params: [I32, I32, I32, I32], locals: [I32, I32, I32],
      body: [
        ...loop16(j, rowBytes, [...at(out, j), ...zero, ...STORE]),
        ...rows(row, n, rowBytes, [
          ...get(x), ...get(row), I32_ADD, ...set(xr),
          ...loop16(j, rowBytes, [...at(out, j), ...load(out, j), ...load(xr, j), ...ADD, ...STORE]),
        ]),
      ],
    });
  }
  {
    // biasGeluInner(x, bias, u, z, n, rowBytes, k1, k2): per row u = x + bias, z = u·(u·u·k2 + k1)
    const [x, bias, u, z, n, rowBytes, k1, k2] = [0, 1, 2, 3, 4, 5, 6, 7];
    const [row, j, xr, ur, zr, k1v, k2v, v] = [8, 9, 10, 11, 12, 13, 14, 15];
    fns.push({
      name: 'biasGeluInner', params: [I32, I32, I32, I32, I32, I32, F32, F32], locals: [I32, I32, I32, I32, I32, V128, V128, V128],
      body: [
        ...get(k1), ...SPLAT, ...set(k1v), ...get(k2), ...SPLAT, ...set(k2v),
        ...rows(row, n, rowBytes, [
          ...get(x), ...get(row), I32_ADD, ...set(xr), ...get(u), ...get(row), I32_ADD, ...set(ur), ...get(z), ...get(row), I32_ADD, ...set(zr),
          ...loop16(j, rowBytes, [
            ...load(xr, j), ...load(bias, j), ...ADD, ...set(v),
            ...at(ur, j), ...get(v), ...STORE,
            ...at(zr, j), ...get(v), ...get(v), ...get(v), ...MUL, ...get(k2v), ...MUL, ...get(k1v), ...ADD, ...MUL, ...STORE,
          ]),
        ]),
      ],
    });
  }
  {
    // biasAdd(x, bias, out, n, rowBytes): per row out = x + bias
    const [x, bias, out, n, rowBytes, row, j, xr, or] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    fns.push({
      name: 'biasAdd', params: [I32, I32, I32, I32, I32], locals: [I32, I32, I32, I32],
      body: rows(row, n, rowBytes, [
        ...get(x), ...get(row), I32_ADD, ...set(xr), ...get(out), ...get(row), I32_ADD, ...set(or),
        ...loop16(j, rowBytes, [...at(or, j), ...load(xr, j), ...load(bias, j), ...ADD, ...STORE]),
      ]),
    });
  }
  {
    // scaleCausal(a, out, n, rowBytes, c, q, offset): per row r (query i = r mod q) out = a·c, then −∞ from key offset + i + 1 on
    const [a, out, n, rowBytes, c, q, offset] = [0, 1, 2, 3, 4, 5, 6];
    const [row, j, i, ar, or, cv] = [7, 8, 9, 10, 11, 12];
    fns.push({
      name: 'scaleCausal', params: [I32, I32, I32, I32, F32, I32, I32], locals: [I32, I32, I32, I32, I32, V128],
      body: [
        ...get(c), ...SPLAT, ...set(cv),
        I32_CONST, 0, ...set(i),
        ...rows(row, n, rowBytes, [
          ...get(a), ...get(row), I32_ADD, ...set(ar), ...get(out), ...get(row), I32_ADD, ...set(or),
          ...loop16(j, rowBytes, [...at(or, j), ...load(ar, j), ...get(cv), ...MUL, ...STORE]),
          // j = 4·(offset + i + 1); while (j < rowBytes) { out[row + j] = −∞; j += 4 }
          ...get(offset), ...get(i), I32_ADD, I32_CONST, 1, I32_ADD, I32_CONST, 2, I32_SHL, ...set(j),
          BLOCK, VOID, LOOP, VOID,
          ...get(j), ...get(rowBytes), I32_GE_U, BR_IF, 1,
          ...get(or), ...get(j), I32_ADD, F32_CONST, 0x00, 0x00, 0x80, 0xff, ...F32_STORE,
          ...get(j), I32_CONST, 4, I32_ADD, ...set(j),
          BR, 0, END, END,
          // i = (i + 1) mod q
          I32_CONST, 0, ...get(i), I32_CONST, 1, I32_ADD, ...set(i), ...get(i), ...get(i), ...get(q), I32_EQ, SELECT, ...set(i),
        ]),
      ],
    });
  }
  {
    // swapAxes12(src, dst, A, P, Q, rowBytes): dst[a, q, p, :] = src[a, p, q, :] (rows of rowBytes)
    const [src, dst, A, P, Q, rowBytes] = [0, 1, 2, 3, 4, 5];
    const [a, p, q, sp, dp, j, qStride, dBase] = [6, 7, 8, 9, 10, 11, 12, 13];
    const count = (c: number, limit: number, body: number[]) => [
      I32_CONST, 0, ...set(c),
      BLOCK, VOID, LOOP, VOID,
      ...get(c), ...get(limit), I32_GE_U, BR_IF, 1,
      ...body,
      ...get(c), I32_CONST, 1, I32_ADD, ...set(c),
      BR, 0, END, END,
    ];
    fns.push({
      name: 'swapAxes12', params: [I32, I32, I32, I32, I32, I32], locals: [I32, I32, I32, I32, I32, I32, I32, I32],
      body: [
        ...get(P), ...get(rowBytes), I32_MUL, ...set(qStride),
        ...get(src), ...set(sp), ...get(dst), ...set(dBase),
        ...count(a, A, [
          ...count(p, P, [
            ...get(dBase), ...get(p), ...get(rowBytes), I32_MUL, I32_ADD, ...set(dp),
            ...count(q, Q, [
              ...loop16(j, rowBytes, [...at(dp, j), ...load(sp, j), ...STORE]),
              ...get(sp), ...get(rowBytes), I32_ADD, ...set(sp),
              ...get(dp), ...get(qStride), I32_ADD, ...set(dp),
            ]),
          ]),
          ...get(dBase), ...get(qStride), ...get(Q), I32_MUL, I32_ADD, ...set(dBase),
        ]),
      ],
    });
  }
  return fns;
}

/** Groups consecutive equal local types: `[count, type]` entries. */
function localDecls(types: number[]): number[][] {
  const out: number[][] = [];
  for (const t of types) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === t) last[0] = (last[0] as number) + 1;
    else out.push([1, t]);
  }
  return out.map(([count, t]) => [...uleb(count as number), t as number]);
}

function assemble(): Uint8Array<ArrayBuffer> {
  const fns = functions();
  const types = fns.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec([])]);
  const code = fns.map((f) => {
    const b = [...vec(localDecls(f.locals)), ...f.body, END];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])), // memory, min 1 page, no maximum
    ...section(3, vec(fns.map((_, i) => uleb(i)))),
    ...section(7, vec(fns.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(code)),
  ]);
}

export interface SimdKernels {
  geluInner(x: number, out: number, bytes: number, k1: number, k2: number): void;
  mul(a: number, b: number, out: number, bytes: number): void;
  geluGrad(dy: number, x: number, s: number, out: number, bytes: number, k1: number, k3: number): void;
  softmaxGrad(y: number, dy: number, out: number, bytes: number, rowBytes: number, c: number): void;
  layerNorm(x: number, g: number, b: number, y: number, xhat: number, rstd: number, bytes: number, rowBytes: number, e: number, eps: number): void;
  scaleCausal(a: number, out: number, bytes: number, rowBytes: number, c: number, q: number, offset: number): void;
  swapAxes12(src: number, dst: number, a: number, p: number, q: number, rowBytes: number): void;
  biasGeluInner(x: number, bias: number, u: number, z: number, bytes: number, rowBytes: number, k1: number, k2: number): void;
  columnSum(x: number, out: number, bytes: number, rowBytes: number): void;
  biasAdd(x: number, bias: number, out: number, bytes: number, rowBytes: number): void;
  layerNormGrad(dy: number, xhat: number, rstd: number, g: number, dx: number, dg: number, db: number, bytes: number, rowBytes: number, e: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/**
 * The loops bound to `memory` (compiled once, instantiated once per memory), or null where
 * WebAssembly SIMD is unavailable (the caller then takes the tensor path).
 */
export function simdKernels(memory: WebAssembly.Memory): SimdKernels | null {
  let k = instances.get(memory);
  if (k === undefined) {
    try {
      compiled ??= new WebAssembly.Module(assemble());
      k = new WebAssembly.Instance(compiled, { env: { mem: memory } }).exports as unknown as SimdKernels;
    } catch {
      compiled = null;
      k = null;
    }
    instances.set(memory, k);
  }
  return k;
}
