/**
 * Colour conversions as PIL's `Image.convert`: RGB → L with the ITU-R 601-2 luma transform
 * `L = R·299/1000 + G·587/1000 + B·114/1000` (PIL computes it in fixed point: `(R·19595 + G·38470 +
 * B·7471 + 0x8000) >> 16`, reproduced here), L → RGB by repeating the gray value, RGBA → RGB by
 * dropping alpha (PIL's convert('RGB') does the same, with no compositing).
 */
import { checkImage, type RawImage } from './raw-image.js';

/** A 1-channel image (PIL's `convert('L')`). RGBA ignores alpha. */
export function toGrayscale(image: RawImage): RawImage {
  const { width, height, channels, data } = checkImage('toGrayscale', image);
  if (channels === 1) return image;
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0, o = 0; i < n; i++, o += channels) {
    out[i] = (data[o] * 19595 + data[o + 1] * 38470 + data[o + 2] * 7471 + 0x8000) >>> 16;
  }
  return { width, height, channels: 1, data: out };
}

/** A 3-channel image (PIL's `convert('RGB')`): gray repeated, alpha dropped. */
export function toRgb(image: RawImage): RawImage {
  const { width, height, channels, data } = checkImage('toRgb', image);
  if (channels === 3) return image;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    if (channels === 1) {
      out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = data[i];
    } else {
      out[3 * i] = data[4 * i];
      out[3 * i + 1] = data[4 * i + 1];
      out[3 * i + 2] = data[4 * i + 2];
    }
  }
  return { width, height, channels: 3, data: out };
}
