/** Types of model persistence: a JSON config plus named tensors. */
import type { SafetensorsInputs, SafetensorsTensor } from './safetensors-types.js';

/** A model's JSON configuration (Hugging Face's `config.json`): plain objects, arrays, strings, finite numbers, booleans, null. */
export type ModelConfig = { [key: string]: unknown };

/** What `saveModelFiles` and `packModel` store. */
export interface ModelFilesInput {
  /** Written as `config.json` (or inside the packed bytes). */
  config: ModelConfig;
  /** The weights, written as safetensors. */
  tensors: SafetensorsInputs;
  /** Extra safetensors `__metadata__` strings (e.g. `{ format: 'pt' }`). */
  metadata?: Record<string, string>;
}

/** What `loadModelFiles` and `unpackModel` return. */
export interface LoadedModelFiles {
  config: ModelConfig;
  /** Tensors by name, as `readSafetensors` returns them. */
  tensors: Map<string, SafetensorsTensor>;
  /** The safetensors `__metadata__` strings (for packed bytes, without the `config` entry). */
  metadata: Record<string, string>;
}
