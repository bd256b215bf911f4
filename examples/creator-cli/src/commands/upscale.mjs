/**
 * `ml-creator upscale <image>`: super-resolution with @ml/gan's SrResNet (Ledig et al. 2017: residual
 * blocks + sub-pixel upsampling, here with a bicubic image skip) run over the image in tiles.
 *
 * - `--model <dir>`: an SrResNet saved with `save()` (config.json + model.safetensors), e.g. trained on
 *   a photo collection with @ml/gan's `pretrainSr` / `trainSrgan`, or by `--save-model` here; run by
 *   @ml/gan's `upscaleFile`.
 * - Without `--model`, the pretrained model that @ml/gan ships in `models/srresnet-x<scale>/` when
 *   the installed build has one (also through `upscaleFile`).
 * - Otherwise, or with `--zero-shot`: "zero-shot" super-resolution (Shocher, Cohen & Irani,
 *   "Zero-Shot Super-Resolution using Deep Internal Learning", CVPR 2018): a small SrResNet is trained
 *   for `--steps` on patches of the image itself, each paired with its bicubic ×1/s version, so it
 *   learns how this image's own structures look at a finer scale, and is then applied to the whole
 *   image. The output reports a self-check: PSNR of rebuilding the image from its ×1/s version with
 *   the model against plain bicubic interpolation (reported for every mode).
 */
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pretrainSr, psnr, SrPatchSampler, SrResNet, upscaleFile, upscaleImage } from '@ml/gan';
import { cropImage, readImage, resizeImage, toRgb, writePng } from '@ml/vision';
import { useBackend } from '../backend.mjs';
import { CliError } from '../errors.mjs';
import { progressBar, statOrNull } from '../io.mjs';

/**
 * The zero-shot network and its training: small enough to train in about a minute on wasm. On
 * samples/scene.png (64×64, ×2) 150 steps rebuild the image from its half-size version at 33.79 dB
 * PSNR against 33.32 dB for bicubic; ReLU + L1 at lr 1e-3 did not learn (33.33 dB), and lr 1e-3 with
 * MSE learnt less in 60 steps (33.34 vs 33.42 dB at 3e-4).
 */
const ZERO_SHOT = { features: 32, numBlocks: 4, batchNorm: false, activation: 'prelu', imageSkip: 'bicubic' };
const ZERO_SHOT_TRAINING = { lr: 3e-4, loss: 'mse' };

async function readInputImage(path) {
  const s = await statOrNull(path);
  if (s === null) throw new CliError(`upscale <image>: file not found: ${path}`);
  if (!s.isFile()) throw new CliError(`upscale <image>: expected a PNG or JPEG file, but ${path} is a folder`);
  try {
    return await readImage(path);
  } catch (err) {
    throw new CliError(err.message, { cause: err });
  }
}

async function checkModelDir(dir) {
  if ((await statOrNull(dir)) === null) throw new CliError(`--model: folder not found: ${dir}`);
  if ((await statOrNull(join(dir, 'config.json'))) === null) throw new CliError(`--model: ${join(dir, 'config.json')} not found; expected an SrResNet folder (config.json + model.safetensors)`);
}

/** The pretrained model folder @ml/gan ships for `scale` (`<package>/models/srresnet-x<scale>`), or null. */
export async function shippedModelDir(scale) {
  let dir = dirname(fileURLToPath(import.meta.resolve('@ml/gan')));
  for (let up = 0; up < 3; up++) {
    const candidate = join(dir, 'models', `srresnet-x${scale}`);
    if ((await statOrNull(join(candidate, 'config.json'))) !== null) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/** Trains the zero-shot model on `image` (RGB); returns it and its last losses. */
async function trainZeroShot(image, scale, options) {
  const side = Math.min(image.width, image.height);
  const patchSize = Math.min(32, side - (side % scale));
  if (patchSize < 4 * scale) throw new CliError(`upscale: the image (${image.width}×${image.height}) is too small to learn from; it needs at least ${4 * scale}×${4 * scale} pixels (or pass --model)`);
  const sampler = new SrPatchSampler([image], { scale, patchSize, batchSize: 8, seed: options.seed });
  const model = new SrResNet({ ...ZERO_SHOT, scale, seed: options.seed });
  const bar = progressBar(options, options.steps, 'learning from the image');
  try {
    const { pixelLoss } = await pretrainSr(model, sampler, { ...ZERO_SHOT_TRAINING, steps: options.steps, logEvery: 10, onStep: (l) => bar.update(l.step, `MSE ${l.pixelLoss.toFixed(5)}`) });
    return { model, finalLoss: pixelLoss.at(-1) ?? null };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    bar.stop();
  }
}

/** PSNR (dB) of rebuilding `image` from its bicubic ×1/s version: model vs bicubic. */
async function selfCheck(model, image, scale) {
  const w = image.width - (image.width % scale);
  const h = image.height - (image.height % scale);
  const hr = w === image.width && h === image.height ? image : cropImage(image, 0, 0, w, h);
  const lr = resizeImage(hr, w / scale, h / scale, 'bicubic');
  const sr = await upscaleImage(model, lr);
  const bicubic = resizeImage(lr, w, h, 'bicubic');
  return { modelPsnr: psnr(sr, hr), bicubicPsnr: psnr(bicubic, hr) };
}

export async function upscaleCommand(image, options) {
  if (options.scale !== 2 && options.scale !== 4) throw new CliError(`--scale must be 2 or 4 (SrResNet's factors); received ${options.scale}`);
  const input = await readInputImage(image);
  const out = options.out ?? join(dirname(image), `${basename(image, extname(image))}-x${options.scale}.png`);
  if (extname(out).toLowerCase() !== '.png') throw new CliError(`--out must name a .png file; received ${JSON.stringify(out)}`);
  const backend = await useBackend(options.backend);
  const t0 = performance.now();
  if (options.model && (options.zeroShot || options.saveModel)) throw new CliError('upscale: --model cannot be combined with --zero-shot or --save-model (they are for a model learnt from the image)');
  // --save-model saves the zero-shot model, so it implies --zero-shot.
  const modelDir = options.model ?? (options.zeroShot || options.saveModel ? null : await shippedModelDir(options.scale));
  if (modelDir !== null) {
    if (options.model) await checkModelDir(options.model);
    let written;
    let check;
    try {
      written = await upscaleFile(image, out, { scale: options.scale, model: modelDir });
      const model = await SrResNet.load(modelDir);
      try {
        check = await selfCheck(model, input.channels === 3 ? input : toRgb(input), options.scale);
      } finally {
        model.dispose();
      }
    } catch (err) {
      throw new CliError(`upscale ${image} with ${modelDir}: ${err.message}`, { cause: err });
    }
    return {
      input: image,
      output: out,
      backend,
      scale: options.scale,
      inputSize: [input.width, input.height],
      outputSize: [written.width, written.height],
      method: options.model ? 'model' : 'pretrained',
      model: modelDir,
      selfCheck: check,
      seconds: (performance.now() - t0) / 1000,
    };
  }
  const rgb = input.channels === 3 ? input : toRgb(input);
  const { model, finalLoss } = await trainZeroShot(rgb, options.scale, options);
  try {
    const check = await selfCheck(model, rgb, options.scale);
    const result = await upscaleImage(model, rgb);
    await writePng(out, result);
    if (options.saveModel) await model.save(options.saveModel);
    return {
      input: image,
      output: out,
      backend,
      scale: options.scale,
      inputSize: [input.width, input.height],
      outputSize: [result.width, result.height],
      method: 'zero-shot',
      steps: options.steps,
      finalMse: finalLoss,
      selfCheck: check,
      savedModel: options.saveModel ?? null,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    model.dispose();
  }
}

export function formatUpscale(result) {
  const lines = [`${result.input} (${result.inputSize.join('×')}) → ${result.output} (${result.outputSize.join('×')}), ×${result.scale} on ${result.backend} in ${result.seconds.toFixed(1)} s`];
  if (result.method === 'zero-shot') lines.push(`zero-shot SrResNet trained on the image itself for ${result.steps} steps`);
  else lines.push(`${result.method === 'pretrained' ? "@ml/gan's pretrained model" : 'model'}: ${result.model}`);
  const c = result.selfCheck;
  lines.push(`self-check, rebuilding the image from its ×1/${result.scale} version: model ${c.modelPsnr.toFixed(2)} dB PSNR, bicubic ${c.bicubicPsnr.toFixed(2)} dB`);
  if (result.savedModel) lines.push(`model saved to ${result.savedModel} (reuse with --model)`);
  return lines.join('\n');
}
