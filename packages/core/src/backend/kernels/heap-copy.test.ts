/**
 * `copyHeapRows`: the bulk-memory module instantiates against tfjs-backend-wasm's memory, and both it
 * and the `copyWithin` fallback copy strided runs exactly as a plain loop does (gaps left untouched).
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setBackend } from '../set-backend.js';
import { copyHeapRows, heapCopyKind } from './heap-copy.js';

/** The expected bytes: `rows` runs of `n` bytes from src + r·srcStride to dst + r·dstStride. */
function reference(bytes: Uint8Array, dst: number, src: number, rows: number, n: number, dstStride: number, srcStride: number): Uint8Array {
  const out = bytes.slice();
  for (let r = 0; r < rows; r++) for (let e = 0; e < n; e++) out[dst + r * dstStride + e] = bytes[src + r * srcStride + e] as number;
  return out;
}

describe('copyHeapRows', () => {
  it('uses memory.copy on the wasm backend and copies strided rows exactly', async () => {
    await setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    expect(heapCopyKind(backend)).toBe('memory.copy');
    const t = tf.tensor1d(Array.from({ length: 1024 }, (_, i) => i % 251), 'int32'); // 4096 bytes of heap
    const view = backend.typedArrayFromHeap(t);
    const base = view.byteOffset;
    const bytes = new Uint8Array(view.buffer, base, 4096);
    const cases: [number, number, number, number, number, number][] = [
      [2048, 0, 16, 100, 128, 64], // rows into a wider destination (a concat)
      [2048, 8, 5, 33, 33, 200], // odd sizes, packed destination (a slice)
      [3000, 100, 1, 7, 0, 0], // one run
    ];
    for (const [dst, src, rows, n, dstStride, srcStride] of cases) {
      const expected = reference(bytes, dst, src, rows, n, dstStride, srcStride);
      copyHeapRows(backend, view.buffer, base + dst, base + src, rows, n, dstStride, srcStride);
      expect(Array.from(new Uint8Array(view.buffer, base, 4096))).toEqual(Array.from(expected));
    }
    t.dispose();
  }, 60_000);

  it('falls back to copyWithin without a wasm memory, with the same result', () => {
    const fake = { wasm: {} } as unknown as BackendWasm;
    expect(heapCopyKind(fake)).toBe('copyWithin');
    const buffer = new ArrayBuffer(1024);
    const bytes = new Uint8Array(buffer);
    bytes.forEach((_, i) => (bytes[i] = i % 253));
    const expected = reference(bytes, 512, 4, 6, 20, 40, 50);
    copyHeapRows(fake, buffer, 512, 4, 6, 20, 40, 50);
    expect(Array.from(bytes)).toEqual(Array.from(expected));
  });
});
