/**
 * `ImageCaptioner` on the synthetic shapes: the learning test (the acceptance: corpus BLEU-4
 * > 0.8 on held-out scenes, greedy and beam), then the API on tiny models: save/load (folder and
 * bytes) gives identical captions, beam search with one beam equals greedy, no leaks, bad input.
 *
 * Backends: the learning test runs on wasm only. The cpu backend is ≈ 40× slower at convolutions
 * (TOOLCHAIN.md) and software WebGPU slower still; the network's numerics are checked on every
 * backend in caption-network.test.ts (WebGPU included). The API tests read values only through
 * `await data()` and run on cpu and wasm; they skip WebGPU: each trains a tiny captioner, and on
 * SwiftShader (software WebGPU, the only adapter here) each timed out at 120 s under load ≈ 19,
 * even one epoch on 4 images (every new kernel shape compiles a shader).
 */
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { ImageCaptioner } from './image-captioner.js';
import { ShapeCaptions } from './shape-captions.js';
import type { RawImage } from '../image/raw-image.js';

// The learning run: 2,000 scenes × 15 epochs of 32 (≈ 940 Adam steps).
const TRAIN_SIZE = 2000;
const EPOCHS = 15;

await describeBackends('ImageCaptioner', (backend) => {
  const learn = backend === 'wasm' ? it : it.skip;
  const api = backend === 'webgpu' ? it.skip : it;
  learn('reaches corpus BLEU-4 > 0.8 on held-out synthetic shapes, greedy and beam', async () => {
    const train = new ShapeCaptions(TRAIN_SIZE, { seed: 1 });
    const test = new ShapeCaptions(200, { seed: 2 });
    const captioner = new ImageCaptioner({ seed: 0 });
    await captioner.fit(train.images, train.captions, { epochs: EPOCHS, batchSize: 32, lr: 3e-3 });
    const greedy = await captioner.evaluate(test.images, test.references);
    const beam = await captioner.evaluate(test.images.slice(0, 60), test.references.slice(0, 60), { beamSize: 3 });
    console.log(`shape captions [${backend}]: greedy BLEU-1..4 ${[greedy.bleu1, greedy.bleu2, greedy.bleu3, greedy.bleu4].map((b) => b.toFixed(3)).join(' ')}; beam(3) BLEU-4 ${beam.bleu4.toFixed(3)}; losses ${captioner.lossHistory.map((l) => l.toFixed(3)).join(' ')}`);
    expect(greedy.samples).toBe(200);
    expect(greedy.bleu1).toBeGreaterThanOrEqual(greedy.bleu4);
    expect(greedy.bleu4).toBeGreaterThan(0.8);
    expect(beam.bleu4).toBeGreaterThan(0.8);
    captioner.dispose();
  }, 1_800_000);

  api('saves and loads with its vocabulary (identical captions), beam 1 equals greedy, leaks nothing', async () => {
    const data = new ShapeCaptions(12, { seed: 5, size: 20, minShapeSize: 2, maxShapeSize: 3 });
    const dir = await mkdtemp(join(tmpdir(), 'ml-vision-caption-'));
    try {
      await assertNoLeaks(async () => {
        const captioner = new ImageCaptioner({ seed: 3, network: { filters: [4, 8], hiddenSize: 16, embeddingDim: 8, attentionSize: 8 } });
        await captioner.fit(data.images, data.references, { epochs: 2, batchSize: 8 });
        expect(captioner.lossHistory).toHaveLength(2);
        expect(captioner.vocabulary.tokens().slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<unk>']);
        expect(captioner.inputShape).toEqual({ height: 20, width: 20, channels: 3 });
        const greedy = await captioner.caption(data.images, { maxLength: 6 });
        expect(greedy).toHaveLength(12);
        expect(await captioner.caption(data.images, { maxLength: 6, beamSize: 1, batchSize: 5 })).toEqual(greedy);
        const beam = await captioner.caption(data.images.slice(0, 3), { maxLength: 6, beamSize: 2 });
        expect(beam).toHaveLength(3);
        const single = await captioner.caption(data.images[0] as RawImage, { maxLength: 6 });
        expect(single).toBe(greedy[0]);
        for (const c of greedy) for (const w of c.split(' ').filter((s) => s !== '')) expect(captioner.vocabulary.has(w)).toBe(true);

        await captioner.save(dir);
        const loaded = await ImageCaptioner.load(dir);
        expect(await loaded.caption(data.images, { maxLength: 6 })).toEqual(greedy);
        expect(await loaded.caption(data.images.slice(0, 3), { maxLength: 6, beamSize: 2 })).toEqual(beam);
        expect(loaded.vocabulary.tokens()).toEqual(captioner.vocabulary.tokens());
        const fromBytes = ImageCaptioner.fromBytes(await captioner.toBytes());
        expect(await fromBytes.caption(data.images, { maxLength: 6 })).toEqual(greedy);
        const result = await loaded.evaluate(data.images, data.references, { maxLength: 6 });
        expect(result.captions).toEqual(greedy);
        for (const b of [result.bleu1, result.bleu2, result.bleu3, result.bleu4]) expect(b >= 0 && b <= 1).toBe(true);
        [captioner, loaded, fromBytes].forEach((c) => c.dispose());
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  api('rejects bad input with the argument named', async () => {
    const data = new ShapeCaptions(4, { seed: 6, size: 20, minShapeSize: 2, maxShapeSize: 3 });
    const captioner = new ImageCaptioner({ network: { filters: [2], hiddenSize: 4, embeddingDim: 2, attentionSize: 2 } });
    await expect(captioner.caption(data.images)).rejects.toThrow(/not fitted/);
    await expect(captioner.fit([], [])).rejects.toThrow(/'images' must be a non-empty array of RawImage; received an empty array/);
    await expect(captioner.fit(data.images, data.captions.slice(1))).rejects.toThrow(/'captions' must hold one caption .* per image \(4\); received length 3/);
    await expect(captioner.fit(data.images, ['a', 'b', '', 'c'])).rejects.toThrow(/'captions\[2\]' must be a non-empty string/);
    await expect(captioner.fit(data.images, data.captions, { epochs: 0 })).rejects.toThrow(/'epochs' must be a positive integer; received 0/);
    const odd = { width: 8, height: 20, channels: 3 as const, data: new Uint8Array(8 * 20 * 3) };
    await expect(captioner.fit([...data.images.slice(1), odd], data.captions)).rejects.toThrow(/'images\[3\]' must be 20×20 with 3 channels .*received 8×20 with 3/);
    await captioner.fit(data.images, data.captions, { epochs: 1 });
    await expect(captioner.caption(odd)).rejects.toThrow(/'images\[0\]' must be 20×20 with 3 channels/);
    await expect(captioner.caption(data.images, { beamSize: 0 })).rejects.toThrow(/'beamSize' must be an integer >= 1; received 0/);
    await expect(captioner.evaluate(data.images, data.references.slice(2))).rejects.toThrow(/'references' must hold one caption/);
    await expect(ImageCaptioner.fromBytes(await captioner.toBytes()).caption(data.images, { maxLength: 0 })).rejects.toThrow(/'maxLength' must be an integer >= 1; received 0/);
    captioner.dispose();
  });
});
