/**
 * Saves a model as a Hugging Face-style folder: `config.json` and `model.safetensors`
 * (https://huggingface.co/docs/transformers/main_classes/model#transformers.PreTrainedModel.save_pretrained).
 * Node.js only; in a browser use `packModel`.
 */
import { checkJsonConfig } from './check-json-config.js';
import { loadNodeFs } from './load-node-fs.js';
import { ModelFileError } from './model-file-error.js';
import { MODEL_FILE_NAMES } from './model-file-names.js';
import type { ModelFilesInput } from './model-files-types.js';
import { writeSafetensors } from './write-safetensors.js';
import { writeTempFile } from './write-file-atomic.js';

/**
 * Writes `config.json` and `model.safetensors` into `dir` (created if missing) and returns their
 * paths. Everything is serialised and checked before the disk is touched; each file is written to a
 * temporary file, flushed, then renamed over the old one, so a crash leaves either the old or the
 * new file, never a truncated one.
 */
export async function saveModelFiles(dir: string, model: ModelFilesInput): Promise<{ configPath: string; weightsPath: string }> {
  const where = 'saveModelFiles';
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`${where}: 'dir' must be a non-empty path; received ${JSON.stringify(dir)}`);
  if (typeof model !== 'object' || model === null) {
    throw new TypeError(`${where}: 'model' must be {config, tensors, metadata?}; received ${model === null ? 'null' : typeof model}`);
  }
  checkJsonConfig(where, model.config);
  const configText = `${JSON.stringify(model.config, null, 2)}\n`;
  const weights = writeSafetensors(model.tensors, model.metadata);

  const { fs, path } = await loadNodeFs(where);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new ModelFileError(`${where}: cannot create the folder '${dir}' (${(cause as Error).message})`, dir, { cause });
  }
  const configPath = path.join(dir, MODEL_FILE_NAMES.config);
  const weightsPath = path.join(dir, MODEL_FILE_NAMES.weights);
  const temps: string[] = [];
  try {
    temps.push(await writeTempFile(fs, weightsPath, weights));
    temps.push(await writeTempFile(fs, configPath, configText));
    // Both files are on disk before either replaces its old version.
    await fs.rename(temps[0], weightsPath);
    await fs.rename(temps[1], configPath);
  } catch (cause) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true }).catch(() => undefined)));
    throw new ModelFileError(`${where}: cannot write into '${dir}' (${(cause as Error).message})`, dir, { cause });
  }
  return { configPath, weightsPath };
}
