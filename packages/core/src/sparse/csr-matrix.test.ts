import { describe, expect, it } from 'vitest';
import { CsrMatrix } from './csr-matrix.js';
import { assertClose } from '../testing/index.js';
import { Rng } from '../random/rng.js';
import reference from './__fixtures__/csr-reference.json' with { type: 'json' };

interface CsrRef {
  indptr: number[];
  indices: number[];
  data: number[];
}

interface Case {
  name: string;
  dtype: 'float32' | 'float64';
  shape: [number, number];
  triplets: { rows: number[]; cols: number[]; values: number[] };
  csr: CsrRef;
  dense?: number[];
  transpose: CsrRef;
  b: { data: number[]; shape: [number, number] };
  matmul: number[];
  x: number[];
  matvec: number[];
  rowSums: number[];
  colSums: number[];
  scale: number[];
  scaleRowsDense: number[];
  pick: number[];
  pickRows: CsrRef | null;
  sliceRange: [number, number];
  sliceRows: CsrRef;
  eliminateZeros: CsrRef;
}

const cases = (reference as unknown as { cases: Case[] }).cases;

/** float32 results: scipy accumulates in float32, CsrMatrix in float64, so allow a few ulps. */
const tol = (c: Case): { rtol: number; atol: number } =>
  c.dtype === 'float32' ? { rtol: 2e-6, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-12 };

async function expectCsr(actual: CsrMatrix, expected: CsrRef, c: Case, label: string): Promise<void> {
  expect(Array.from(actual.indptr), `${label} indptr`).toEqual(expected.indptr);
  expect(Array.from(actual.indices), `${label} indices`).toEqual(expected.indices);
  expect(actual.dtype).toBe(c.dtype);
  await assertClose(actual.data, expected.data, { ...tol(c), label });
}

const fromTriplets = (c: Case): CsrMatrix =>
  CsrMatrix.fromTriplets(c.triplets.rows, c.triplets.cols, c.triplets.values, c.shape, { dtype: c.dtype });

describe('CsrMatrix against scipy.sparse', () => {
  for (const c of cases) {
    describe(`${c.name} (${c.dtype})`, () => {
      it('builds the same CSR as coo_matrix.tocsr()', async () => {
        const a = fromTriplets(c);
        await expectCsr(a, c.csr, c, 'fromTriplets');
        expect(a.shape).toEqual(c.shape);
        expect(a.nnz).toBe(c.csr.data.length);
        expect(a.hasCanonicalFormat()).toBe(true);
      });

      it('converts to dense', async () => {
        const dense = fromTriplets(c).toDense();
        expect(dense.shape).toEqual(c.shape);
        if (c.dense !== undefined) await assertClose(dense.data, c.dense, tol(c));
        // Dense form of scipy's CSR, built here independently of CsrMatrix.
        const [rows, cols] = c.shape;
        const expected = new Float64Array(rows * cols);
        for (let i = 0; i < rows; i++) {
          for (let p = c.csr.indptr[i]; p < c.csr.indptr[i + 1]; p++) expected[i * cols + c.csr.indices[p]] = c.csr.data[p];
        }
        await assertClose(dense.data, expected, tol(c));
      });

      it('transposes', async () => {
        await expectCsr(fromTriplets(c).transpose(), c.transpose, c, 'transpose');
      });

      it('multiplies by a dense matrix and a vector', async () => {
        const a = fromTriplets(c);
        const ctor = c.dtype === 'float64' ? Float64Array : Float32Array;
        const product = a.matmulDense({ data: ctor.from(c.b.data), shape: c.b.shape });
        expect(product.shape).toEqual([c.shape[0], c.b.shape[1]]);
        expect(product.data).toBeInstanceOf(ctor);
        await assertClose(product.data, c.matmul, tol(c));
        await assertClose(a.matvec(ctor.from(c.x)), c.matvec, tol(c));
        const out = new Float64Array(c.shape[0]);
        expect(a.matvec(c.x, out)).toBe(out);
        await assertClose(out, c.matvec, tol(c));
      });

      it('sums rows and columns', async () => {
        const a = fromTriplets(c);
        await assertClose(a.rowSums(), c.rowSums, tol(c));
        await assertClose(a.colSums(), c.colSums, tol(c));
      });

      it('scales rows like diags(s) @ A, keeping the structure', async () => {
        const a = fromTriplets(c);
        const scaled = a.scaleRows(c.scale);
        expect(scaled.indptr).toEqual(a.indptr);
        expect(scaled.indices).toEqual(a.indices);
        await assertClose(scaled.toDense().data, c.scaleRowsDense, tol(c));
      });

      it('slices rows by list and by range', async () => {
        const a = fromTriplets(c);
        if (c.pickRows !== null) await expectCsr(a.sliceRows(c.pick), c.pickRows, c, 'pick');
        await expectCsr(a.sliceRows(c.sliceRange[0], c.sliceRange[1]), c.sliceRows, c, 'range');
      });

      it('eliminates explicit zeros', async () => {
        await expectCsr(fromTriplets(c).eliminateZeros(), c.eliminateZeros, c, 'eliminateZeros');
      });

      it('accepts the scipy arrays in its constructor', async () => {
        const ctor = c.dtype === 'float64' ? Float64Array : Float32Array;
        const a = new CsrMatrix({
          indptr: Int32Array.from(c.csr.indptr),
          indices: Int32Array.from(c.csr.indices),
          data: ctor.from(c.csr.data),
          shape: c.shape,
        });
        await expectCsr(a, c.csr, c, 'constructor');
      });
    });
  }

  it('keeps the explicit zero that scipy keeps for duplicates summing to 0', () => {
    const small = cases.find((c) => c.name === 'small' && c.dtype === 'float64');
    expect(small).toBeDefined();
    const a = fromTriplets(small as Case);
    const row2 = a.getRow(2);
    expect(Array.from(row2.indices)).toEqual([0, 3]);
    expect(Array.from(row2.data)).toEqual([-2.5, 0]);
  });
});

/** A random sparse matrix as triplets plus its dense form (duplicates summed). */
function randomSparse(rng: Rng, rows: number, cols: number, nnz: number) {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const dense = new Float64Array(rows * cols);
  for (let k = 0; k < nnz; k++) {
    const i = rng.int(rows);
    const j = rng.int(cols);
    const x = rng.normal();
    r.push(i);
    c.push(j);
    v.push(x);
    dense[i * cols + j] += x;
  }
  return { r, c, v, dense };
}

describe('CsrMatrix against dense math', () => {
  const rng = new Rng(7);
  const [rows, cols, k] = [23, 31, 5];
  const { r, c, v, dense } = randomSparse(rng, rows, cols, 150);
  const a = CsrMatrix.fromTriplets(r, c, Float64Array.from(v), [rows, cols]);

  it('matches the dense matrix it was built from', () => {
    expect(a.dtype).toBe('float64');
    expect(Array.from(a.toDense().data)).toEqual(Array.from(dense));
    const again = CsrMatrix.fromDense({ data: dense, shape: [rows, cols] });
    expect(again.nnz).toBeLessThanOrEqual(a.nnz);
    expect(Array.from(again.toDense().data)).toEqual(Array.from(dense));
    expect(again.toArray()[3]).toEqual(Array.from(dense.subarray(3 * cols, 4 * cols)));
  });

  it('multiplies like a dense triple loop', async () => {
    const b = rng.fillNormal(new Float64Array(cols * k));
    const expected = new Float64Array(rows * k);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < cols; t++) s += dense[i * cols + t] * b[t * k + j];
        expected[i * k + j] = s;
      }
    }
    await assertClose(a.matmulDense({ data: b, shape: [cols, k] }).data, expected, { rtol: 1e-12, atol: 1e-12 });
    const nested = Array.from({ length: cols }, (_, t) => Array.from(b.subarray(t * k, (t + 1) * k)));
    await assertClose(a.matmulDense(nested).data, expected, { rtol: 1e-12, atol: 1e-12 });
    const at = a.transpose();
    expect(at.shape).toEqual([cols, rows]);
    expect(Array.from(at.transpose().toDense().data)).toEqual(Array.from(dense));
  });

  it('scales columns like A · diag(f)', () => {
    const f = rng.fillUniform(new Float64Array(cols), -1, 1);
    const scaled = a.scaleColumns(f).toDense().data;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) expect(scaled[i * cols + j]).toBeCloseTo(dense[i * cols + j] * f[j], 12);
    }
  });

  it('sorts indices and sums duplicates on request', () => {
    const raw = CsrMatrix.fromTriplets([0, 0, 0, 1], [2, 0, 2, 1], [1, 2, 3, 4], [2, 3], { sumDuplicates: false });
    expect(Array.from(raw.indices)).toEqual([0, 2, 2, 1]);
    expect(Array.from(raw.data)).toEqual([2, 1, 3, 4]);
    expect(raw.hasSortedIndices()).toBe(true);
    expect(raw.hasCanonicalFormat()).toBe(false);
    const summed = raw.sumDuplicates();
    expect(Array.from(summed.indptr)).toEqual([0, 2, 3]);
    expect(Array.from(summed.indices)).toEqual([0, 2, 1]);
    expect(Array.from(summed.data)).toEqual([2, 4, 4]);
    expect(Array.from(raw.indices)).toEqual([0, 2, 2, 1]); // unchanged

    const unsorted = new CsrMatrix({
      indptr: Int32Array.from([0, 3, 5]),
      indices: Int32Array.from([4, 1, 2, 3, 0]),
      data: Float32Array.from([1, 2, 3, 4, 5]),
      shape: [2, 5],
    });
    expect(unsorted.hasSortedIndices()).toBe(false);
    const sorted = unsorted.sortIndices();
    expect(Array.from(sorted.indices)).toEqual([1, 2, 4, 0, 3]);
    expect(Array.from(sorted.data)).toEqual([2, 3, 1, 5, 4]);
    expect(Array.from(sorted.toDense().data)).toEqual(Array.from(unsorted.toDense().data));
  });

  it('handles empty matrices and empty rows', () => {
    const empty = CsrMatrix.fromTriplets([], [], [], [3, 0]);
    expect(empty.nnz).toBe(0);
    expect(Array.from(empty.indptr)).toEqual([0, 0, 0, 0]);
    expect(empty.matmulDense({ data: new Float32Array(0), shape: [0, 2] }).data).toEqual(new Float32Array(6));
    expect(empty.transpose().shape).toEqual([0, 3]);
    expect(CsrMatrix.fromDense([]).shape).toEqual([0, 0]);
    expect(a.sliceRows(4, 4).shape).toEqual([0, cols]);
    expect(a.sliceRows([]).nnz).toBe(0);
  });

  it('never mutates the matrix it is called on', () => {
    const before = a.clone();
    a.scaleRows(new Float64Array(rows).fill(2));
    a.scaleColumns(new Float64Array(cols).fill(2));
    a.sortIndices();
    a.sumDuplicates();
    a.eliminateZeros();
    expect(a.data).toEqual(before.data);
    expect(a.indices).toEqual(before.indices);
    const c32 = a.asType('float32');
    expect(c32.dtype).toBe('float32');
    expect(c32.data[0]).toBe(Math.fround(a.data[0]));
  });
});
