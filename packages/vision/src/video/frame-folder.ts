/**
 * `FrameFolder`: a folder of PNG/JPEG frames as a `FrameSource`. Files are ordered naturally
 * (`frame2.png` before `frame10.png`), listed once, and decoded one at a time as they are read.
 */
import { readImage } from '../image/read-image.js';
import { naturalCompare } from './natural-compare.js';
import { checkFps, type FrameSource, type VideoFrame } from './video-frame.js';
import { loadNode } from './load-node.js';

/** Options of `FrameFolder.open`. */
export interface FrameFolderOptions {
  /** Frames per second the frames were taken at (sets the timestamps). @default 10 */
  fps?: number;
  /** File extensions read as frames (lower case, with the dot); other files are ignored. @default ['.png', '.jpg', '.jpeg'] */
  extensions?: readonly string[];
}

/** Defaults of `FrameFolderOptions`. */
export const FRAME_FOLDER_DEFAULTS = { fps: 10, extensions: ['.png', '.jpg', '.jpeg'] } as const satisfies Required<FrameFolderOptions>;

export class FrameFolder implements FrameSource {
  readonly path: string;
  readonly fps: number;
  /** The frame file names, in natural order. */
  readonly names: readonly string[];
  readonly #files: readonly string[];

  private constructor(path: string, fps: number, names: string[], files: string[]) {
    this.path = path;
    this.fps = fps;
    this.names = names;
    this.#files = files;
  }

  /**
   * Lists the frames of `directory`.
   * @throws when the folder is missing, is not a folder, or holds no frame files.
   */
  static async open(directory: string, options: FrameFolderOptions = {}): Promise<FrameFolder> {
    const where = 'FrameFolder.open';
    if (typeof directory !== 'string' || directory === '') throw new TypeError(`${where}: 'directory' must be a non-empty path; received ${JSON.stringify(directory)}`);
    const o = { ...FRAME_FOLDER_DEFAULTS, ...options };
    const fps = checkFps(where, o.fps);
    if (!Array.isArray(o.extensions) || o.extensions.length === 0) throw new RangeError(`${where}: 'extensions' must be a non-empty array such as ['.png']; received ${JSON.stringify(o.extensions)}`);
    const extensions = o.extensions.map((e) => e.toLowerCase());
    const { fs, path } = await loadNode(where);
    let entries: { name: string; isFile(): boolean }[];
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      const why = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a folder' : (cause as Error).message;
      throw new Error(`${where}: cannot list the frame folder '${directory}' (${why})`, { cause });
    }
    const names = entries
      .filter((e) => e.isFile() && extensions.includes(path.extname(e.name).toLowerCase()))
      .map((e) => e.name)
      .sort(naturalCompare);
    if (names.length === 0) throw new RangeError(`${where}: the frame folder '${directory}' holds no frames (files ending in ${extensions.join(', ')})`);
    return new FrameFolder(directory, fps, names, names.map((n) => path.join(directory, n)));
  }

  /** Number of frames. */
  get length(): number {
    return this.names.length;
  }

  async *frames(): AsyncGenerator<VideoFrame> {
    for (let i = 0; i < this.names.length; i++) yield await this.frame(i);
  }

  /**
   * Reads and decodes frame `index`.
   * @throws {ImageDecodeError} naming the file when it cannot be read or decoded.
   */
  async frame(index: number): Promise<VideoFrame> {
    const file = this.#files[index];
    if (!Number.isInteger(index) || file === undefined) throw new RangeError(`FrameFolder.frame: 'index' must be an integer in [0, ${this.names.length}); received ${String(index)}`);
    const image = await readImage(file);
    return { index, time: index / this.fps, name: this.names[index], image };
  }
}
