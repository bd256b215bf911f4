/**
 * SrResNet, SrganDiscriminator, PReLU, the bicubic image skip, tiled inference and save/load, on
 * every backend. References: Pillow 9.4's BICUBIC (scripts/fixtures/gan_sr_images.py via the
 * committed crops; the skip must match it within 1 level away from the 2-pixel border), hand values
 * for PReLU, and the model itself untiled for the tiled path (max |difference| < 1e-5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Rng, tf } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { decodeImage, imageToTensor, resizeImage } from '@ml/vision';
import { PReLU } from './prelu.js';
import { SrResNet } from './sr-resnet.js';
import { SrganDiscriminator } from './srgan-discriminator.js';
import { upscaleImage } from './upscale-image.js';
import { SrPatchSampler } from './sr-patch-sampler.js';
import { trainSrgan } from './train-sr.js';

const FIX = join(__dirname, '__fixtures__');
const photo = decodeImage(new Uint8Array(readFileSync(join(FIX, 'test-1-china.png'))));

function randomImage(h: number, w: number, c: number, seed: number): tf.Tensor3D {
  const rng = new Rng(seed);
  return tf.tensor3d(Float32Array.from({ length: h * w * c }, () => rng.random()), [h, w, c]);
}

/** max |a − b| as a number; disposes nothing it was given. */
async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const m = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await m.data())[0]!;
  m.dispose();
  return v;
}

/** Random (scaled) output-conv weights, so the residual branch matters (the bicubic skip starts it at zero). */
function randomTail(model: SrResNet, seed: number): void {
  tf.tidy(() => model.tail.weight.assign(tf.mul(tf.randomNormal(model.tail.weight.shape, 0, 1, 'float32', seed), 0.05)));
}

/** Gives BN layers non-trivial running statistics by a few training-mode forwards. */
function warmBatchNorm(model: SrResNet, seed: number): void {
  model.train();
  for (let i = 0; i < 3; i++) tf.dispose(tf.tidy(() => model.forward(tf.expandDims(randomImage(12, 12, 3, seed + i), 0))));
  model.eval();
}

await describeBackends('SrResNet', (backend) => {
  it('PReLU: x for x ≥ 0, a·x below, shared or per channel, with a gradient for the slope', async () => {
    await assertNoLeaks(async () => {
      const shared = new PReLU();
      const x = tf.tensor2d([[-2, 0.5], [3, -1]]);
      const perChannel = new PReLU({ numParameters: 2, init: 0.1 });
      const [a, b] = [shared.call(x), perChannel.call(x)];
      await assertClose(a, [[-0.5, 0.5], [3, -0.25]]);
      await assertClose(b, [[-0.2, 0.5], [3, -0.1]]);
      tf.dispose([a, b]);
      const { value, grads } = tf.variableGrads(() => tf.sum(perChannel.forward(x)) as tf.Scalar, [perChannel.weight]);
      await assertClose(grads[perChannel.weight.name]!, [-2, -1]); // Σ x over x < 0, per channel
      expect(() => new PReLU({ numParameters: 0 })).toThrow(/'numParameters' must be a positive integer; received 0/);
      tf.dispose([x, value, ...Object.values(grads)]);
      shared.dispose();
      perChannel.dispose();
    });
  });

  it('maps [N, h, w, C] to [N, s·h, s·w, C] for ×2 and ×4, with and without BN, PReLU or ReLU', async () => {
    await assertNoLeaks(async () => {
      for (const [scale, batchNorm, activation] of [[2, true, 'prelu'], [4, false, 'relu']] as const) {
        const model = new SrResNet({ scale, features: 8, numBlocks: 2, batchNorm, activation, imageSkip: 'none' });
        const x = tf.zeros([2, 5, 7, 3]);
        const y = model.call(x);
        expect(y.shape).toEqual([2, 5 * scale, 7 * scale, 3]);
        tf.dispose([x, y]);
        expect(model.upsample.length).toBe(scale === 4 ? 2 : 1);
        expect(model.namedParameters().some(([n]) => n.includes('bn'))).toBe(batchNorm);
        model.dispose();
      }
      expect(() => new SrResNet({ scale: 3 as 2 })).toThrow(/'scale' must be 2 or 4; received 3/);
    });
  });

  it('untrained with the bicubic skip is bicubic interpolation: within 1 level of Pillow inside the 2-pixel border', async () => {
    const lr = resizeImage(photo, 48, 48, 'bicubic');
    const reference = resizeImage(lr, 96, 96, 'bicubic');
    const model = new SrResNet({ features: 8, numBlocks: 1 });
    const out = await upscaleImage(model, lr);
    let maxDiff = 0;
    for (let y = 2; y < 94; y++) {
      for (let x = 2; x < 94; x++) for (let c = 0; c < 3; c++) maxDiff = Math.max(maxDiff, Math.abs(out.data[(y * 96 + x) * 3 + c]! - reference.data[(y * 96 + x) * 3 + c]!));
    }
    expect(maxDiff).toBeLessThanOrEqual(1);
    model.dispose();
  });

  it('has a gradient for every parameter, through PixelShuffle', async () => {
    await assertNoLeaks(async () => {
      for (const scale of [2, 4] as const) {
        const model = new SrResNet({ scale, features: 8, numBlocks: 1, imageSkip: 'none' });
        const x = tf.tidy(() => tf.expandDims(randomImage(6, 6, 3, 1), 0));
        const target = tf.zeros([1, 6 * scale, 6 * scale, 3]);
        const params = model.parameters();
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(model.forward(x), target))) as tf.Scalar, params);
        expect(Object.keys(grads).length).toBe(params.length);
        const zero = tf.scalar(0);
        for (const stage of model.upsample) {
          const g = grads[stage.conv.weight.name]!;
          expect(await maxDiff(g, zero)).toBeGreaterThan(0);
        }
        tf.dispose([x, target, value, zero, ...Object.values(grads)]);
        model.dispose();
      }
    });
  });

  // Tiling runs the network on many small tiles; software WebGPU takes minutes for it.
  const tiledIt = backend === 'webgpu' ? it.skip : it;
  tiledIt('tiled inference equals untiled inference (BN in eval mode), ×2 and ×4', async () => {
    await assertNoLeaks(async () => {
      for (const scale of [2, 4] as const) {
        const model = new SrResNet({ scale, features: 8, numBlocks: 2, seed: scale });
        randomTail(model, 5);
        warmBatchNorm(model, 10);
        const image = randomImage(37, 29, 3, 3);
        const whole = tf.tidy(() => tf.squeeze(model.forward(tf.expandDims(image, 0)), [0]));
        const tiled = await upscaleImage(model, image, { tileSize: 12 });
        expect(tiled.shape).toEqual([37 * scale, 29 * scale, 3]);
        expect(await maxDiff(whole, tiled)).toBeLessThan(1e-5);
        // Too little context changes the result (the default overlap is what makes it exact).
        const short = await upscaleImage(model, image, { tileSize: 12, overlap: 1 });
        expect(await maxDiff(whole, short)).toBeGreaterThan(1e-3);
        tf.dispose([image, whole, tiled, short]);
        model.dispose();
      }
    });
  });

  it('saves and loads (config + safetensors; bytes too) with identical outputs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ml-gan-sr-'));
    try {
      await assertNoLeaks(async () => {
        const model = new SrResNet({ features: 8, numBlocks: 2, seed: 4 });
        randomTail(model, 6);
        warmBatchNorm(model, 20);
        await model.save(dir);
        const loaded = await SrResNet.load(dir);
        const fromBytes = SrResNet.fromBytes(await model.toBytes());
        expect(loaded.options).toEqual(model.options);
        expect(loaded.training).toBe(false);
        const x = tf.tidy(() => tf.expandDims(randomImage(9, 11, 3, 7), 0));
        const outs = [model.call(x), loaded.call(x), fromBytes.call(x)];
        await assertClose(outs[1]!, outs[0]!, { atol: 1e-6 });
        await assertClose(outs[2]!, outs[0]!, { atol: 1e-6 });
        tf.dispose([x, ...outs]);
        for (const m of [model, loaded, fromBytes]) m.dispose();
      });
      await expect(SrResNet.load(join(dir, 'missing'))).rejects.toThrow(/does not exist/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('SrganDiscriminator: a logit per image (global head) or per patch, with gradients', async () => {
    await assertNoLeaks(async () => {
      const global = new SrganDiscriminator({ widths: [8, 16], hidden: 32 });
      const patch = new SrganDiscriminator({ widths: [8, 16], head: 'patch', batchNorm: false });
      const x = tf.randomUniform([2, 24, 20, 3], 0, 1, 'float32', 1);
      const g = global.call(x);
      const p = patch.call(x);
      expect(g.shape).toEqual([2, 1]);
      expect(p.shape).toEqual([2, 6, 5, 1]);
      const params = global.parameters();
      const { value, grads } = tf.variableGrads(() => tf.mean(global.forward(x)) as tf.Scalar, params);
      expect(Object.keys(grads).length).toBe(params.length);
      tf.dispose([x, g, p, value, ...Object.values(grads)]);
      global.dispose();
      patch.dispose();
      expect(() => new SrganDiscriminator({ head: 'pixel' as 'patch' })).toThrow(/'head' must be 'global' or 'patch'; received pixel/);
    });
  });

  const ganIt = backend === 'webgpu' ? it.skip : it; // several conv training steps: minutes on software WebGPU
  ganIt('trainSrgan updates both networks and logs finite losses; the D step leaves G unchanged', async () => {
    const images = [photo];
    await assertNoLeaks(async () => {
      const g = new SrResNet({ features: 8, numBlocks: 1 });
      const d = new SrganDiscriminator({ widths: [8, 16], hidden: 16 });
      const sampler = new SrPatchSampler(images, { patchSize: 16, batchSize: 2, seed: 1 });
      const g0 = g.head.weight.clone();
      const d0 = d.blocks[0]!.conv.weight.clone();
      // lrG = 0: only the discriminator moves, so any change in G would come from a leaked D-step gradient.
      const frozen = await trainSrgan(g, d, sampler, { steps: 2, lrG: 0, logEvery: 1 });
      expect(await maxDiff(g.head.weight, g0)).toBe(0);
      expect(await maxDiff(d.blocks[0]!.conv.weight, d0)).toBeGreaterThan(0);
      expect(frozen.discriminatorLoss.length).toBe(2);
      const h = await trainSrgan(g, d, sampler, { steps: 2, logEvery: 1, lrG: 1e-3 });
      expect(await maxDiff(g.head.weight, g0)).toBeGreaterThan(0);
      for (const v of [...h.pixelLoss, ...h.discriminatorLoss, ...h.adversarialLoss]) expect(Number.isFinite(v)).toBe(true);
      tf.dispose([g0, d0]);
      g.dispose();
      d.dispose();
    });
  });

  it('SrPatchSampler: aligned LR/HR crops (LR is the bicubic downsampling of HR)', async () => {
    await assertNoLeaks(async () => {
      const sampler = new SrPatchSampler([photo], { patchSize: 96, batchSize: 1, flips: false });
      const { lr, hr } = sampler.next();
      expect(lr.shape).toEqual([1, 48, 48, 3]);
      expect(hr.shape).toEqual([1, 96, 96, 3]);
      const expected = [imageToTensor(resizeImage(photo, 48, 48, 'bicubic')), imageToTensor(photo)];
      expect(await maxDiff(lr, expected[0]!)).toBeLessThan(1e-6);
      expect(await maxDiff(hr, expected[1]!)).toBeLessThan(1e-6);
      tf.dispose([lr, hr, ...expected]);
      expect(() => new SrPatchSampler([photo], { patchSize: 15 })).toThrow(/'patchSize' must be a multiple of 'scale' = 2; received 15/);
    });
  });
});
