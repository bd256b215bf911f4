/**
 * Strided row copies inside the wasm backend's heap, for the copying kernels (Slice, SplitV, Unpack,
 * Concat). A kernel that cuts `[64, 512]` into four `[64, 128]` pieces copies 256 rows of 512 bytes;
 * through `TypedArray.copyWithin` each row is a call into a V8 builtin (~0.3–0.5 µs per row inside an
 * LSTM training step, whose row copies were ~10% of its CPU profile). Here one call copies all rows of a block with the
 * WebAssembly bulk-memory `memory.copy` instruction in a loop, in a 90-byte module that imports the
 * backend's own memory. Where that module cannot be made (no `memory` export, no bulk memory), the
 * rows are copied with `copyWithin`.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, perMemory } from './wasm-binary.js';

type CopyRows = (dst: number, src: number, rows: number, rowBytes: number, dstStride: number, srcStride: number) => void;

/**
 * The module, by hand (wasm binary format 1.0 with the bulk-memory `memory.copy`): it imports memory
 * `e.m` and exports `c(dst, src, rows, n, dstStride, srcStride)`:
 *   while (rows != 0) { memory.copy(dst, src, n); dst += dstStride; src += srcStride; rows -= 1 }
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const section = (id: number, content: number[]): number[] => [id, content.length, ...content];
  const get = (i: number): number[] => [0x20, i];
  const set = (i: number): number[] => [0x21, i];
  const body = [
    0x00, // no locals
    0x02, 0x40, // block
    0x03, 0x40, // loop
    ...get(2), 0x45, 0x0d, 0x01, // if (rows == 0) break
    ...get(0), ...get(1), ...get(3), 0xfc, 0x0a, 0x00, 0x00, // memory.copy(dst, src, n)
    ...get(0), ...get(4), 0x6a, ...set(0), // dst += dstStride
    ...get(1), ...get(5), 0x6a, ...set(1), // src += srcStride
    ...get(2), 0x41, 0x01, 0x6b, ...set(2), // rows -= 1
    0x0c, 0x00, // continue
    0x0b, 0x0b, 0x0b, // end loop, end block, end function
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // type: (i32 × 6) → ()
    ...section(2, [0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, 0x00, 0x00]), // import memory e.m (min 0)
    ...section(3, [0x01, 0x00]), // one function of type 0
    ...section(7, [0x01, 0x01, 0x63, 0x00, 0x00]), // export "c"
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

const instances = new WeakMap<WebAssembly.Memory, CopyRows | null>();

function wasmCopyRows(backend: BackendWasm): CopyRows | null {
  const memory = backendMemory(backend);
  if (memory === undefined) return null;
  // e.g. a runtime without bulk memory: null, and copyWithin below
  return perMemory(instances, memory, (m) => new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), { e: { m } }).exports['c'] as CopyRows);
}

/** Which copy `copyHeapRows` uses on `backend`: the bulk-memory module or `copyWithin` (for tests). */
export function heapCopyKind(backend: BackendWasm): 'memory.copy' | 'copyWithin' {
  return wasmCopyRows(backend) === null ? 'copyWithin' : 'memory.copy';
}

/**
 * Copies `rows` runs of `rowBytes` bytes inside the backend's heap (`heap`: its current buffer, e.g.
 * the `buffer` of a view from `typedArrayFromHeap`): run r goes from byte offset
 * `src + r·srcStride` to `dst + r·dstStride`. Runs must not overlap one another's destinations.
 */
export function copyHeapRows(
  backend: BackendWasm,
  heap: ArrayBufferLike,
  dst: number,
  src: number,
  rows: number,
  rowBytes: number,
  dstStride: number,
  srcStride: number,
): void {
  if (rows <= 0 || rowBytes <= 0) return;
  const fn = wasmCopyRows(backend);
  if (fn !== null) {
    fn(dst, src, rows, rowBytes, dstStride, srcStride);
    return;
  }
  const bytes = new Uint8Array(heap);
  for (let r = 0; r < rows; r++, dst += dstStride, src += srcStride) bytes.copyWithin(dst, src, src + rowBytes);
}
