/**
 * `analyzeVideo`: shot boundaries, keyframes and (optionally) labels of a video — a folder of frames,
 * a video file decoded by ffmpeg, or any `FrameSource` — as a JSON-serialisable timeline.
 *
 * One streaming pass computes each frame's colour histogram (and a 32×32 thumbnail when pixel
 * differences are on) and classifies every `classifyStride`-th frame; only these small features are
 * kept, never the frames. Cuts come from `detectShotBoundaries`; each shot's keyframe is the frame
 * whose histogram is closest to the shot's mean histogram ('representative'), its middle or its first
 * frame. A shot's label is the argmax of the mean class probabilities of its classified frames
 * (its keyframe when none fell on the stride). Keyframes are fetched again only when they are written
 * out or classified (random access in folders, a second ffmpeg pass for videos).
 */
import type { RawImage } from '../image/raw-image.js';
import type { ImagePrediction } from '../classifier/image-classifier.js';
import { writePng } from '../image/read-image.js';
import { COLOR_HISTOGRAM_DEFAULTS, colorHistogram, grayThumbnail, histogramDistance, pixelDifference, type ColorHistogramOptions, type HistogramDistance } from './color-histogram.js';
import { checkShotBoundaryOptions, detectShotBoundaries, SHOT_BOUNDARY_DEFAULTS, type ShotBoundaryOptions } from './detect-shot-boundaries.js';
import { definedOnly, openFrameSource } from './open-frame-source.js';
import type { FrameSource, VideoFrame } from './video-frame.js';
import type { VideoFileOptions } from './video-file.js';
import { loadNode } from './load-node.js';

/** What `analyzeVideo` needs of a classifier: `ImageClassifier` (or anything with its `classNames` and `predict`). */
export interface VideoFrameClassifier {
  readonly classNames: string[];
  predict(images: readonly RawImage[], options?: { topK?: number }): Promise<ImagePrediction[]>;
}

/** How a shot's keyframe is chosen. */
export type KeyframeMethod = 'representative' | 'middle' | 'first';

/** Options of `analyzeVideo`. */
export interface AnalyzeVideoOptions extends Omit<ShotBoundaryOptions, 'minDistance'>, ColorHistogramOptions {
  /** Absolute floor of the histogram distance for a cut; null: 0.25 for 'bhattacharyya', 0.1 for 'chi-square' (whose values are about the square of Bhattacharyya's). @default null */
  minDistance?: number | null;
  /** Frames per second: of the frame folder (timestamps) or the rate ffmpeg samples a video at; ignored for a `FrameSource`, which has its own. @default 10 */
  fps?: number;
  /** Histogram distance. @default 'bhattacharyya' */
  metric?: HistogramDistance;
  /** How each shot's keyframe is chosen: closest to the shot's mean histogram, the middle frame, or the first. @default 'representative' */
  keyframe?: KeyframeMethod;
  /** Folder the keyframes are written to as PNG (`<frame name>.png`; created if missing); null: none written. @default null */
  keyframeDir?: string | null;
  /** Labels shots with this classifier (e.g. a fitted `ImageClassifier`); null: no labels. @default null */
  classifier?: VideoFrameClassifier | null;
  /** Classify every `classifyStride`-th frame ('frames') or only each shot's keyframe ('keyframes'). @default 'frames' */
  classify?: 'frames' | 'keyframes';
  /** With `classify: 'frames'`, classify frames 0, s, 2s, …. @default 1 */
  classifyStride?: number;
  /** Frames per `predict` call. @default 32 */
  batchSize?: number;
  /** Labels listed in each shot's `top`. @default 3 */
  topK?: number;
  /** ffmpeg executable for video files (see `VideoFileOptions`). @default null */
  ffmpegPath?: string | null;
  /** Environment whose PATH is searched for ffmpeg. @default null */
  env?: Record<string, string | undefined> | null;
  /** `[width, height]` ffmpeg scales video frames to (raw RGB transfer). @default null */
  size?: VideoFileOptions['size'];
}

/** Defaults of `AnalyzeVideoOptions`. */
export const ANALYZE_VIDEO_DEFAULTS = {
  ...SHOT_BOUNDARY_DEFAULTS,
  ...COLOR_HISTOGRAM_DEFAULTS,
  minDistance: null,
  fps: 10,
  metric: 'bhattacharyya',
  keyframe: 'representative',
  keyframeDir: null,
  classifier: null,
  classify: 'frames',
  classifyStride: 1,
  batchSize: 32,
  topK: 3,
  ffmpegPath: null,
  env: null,
  size: null,
} as const satisfies Required<AnalyzeVideoOptions>;

/** A label with its (mean) probability. */
export interface VideoLabel {
  label: string;
  probability: number;
}

/** A shot's keyframe. */
export interface VideoKeyframe {
  /** Frame index. */
  index: number;
  /** Frame name (file name in a folder, `frame_000123` in a video). */
  name: string;
  /** Timestamp in seconds. */
  time: number;
  /** The PNG written for it when `keyframeDir` is set. */
  file?: string;
}

/** One shot: frames `start` … `end` (inclusive). */
export interface VideoShot {
  /** First frame index. */
  start: number;
  /** Last frame index (inclusive). */
  end: number;
  /** `start / fps` seconds. */
  startTime: number;
  /** `(end + 1) / fps` seconds (the end of the last frame). */
  endTime: number;
  keyframe: VideoKeyframe;
  /** Most probable class over the shot (when a classifier was given). */
  label?: string;
  /** Its mean probability over the shot's classified frames. */
  confidence?: number;
  /** The `topK` classes by mean probability. */
  top?: VideoLabel[];
  /** Frames classified for the label. */
  classifiedFrames?: number;
}

/** A classified frame. */
export interface FrameLabel {
  index: number;
  time: number;
  label: string;
  confidence: number;
}

/** What `analyzeVideo` returns (plain data: `JSON.stringify` keeps all of it). */
export interface VideoAnalysis {
  format: 'ml-vision/video-analysis';
  version: number;
  /** The folder or video analysed. */
  source: string;
  fps: number;
  frameCount: number;
  /** `frameCount / fps` seconds. */
  duration: number;
  /** Size of the first frame. */
  width: number;
  height: number;
  /** Frames that start a new shot (after the first). */
  boundaries: number[];
  shots: VideoShot[];
  /** Classified frames, in order (empty without a classifier). */
  frameLabels: FrameLabel[];
  /** `distances[i]`: histogram distance between frames i − 1 and i (`distances[0]` = 0). */
  distances: number[];
  /** `pixelDifferences[i]` when `hardCutPixelDifference` is set, else null. */
  pixelDifferences: number[] | null;
  /** Class names of the classifier, or null. */
  classNames: string[] | null;
}

/** Default floor of a cut's histogram distance per metric. */
const MIN_DISTANCE: Record<HistogramDistance, number> = { bhattacharyya: 0.25, 'chi-square': 0.1 };

/** Version of the `VideoAnalysis` layout. */
export const VIDEO_ANALYSIS_VERSION = 1;

function checkOptions(where: string, options: AnalyzeVideoOptions): Required<AnalyzeVideoOptions> {
  const o = { ...ANALYZE_VIDEO_DEFAULTS, ...definedOnly(options) } as Required<AnalyzeVideoOptions>;
  checkShotBoundaryOptions(where, { ...o, minDistance: o.minDistance ?? MIN_DISTANCE.bhattacharyya });
  if (o.metric !== 'bhattacharyya' && o.metric !== 'chi-square') throw new RangeError(`${where}: 'metric' must be 'bhattacharyya' or 'chi-square'; received ${String(o.metric)}`);
  if (!['representative', 'middle', 'first'].includes(o.keyframe)) throw new RangeError(`${where}: 'keyframe' must be 'representative', 'middle' or 'first'; received ${String(o.keyframe)}`);
  if (o.classify !== 'frames' && o.classify !== 'keyframes') throw new RangeError(`${where}: 'classify' must be 'frames' or 'keyframes'; received ${String(o.classify)}`);
  for (const k of ['classifyStride', 'batchSize', 'topK'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${String(o[k])}`);
  }
  if (o.keyframeDir !== null && (typeof o.keyframeDir !== 'string' || o.keyframeDir === '')) throw new TypeError(`${where}: 'keyframeDir' must be a folder path or null; received ${JSON.stringify(o.keyframeDir)}`);
  const c = o.classifier;
  if (c !== null && (typeof c !== 'object' || typeof c.predict !== 'function' || !Array.isArray(c.classNames))) {
    throw new TypeError(`${where}: 'classifier' must be a fitted ImageClassifier (classNames and predict) or null; received ${typeof c}`);
  }
  return o;
}

/**
 * Splits a video into shots with keyframes and optional labels.
 * @param source a folder of frames, a video file (needs ffmpeg), or a `FrameSource`
 * @throws when the source cannot be opened or a frame cannot be decoded (the message names the file),
 *   or `FfmpegNotFoundError` for a video file without ffmpeg.
 */
export async function analyzeVideo(source: string | FrameSource, options: AnalyzeVideoOptions = {}): Promise<VideoAnalysis> {
  const where = 'analyzeVideo';
  const o = checkOptions(where, options);
  const src = typeof source === 'string' ? await openFrameSource(source, { fps: o.fps, ffmpegPath: o.ffmpegPath, env: o.env, size: o.size }) : source;
  if (src === null || typeof src !== 'object' || typeof src.frames !== 'function') throw new TypeError(`${where}: 'source' must be a path or a FrameSource; received ${src === null ? 'null' : typeof src}`);
  const fps = src.fps;
  const classifier = o.classifier;
  const numClasses = classifier?.classNames.length ?? 0;
  const usePixels = o.hardCutPixelDifference !== null;

  // Pass 1: features of every frame, labels of the strided frames.
  const histograms: Float32Array[] = [];
  const names: string[] = [];
  const distances: number[] = [];
  const pixelDiffs: number[] = [];
  const probs = new Map<number, Float32Array>();
  let width = 0;
  let height = 0;
  let thumb: Uint8Array | null = null;
  let pending: VideoFrame[] = [];
  const classifyBatch = async (frames: VideoFrame[]): Promise<void> => {
    if (classifier === null || frames.length === 0) return;
    const preds = await classifier.predict(frames.map((f) => f.image), { topK: numClasses });
    preds.forEach((p, j) => {
      const v = new Float32Array(numClasses);
      for (const t of p.top) v[t.index] = t.probability;
      probs.set(frames[j].index, v);
    });
  };
  for await (const frame of src.frames()) {
    const i = histograms.length;
    const h = colorHistogram(frame.image, { colorSpace: o.colorSpace, bins: o.bins });
    distances.push(i === 0 ? 0 : histogramDistance(histograms[i - 1], h, o.metric));
    histograms.push(h);
    names.push(frame.name);
    if (i === 0) ({ width, height } = frame.image);
    if (usePixels) {
      const t = grayThumbnail(frame.image);
      pixelDiffs.push(thumb === null ? 0 : pixelDifference(thumb, t));
      thumb = t;
    }
    if (classifier !== null && o.classify === 'frames' && i % o.classifyStride === 0) {
      pending.push(frame);
      if (pending.length >= o.batchSize) {
        await classifyBatch(pending);
        pending = [];
      }
    }
  }
  await classifyBatch(pending);
  pending = [];
  const n = histograms.length;
  if (n === 0) throw new RangeError(`${where}: '${src.path}' has no frames`);

  // Shots and keyframes.
  const minDistance = o.minDistance ?? MIN_DISTANCE[o.metric];
  const boundaries = detectShotBoundaries(distances, { ...o, minDistance }, usePixels ? pixelDiffs : null);
  const starts = [0, ...boundaries];
  const shots: VideoShot[] = starts.map((start, s) => {
    const end = (starts[s + 1] ?? n) - 1;
    const k = chooseKeyframe(histograms, start, end, o.keyframe, o.metric);
    return { start, end, startTime: start / fps, endTime: (end + 1) / fps, keyframe: { index: k, name: names[k], time: k / fps } };
  });

  // Pass 2 (only if needed): keyframes to write or classify.
  const needsLabel = (shot: VideoShot): boolean => {
    if (classifier === null) return false;
    if (o.classify === 'keyframes') return true;
    for (let f = shot.start; f <= shot.end; f++) if (probs.has(f)) return false;
    return true;
  };
  const wanted = new Map<number, VideoShot[]>();
  for (const shot of shots) {
    if (o.keyframeDir !== null || needsLabel(shot)) wanted.set(shot.keyframe.index, [...(wanted.get(shot.keyframe.index) ?? []), shot]);
  }
  if (wanted.size > 0) {
    let fsPath: Awaited<ReturnType<typeof loadNode>> | undefined;
    if (o.keyframeDir !== null) {
      fsPath = await loadNode(where);
      await fsPath.fs.mkdir(o.keyframeDir, { recursive: true });
    }
    const handle = async (frames: VideoFrame[]): Promise<void> => {
      await classifyBatch(frames.filter((f) => (wanted.get(f.index) ?? []).some(needsLabel)));
      if (fsPath !== undefined && o.keyframeDir !== null) {
        for (const f of frames) {
          const base = f.name.replace(/\.[^./\\]+$/, '');
          const file = fsPath.path.join(o.keyframeDir, `${base}.png`);
          await writePng(file, f.image);
          for (const shot of wanted.get(f.index) ?? []) shot.keyframe.file = file;
        }
      }
    };
    const indices = [...wanted.keys()].sort((a, b) => a - b);
    let batch: VideoFrame[] = [];
    const frameAt = src.frame?.bind(src);
    if (frameAt !== undefined) {
      for (const index of indices) {
        batch.push(await frameAt(index));
        if (batch.length >= o.batchSize) {
          await handle(batch);
          batch = [];
        }
      }
    } else {
      let left = indices.length;
      for await (const frame of src.frames()) {
        if (!wanted.has(frame.index)) continue;
        batch.push(frame);
        left--;
        if (batch.length >= o.batchSize) {
          await handle(batch);
          batch = [];
        }
        if (left === 0) break;
      }
    }
    await handle(batch);
  }

  // Labels per shot: mean probabilities of its classified frames.
  if (classifier !== null) {
    const classNames = classifier.classNames;
    for (const shot of shots) {
      const mean = new Float64Array(numClasses);
      let count = 0;
      const frames = o.classify === 'keyframes' ? [shot.keyframe.index] : Array.from({ length: shot.end - shot.start + 1 }, (_, j) => shot.start + j);
      for (const f of frames) {
        const p = probs.get(f);
        if (p === undefined) continue;
        for (let c = 0; c < numClasses; c++) mean[c] += p[c];
        count++;
      }
      if (count === 0) {
        const p = probs.get(shot.keyframe.index);
        if (p !== undefined) {
          mean.set(p);
          count = 1;
        }
      }
      if (count === 0) continue;
      for (let c = 0; c < numClasses; c++) mean[c] /= count;
      const order = Array.from(mean.keys()).sort((a, b) => mean[b] - mean[a] || a - b);
      shot.label = classNames[order[0]];
      shot.confidence = mean[order[0]];
      shot.top = order.slice(0, Math.min(o.topK, numClasses)).map((c) => ({ label: classNames[c], probability: mean[c] }));
      shot.classifiedFrames = count;
    }
  }
  const frameLabels: FrameLabel[] = [...probs.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, p]) => {
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      return { index, time: index / fps, label: classifier?.classNames[best] ?? String(best), confidence: p[best] };
    });

  return {
    format: 'ml-vision/video-analysis',
    version: VIDEO_ANALYSIS_VERSION,
    source: src.path,
    fps,
    frameCount: n,
    duration: n / fps,
    width,
    height,
    boundaries,
    shots,
    frameLabels,
    distances,
    pixelDifferences: usePixels ? pixelDiffs : null,
    classNames: classifier === null ? null : [...classifier.classNames],
  };
}

/** The keyframe of frames `start` … `end`. */
function chooseKeyframe(histograms: Float32Array[], start: number, end: number, method: KeyframeMethod, metric: HistogramDistance): number {
  if (method === 'first') return start;
  if (method === 'middle') return Math.floor((start + end) / 2);
  const mean = new Float32Array(histograms[start].length);
  for (let f = start; f <= end; f++) {
    const h = histograms[f];
    for (let k = 0; k < mean.length; k++) mean[k] += h[k];
  }
  for (let k = 0; k < mean.length; k++) mean[k] /= end - start + 1;
  let best = start;
  let bestDistance = Infinity;
  for (let f = start; f <= end; f++) {
    const d = histogramDistance(histograms[f], mean, metric);
    if (d < bestDistance) {
      bestDistance = d;
      best = f;
    }
  }
  return best;
}
