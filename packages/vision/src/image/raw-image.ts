/**
 * `RawImage`: 8-bit pixels, row-major and interleaved (`[H, W, C]`), the currency of every image
 * function in `@ml/vision`. Channels: 1 (grayscale, PIL's 'L'), 3 (RGB) or 4 (RGBA).
 */

/** An 8-bit image, rows top to bottom, channels interleaved: `data[(y * width + x) * channels + c]`. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  /** 1 (grayscale), 3 (RGB) or 4 (RGBA). */
  readonly channels: 1 | 3 | 4;
  /** `height * width * channels` values in 0–255. */
  readonly data: Uint8Array;
}

/** Thrown for a file or byte array that is not a readable image; the message names the file and the problem. */
export class ImageDecodeError extends Error {
  /** The file (or the name given for the bytes). */
  readonly file: string;
  constructor(message: string, file: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageDecodeError';
    this.file = file;
  }
}

/** Checks that `image` is a well-formed `RawImage` and returns it. */
export function checkImage(where: string, image: RawImage, name = 'image'): RawImage {
  if (image === null || typeof image !== 'object') throw new TypeError(`${where}: '${name}' must be a RawImage {width, height, channels, data}; received ${image === null ? 'null' : typeof image}`);
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new RangeError(`${where}: '${name}' must have positive integer width and height; received ${String(width)}×${String(height)}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new RangeError(`${where}: '${name}.channels' must be 1, 3 or 4; received ${String(channels)}`);
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) {
    throw new RangeError(`${where}: '${name}.data' must be a Uint8Array of height·width·channels = ${width * height * channels} values; received ${data instanceof Uint8Array ? `length ${data.length}` : typeof data}`);
  }
  return image;
}

/** Checks a positive integer option. */
export function checkPositiveInt(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new RangeError(`${where}: '${name}' must be a positive integer; received ${String(value)}`);
  return value;
}
