/** Thrown for a corrupt, truncated or unsupported safetensors file, or for input that cannot be written as one. */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}
