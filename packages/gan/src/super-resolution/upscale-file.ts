/**
 * `upscaleFile`: reads a PNG or JPEG, upscales it with an `SrResNet` (tiled) and writes a PNG — the
 * command behind the creator CLI's image enhancement. Without `model`, loads the pretrained model
 * shipped in `@ml/gan/models/srresnet-x<scale>/` (see its README for how it was trained). Node.js only.
 */
import { readImage, writePng } from '@ml/vision';
import { SrResNet } from './sr-resnet.js';
import { upscaleImage } from './upscale-image.js';

export interface UpscaleFileOptions {
  /** Upscaling factor; must match `model.scale` when a model is given. @default 2 */
  scale?: 2 | 4;
  /** The model, or a folder written by `SrResNet.save`. @default the shipped pretrained model for `scale` */
  model?: SrResNet | string;
  /** Input pixels per tile side (see `upscaleImage`). @default 128 */
  tileSize?: number;
}

/** What `upscaleFile` wrote. */
export interface UpscaleFileResult {
  width: number;
  height: number;
  outputPath: string;
}

/** The folder of the shipped model for `scale`, found next to the package (src or dist), or null. */
async function shippedModelDir(scale: number): Promise<string | null> {
  const [{ fileURLToPath }, path, fs] = await Promise.all([import('node:url'), import('node:path'), import('node:fs')]);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    const candidate = path.join(dir, 'models', `srresnet-x${scale}`);
    if (fs.existsSync(path.join(candidate, 'config.json'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/**
 * Upscales the image at `inputPath` and writes `outputPath` (PNG). Throws `ImageDecodeError` for a
 * missing, unreadable or corrupt input file (the message names the file), and an Error naming the
 * folder when the model cannot be loaded.
 */
export async function upscaleFile(inputPath: string, outputPath: string, options: UpscaleFileOptions = {}): Promise<UpscaleFileResult> {
  const where = 'upscaleFile';
  if (typeof inputPath !== 'string' || inputPath === '') throw new TypeError(`${where}: 'inputPath' must be a non-empty path; received ${JSON.stringify(inputPath)}`);
  if (typeof outputPath !== 'string' || outputPath === '') throw new TypeError(`${where}: 'outputPath' must be a non-empty path; received ${JSON.stringify(outputPath)}`);
  const scale = options.scale ?? (options.model instanceof SrResNet ? (options.model.scale as 2 | 4) : 2);
  if (scale !== 2 && scale !== 4) throw new RangeError(`${where}: 'scale' must be 2 or 4; received ${String(scale)}`);
  const image = await readImage(inputPath); // ImageDecodeError names the file
  let model: SrResNet;
  let owned = false;
  if (options.model instanceof SrResNet) model = options.model;
  else {
    const dir = options.model ?? (await shippedModelDir(scale));
    if (dir === null) throw new Error(`${where}: no pretrained ×${scale} model is shipped with @ml/gan; pass 'model' (an SrResNet or a folder written by SrResNet.save)`);
    model = await SrResNet.load(dir);
    owned = true;
  }
  try {
    if (model.scale !== scale) throw new RangeError(`${where}: 'scale' is ${scale} but the model upscales ×${model.scale}`);
    const out = await upscaleImage(model, image, options.tileSize === undefined ? {} : { tileSize: options.tileSize });
    await writePng(outputPath, out);
    return { width: out.width, height: out.height, outputPath };
  } finally {
    if (owned) model.dispose();
  }
}
