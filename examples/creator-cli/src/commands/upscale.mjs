/**
 * `ml-creator upscale <image>`: super-resolution with @ml/gan. Uses the package's `upscaleFile` when it
 * exports one; otherwise `upscaleImage` with an `SrResNet` loaded from `--model`.
 */
import { basename, dirname, extname, join } from 'node:path';
import * as gan from '@ml/gan';
import { readImage, writePng } from '@ml/vision';
import { useBackend } from '../backend.mjs';
import { CliError } from '../errors.mjs';
import { statOrNull } from '../io.mjs';

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

export async function upscaleCommand(image, options) {
  const input = await readInputImage(image);
  const out = options.out ?? join(dirname(image), `${basename(image, extname(image))}-x${options.scale}.png`);
  if (extname(out).toLowerCase() !== '.png') throw new CliError(`--out must name a .png file; received ${JSON.stringify(out)}`);
  const backend = await useBackend(options.backend);
  const t0 = performance.now();
  if (typeof gan.upscaleFile === 'function') {
    try {
      const info = await gan.upscaleFile(image, out, { scale: options.scale, ...(options.model ? { model: options.model } : {}) });
      const written = await readImage(out);
      return { input: image, output: out, backend, scale: options.scale, inputSize: [input.width, input.height], outputSize: [written.width, written.height], seconds: (performance.now() - t0) / 1000, ...(info && typeof info === 'object' ? { details: info } : {}) };
    } catch (err) {
      throw new CliError(`upscale ${image}: ${err.message}`, { cause: err });
    }
  }
  if (typeof gan.upscaleImage !== 'function' || typeof gan.SrResNet?.load !== 'function') {
    throw new CliError('upscale: this build of @ml/gan exports neither upscaleFile nor upscaleImage + SrResNet yet (rebuild the packages)');
  }
  if (!options.model) throw new CliError('upscale: this build of @ml/gan has no default super-resolution model; pass --model <dir> (an SrResNet saved with save())');
  let model;
  try {
    model = await gan.SrResNet.load(options.model);
  } catch (err) {
    throw new CliError(`--model ${options.model}: ${err.message}`, { cause: err });
  }
  try {
    if (model.scale !== options.scale) throw new CliError(`--scale ${options.scale} does not match the model's scale ${model.scale}`);
    const result = await gan.upscaleImage(model, input);
    await writePng(out, result);
    return { input: image, output: out, backend, scale: options.scale, inputSize: [input.width, input.height], outputSize: [result.width, result.height], seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}

export function formatUpscale(result) {
  return `${result.input} (${result.inputSize.join('×')}) → ${result.output} (${result.outputSize.join('×')}), ×${result.scale} on ${result.backend} in ${result.seconds.toFixed(1)} s`;
}
