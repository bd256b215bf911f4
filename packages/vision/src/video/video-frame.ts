/**
 * `VideoFrame` and `FrameSource`: a video as an async stream of decoded frames, so a long video is
 * never held in memory. `FrameFolder` (a folder of images) and `VideoFile` (a video decoded by
 * ffmpeg) implement it; `ArrayFrameSource` wraps frames already in memory.
 */
import type { RawImage } from '../image/raw-image.js';

/** One decoded frame. */
export interface VideoFrame {
  /** Position in the stream, from 0. */
  index: number;
  /** Timestamp in seconds: `index / fps`. */
  time: number;
  /** The frame's file name (folders) or `frame_000123` (videos). */
  name: string;
  image: RawImage;
}

/** A sequence of frames that can be read (again) from the start. */
export interface FrameSource {
  /** What the frames come from (a folder, a video file), for messages and summaries. */
  readonly path: string;
  /** Frames per second of the stream (sets the timestamps). */
  readonly fps: number;
  /** The frames in order, decoded one at a time. Each call starts from the first frame. */
  frames(): AsyncIterable<VideoFrame>;
  /** Frame `index`, when the source can seek (folders, arrays); absent for ffmpeg streams. */
  frame?(index: number): Promise<VideoFrame>;
}

/** Checks an `fps` option. */
export function checkFps(where: string, fps: unknown): number {
  if (typeof fps !== 'number' || !Number.isFinite(fps) || fps <= 0) throw new RangeError(`${where}: 'fps' must be a finite number > 0; received ${String(fps)}`);
  return fps;
}

/** Frames held in memory (tests, frames produced by other code) as a `FrameSource`. */
export class ArrayFrameSource implements FrameSource {
  readonly path: string;
  readonly fps: number;
  readonly #images: readonly RawImage[];
  readonly #names: readonly string[];

  /**
   * @param images the frames in order
   * @param options `fps` (default 10), `names` (default `frame_000000`, `frame_000001`, …), `path` (default '<memory>')
   */
  constructor(images: readonly RawImage[], options: { fps?: number; names?: readonly string[]; path?: string } = {}) {
    if (!Array.isArray(images)) throw new TypeError(`ArrayFrameSource: 'images' must be an array of RawImage; received ${typeof images}`);
    const names = options.names ?? images.map((_, i) => frameName(i));
    if (names.length !== images.length) throw new RangeError(`ArrayFrameSource: 'names' must have one name per image (${images.length}); received ${names.length}`);
    this.fps = checkFps('ArrayFrameSource', options.fps ?? 10);
    this.path = options.path ?? '<memory>';
    this.#images = [...images];
    this.#names = [...names];
  }

  get length(): number {
    return this.#images.length;
  }

  async *frames(): AsyncGenerator<VideoFrame> {
    for (let i = 0; i < this.#images.length; i++) yield await this.frame(i);
  }

  async frame(index: number): Promise<VideoFrame> {
    const image = this.#images[index];
    if (image === undefined) throw new RangeError(`ArrayFrameSource.frame: 'index' must be in [0, ${this.#images.length}); received ${index}`);
    return { index, time: index / this.fps, name: this.#names[index], image };
  }
}

/** The name of frame `index` of a video stream: `frame_000123`. */
export function frameName(index: number): string {
  return `frame_${String(index).padStart(6, '0')}`;
}
