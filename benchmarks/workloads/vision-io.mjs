/**
 * Image input pipeline of @ml/vision: decode a batch of PNG or JPEG files, convert, resize and
 * rescale them, and upload the batch tensor. Peer: Pillow + numpy doing the same to the same pixels.
 */
import { createRequire } from 'node:module';
import { decodeImage, encodePng, preprocessImage } from '@ml/vision';

// JPEG inputs are written by jpeg-js's encoder (a dependency of @ml/vision, resolved from there).
const jpegJs = createRequire(import.meta.resolve('@ml/vision'))('jpeg-js');

export const name = 'vision-io';
export const title = 'Image batch: PNG/JPEG decode + resize + rescale + batch (images/s = 1000 · batch / ms)';
export const description =
  'One call turns `batch` PNG files (RGB, made once before timing from a fixed integer pattern plus hashed noise, ' +
  'so both sides decode the same pixels) into a float32 batch: `decodeImage` (fast-png), `preprocessImage` ' +
  '(`convert` to RGB, Pillow-matched bilinear `resizeImage` to the target size, ×1/255) into one Float32Array, ' +
  'then `tf.tensor4d` `[batch, h, w, 3]` (awaited). The decode and resize run on the CPU in JavaScript, so ' +
  'the backend only matters for the upload. Peer: Pillow (`Image.open(BytesIO).convert("RGB").resize(size, ' +
  'BILINEAR)`), `np.asarray`, `np.stack(...).astype(float32) / 255`; its PNGs are written by Pillow, ours by ' +
  'fast-png (same pixels, different zlib streams), so decode work is close but not byte-identical. ' +
  'JPEG cases: the same pixels written by jpeg-js\'s encoder (baseline, 4:4:4, quality 90) and decoded by ' +
  '`decodeImage` with libjpeg-turbo (WebAssembly, `@jsquash/jpeg`, the default) or with `jpegDecoder: \'jpeg-js\'`; ' +
  'the peer (benchmarks/python/vision_io.py) decodes the same pixels written by Pillow as JPEG (quality 90, 4:4:4) ' +
  'with libjpeg-turbo, then resizes and batches them the same way. ' +
  'Images per second = 1000 · batch / median ms.';

export const cases = [
  { id: 'png64-to32', label: '64 PNGs 64×64 → 32×32', batch: 64, size: 64, target: 32 },
  { id: 'png256-to64', label: '32 PNGs 256×256 → 64×64', batch: 32, size: 256, target: 64 },
  { id: 'jpeg64-to32', label: '64 JPEGs 64×64 → 32×32 (libjpeg-turbo)', batch: 64, size: 64, target: 32, format: 'jpeg', decoder: 'libjpeg-turbo' },
  { id: 'jpeg64-to32-jpegjs', label: '64 JPEGs 64×64 → 32×32 (jpeg-js)', batch: 64, size: 64, target: 32, format: 'jpeg', decoder: 'jpeg-js' },
  { id: 'jpeg256-to64', label: '32 JPEGs 256×256 → 64×64 (libjpeg-turbo)', batch: 32, size: 256, target: 64, format: 'jpeg', decoder: 'libjpeg-turbo' },
  { id: 'jpeg256-to64-jpegjs', label: '32 JPEGs 256×256 → 64×64 (jpeg-js)', batch: 32, size: 256, target: 64, format: 'jpeg', decoder: 'jpeg-js' },
];

/** Encodes `image` (RGB) as a baseline JPEG with jpeg-js (quality 90; jpeg-js writes 4:4:4). */
function encodeJpeg(image) {
  const rgba = new Uint8Array(image.width * image.height * 4);
  for (let p = 0; p < image.width * image.height; p++) rgba.set([image.data[3 * p], image.data[3 * p + 1], image.data[3 * p + 2], 255], 4 * p);
  return new Uint8Array(jpegJs.encode({ width: image.width, height: image.height, data: rgba }, 90).data);
}

/** The pixels of image `i` (size×size×3): a gradient plus an integer hash, identical in the peer. */
export function pixels(i, size) {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        const h = (Math.imul(x * 73856093 ^ y * 19349663 ^ (i * 3 + c) * 83492791, 1) >>> 0) % 64;
        data[(y * size + x) * 3 + c] = (x * 3 + y * 2 + c * 60 + i * 5 + h) % 256;
      }
    }
  }
  return { width: size, height: size, channels: 3, data };
}

export function prepare(tf, c) {
  const encode = c.format === 'jpeg' ? encodeJpeg : encodePng;
  const files = Array.from({ length: c.batch }, (_, i) => encode(pixels(i, c.size)));
  const options = c.format === 'jpeg' ? { jpegDecoder: c.decoder } : {};
  const preprocessing = { height: c.target, width: c.target, colorMode: 'rgb', rescale: 1 / 255, interpolation: 'bilinear' };
  const row = c.target * c.target * 3;
  return {
    step: async () => {
      const out = new Float32Array(c.batch * row);
      files.forEach((bytes, i) => out.set(preprocessImage(decodeImage(bytes, options), preprocessing), i * row));
      return tf.tensor4d(out, [c.batch, c.target, c.target, 3]);
    },
    dispose: () => undefined,
  };
}

export const peer = {
  name: 'Pillow + numpy',
  script: 'vision_io.py',
  modules: ['PIL', 'numpy'],
  payload: (c) => ({ id: c.id, batch: c.batch, size: c.size, target: c.target, format: c.format ?? 'png' }),
};
