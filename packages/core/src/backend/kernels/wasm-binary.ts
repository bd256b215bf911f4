/**
 * Internal: what core's hand-assembled WebAssembly modules share — the binary-format encodings
 * (LEB128 integers, vectors, names, sections, local get/set/tee; WebAssembly core spec 2.0 §5) used
 * by `optim/adam-simd-wasm.ts` and `simd-matrix.ts`, and the lookup of tfjs-backend-wasm's memory
 * with one instance per memory, which those two and `heap-copy.ts` import.
 * @see https://webassembly.github.io/spec/core/binary/index.html
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Unsigned LEB128 of a non-negative integer below 2^32. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (`i32.const` immediates). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A vector: its length, then the items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A name (ASCII here). */
export const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
/** A section: id, byte size, contents. */
export const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
export const tee = (i: number): number[] => [0x22, ...uleb(i)];

/** tfjs-backend-wasm's heap, or undefined where its module does not expose it. */
export function backendMemory(backend: BackendWasm): WebAssembly.Memory | undefined {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

/**
 * The value `make(memory)` built once per memory and kept in `cache`; null (also kept) where `make`
 * throws, e.g. a runtime without SIMD or bulk memory, so the caller takes its fallback.
 */
export function perMemory<T>(cache: WeakMap<WebAssembly.Memory, T | null>, memory: WebAssembly.Memory, make: (memory: WebAssembly.Memory) => T): T | null {
  let value = cache.get(memory);
  if (value === undefined) {
    try {
      value = make(memory);
    } catch {
      value = null;
    }
    cache.set(memory, value);
  }
  return value;
}
