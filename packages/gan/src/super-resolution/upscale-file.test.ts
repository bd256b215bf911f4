/** upscaleFile: PNG/JPEG in, PNG out, through a saved model folder or a model object; clear errors. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { readImage } from '@ml/vision';
import { SrResNet } from './sr-resnet.js';
import { upscaleFile } from './upscale-file.js';
import { upscaleImage } from './upscale-image.js';

const INPUT = join(__dirname, '__fixtures__', 'test-3-flower.png');

await describeBackends('upscaleFile', (backend) => {
  // File handling is backend-independent and upscaleImage runs on WebGPU in sr-resnet.test.ts; three
  // 96×96 upscales take over 2 minutes on software WebGPU (SwiftShader), so this runs on cpu and wasm.
  const fileIt = backend === 'webgpu' ? it.skip : it;
  fileIt('reads a PNG, upscales with a saved model folder or an SrResNet, writes the PNG; errors name the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ml-gan-upscale-'));
    try {
      await assertNoLeaks(async () => {
        const model = new SrResNet({ features: 4, numBlocks: 1, seed: 3 });
        await model.save(join(dir, 'model'));
        const out = join(dir, 'out.png');
        const result = await upscaleFile(INPUT, out, { model: join(dir, 'model'), tileSize: 40 });
        expect(result).toEqual({ width: 192, height: 192, outputPath: out });
        const written = await readImage(out);
        const expected = await upscaleImage(model, await readImage(INPUT));
        expect(Array.from(written.data)).toEqual(Array.from(expected.data));
        await upscaleFile(INPUT, out, { model });
        await expect(upscaleFile(join(dir, 'missing.png'), out, { model })).rejects.toThrow(/readImage: cannot read '.*missing\.png'/);
        await writeFile(join(dir, 'corrupt.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]));
        await expect(upscaleFile(join(dir, 'corrupt.jpg'), out, { model })).rejects.toThrow(/corrupt\.jpg/);
        await expect(upscaleFile(INPUT, out, { model, scale: 4 })).rejects.toThrow(/'scale' is 4 but the model upscales ×2/);
        await expect(upscaleFile(INPUT, out, { model: join(dir, 'nowhere') })).rejects.toThrow(/nowhere' does not exist/);
        model.dispose();
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
