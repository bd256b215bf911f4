/**
 * GPT model and generation: the key/value cache gives the same logits and continuations as full
 * recomputation, beam search finds the exhaustive optimum on a tiny vocabulary, sampling is seeded,
 * and a small model learns a seeded synthetic language (a test that fails if training does not work).
 */
import { expect, it } from 'vitest';
import { tf, Rng, crossEntropy } from '@ml/core';
import { AdamW } from '@ml/core/optim';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { Gpt } from './gpt.js';
import { generate } from '../generation/generate.js';

const tiny = { vocabSize: 6, nPositions: 16, nEmbd: 16, nLayer: 2, nHead: 2, dropout: 0 };

await describeBackends('Gpt', (backend) => {
  it('cached incremental logits equal the full forward pass', async () => {
    await assertNoLeaks(async () => {
      const model = new Gpt(tiny, { seed: 1 }).eval();
      const ids = [1, 4, 2, 5, 0, 3];
      const run = (rows: number[], caches?: ReturnType<Gpt['newCaches']>) => tf.tidy(() => model.forward(tf.tensor2d([rows], [1, rows.length], 'int32'), { caches }));
      const full = run(ids);
      const caches = model.newCaches();
      const prefix = run(ids.slice(0, 3), caches);
      const rest = ids.slice(3).map((id) => run([id], caches));
      const joined = tf.concat([prefix, ...rest], 1);
      await assertClose(joined, full, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([full, prefix, ...rest, joined]);
      caches.forEach((c) => c.dispose());
      model.dispose();
    });
  });

  it('few rows (output layer as wte·xᵀ, one q|k|v product) and many rows (x·wteᵀ, q/k/v weight blocks) give the same logits', async () => {
    await assertNoLeaks(async () => {
      // 65 positions in one call take the many-rows paths; 5 then 1 at a time through the cache the few-rows ones.
      const model = new Gpt({ ...tiny, nPositions: 72 }, { seed: 2 }).eval();
      const ids = Array.from({ length: 65 }, (_, i) => (i * 5 + 1) % tiny.vocabSize);
      const run = (rows: number[], caches?: ReturnType<Gpt['newCaches']>) => tf.tidy(() => model.forward(tf.tensor2d([rows], [1, rows.length], 'int32'), { caches }));
      const full = run(ids);
      const caches = model.newCaches();
      const parts = [run(ids.slice(0, 5), caches), ...ids.slice(5).map((id) => run([id], caches))];
      const joined = tf.concat(parts, 1);
      await assertClose(joined, full, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([full, ...parts, joined]);
      caches.forEach((c) => c.dispose());
      model.dispose();
    });
  });

  it('generate: a short greedy continuation is the same with and without the cache (every backend)', async () => {
    await assertNoLeaks(async () => {
      const model = new Gpt(tiny, { seed: 2 });
      const a = await generate(model, [1, 2], { maxNewTokens: 3 });
      const b = await generate(model, [1, 2], { maxNewTokens: 3, useCache: false });
      expect(a.tokens).toEqual(b.tokens);
      expect(a.tokens.length).toBe(3);
      model.dispose();
    });
  });

  // SwiftShader runs WebGPU on the CPU, and each decode step waits for a readback: the hundreds of
  // sequential steps in the next two tests take minutes there, so they run on cpu and wasm.
  it.skipIf(backend === 'webgpu')('generate: greedy with and without the cache agree; sampling is seeded; top-k 1 is greedy', async () => {
    await assertNoLeaks(async () => {
      const model = new Gpt(tiny, { seed: 2 });
      const prompt = [1, 2];
      const a = await generate(model, prompt, { maxNewTokens: 8 });
      const b = await generate(model, prompt, { maxNewTokens: 8, useCache: false });
      expect(a.tokens).toEqual(b.tokens);
      expect(a.tokens.length).toBe(8);
      expect(a.stopReason).toBe('max_new_tokens');
      const s1 = await generate(model, prompt, { maxNewTokens: 8, doSample: true, seed: 5 });
      const s2 = await generate(model, prompt, { maxNewTokens: 8, doSample: true, seed: 5 });
      expect(s1.tokens).toEqual(s2.tokens);
      expect((await generate(model, prompt, { maxNewTokens: 8, doSample: true, topK: 1, seed: 9 })).tokens).toEqual(a.tokens);
      const streamed: number[] = [];
      await generate(model, prompt, { maxNewTokens: 5, onToken: (t) => streamed.push(t) });
      expect(streamed).toEqual(a.tokens.slice(0, 5));
      // Stop conditions.
      const eos = a.tokens[2] as number;
      const e = await generate(model, prompt, { maxNewTokens: 8, eosTokenId: eos });
      expect(e.stopReason).toBe('eos');
      expect(e.tokens).toEqual(a.tokens.slice(0, a.tokens.indexOf(eos) + 1));
      const stopSeq = a.tokens.slice(3, 5);
      let end = stopSeq.length;
      while (!a.tokens.slice(end - stopSeq.length, end).every((t, i) => t === stopSeq[i])) end++;
      const stop = await generate(model, prompt, { maxNewTokens: 8, stopSequences: [stopSeq] });
      expect(stop.stopReason).toBe('stop_sequence');
      expect(stop.tokens).toEqual(a.tokens.slice(0, end - stopSeq.length));
      const full = await generate(model, [1], { maxNewTokens: 40 });
      expect(full.stopReason).toBe('context_full');
      expect(full.tokens.length).toBe(15);
      await expect(generate(model, [7], {})).rejects.toThrow(/'prompt' must be a non-empty array of token ids in \[0, 6\); received \[7\]/);
      await expect(generate(model, [1], { topP: 0 })).rejects.toThrow(/'topP' must be in \(0, 1\]; received 0/);
      await expect(generate(model, [1], { numBeams: 2, numReturnSequences: 3 })).rejects.toThrow(/'numReturnSequences' \(3\) must be <= 'numBeams' \(2\)/);
      model.dispose();
    });
  });

  it.skipIf(backend === 'webgpu')('beam search with enough beams finds the most likely continuation (exhaustive check)', async () => {
    await assertNoLeaks(async () => {
      const model = new Gpt({ ...tiny, vocabSize: 4 }, { seed: 3 }).eval();
      const prompt = [1];
      // Exhaustive: log p of every 3-token continuation.
      let best = { seq: [] as number[], logp: -Infinity };
      for (let s = 0; s < 64; s++) {
        const seq = [s >> 4, (s >> 2) & 3, s & 3];
        const out = tf.tidy(() => tf.logSoftmax(model.forward(tf.tensor2d([[...prompt, ...seq.slice(0, 2)]], [1, 3], 'int32')))); // [1, 3, 4]
        const lp = await out.data();
        out.dispose();
        const logp = seq.reduce((acc, tok, i) => acc + (lp[i * 4 + tok] as number), 0);
        if (logp > best.logp) best = { seq, logp };
      }
      const beam = await generate(model, prompt, { maxNewTokens: 3, numBeams: 16, numReturnSequences: 3 });
      expect(beam.tokens).toEqual(best.seq);
      expect(beam.sequences?.length).toBe(3);
      expect((beam.sequences?.[0]?.score ?? 0) * 4).toBeCloseTo(best.logp, 4); // score = logp / length (prompt + 3)
      const noCache = await generate(model, prompt, { maxNewTokens: 3, numBeams: 16, useCache: false });
      expect(noCache.tokens).toEqual(best.seq);
      model.dispose();
    });
  });

  it.skipIf(backend !== 'wasm')('learns a seeded synthetic language: loss falls and greedy decoding continues it (wasm only, for time)', async () => {
    await assertNoLeaks(async () => {
      // Language: a random start token, then each token is (previous · 3 + 1) mod 11.
      const V = 11;
      const T = 12;
      const rng = new Rng(7);
      const sample = () => {
        const s = [rng.int(V)];
        while (s.length < T + 1) s.push(((s.at(-1) as number) * 3 + 1) % V);
        return s;
      };
      const model = new Gpt({ vocabSize: V, nPositions: 16, nEmbd: 32, nLayer: 2, nHead: 4, dropout: 0 }, { seed: 4 });
      const opt = new AdamW(model.parameters(), { lr: 3e-3, weightDecay: 0 });
      const losses: number[] = [];
      for (let step = 0; step < 120; step++) {
        const batch = Array.from({ length: 16 }, sample);
        const x = tf.tensor2d(batch.map((s) => s.slice(0, T)), [16, T], 'int32');
        const y = tf.tensor2d(batch.map((s) => s.slice(1)), [16, T], 'int32');
        const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x), y) as tf.Scalar);
        opt.step(grads);
        losses.push((await value.data())[0] as number);
        tf.dispose([x, y, value, ...Object.values(grads)]);
      }
      const first = losses.slice(0, 5).reduce((a, b) => a + b) / 5;
      const last = losses.slice(-5).reduce((a, b) => a + b) / 5;
      expect(first).toBeGreaterThan(2); // ≈ ln 11 at the start
      expect(last).toBeLessThan(0.1);
      const out = await generate(model, [5], { maxNewTokens: 8 });
      const expected: number[] = [];
      let prev = 5;
      for (let i = 0; i < 8; i++) expected.push((prev = (prev * 3 + 1) % V));
      expect(out.tokens).toEqual(expected);
      opt.dispose();
      model.dispose();
    });
  });
});
