/**
 * Hugging Face GPT-2 import/export against a tiny GPT-2 written in plain PyTorch with HF names and
 * random weights (scripts/fixtures/transformer_gpt2.py): logits to 1e-4 and the same greedy
 * continuation, from a single-file folder (prefixed keys, old mask buffers) and a sharded one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tf, StateDictError } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { generate } from '../generation/generate.js';
import { Gpt } from '../gpt/gpt.js';
import { loadGpt2, saveGpt2, gpt2KeyFromOurs } from './gpt2.js';

const fixtures = new URL('./__fixtures__/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(fixtures, 'gpt2-expected.json'), 'utf8')) as {
  ids: number[][];
  logits: number[];
  logitsShape: number[];
  prompt: number[];
  greedy: number[];
};

await describeBackends('loadGpt2 against PyTorch', () => {
  for (const folder of ['tiny-gpt2', 'tiny-gpt2-sharded']) {
    it(`${folder}: logits and greedy continuation`, async () => {
      await assertNoLeaks(async () => {
        const model = await loadGpt2(join(fixtures, folder));
        const logits = tf.tidy(() => model.eval().forward(tf.tensor2d(expected.ids, [2, 8], 'int32')));
        const ref = tf.tensor(expected.logits, expected.logitsShape);
        await assertClose(logits, ref, { rtol: 1e-4, atol: 1e-4 });
        const out = await generate(model, expected.prompt, { maxNewTokens: expected.greedy.length });
        expect(out.tokens).toEqual(expected.greedy);
        tf.dispose([logits, ref]);
        model.dispose();
      });
    });
  }
});

it('saveGpt2 writes a folder that loads back to the same logits, tied and untied', async () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'ml-gpt2-'));
  try {
    const a = await loadGpt2(join(fixtures, 'tiny-gpt2'));
    await saveGpt2(a, join(dir, 'tied'));
    const b = await loadGpt2(join(dir, 'tied'));
    const ids = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
    const [la, lb] = [a.eval().call(ids), b.eval().call(ids)];
    await assertClose(lb, la, { rtol: 0, atol: 0 });
    const config = JSON.parse(readFileSync(join(dir, 'tied', 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config.model_type).toBe('gpt2');
    expect(config.activation_function).toBe('gelu_new');
    const untied = new Gpt({ vocabSize: 10, nPositions: 8, nEmbd: 8, nLayer: 1, nHead: 2, tieWordEmbeddings: false }, { seed: 3 });
    await saveGpt2(untied, join(dir, 'untied'));
    const back = await loadGpt2(join(dir, 'untied'));
    const x = tf.tensor2d([[4, 5]], [1, 2], 'int32');
    await assertClose(back.eval().call(x), untied.eval().call(x), { rtol: 0, atol: 0 });
    tf.dispose([ids, la, lb, x]);
    [a, b, untied, back].forEach((m) => m.dispose());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('names missing and unexpected keys, and bad folders', async () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'ml-gpt2-bad-'));
  try {
    await expect(loadGpt2(join(dir, 'nope'))).rejects.toThrow(/config\.json" not found/);
    // A checkpoint whose config promises 3 layers but whose weights hold 2.
    mkdirSync(join(dir, 'three'));
    copyFileSync(join(fixtures, 'tiny-gpt2', 'model.safetensors'), join(dir, 'three', 'model.safetensors'));
    const config = JSON.parse(readFileSync(join(fixtures, 'tiny-gpt2', 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'three', 'config.json'), JSON.stringify({ ...config, n_layer: 3 }));
    const err = await loadGpt2(join(dir, 'three')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateDictError);
    expect((err as StateDictError).missingKeys).toContain('h.2.attn.cAttn.weight');
    writeFileSync(join(dir, 'three', 'config.json'), JSON.stringify({ ...config, model_type: 'bert' }));
    await expect(loadGpt2(join(dir, 'three'))).rejects.toThrow(/'model_type' must be 'gpt2'; received "bert"/);
    writeFileSync(join(dir, 'three', 'config.json'), '{oops');
    await expect(loadGpt2(join(dir, 'three'))).rejects.toThrow(/config\.json" is not valid JSON/);
    expect(gpt2KeyFromOurs('h.0.ln1.weight')).toBe('h.0.ln_1.weight');
    expect(gpt2KeyFromOurs('lnF.bias')).toBe('ln_f.bias');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
