/** Loads a model folder written by `saveModelFiles` (or by Hugging Face's `save_pretrained` with safetensors). Node.js only. */
import { loadNodeFs } from './load-node-fs.js';
import { ModelFileError } from './model-file-error.js';
import { MODEL_FILE_NAMES } from './model-file-names.js';
import type { LoadedModelFiles, ModelConfig } from './model-files-types.js';
import { readSafetensors, type ReadSafetensorsOptions } from './read-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';

const isMissing = (e: unknown): boolean => (e as { code?: string }).code === 'ENOENT';

/**
 * Reads `config.json` and `model.safetensors` from `dir`. A missing folder or file, invalid JSON or
 * a corrupt safetensors file raises an error naming the path.
 */
export async function loadModelFiles(dir: string, options: ReadSafetensorsOptions = {}): Promise<LoadedModelFiles> {
  const where = 'loadModelFiles';
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`${where}: 'dir' must be a non-empty path; received ${JSON.stringify(dir)}`);
  const { fs, path } = await loadNodeFs(where);
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new ModelFileError(`${where}: '${dir}' is not a folder`, dir);
  } catch (cause) {
    if (cause instanceof ModelFileError) throw cause;
    const reason = isMissing(cause) ? 'does not exist' : `cannot be read (${(cause as Error).message})`;
    throw new ModelFileError(`${where}: the folder '${dir}' ${reason}`, dir, { cause });
  }
  const read = async (name: string): Promise<{ file: string; bytes: Uint8Array }> => {
    const file = path.join(dir, name);
    try {
      const buffer = await fs.readFile(file);
      return { file, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    } catch (cause) {
      const reason = isMissing(cause)
        ? `not found; a model folder holds ${MODEL_FILE_NAMES.config} and ${MODEL_FILE_NAMES.weights}`
        : `cannot be read (${(cause as Error).message})`;
      throw new ModelFileError(`${where}: '${file}' ${reason}`, file, { cause });
    }
  };

  const configFile = await read(MODEL_FILE_NAMES.config);
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(configFile.bytes));
  } catch (cause) {
    throw new ModelFileError(`${where}: '${configFile.file}' is not valid JSON (${(cause as Error).message})`, configFile.file, { cause });
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ModelFileError(`${where}: '${configFile.file}' must hold a JSON object; it holds ${Array.isArray(config) ? 'an array' : JSON.stringify(config)}`, configFile.file);
  }
  const weightsFile = await read(MODEL_FILE_NAMES.weights);
  try {
    const { tensors, metadata } = readSafetensors(weightsFile.bytes, options);
    return { config: config as ModelConfig, tensors, metadata };
  } catch (cause) {
    if (!(cause instanceof SafetensorsError)) throw cause;
    throw new SafetensorsError(`${where}: '${weightsFile.file}': ${cause.message.replace(/^readSafetensors: /, '')}`, { cause });
  }
}
