/**
 * Copies between little-endian bytes (the safetensors byte order) and typed arrays, with a memcpy
 * fast path on little-endian hosts and a byte swap elsewhere.
 */

type NumericArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Uint32Array;
type NumericArrayConstructor<T extends NumericArray> = { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number };

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function swapInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/** Little-endian byte conversions. */
export const littleEndian = {
  /** A new `Ctor` array holding the values encoded in `bytes` (whose length is a multiple of the element size). */
  decode<T extends NumericArray>(bytes: Uint8Array, Ctor: NumericArrayConstructor<T>): T {
    const copy = bytes.slice(); // own, aligned buffer
    if (!HOST_IS_LITTLE_ENDIAN) swapInPlace(copy, Ctor.BYTES_PER_ELEMENT);
    return new Ctor(copy.buffer);
  },

  /** The little-endian bytes of `values`: a view on little-endian hosts, a swapped copy elsewhere. */
  encode(values: NumericArray): Uint8Array {
    const view = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    if (HOST_IS_LITTLE_ENDIAN) return view;
    const copy = view.slice();
    swapInPlace(copy, values.BYTES_PER_ELEMENT);
    return copy;
  },
};
