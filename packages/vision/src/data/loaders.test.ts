import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIdx, readIdx } from './read-idx.js';
import { parseCsvPixels } from './parse-csv-pixels.js';
import { readCsvPixels } from './read-csv-pixels.js';

/** An IDX file built by hand: magic 00 00 TT RR, big-endian dims, big-endian values. */
function idx(type: number, shape: number[], bytes: number[]): Uint8Array {
  const head = [0, 0, type, shape.length];
  for (const d of shape) head.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return Uint8Array.from([...head, ...bytes]);
}

describe('IDX (MNIST format)', () => {
  it('reads ubyte images and labels, gzipped or not', async () => {
    const images = idx(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    const a = parseIdx(images);
    expect(a.type).toBe('ubyte');
    expect(a.shape).toEqual([2, 2, 3]);
    expect(Array.from(a.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    const b = await readIdx(new Uint8Array(gzipSync(images)));
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    const labels = parseIdx(idx(0x08, [3], [7, 2, 1]));
    expect(Array.from(labels.data)).toEqual([7, 2, 1]);
  });
  it('reads big-endian int, short and float', () => {
    expect(Array.from(parseIdx(idx(0x0c, [2], [0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe])).data)).toEqual([258, -2]);
    expect(Array.from(parseIdx(idx(0x0b, [1], [0xff, 0xfe])).data)).toEqual([-2]);
    expect(Array.from(parseIdx(idx(0x0d, [1], [0x3f, 0xc0, 0, 0])).data)).toEqual([1.5]);
  });
  it('names the problem', () => {
    expect(() => parseIdx(Uint8Array.of(1, 2, 3, 4), 'x.idx')).toThrow(/'x\.idx' is not an IDX file/);
    expect(() => parseIdx(idx(0x07, [1], [0]))).toThrow(/unknown IDX element type 0x7/);
    expect(() => parseIdx(idx(0x08, [2, 2], [1, 2, 3]), 'short.idx')).toThrow(/'short\.idx' holds 3 data bytes; its shape \[2, 2\] of ubyte needs 4/);
  });
});

describe('CSV pixel files', () => {
  it('reads Kaggle-style label-first files with a header', () => {
    const text = 'label,p0,p1,p2,p3\n3,0,255,10,20\n1,1,2,3,4\n';
    const r = parseCsvPixels(text, { height: 2, width: 2 });
    expect(r.images.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(r.images.data)).toEqual([0, 255, 10, 20, 1, 2, 3, 4]);
    expect(Array.from(r.labels)).toEqual([3, 1]);
  });
  it('reads label-last gzipped files without a header', async () => {
    const text = '0,1,2,3,9\n4,5,6,7,8\n';
    const r = await readCsvPixels(new Uint8Array(gzipSync(text)), { height: 1, width: 4, labelColumn: 'last' });
    expect(Array.from(r.labels)).toEqual([9, 8]);
    expect(Array.from(r.images.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it('names the bad line', () => {
    expect(() => parseCsvPixels('1,2,3\n1,2\n', { height: 1, width: 2 })).toThrow(/line 2 has 2 fields; expected 3 \(2 pixels \+ label\)/);
    expect(() => parseCsvPixels('1,2,x\n', { height: 1, width: 2, header: false })).toThrow(/line 1, field 3 must be a number; received 'x'/);
    expect(() => parseCsvPixels('1.5,2,3\n', { height: 1, width: 2 })).toThrow(/line 1 has label '1\.5'; expected a non-negative integer/);
  });
});
