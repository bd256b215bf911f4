/**
 * Learning test (can fail): a small ×2 SrResNet pretrained with a pixel loss on random patches of 10
 * committed 96×96 photo crops (scikit-learn's china.jpg and flower.jpg, CC BY 2.0, see
 * __fixtures__/IMAGES-LICENSE.md) must beat Pillow-equivalent bicubic interpolation in PSNR on 4
 * held-out crops from another part of the photos (HR → LR by bicubic downsampling, as in training).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { decodeImage, resizeImage, type RawImage } from '@ml/vision';
import { SrResNet } from './sr-resnet.js';
import { SrPatchSampler } from './sr-patch-sampler.js';
import { pretrainSr } from './train-sr.js';
import { upscaleImage } from './upscale-image.js';
import { psnr, ssim } from './image-quality.js';

const FIX = join(__dirname, '__fixtures__');
const list = JSON.parse(readFileSync(join(FIX, 'sr-images.json'), 'utf8')) as { train: { file: string }[]; test: { file: string; bicubicPsnrX2: number }[] };
const read = (file: string): RawImage => decodeImage(new Uint8Array(readFileSync(join(FIX, file))), { name: file });
const train = list.train.map((e) => read(e.file));
const test = list.test.map((e) => read(e.file));

const STEPS = 600;

await describeBackends('super-resolution learning', (backend) => {
  // Conv training on the plain-JS cpu backend is ≈40× slower than wasm (TOOLCHAIN.md) and software
  // WebGPU slower still: this runs on wasm only.
  const learn = backend === 'wasm' ? it : it.skip;
  learn('a ×2 SrResNet pretrained briefly beats bicubic PSNR on held-out photo crops', async () => {
    await assertNoLeaks(async () => {
      const model = new SrResNet({ scale: 2, features: 16, numBlocks: 2, batchNorm: false, seed: 1 });
      const sampler = new SrPatchSampler(train, { scale: 2, patchSize: 32, batchSize: 16, seed: 2 });
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const history = await pretrainSr(model, sampler, { steps: STEPS, lr: 1e-3, loss: 'mse', logEvery: 100 });
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6; // wasm runs on one thread: ≈ wall time on a quiet machine
      let gain = 0;
      let improved = 0;
      const rows: string[] = [];
      for (const [i, hr] of test.entries()) {
        const lr = resizeImage(hr, 48, 48, 'bicubic');
        const bicubic = resizeImage(lr, 96, 96, 'bicubic');
        const sr = await upscaleImage(model, lr);
        const [pb, ps] = [psnr(hr, bicubic), psnr(hr, sr)];
        gain += (ps - pb) / test.length;
        if (ps > pb) improved++;
        rows.push(`${list.test[i]!.file}: bicubic ${pb.toFixed(2)} dB (Pillow ${list.test[i]!.bicubicPsnrX2.toFixed(2)}) / SSIM ${ssim(hr, bicubic).toFixed(4)}, model ${ps.toFixed(2)} dB / SSIM ${ssim(hr, sr).toFixed(4)}`);
      }
      let trainGain = 0;
      for (const hr of train) {
        const lr = resizeImage(hr, 48, 48, 'bicubic');
        trainGain += (psnr(hr, await upscaleImage(model, lr)) - psnr(hr, resizeImage(lr, 96, 96, 'bicubic'))) / train.length;
      }
      rows.push(`train gain ${trainGain.toFixed(3)} dB`);
      console.log(`SR ×2 [${backend}] ${STEPS} steps in ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU; MSE ${history.pixelLoss.map((v) => v.toFixed(4)).join(' ')}\n  ${rows.join('\n  ')}\n  mean gain ${gain.toFixed(3)} dB`);
      // Measured (seeds as above, wasm): mean gain 0.560 dB (−0.14, +0.34, +0.86, +1.18 dB per crop; the
      // densely textured china crop 0 gets sharper (SSIM 0.575 → 0.641) but not closer in PSNR); 600 steps
      // took 186 s wall under load ≈ 14 on 2 cores and 50.7 s of CPU time (≈ the wall time on a quiet machine).
      expect(gain).toBeGreaterThan(0.3);
      expect(improved).toBeGreaterThanOrEqual(3);
      model.dispose();
    });
  }, 300_000);
});
