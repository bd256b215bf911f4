import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveModelFiles } from './save-model-files.js';
import { loadModelFiles } from './load-model-files.js';
import { packModel } from './pack-model.js';
import { unpackModel } from './unpack-model.js';
import { readSafetensors } from './read-safetensors.js';
import { writeSafetensors } from './write-safetensors.js';
import { ModelFileError } from './model-file-error.js';
import { SafetensorsError } from './safetensors-error.js';
import type { ModelFilesInput } from './model-files-types.js';

const model: ModelFilesInput = {
  config: { model_type: 'mlp', hidden_size: 4, layers: [{ act: 'relu', eps: 1e-5 }], tied: false, note: null },
  tensors: {
    'fc.weight': { shape: [2, 2], data: Float32Array.of(1, -2, 3.5, 0.25) },
    'fc.bias': { dtype: 'F16', shape: [2], data: Float32Array.of(0.5, -1) },
    steps: { dtype: 'I64', shape: [], data: [12] },
  },
  metadata: { format: 'pt' },
};

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ml-core-model-files-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saveModelFiles / loadModelFiles', () => {
  it('writes config.json and model.safetensors into a new folder and reads them back', async () => {
    const dir = join(root, 'nested', 'model-a');
    const paths = await saveModelFiles(dir, model);
    expect(paths).toEqual({ configPath: join(dir, 'config.json'), weightsPath: join(dir, 'model.safetensors') });
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']); // no temporary files left
    expect(JSON.parse(await readFile(paths.configPath, 'utf8'))).toEqual(model.config);
    const loaded = await loadModelFiles(dir);
    expect(loaded.config).toEqual(model.config);
    expect(loaded.metadata).toEqual({ format: 'pt' });
    expect(loaded.tensors.get('fc.weight')).toEqual({ dtype: 'F32', shape: [2, 2], data: Float32Array.of(1, -2, 3.5, 0.25) });
    expect(loaded.tensors.get('fc.bias')).toEqual({ dtype: 'F16', shape: [2], data: Float32Array.of(0.5, -1) });
    expect(Array.from(loaded.tensors.get('steps')?.data ?? [])).toEqual([12]);
  });

  it('replaces an earlier save completely', async () => {
    const dir = join(root, 'model-b');
    await saveModelFiles(dir, model);
    await saveModelFiles(dir, { config: { v: 2 }, tensors: { x: { shape: [1], data: Float64Array.of(2) } } });
    const loaded = await loadModelFiles(dir, { narrowFloat64: true });
    expect(loaded.config).toEqual({ v: 2 });
    expect([...loaded.tensors.keys()]).toEqual(['x']);
    expect(loaded.tensors.get('x')?.data).toEqual(Float32Array.of(2));
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']);
  });

  it('leaves the saved model untouched when the new one cannot be serialised', async () => {
    const dir = join(root, 'model-c');
    await saveModelFiles(dir, model);
    const before = await readFile(join(dir, 'model.safetensors'));
    await expect(saveModelFiles(dir, { ...model, tensors: { w: { dtype: 'U8', shape: [1], data: [300] } } })).rejects.toThrow(SafetensorsError);
    await expect(saveModelFiles(dir, { ...model, config: { lr: NaN } })).rejects.toThrow(
      "saveModelFiles: 'config.lr' must be JSON (plain objects, arrays, strings, finite numbers, booleans, null); received NaN",
    );
    expect(Buffer.compare(await readFile(join(dir, 'model.safetensors')), before)).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']);
  });

  it('names the missing folder or file', async () => {
    const missing = join(root, 'nope');
    const err = await loadModelFiles(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).path).toBe(missing);
    expect((err as Error).message).toBe(`loadModelFiles: the folder '${missing}' does not exist`);

    const half = join(root, 'half');
    await mkdir(half);
    await writeFile(join(half, 'config.json'), '{"a": 1}');
    await expect(loadModelFiles(half)).rejects.toThrow(
      `loadModelFiles: '${join(half, 'model.safetensors')}' not found; a model folder holds config.json and model.safetensors`,
    );
    const file = join(half, 'config.json');
    await expect(loadModelFiles(file)).rejects.toThrow(`loadModelFiles: '${file}' is not a folder`);
  });

  it('names the file that is corrupt', async () => {
    const dir = join(root, 'corrupt');
    await saveModelFiles(dir, model);
    const weights = join(dir, 'model.safetensors');
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(0, bytes.length - 3));
    await expect(loadModelFiles(dir)).rejects.toThrow(new RegExp(`^loadModelFiles: '${weights.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}': .*beyond the data section`));
    await writeFile(join(dir, 'config.json'), '{"a": ');
    await expect(loadModelFiles(dir)).rejects.toThrow(/config\.json' is not valid JSON/);
    await writeFile(join(dir, 'config.json'), '[1]');
    await expect(loadModelFiles(dir)).rejects.toThrow(/config\.json' must hold a JSON object; it holds an array/);
  });

  it('rejects configs that JSON cannot hold exactly', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    await expect(saveModelFiles(join(root, 'x'), { ...model, config: cyclic })).rejects.toThrow("saveModelFiles: 'config.self' refers back to itself");
    await expect(saveModelFiles(join(root, 'x'), { ...model, config: { when: new Date(0) } })).rejects.toThrow(/'config.when' must be JSON .* received an instance of Date/);
    await expect(saveModelFiles(join(root, 'x'), { ...model, config: { 'a-b': [1, undefined] } })).rejects.toThrow(/'config\["a-b"\]\[1\]' must be JSON .* received undefined/);
    await expect(saveModelFiles(join(root, 'x'), { ...model, config: [] as never })).rejects.toThrow("saveModelFiles: 'config' must be a plain object; received an array");
    await expect(saveModelFiles('', model)).rejects.toThrow(`saveModelFiles: 'dir' must be a non-empty path; received ""`);
  });
});

describe('packModel / unpackModel', () => {
  it('round-trips config, tensors and metadata through one byte array', () => {
    const bytes = packModel(model);
    const plain = readSafetensors(bytes);
    expect(JSON.parse(plain.metadata.config)).toEqual(model.config); // any safetensors reader sees the config
    const back = unpackModel(bytes);
    expect(back.config).toEqual(model.config);
    expect(back.metadata).toEqual({ format: 'pt' });
    expect(back.tensors.get('fc.weight')?.data).toEqual(Float32Array.of(1, -2, 3.5, 0.25));
  });

  it('rejects a reserved metadata key and bytes without a config', () => {
    expect(() => packModel({ ...model, metadata: { config: 'x' } })).toThrow("packModel: 'metadata' must not use the key 'config'");
    const bare = packModel({ config: {}, tensors: {} });
    expect(unpackModel(bare).config).toEqual({});
    const withoutConfig = writeSafetensors({ w: { shape: [1], data: Float32Array.of(1) } }, { format: 'pt' });
    expect(() => unpackModel(withoutConfig)).toThrow(
      "unpackModel: the safetensors metadata has no 'config' entry; expected bytes written by packModel()",
    );
    const badJson = writeSafetensors({}, { config: '{"a":' });
    expect(() => unpackModel(badJson)).toThrow(/unpackModel: the 'config' metadata entry is not valid JSON/);
  });
});
