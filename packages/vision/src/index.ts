/**
 * `@ml/vision`: image decode/encode (PNG, JPEG) and tensors, resize/crop/pad/normalise, image-folder
 * datasets, IDX and CSV pixel loaders, seeded augmentation, CNN image classifiers.
 * @packageDocumentation
 */
export { type RawImage, ImageDecodeError } from './image/raw-image.js';
export { decodeImage, sniffImageFormat, DECODE_IMAGE_DEFAULTS, type DecodeImageOptions } from './image/decode-image.js';
export { encodePng } from './image/encode-png.js';
export { readImage, writePng } from './image/read-image.js';
export { toGrayscale, toRgb } from './image/convert-color.js';
export { resizeImage, RESIZE_METHODS, type ResizeMethod } from './image/resize-image.js';
export { cropImage, centerCropImage } from './image/crop-image.js';
export { padImage, PAD_IMAGE_DEFAULTS, type PadImageOptions, type PadMode } from './image/pad-image.js';
export { imageToTensor, tensorToImage, type ImageToTensorOptions } from './image/image-tensor.js';
export { normalizeImage } from './image/normalize-image.js';
