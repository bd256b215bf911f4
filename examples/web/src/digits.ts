/**
 * Digit recognition: scikit-learn's 8×8 handwritten digits (the copy committed with @ml/vision's
 * tests), LeNet trained in the page with @ml/vision's ImageClassifier, and a converter from any
 * picture (a dropped PNG/JPEG, the drawing canvas) to the 8×8, ink-is-bright format it was trained on.
 */
import { Rng, tf } from '@ml/core';
import { ImageArrayDataset, ImageClassifier, decodeImage, isGzip, parseCsvPixels, toGrayscale, type ImageDataset, type RawImage } from '@ml/vision';
import digitsUrl from '../../../packages/vision/src/classifier/__fixtures__/digits.csv.gz?url';

export interface DigitsData {
  all: ImageArrayDataset;
  /** Indices of the training images (80%), shuffled. */
  trainIndices: Int32Array;
  test: ImageDataset;
}

/** Fetches and parses the bundled digits (1,797 images, values 0–16), split 80/20 by a seeded permutation. */
export async function loadDigits(seed = 0): Promise<DigitsData> {
  const res = await fetch(digitsUrl);
  if (!res.ok) throw new Error(`Cannot load the bundled digits (${digitsUrl}): HTTP ${res.status}`);
  // vite's dev server sends .gz files with Content-Encoding: gzip (the browser then unpacks them);
  // a static server sends the gzip bytes as they are.
  const bytes = new Uint8Array(await res.arrayBuffer());
  const plain = isGzip(bytes) ? new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer()) : bytes;
  const text = new TextDecoder().decode(plain);
  const { images, labels } = parseCsvPixels(text, { height: 8, width: 8, labelColumn: 'last', header: false });
  const all = new ImageArrayDataset(images, labels, { rescale: 1 / 16 });
  const order = new Rng(seed).permutation(all.length);
  const nTest = Math.round(all.length * 0.2);
  return { all, trainIndices: order.subarray(nTest), test: all.subset(order.subarray(0, nTest)) };
}

/** The LeNet sizes on offer: `@ml/vision`'s defaults, and a smaller one for slow (software) GPUs. */
export const NETWORKS = {
  standard: { filters: [32, 64], hidden: 128, dropout: 0.25 },
  small: { filters: [16, 32], hidden: 64, dropout: 0 },
} as const satisfies Record<string, { filters: readonly [number, number]; hidden: number; dropout: number }>;
export type NetworkSize = keyof typeof NETWORKS;

export interface TrainSettings {
  /** Training images used (the first N of the shuffled training split). */
  images: number;
  epochs: number;
  batchSize: number;
  lr: number;
}

export interface TrainReport {
  losses: number[];
  msPerStep: number;
  accuracy: number;
  testSize: number;
}

/** Trains LeNet, calling `onStep` with every step's loss (the page redraws the chart there). */
export async function trainDigits(
  clf: ImageClassifier,
  data: DigitsData,
  settings: TrainSettings,
  onStep: (losses: readonly number[]) => Promise<void>,
): Promise<TrainReport> {
  const train = data.all.subset(data.trainIndices.subarray(0, Math.min(settings.images, data.trainIndices.length)));
  const losses: number[] = [];
  const t0 = performance.now();
  await clf.fit(train, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    lr: settings.lr,
    callbacks: [{ onStepEnd: async (logs) => { losses.push(logs.loss); await onStep(losses); } }],
  });
  const msPerStep = (performance.now() - t0) / Math.max(losses.length, 1);
  const { accuracy } = await clf.evaluate(data.test);
  return { losses, msPerStep, accuracy, testSize: data.test.length };
}

/**
 * An 8×8 digit in training form ([1, 8, 8, 1], 0–1, ink bright) from any picture: grayscale, ink
 * made bright (inverted when the background is light), cropped to the ink's bounding box, padded to
 * a square with a margin (as the digits are centred), then averaged down to 8×8 and stretched to 0–1.
 */
export function toDigitTensor(image: RawImage): tf.Tensor4D {
  const g = toGrayscale(image.channels === 4 ? flattenAlpha(image) : image);
  const { width: w, height: h, data } = g;
  let mean = 0;
  for (const v of data) mean += v;
  mean /= data.length;
  const ink = Float32Array.from(data, (v) => (mean > 127 ? 255 - v : v) / 255);
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if ((ink[y * w + x] ?? 0) > 0.25) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) throw new RangeError('The picture has no visible strokes: draw or drop a digit (dark on light or light on dark).');
  const side = Math.max(x1 - x0 + 1, y1 - y0 + 1) * 1.25;
  const cx = (x0 + x1 + 1) / 2;
  const cy = (y0 + y1 + 1) / 2;
  const out = new Float32Array(64);
  const sub = 4; // 4×4 samples per output cell
  for (let oy = 0; oy < 8; oy++) {
    for (let ox = 0; ox < 8; ox++) {
      let sum = 0;
      for (let sy = 0; sy < sub; sy++) {
        for (let sx = 0; sx < sub; sx++) {
          const x = Math.floor(cx - side / 2 + ((ox + (sx + 0.5) / sub) / 8) * side);
          const y = Math.floor(cy - side / 2 + ((oy + (sy + 0.5) / sub) / 8) * side);
          if (x >= 0 && x < w && y >= 0 && y < h) sum += ink[y * w + x] ?? 0;
        }
      }
      out[oy * 8 + ox] = sum / (sub * sub);
    }
  }
  const max = Math.max(...out);
  for (let i = 0; i < 64; i++) out[i] = (out[i] ?? 0) / max;
  return tf.tensor4d(out, [1, 8, 8, 1]);
}

/** RGBA composited over white (a transparent PNG's background reads as paper). */
function flattenAlpha(image: RawImage): RawImage {
  const n = image.width * image.height;
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = (image.data[i * 4 + 3] ?? 255) / 255;
    for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.round((image.data[i * 4 + c] ?? 0) * a + 255 * (1 - a));
  }
  return { width: image.width, height: image.height, channels: 3, data };
}

/** Decodes a PNG/JPEG file's bytes (throws ImageDecodeError naming the file for anything else). */
export function decodeFile(bytes: Uint8Array, name: string): RawImage {
  return decodeImage(bytes, { name });
}
