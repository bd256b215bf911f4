/**
 * Packs a model into one safetensors byte array for browsers (download, IndexedDB, fetch): the
 * weights as usual, the config as a JSON string under the `__metadata__` key `config`. Any
 * safetensors reader loads the weights; `unpackModel` restores the config too.
 */
import { checkJsonConfig } from './check-json-config.js';
import type { ModelFilesInput } from './model-files-types.js';
import { writeSafetensors } from './write-safetensors.js';

/** The `__metadata__` key that holds the config JSON in packed bytes. */
const CONFIG_KEY = 'config';

/** The packed bytes of `model` (see the file header for the layout). */
export function packModel(model: ModelFilesInput): Uint8Array {
  const where = 'packModel';
  if (typeof model !== 'object' || model === null) {
    throw new TypeError(`${where}: 'model' must be {config, tensors, metadata?}; received ${model === null ? 'null' : typeof model}`);
  }
  checkJsonConfig(where, model.config);
  const metadata = model.metadata ?? {};
  if (typeof metadata === 'object' && metadata !== null && Object.hasOwn(metadata, CONFIG_KEY)) {
    throw new TypeError(`${where}: 'metadata' must not use the key '${CONFIG_KEY}', which holds the config`);
  }
  return writeSafetensors(model.tensors, { ...metadata, [CONFIG_KEY]: JSON.stringify(model.config) });
}
