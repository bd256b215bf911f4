/**
 * `VideoFile`: a video file decoded by the `ffmpeg` command-line tool into a `FrameSource`, frames
 * streamed one at a time (`ffmpeg -i file -vf fps=N -f image2pipe -vcodec png -`, or raw RGB24 when
 * a frame size is given). ffmpeg is found on PATH or given by `ffmpegPath`; without it, opening a
 * video throws `FfmpegNotFoundError`, which tells the user to install ffmpeg or pass a frame folder.
 * @see https://ffmpeg.org/ffmpeg-formats.html#image2pipe
 */
import type { ChildProcess } from 'node:child_process';
import { decodeImage } from '../image/decode-image.js';
import type { RawImage } from '../image/raw-image.js';
import { PngStreamSplitter, RawFrameSplitter } from './png-stream.js';
import { checkFps, frameName, type FrameSource, type VideoFrame } from './video-frame.js';
import { loadNode } from './load-node.js';

/** Options of `VideoFile.open` and `findFfmpeg`. */
export interface VideoFileOptions {
  /** Frames per second ffmpeg samples the video at (`-vf fps=N`). @default 10 */
  fps?: number;
  /** The ffmpeg executable; null searches `PATH`. @default null */
  ffmpegPath?: string | null;
  /** Environment whose `PATH` is searched (and given to ffmpeg); null uses `process.env`. @default null */
  env?: Record<string, string | undefined> | null;
  /** `[width, height]`: ffmpeg scales frames to this size and sends raw RGB24 (faster than PNG); null keeps the video's size and sends PNG. @default null */
  size?: readonly [number, number] | null;
}

/** Defaults of `VideoFileOptions`. */
export const VIDEO_FILE_DEFAULTS = { fps: 10, ffmpegPath: null, env: null, size: null } as const satisfies Required<VideoFileOptions>;

/** Thrown when a video file needs ffmpeg and none is found; names the video and what to do. */
export class FfmpegNotFoundError extends Error {
  /** The video that could not be read. */
  readonly file: string;
  constructor(file: string, searched: string) {
    super(
      `cannot read the video '${file}': ffmpeg was not found (${searched}). Install ffmpeg (https://ffmpeg.org/download.html; e.g. 'apt install ffmpeg' or 'brew install ffmpeg'), pass its location as 'ffmpegPath', or pass a folder of frames (PNG/JPEG images) instead of the video`,
    );
    this.name = 'FfmpegNotFoundError';
    this.file = file;
  }
}

function processEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/**
 * The ffmpeg executable: `ffmpegPath` when it is an executable file, else the first `ffmpeg` on the
 * `PATH` of `env`; null when there is none.
 */
export async function findFfmpeg(options: Pick<VideoFileOptions, 'ffmpegPath' | 'env'> = {}): Promise<string | null> {
  const { fs, path } = await loadNode('findFfmpeg');
  const isExecutable = async (file: string): Promise<boolean> => {
    try {
      const s = await fs.stat(file);
      if (!s.isFile()) return false;
      await fs.access(file, 1); // fs.constants.X_OK
      return true;
    } catch {
      return false;
    }
  };
  if (options.ffmpegPath !== undefined && options.ffmpegPath !== null) return (await isExecutable(options.ffmpegPath)) ? options.ffmpegPath : null;
  const env = options.env ?? processEnv();
  const names = (globalThis as { process?: { platform?: string } }).process?.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    for (const n of names) {
      const file = path.join(dir, n);
      if (await isExecutable(file)) return file;
    }
  }
  return null;
}

export class VideoFile implements FrameSource {
  readonly path: string;
  readonly fps: number;
  /** The ffmpeg executable used. */
  readonly ffmpeg: string;
  readonly #size: readonly [number, number] | null;
  readonly #env: Record<string, string | undefined> | null;

  private constructor(path: string, fps: number, ffmpeg: string, size: readonly [number, number] | null, env: Record<string, string | undefined> | null) {
    this.path = path;
    this.fps = fps;
    this.ffmpeg = ffmpeg;
    this.#size = size;
    this.#env = env;
  }

  /**
   * Checks the file and finds ffmpeg; frames are decoded when `frames()` is read.
   * @throws {FfmpegNotFoundError} when ffmpeg is not installed (or `ffmpegPath` is not an executable).
   */
  static async open(file: string, options: VideoFileOptions = {}): Promise<VideoFile> {
    const where = 'VideoFile.open';
    if (typeof file !== 'string' || file === '') throw new TypeError(`${where}: 'file' must be a non-empty path; received ${JSON.stringify(file)}`);
    const o = { ...VIDEO_FILE_DEFAULTS, ...options };
    const fps = checkFps(where, o.fps);
    const size = o.size;
    if (size !== null && !(Array.isArray(size) && size.length === 2 && size.every((v) => Number.isInteger(v) && v >= 1))) {
      throw new RangeError(`${where}: 'size' must be [width, height] positive integers or null; received ${JSON.stringify(size)}`);
    }
    const { fs } = await loadNode(where);
    try {
      const s = await fs.stat(file);
      if (!s.isFile()) throw new Error('it is not a file');
    } catch (cause) {
      const why = (cause as { code?: string }).code === 'ENOENT' ? 'it does not exist' : (cause as Error).message;
      throw new Error(`${where}: cannot read the video '${file}' (${why})`, { cause });
    }
    const ffmpeg = await findFfmpeg(o);
    if (ffmpeg === null) {
      const searched = o.ffmpegPath !== null ? `'ffmpegPath' ${JSON.stringify(o.ffmpegPath)} is not an executable file` : 'searched PATH';
      throw new FfmpegNotFoundError(file, searched);
    }
    return new VideoFile(file, fps, ffmpeg, size, o.env);
  }

  /** The ffmpeg arguments used to decode the video. */
  get ffmpegArgs(): string[] {
    const head = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', this.path];
    if (this.#size === null) return [...head, '-vf', `fps=${this.fps}`, '-f', 'image2pipe', '-vcodec', 'png', '-'];
    const [w, h] = this.#size;
    return [...head, '-vf', `fps=${this.fps},scale=${w}:${h}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];
  }

  /**
   * Runs ffmpeg and yields its frames as they arrive (the pipe applies back-pressure, so only the
   * frame being decoded is in memory). Stopping early ends ffmpeg.
   * @throws when ffmpeg fails (its error output is quoted) or produces a damaged stream.
   */
  async *frames(): AsyncGenerator<VideoFrame> {
    const { childProcess } = await loadNode('VideoFile.frames');
    const child: ChildProcess = childProcess.spawn(this.ffmpeg, this.ffmpegArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: (this.#env ?? processEnv()) as NodeJS.ProcessEnv });
    let stderr = '';
    child.stderr?.on('data', (d: Uint8Array) => {
      stderr = (stderr + new TextDecoder().decode(d)).slice(-4000);
    });
    const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('close', (code) => resolve({ code }));
    });
    const size = this.#size;
    const splitter = size === null ? new PngStreamSplitter(this.path) : new RawFrameSplitter(size[0] * size[1] * 3, this.path);
    let index = 0;
    let finished = false;
    const toFrame = (bytes: Uint8Array): VideoFrame => {
      const image: RawImage = size === null ? decodeImage(bytes, { name: `${this.path} (${frameName(index)})` }) : { width: size[0], height: size[1], channels: 3, data: bytes };
      const frame = { index, time: index / this.fps, name: frameName(index), image };
      index++;
      return frame;
    };
    try {
      const stdout = child.stdout;
      if (stdout === null) throw new Error(`VideoFile.frames: ffmpeg's output is not available for '${this.path}'`);
      for await (const chunk of stdout as AsyncIterable<Uint8Array>) {
        for (const bytes of splitter.push(chunk)) yield toFrame(bytes);
      }
      const status = await exited;
      if (status.error !== undefined) throw new Error(`VideoFile.frames: cannot run ffmpeg '${this.ffmpeg}' for '${this.path}' (${status.error.message})`, { cause: status.error });
      if (status.code !== 0) throw new Error(`VideoFile.frames: ffmpeg failed on '${this.path}' (exit code ${String(status.code)}): ${stderr.trim() || 'no error output'}`);
      splitter.end();
      if (index === 0) throw new Error(`VideoFile.frames: ffmpeg produced no frames from '${this.path}'${stderr.trim() === '' ? '' : `: ${stderr.trim()}`}`);
      finished = true;
    } finally {
      if (!finished && child.exitCode === null && child.signalCode === null) child.kill();
    }
  }
}
