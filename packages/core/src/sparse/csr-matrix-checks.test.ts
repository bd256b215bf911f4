import { describe, expect, it } from 'vitest';
import { CsrMatrix } from './csr-matrix.js';

const small = (): CsrMatrix => CsrMatrix.fromTriplets([0, 1, 1], [2, 0, 1], [1, 2, 3], [2, 3]);

describe('CsrMatrix input checks', () => {
  it('rejects bad triplets, naming the argument and the value', () => {
    expect(() => CsrMatrix.fromTriplets([0, 2], [0, 0], [1, 1], [2, 2])).toThrow(
      "CsrMatrix.fromTriplets: 'rows[1]' must be an integer in [0, 2); received 2",
    );
    expect(() => CsrMatrix.fromTriplets([0], [-1], [1], [2, 2])).toThrow(/'cols\[0\]' must be an integer in \[0, 2\); received -1/);
    expect(() => CsrMatrix.fromTriplets([0], [0.5], [1], [2, 2])).toThrow(/'cols\[0\]'.*received 0.5/);
    expect(() => CsrMatrix.fromTriplets([0, 1], [0], [1, 1], [2, 2])).toThrow(/'cols' must have 2 elements \(one per value\); received 1/);
    expect(() => CsrMatrix.fromTriplets([0], [0], [NaN], [2, 2])).toThrow(/'values\[0\]' must be a number that is not NaN; received NaN/);
    expect(() => CsrMatrix.fromTriplets([0], [0], [1], [2, -1] as never)).toThrow(/'shape' must be \[rows, cols\].*received \[2, -1\]/);
    expect(() => CsrMatrix.fromTriplets([0], [0], [1], [2, 2], { dtype: 'int32' as never })).toThrow(/'dtype' must be 'float32' or 'float64'; received "int32"/);
    expect(() => CsrMatrix.fromTriplets([0], [0], [1], [2, 2], { sumDuplicates: 1 as never })).toThrow(/'sumDuplicates' must be a boolean; received 1/);
    expect(() => CsrMatrix.fromTriplets([0], [0], 'x' as never, [2, 2])).toThrow(/'values' must be an array or typed array; received string/);
  });

  it('rejects malformed CSR arrays', () => {
    const ok = { indptr: Int32Array.from([0, 1, 2]), indices: Int32Array.from([0, 1]), data: Float32Array.from([1, 2]), shape: [2, 2] as [number, number] };
    expect(() => new CsrMatrix(ok)).not.toThrow();
    expect(() => new CsrMatrix({ ...ok, indptr: Int32Array.from([0, 2, 1]) })).toThrow(
      "CsrMatrix: 'indptr' must be non-decreasing; received indptr[1] = 2 > indptr[2] = 1",
    );
    expect(() => new CsrMatrix({ ...ok, indptr: Int32Array.from([1, 1, 2]) })).toThrow(/'indptr\[0\]' must be 0; received 1/);
    expect(() => new CsrMatrix({ ...ok, indptr: Int32Array.from([0, 2]) })).toThrow(/'indptr' must have rows \+ 1 = 3 elements; received 2/);
    expect(() => new CsrMatrix({ ...ok, indptr: Int32Array.from([0, 1, 3]) })).toThrow(/'indices' must have indptr\[rows\] = 3 elements; received 2/);
    expect(() => new CsrMatrix({ ...ok, indices: Int32Array.from([0, 2]) })).toThrow(/'indices\[1\]' must be an integer in \[0, 2\); received 2/);
    expect(() => new CsrMatrix({ ...ok, data: Float32Array.from([1, NaN]) })).toThrow(/'data\[1\]' must be a number that is not NaN/);
    expect(() => new CsrMatrix({ ...ok, data: [1, 2] as never })).toThrow(/'data' must be a Float32Array or Float64Array; received \[object Array\]/);
    expect(() => new CsrMatrix({ ...ok, indices: [0, 1] as never })).toThrow(/'indices' must be an Int32Array/);
  });

  it('rejects bad dense inputs', () => {
    expect(() => CsrMatrix.fromDense([[1, 2], [3]])).toThrow(
      "CsrMatrix.fromDense: 'dense' must be a rectangular number[][]; row 0 has 2 entries but row 1 has 1",
    );
    expect(() => CsrMatrix.fromDense([[1, NaN]])).toThrow(/'dense\[0\]\[1\]' must be a number that is not NaN; received NaN/);
    expect(() => CsrMatrix.fromDense({ data: new Float32Array(5), shape: [2, 3] })).toThrow(/'dense.data' must have 6 elements/);
    expect(() => CsrMatrix.fromDense({ data: [1, 2] as never, shape: [1, 2] })).toThrow(/'dense.data' must be a Float32Array or Float64Array/);
  });

  it('rejects mismatched operands', () => {
    const a = small();
    expect(() => a.matmulDense([[1], [2]])).toThrow(
      "CsrMatrix.matmulDense: 'b' must have 3 rows to multiply a [2, 3] matrix; received shape [2, 1]",
    );
    expect(() => a.matmulDense({ data: Float32Array.from([1, NaN, 3]), shape: [3, 1] })).toThrow(/'b.data\[1\]' must be a number that is not NaN/);
    expect(() => a.matvec([1, 2])).toThrow(/'x' must have 3 elements \(one per column\); received 2/);
    expect(() => a.matvec([1, 2, 3], new Float32Array(3))).toThrow(/'out' must have 2 elements \(one per row\); received 3/);
    expect(() => a.scaleRows([1])).toThrow(/'factors' must have 2 elements \(one per row\); received 1/);
    expect(() => a.scaleColumns([1, 2, NaN])).toThrow(/'factors\[2\]' must be a number that is not NaN/);
    expect(() => a.getRow(2)).toThrow("CsrMatrix.getRow: 'i[0]' must be an integer in [0, 2); received 2");
    expect(() => a.sliceRows(1, 3)).toThrow(/'end' must be an integer in \[start = 1, 2\]; received 3/);
    expect(() => a.sliceRows(-1, 1)).toThrow(/'start' must be an integer in \[0, 2\]; received -1/);
    expect(() => a.sliceRows([0, 5])).toThrow(/'rows\[1\]' must be an integer in \[0, 2\); received 5/);
    expect(() => a.asType('float16' as never)).toThrow(/'dtype' must be 'float32' or 'float64'; received "float16"/);
  });
});

describe('CsrMatrix JSON', () => {
  it('round-trips through JSON text, infinities included', () => {
    const a = CsrMatrix.fromTriplets([0, 1, 1], [2, 0, 1], Float64Array.from([0.1, -Infinity, Infinity]), [2, 3]);
    const text = JSON.stringify(a);
    const b = CsrMatrix.fromJSON(JSON.parse(text));
    expect(b.dtype).toBe('float64');
    expect(b.shape).toEqual([2, 3]);
    expect(b.indptr).toEqual(a.indptr);
    expect(b.indices).toEqual(a.indices);
    expect(Array.from(b.data)).toEqual([0.1, -Infinity, Infinity]);
    const f32 = small().asType('float32');
    const back = CsrMatrix.fromJSON(JSON.parse(JSON.stringify(f32.scaleRows([0.1, 0.3]))));
    expect(back.dtype).toBe('float32');
    expect(back.data).toEqual(f32.scaleRows([0.1, 0.3]).data);
  });

  it('rejects other formats, newer versions and broken arrays', () => {
    const json = small().toJSON();
    expect(json.version).toBe(1);
    expect(() => CsrMatrix.fromJSON({ ...json, version: 2 })).toThrow(
      "CsrMatrix.fromJSON: 'version' must be an integer in [1, 1] (a newer file needs a newer @ml/core); received 2",
    );
    expect(() => CsrMatrix.fromJSON({ ...json, format: 'coo' })).toThrow(/'format' must be "csr-matrix"; received "coo"/);
    expect(() => CsrMatrix.fromJSON({ ...json, indices: [2, 0, 7] })).toThrow(/'indices\[2\]' must be an integer in \[0, 3\); received 7/);
    expect(() => CsrMatrix.fromJSON({ ...json, data: [1, null, 3] })).toThrow(/'data\[1\]' must be a number, "Infinity" or "-Infinity"; received null/);
    expect(() => CsrMatrix.fromJSON([])).toThrow(/expected a CsrMatrixJSON object; received an array/);
  });
});
