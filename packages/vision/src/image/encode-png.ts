/** `encodePng`: `RawImage` → PNG bytes (8-bit gray, RGB or RGBA, not interlaced), via `fast-png`. */
import { encode } from 'fast-png';
import { checkImage, type RawImage } from './raw-image.js';

/** The PNG bytes of `image`; `decodeImage` returns the same pixels. */
export function encodePng(image: RawImage): Uint8Array {
  const { width, height, channels, data } = checkImage('encodePng', image);
  return encode({ width, height, channels, depth: 8, data });
}
