/**
 * `@ml/vision`: image decode/encode (PNG, JPEG) and tensors, resize/crop/pad/normalise, image-folder
 * datasets, IDX and CSV pixel loaders, seeded augmentation, CNN image classifiers.
 * @packageDocumentation
 */
export { type RawImage, ImageDecodeError } from './image/raw-image.js';
export { decodeImage, sniffImageFormat, DECODE_IMAGE_DEFAULTS, type DecodeImageOptions } from './image/decode-image.js';
export { type JpegDecoder } from './image/decode-image.js';
export { loadJpegDecoder, isJpegDecoderLoaded, type JpegDecoderSource } from './image/jpeg/load-jpeg-decoder.js';
export { encodePng } from './image/encode-png.js';
export { readImage, writePng } from './image/read-image.js';
export { toGrayscale, toRgb } from './image/convert-color.js';
export { resizeImage, RESIZE_METHODS, type ResizeMethod } from './image/resize-image.js';
export { cropImage, centerCropImage } from './image/crop-image.js';
export { padImage, PAD_IMAGE_DEFAULTS, type PadImageOptions, type PadMode } from './image/pad-image.js';
export { imageToTensor, tensorToImage, type ImageToTensorOptions } from './image/image-tensor.js';
export { normalizeImage } from './image/normalize-image.js';
export { type ImagePreprocessing, type ColorMode, preprocessImage, channelsOf } from './data/image-preprocessing.js';
export { type ImageDataset } from './data/image-dataset.js';
export { ImageFolder, IMAGE_FOLDER_DEFAULTS, type ImageFolderOptions, type ClassMode } from './data/image-folder.js';
export { ImageArrayDataset, IMAGE_ARRAY_DATASET_DEFAULTS, type ImageArrayDatasetOptions } from './data/image-array-dataset.js';
export { parseCsvPixels, CSV_PIXELS_DEFAULTS, type CsvPixels, type CsvPixelsOptions } from './data/parse-csv-pixels.js';
export { readCsvPixels } from './data/read-csv-pixels.js';
export { parseIdx, readIdx, type IdxArray } from './data/read-idx.js';
export { isGzip } from './data/gunzip.js';
export { type Augmentation, type FloatImage } from './augment/augmentation.js';
export {
  randomFlip,
  RANDOM_FLIP_DEFAULTS,
  randomRotation,
  RANDOM_ROTATION_DEFAULTS,
  randomShift,
  RANDOM_SHIFT_DEFAULTS,
  randomZoom,
  RANDOM_ZOOM_DEFAULTS,
  randomCrop,
  RANDOM_CROP_DEFAULTS,
  randomBrightness,
  RANDOM_BRIGHTNESS_DEFAULTS,
  randomContrast,
  RANDOM_CONTRAST_DEFAULTS,
  cutout,
  CUTOUT_DEFAULTS,
  compose,
  type RandomFlipOptions,
  type FillOptions,
  type RandomRotationOptions,
  type RandomShiftOptions,
  type RandomZoomOptions,
  type RandomCropOptions,
  type RandomBrightnessOptions,
  type RandomContrastOptions,
  type CutoutOptions,
} from './augment/transforms.js';
export { warpAffine } from './augment/warp-affine.js';
export { augmentBatch, augmentDataset } from './augment/augment-dataset.js';
export { LeNet, LENET_DEFAULTS, type LeNetOptions } from './models/lenet.js';
export { SmallVgg, SMALL_VGG_DEFAULTS, type SmallVggOptions } from './models/small-vgg.js';
export { SmallResNet, BasicBlock, SMALL_RESNET_DEFAULTS, type SmallResNetOptions } from './models/small-resnet.js';
export {
  ImageClassifier,
  IMAGE_CLASSIFIER_DEFAULTS,
  IMAGE_CLASSIFIER_FIT_DEFAULTS,
  IMAGE_CLASSIFIER_FORMAT_VERSION,
  NotFittedError,
  type ImageArchitecture,
  type ImageClassifierOptions,
  type ImageClassifierFitOptions,
  type ImagePrediction,
  type ImageEvaluation,
} from './classifier/image-classifier.js';
export { naturalCompare } from './video/natural-compare.js';
export { ArrayFrameSource, frameName, type FrameSource, type VideoFrame } from './video/video-frame.js';
export { FrameFolder, FRAME_FOLDER_DEFAULTS, type FrameFolderOptions } from './video/frame-folder.js';
export { VideoFile, VIDEO_FILE_DEFAULTS, FfmpegNotFoundError, findFfmpeg, type VideoFileOptions } from './video/video-file.js';
export { PngStreamSplitter, RawFrameSplitter } from './video/png-stream.js';
export { openFrameSource, type OpenFrameSourceOptions } from './video/open-frame-source.js';
export {
  colorHistogram,
  histogramDistance,
  grayThumbnail,
  pixelDifference,
  COLOR_HISTOGRAM_DEFAULTS,
  THUMBNAIL_SIZE,
  type ColorHistogramOptions,
  type HistogramColorSpace,
  type HistogramDistance,
} from './video/color-histogram.js';
export { detectShotBoundaries, SHOT_BOUNDARY_DEFAULTS, type ShotBoundaryOptions } from './video/detect-shot-boundaries.js';
export {
  analyzeVideo,
  ANALYZE_VIDEO_DEFAULTS,
  VIDEO_ANALYSIS_VERSION,
  type AnalyzeVideoOptions,
  type VideoAnalysis,
  type VideoShot,
  type VideoKeyframe,
  type VideoLabel,
  type FrameLabel,
  type KeyframeMethod,
  type VideoFrameClassifier,
} from './video/analyze-video.js';
export { formatTimeline, formatTimestamp } from './video/format-timeline.js';
export {
  renderShapeScene,
  captionShapeScene,
  insideShape,
  RENDER_SHAPE_SCENE_DEFAULTS,
  SHAPE_KINDS,
  SHAPE_COLORS,
  SHAPE_RELATIONS,
  type ShapeKind,
  type ShapeColor,
  type ShapeRelation,
  type SceneShape,
  type ShapeScene,
  type RenderShapeSceneOptions,
} from './caption/render-shape-scene.js';
export { ShapeCaptions, SHAPE_CAPTIONS_DEFAULTS, randomShapeScene, type ShapeCaptionsOptions } from './caption/shape-captions.js';
export { CaptionNetwork, CAPTION_NETWORK_DEFAULTS, type CaptionNetworkOptions } from './caption/caption-network.js';
export {
  ImageCaptioner,
  IMAGE_CAPTIONER_DEFAULTS,
  IMAGE_CAPTIONER_FIT_DEFAULTS,
  IMAGE_CAPTIONER_FORMAT_VERSION,
  type ImageCaptionerOptions,
  type ImageCaptionerFitOptions,
  type CaptionOptions,
  type CaptionEvaluation,
  type CaptionInputShape,
} from './caption/image-captioner.js';
