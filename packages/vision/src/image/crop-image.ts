/** `cropImage`: the `width`×`height` window whose top-left corner is (`left`, `top`), as PIL's `crop` inside the image. */
import { checkImage, checkPositiveInt, type RawImage } from './raw-image.js';

/** The window `[top, top + height) × [left, left + width)` of `image`; it must lie inside the image. */
export function cropImage(image: RawImage, left: number, top: number, width: number, height: number): RawImage {
  const where = 'cropImage';
  const { width: w, height: h, channels: c, data } = checkImage(where, image);
  checkPositiveInt(where, 'width', width);
  checkPositiveInt(where, 'height', height);
  if (!Number.isInteger(left) || !Number.isInteger(top) || left < 0 || top < 0 || left + width > w || top + height > h) {
    throw new RangeError(`${where}: the window left ${String(left)}, top ${String(top)}, ${width}×${height} must lie inside the ${w}×${h} image`);
  }
  const out = new Uint8Array(width * height * c);
  for (let y = 0; y < height; y++) out.set(data.subarray(((top + y) * w + left) * c, ((top + y) * w + left + width) * c), y * width * c);
  return { width, height, channels: c, data: out };
}

/** The central `width`×`height` window (offsets rounded as torchvision's `center_crop`). */
export function centerCropImage(image: RawImage, width: number, height: number): RawImage {
  checkImage('centerCropImage', image);
  const left = Math.round((image.width - width) / 2);
  const top = Math.round((image.height - height) / 2);
  return cropImage(image, left, top, width, height);
}
