/**
 * `decodeImage`: PNG and JPEG bytes → `RawImage`, in Node.js and browsers.
 * PNG through `fast-png` (every colour type and bit depth, interlaced or not; palettes expanded,
 * 16-bit reduced to 8 by `v >> 8` as PIL does). JPEG (baseline, progressive, restart markers, any
 * chroma subsampling) through libjpeg-turbo compiled to WebAssembly (`@jsquash/jpeg`, see
 * `jpeg/load-jpeg-decoder.ts`): the same IDCT, chroma upsampling and colour conversion as Pillow,
 * so the pixels equal Pillow's. Two exceptions use `jpeg-js` instead, which is within about 3 levels
 * for 4:4:4 and replicates subsampled chroma where libjpeg interpolates: 4-component (CMYK/YCCK)
 * files, which that libjpeg build cannot convert to RGB, and `jpegDecoder: 'jpeg-js'` (or 'auto' in
 * a browser before `loadJpegDecoder`).
 * Anything else, or a damaged file, throws `ImageDecodeError` naming the file and the problem.
 */
import { decode as decodePngBytes } from 'fast-png';
import jpeg from 'jpeg-js';
import { ImageDecodeError, type RawImage } from './raw-image.js';
import { decodeJpegRgba, JpegLibError } from './jpeg/load-jpeg-decoder.js';

/** Options of `decodeImage`. */
export interface DecodeImageOptions {
  /** The file name used in error messages. @default '<bytes>' */
  name?: string;
  /** Largest image accepted, in megapixels (guards against decompression bombs). @default 100 */
  maxMegapixels?: number;
  /**
   * The JPEG decoder: 'libjpeg-turbo' (WebAssembly, pixel-exact against Pillow; always available in
   * Node.js, in a browser after `await loadJpegDecoder(url)`, else it throws), 'jpeg-js' (pure
   * JavaScript, approximate), or 'auto': libjpeg-turbo when it is available, else jpeg-js (a
   * browser that has not called `loadJpegDecoder`).
   * @default 'auto'
   */
  jpegDecoder?: JpegDecoder;
}

/** The JPEG decoders `decodeImage` can use ('auto': libjpeg-turbo when loaded, else jpeg-js). */
export type JpegDecoder = 'auto' | 'libjpeg-turbo' | 'jpeg-js';

/** Defaults of `DecodeImageOptions`. */
export const DECODE_IMAGE_DEFAULTS = { name: '<bytes>', maxMegapixels: 100, jpegDecoder: 'auto' } as const satisfies Required<DecodeImageOptions>;

/** The format of `bytes` by its signature: 'png', 'jpeg', or the name of another known format, or 'unknown'. */
export function sniffImageFormat(bytes: Uint8Array): 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'tiff' | 'unknown' {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return 'tiff';
  return 'unknown';
}

function pngToRaw(bytes: Uint8Array, name: string, maxPixels: number): RawImage {
  const png = decodePngBytes(bytes, { checkCrc: true });
  const { width, height, depth } = png;
  if (width * height > maxPixels) throw new ImageDecodeError(`decodeImage: '${name}' is ${width}×${height}, larger than 'maxMegapixels' allows`, name);
  const n = width * height;
  if (png.palette !== undefined) {
    // Indexed colour: expand through the palette (and tRNS alpha when present).
    const pal = png.palette;
    const alpha = png.transparency;
    const channels = alpha !== undefined ? 4 : 3;
    const out = new Uint8Array(n * channels);
    const src = png.data;
    const perByte = 8 / depth;
    const rowBytes = Math.ceil((width * depth) / 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let index: number;
        if (depth === 8) index = src[y * rowBytes + x];
        else {
          const byte = src[y * rowBytes + Math.floor(x / perByte)];
          const shift = 8 - depth * ((x % perByte) + 1);
          index = (byte >> shift) & ((1 << depth) - 1);
        }
        const colour = pal[index];
        if (colour === undefined) throw new ImageDecodeError(`decodeImage: '${name}' is a corrupt PNG (palette index ${index} out of ${pal.length} entries)`, name);
        const o = (y * width + x) * channels;
        out[o] = colour[0];
        out[o + 1] = colour[1];
        out[o + 2] = colour[2];
        if (channels === 4) out[o + 3] = index < (alpha as Uint16Array).length ? (alpha as Uint16Array)[index] : 255;
      }
    }
    return { width, height, channels, data: out };
  }
  const c = png.channels;
  const src = png.data;
  let values: Uint8Array;
  if (depth === 8) values = src instanceof Uint8Array ? src : Uint8Array.from(src);
  else if (depth === 16) {
    values = new Uint8Array(src.length);
    for (let i = 0; i < src.length; i++) values[i] = src[i] >> 8;
  } else {
    // 1-, 2- or 4-bit grayscale, packed per row: scale to 0–255 as PIL does (e.g. 1 → 255).
    values = new Uint8Array(n * c);
    const rowBytes = Math.ceil((width * depth * c) / 8);
    const max = (1 << depth) - 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width * c; x++) {
        const bit = x * depth;
        const byte = src[y * rowBytes + (bit >> 3)];
        const v = (byte >> (8 - depth - (bit & 7))) & max;
        values[y * width * c + x] = Math.round((v * 255) / max);
      }
    }
  }
  if (c === 1 || c === 3 || c === 4) return { width, height, channels: c, data: values };
  if (c === 2) {
    // Gray + alpha: keep it as RGBA so the alpha is not lost.
    const out = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) {
      const g = values[2 * i];
      out.set([g, g, g, values[2 * i + 1]], 4 * i);
    }
    return { width, height, channels: 4, data: out };
  }
  throw new ImageDecodeError(`decodeImage: '${name}' has an unsupported PNG channel count ${c}`, name);
}

/** The JPEG's start-of-frame header (size and number of colour components), or undefined when none is found. */
function jpegFrame(bytes: Uint8Array): { width: number; height: number; components: number } | undefined {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width, component count.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 10 > bytes.length) return undefined;
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8], components: bytes[i + 9] };
    }
    if (marker === 0xda) return undefined;
    i += 2 + length;
  }
  return undefined;
}

const clip = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/** YCbCr → RGB in place with libjpeg's fixed-point tables (jdcolor.c, 16 fraction bits). */
function ycbcrToRgb(data: Uint8Array): void {
  const half = 1 << 15;
  for (let i = 0; i < data.length; i += 3) {
    const y = data[i];
    const cb = data[i + 1] - 128;
    const cr = data[i + 2] - 128;
    data[i] = clip(y + ((91881 * cr + half) >> 16)); // FIX(1.40200)
    data[i + 1] = clip(y + ((-22554 * cb - 46802 * cr + half) >> 16)); // FIX(0.34414), FIX(0.71414)
    data[i + 2] = clip(y + ((116130 * cb + half) >> 16)); // FIX(1.77200)
  }
}

/** The exact JPEG decoder is not loaded (a browser before `loadJpegDecoder`): a setup problem, not a damaged file. */
class JpegDecoderNotLoadedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JpegDecoderNotLoadedError';
  }
}

function jpegToRawWithJpegJs(bytes: Uint8Array, name: string, maxMegapixels: number, components: number | undefined): RawImage {
  // Three components are YCbCr (JFIF): converted below with libjpeg's fixed-point tables, since
  // jpeg-js's own transform is floating point. Four (CMYK/YCCK): the Adobe marker decides, as in libjpeg.
  const colorTransform = components === 3 ? false : components === 4 ? undefined : true;
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, colorTransform, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 1024 });
  const { width, height } = img;
  const n = width * height;
  const data = img.data;
  if (data.length === n * 3) {
    if (components === 3) ycbcrToRgb(data);
    if (components !== 1) return { width, height, channels: 3, data };
    // jpeg-js repeats a grayscale JPEG's one component as RGB: keep one.
    const gray = new Uint8Array(n);
    for (let p = 0; p < n; p++) gray[p] = data[3 * p];
    return { width, height, channels: 1, data: gray };
  }
  if (data.length === n) return { width, height, channels: 1, data };
  throw new ImageDecodeError(`decodeImage: '${name}' decoded to ${data.length} values for ${width}×${height} pixels (unsupported JPEG colour layout)`, name);
}

function jpegToRaw(bytes: Uint8Array, name: string, maxMegapixels: number, decoder: JpegDecoder): RawImage {
  const frame = jpegFrame(bytes);
  if (frame !== undefined && frame.width * frame.height > maxMegapixels * 1e6) {
    throw new ImageDecodeError(`decodeImage: '${name}' is ${frame.width}×${frame.height}, larger than 'maxMegapixels' allows`, name);
  }
  const components = frame?.components;
  if (decoder === 'jpeg-js' || components === 4) return jpegToRawWithJpegJs(bytes, name, maxMegapixels, components);
  let img: ReturnType<typeof decodeJpegRgba>;
  try {
    img = decodeJpegRgba(bytes);
  } catch (cause) {
    if (!(cause instanceof JpegLibError)) throw cause;
    throw new ImageDecodeError(`decodeImage: '${name}' is a corrupt or truncated JPEG (libjpeg-turbo: ${cause.message})`, name, { cause });
  }
  if (img === undefined) {
    if (decoder === 'auto') return jpegToRawWithJpegJs(bytes, name, maxMegapixels, components);
    throw new JpegDecoderNotLoadedError(`decodeImage: cannot decode the JPEG '${name}': the libjpeg-turbo decoder is not loaded; outside Node.js call 'await loadJpegDecoder(url)' first, or pass jpegDecoder: 'auto' or 'jpeg-js'`);
  }
  const { width, height, data: rgba } = img;
  const n = width * height;
  const channels = components === 1 ? 1 : 3;
  const out = new Uint8Array(n * channels);
  if (channels === 1) for (let p = 0; p < n; p++) out[p] = rgba[4 * p];
  else {
    for (let p = 0; p < n; p++) {
      out[3 * p] = rgba[4 * p];
      out[3 * p + 1] = rgba[4 * p + 1];
      out[3 * p + 2] = rgba[4 * p + 2];
    }
  }
  return { width, height, channels, data: out };
}

/**
 * Decodes PNG or JPEG `bytes` into a `RawImage` (1, 3 or 4 channels as stored; grayscale + alpha
 * becomes RGBA, palettes become RGB or RGBA).
 * @throws {ImageDecodeError} for an unsupported format or a corrupt file, naming it.
 */
export function decodeImage(bytes: Uint8Array, options: DecodeImageOptions = {}): RawImage {
  const { name, maxMegapixels, jpegDecoder } = { ...DECODE_IMAGE_DEFAULTS, ...options };
  if (jpegDecoder !== 'auto' && jpegDecoder !== 'libjpeg-turbo' && jpegDecoder !== 'jpeg-js') throw new TypeError(`decodeImage: 'jpegDecoder' must be 'auto', 'libjpeg-turbo' or 'jpeg-js'; received ${String(jpegDecoder)}`);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`decodeImage: 'bytes' of '${name}' must be a Uint8Array; received ${bytes === null ? 'null' : typeof bytes}`);
  if (bytes.length === 0) throw new ImageDecodeError(`decodeImage: '${name}' is empty (0 bytes)`, name);
  const format = sniffImageFormat(bytes);
  try {
    if (format === 'png') return pngToRaw(bytes, name, maxMegapixels * 1e6);
    if (format === 'jpeg') return jpegToRaw(bytes, name, maxMegapixels, jpegDecoder);
  } catch (cause) {
    if (cause instanceof ImageDecodeError || cause instanceof JpegDecoderNotLoadedError) throw cause;
    const what = format === 'png' ? 'PNG' : 'JPEG';
    throw new ImageDecodeError(`decodeImage: '${name}' is a corrupt or truncated ${what} (${(cause as Error).message})`, name, { cause });
  }
  if (format === 'unknown') {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ImageDecodeError(`decodeImage: '${name}' is not a PNG or JPEG file (first bytes ${head})`, name);
  }
  throw new ImageDecodeError(`decodeImage: '${name}' is a ${format.toUpperCase()} file; supported formats are PNG and JPEG`, name);
}
