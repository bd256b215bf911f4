import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/embeddings.json';
import { KeyedVectors } from './keyed-vectors.js';
import { EmbeddingFormatError, fromGloVeText, fromWord2VecFormat, loadGloVe, loadWord2VecFormat, saveWord2VecFormat, toWord2VecFormat } from './word2vec-format.js';

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));
const expected = Float32Array.from(fixture.vectors);

describe('word2vec and GloVe formats', () => {
  it('reads the text, C-binary, gensim-binary and GloVe files the Python script wrote', () => {
    const text = fromWord2VecFormat(fixture.word2vecText);
    const binary = fromWord2VecFormat(bytes(fixture.word2vecBinaryBase64), { binary: true });
    const gensim = fromWord2VecFormat(bytes(fixture.word2vecBinaryGensimBase64), { binary: true });
    for (const kv of [text, binary, gensim]) {
      expect(kv.words).toEqual(fixture.words);
      expect(Array.from(kv.vectors)).toEqual(Array.from(expected)); // float32-exact
    }
    const glove = fromGloVeText(fixture.gloveText);
    expect(glove.words).toEqual(fixture.words);
    glove.vectors.forEach((x, i) => expect(Math.abs(x - expected[i])).toBeLessThan(1e-6));
  });

  it('writes files the C tool’s layout byte for byte (binary) and that read back exactly (text)', () => {
    const kv = new KeyedVectors(fixture.words, fixture.vectors, fixture.dim);
    expect(Buffer.from(toWord2VecFormat(kv, { binary: true })).toString('base64')).toBe(fixture.word2vecBinaryBase64);
    const back = fromWord2VecFormat(toWord2VecFormat(kv));
    expect(Array.from(back.vectors)).toEqual(Array.from(expected));
    expect(back.words).toEqual(fixture.words);
  });

  it('saves and loads files (Node), naming the path in errors', async () => {
    const dir = await mkdtemp(join(os.tmpdir(), 'ml-seq-w2v-'));
    try {
      const kv = new KeyedVectors(fixture.words, fixture.vectors, fixture.dim);
      await saveWord2VecFormat(join(dir, 'v.bin'), kv, { binary: true });
      expect(Array.from((await loadWord2VecFormat(join(dir, 'v.bin'), { binary: true })).vectors)).toEqual(Array.from(expected));
      await writeFile(join(dir, 'g.txt'), fixture.gloveText);
      expect((await loadGloVe(join(dir, 'g.txt'))).size).toBe(fixture.words.length);
      await writeFile(join(dir, 'bad.txt'), '2 3\na 1 2 3\nb 1 x 3\n');
      await expect(loadWord2VecFormat(join(dir, 'bad.txt'))).rejects.toThrow(/bad\.txt": line 3 \("b"\) holds "x", which is not a finite number/);
      await expect(loadGloVe(join(dir, 'missing.txt'))).rejects.toThrow(/loadGloVe: cannot read ".*missing\.txt"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects malformed input', () => {
    expect(() => fromWord2VecFormat('x y\n')).toThrow(EmbeddingFormatError);
    expect(() => fromWord2VecFormat('3 2\na 1 2\n')).toThrow(/announces 3 words; the file holds 1/);
    const truncated = bytes(fixture.word2vecBinaryBase64).subarray(0, 100);
    expect(() => fromWord2VecFormat(truncated, { binary: true })).toThrow(/truncated/);
    expect(() => fromGloVeText('a 1 2\nb 1\n')).toThrow(/line 2 must hold a word and 2 values/);
  });
});
