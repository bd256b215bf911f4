/**
 * Reads a Hugging Face model folder (`save_pretrained` layout): `config.json` and either
 * `model.safetensors` or shards listed in `model.safetensors.index.json` (`weight_map`). Node.js only.
 * Errors name the file and what is wrong.
 */
import { readSafetensors, type SafetensorsTensor } from '@ml/core/io';

export interface HfFolder {
  config: Record<string, unknown>;
  /** Every tensor of every shard, by its key in the checkpoint. */
  tensors: Map<string, SafetensorsTensor>;
}

async function nodeFs(where: string) {
  try {
    const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
    return { fs, path };
  } catch (cause) {
    throw new Error(`${where}: reading a model folder needs Node.js file access; in a browser, fetch the files and use readSafetensors`, { cause });
  }
}

/** Reads config and weights from `dir`. */
export async function readHfFolder(dir: string, where = 'readHfFolder'): Promise<HfFolder> {
  if (typeof dir !== 'string' || dir === '') throw new TypeError(`${where}: 'dir' must be a non-empty folder path; received ${JSON.stringify(dir)}`);
  const { fs, path } = await nodeFs(where);
  const readText = async (name: string): Promise<string | null> => {
    try {
      return await fs.readFile(path.join(dir, name), 'utf8');
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ENOENT') return null;
      throw new Error(`${where}: cannot read ${JSON.stringify(path.join(dir, name))}: ${(cause as Error).message}`, { cause });
    }
  };
  const parse = (text: string, name: string): Record<string, unknown> => {
    try {
      const v = JSON.parse(text) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
      return v as Record<string, unknown>;
    } catch (cause) {
      throw new Error(`${where}: ${JSON.stringify(path.join(dir, name))} is not valid JSON: ${(cause as Error).message}`, { cause });
    }
  };
  const configText = await readText('config.json');
  if (configText === null) throw new Error(`${where}: ${JSON.stringify(path.join(dir, 'config.json'))} not found; a model folder holds config.json and model.safetensors (or shards with model.safetensors.index.json)`);
  const config = parse(configText, 'config.json');

  const readShard = async (name: string) => {
    const file = path.join(dir, name);
    let bytes: Uint8Array;
    try {
      const buffer = await fs.readFile(file);
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (cause) {
      throw new Error(`${where}: cannot read ${JSON.stringify(file)}: ${(cause as Error).message}`, { cause });
    }
    try {
      return readSafetensors(bytes, { narrowFloat64: true }).tensors;
    } catch (cause) {
      throw new Error(`${where}: ${JSON.stringify(file)} is not a valid safetensors file: ${(cause as Error).message}`, { cause });
    }
  };

  const tensors = new Map<string, SafetensorsTensor>();
  const indexText = await readText('model.safetensors.index.json');
  if (indexText === null) {
    for (const [k, v] of await readShard('model.safetensors')) tensors.set(k, v);
    return { config, tensors };
  }
  const index = parse(indexText, 'model.safetensors.index.json');
  const weightMap = index.weight_map as Record<string, unknown> | undefined;
  if (weightMap === null || typeof weightMap !== 'object') {
    throw new Error(`${where}: ${JSON.stringify(path.join(dir, 'model.safetensors.index.json'))} has no 'weight_map' object`);
  }
  const shards = [...new Set(Object.values(weightMap))];
  for (const shard of shards) {
    if (typeof shard !== 'string' || shard.includes('/') || shard.includes('\\')) throw new Error(`${where}: 'weight_map' names an invalid shard file ${JSON.stringify(shard)}`);
    for (const [k, v] of await readShard(shard)) tensors.set(k, v);
  }
  const missing = Object.keys(weightMap).filter((k) => !tensors.has(k));
  if (missing.length > 0) throw new Error(`${where}: the shards lack ${missing.length} tensor(s) listed in 'weight_map', e.g. '${missing[0]}'`);
  return { config, tensors };
}
