/**
 * The safetensors element types this package reads and writes, with their byte sizes and their rank
 * in the reference Rust `Dtype` enum (huggingface/safetensors, safetensors/src/tensor.rs), whose
 * order the writer follows when laying out data (largest alignment first).
 */

/** A safetensors element type understood here (U64 and the 8-bit/4-bit float types are not). */
export type SafetensorsDtype = 'BOOL' | 'U8' | 'I8' | 'I16' | 'U16' | 'F16' | 'BF16' | 'I32' | 'U32' | 'F32' | 'F64' | 'I64';

/** Byte size and enum rank of every supported dtype. */
export const SAFETENSORS_DTYPES: Readonly<Record<SafetensorsDtype, { readonly bytes: number; readonly rank: number }>> = {
  BOOL: { bytes: 1, rank: 0 },
  U8: { bytes: 1, rank: 1 },
  I8: { bytes: 1, rank: 2 },
  I16: { bytes: 2, rank: 5 },
  U16: { bytes: 2, rank: 6 },
  F16: { bytes: 2, rank: 7 },
  BF16: { bytes: 2, rank: 8 },
  I32: { bytes: 4, rank: 9 },
  U32: { bytes: 4, rank: 10 },
  F32: { bytes: 4, rank: 11 },
  F64: { bytes: 8, rank: 12 },
  I64: { bytes: 8, rank: 13 },
};
