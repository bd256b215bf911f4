/** Reads bytes written by `packModel`: the safetensors weights plus the config stored in `__metadata__.config`. */
import type { LoadedModelFiles, ModelConfig } from './model-files-types.js';
import { readSafetensors, type ReadSafetensorsOptions } from './read-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';

/** The config, tensors and remaining metadata of packed model bytes. */
export function unpackModel(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): LoadedModelFiles {
  const { tensors, metadata } = readSafetensors(bytes, options);
  const { config: text, ...rest } = metadata;
  if (text === undefined) {
    throw new SafetensorsError("unpackModel: the safetensors metadata has no 'config' entry; expected bytes written by packModel()");
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(`unpackModel: the 'config' metadata entry is not valid JSON (${(e as Error).message})`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new SafetensorsError(`unpackModel: the 'config' metadata entry must be a JSON object; received ${text.slice(0, 40)}`);
  }
  return { config: config as ModelConfig, tensors, metadata: rest };
}
