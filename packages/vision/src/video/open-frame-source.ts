/** `openFrameSource`: a path to a folder of frames or to a video file → the matching `FrameSource`. */
import { FrameFolder, type FrameFolderOptions } from './frame-folder.js';
import { VideoFile, type VideoFileOptions } from './video-file.js';
import type { FrameSource } from './video-frame.js';
import { loadNode } from './load-node.js';

/** Options of `openFrameSource`: those of `FrameFolder.open` and `VideoFile.open`. */
export type OpenFrameSourceOptions = FrameFolderOptions & VideoFileOptions;

/**
 * A `FrameFolder` when `path` is a folder, a `VideoFile` (decoded by ffmpeg) when it is a file.
 * @throws when `path` does not exist, the folder holds no frames, or a video needs ffmpeg and it is not installed (`FfmpegNotFoundError`).
 */
export async function openFrameSource(path: string, options: OpenFrameSourceOptions = {}): Promise<FrameSource> {
  const where = 'openFrameSource';
  if (typeof path !== 'string' || path === '') throw new TypeError(`${where}: 'path' must be a folder of frames or a video file; received ${JSON.stringify(path)}`);
  const { fs } = await loadNode(where);
  let isDirectory: boolean;
  try {
    isDirectory = (await fs.stat(path)).isDirectory();
  } catch (cause) {
    const why = (cause as { code?: string }).code === 'ENOENT' ? 'it does not exist' : (cause as Error).message;
    throw new Error(`${where}: cannot open '${path}' (${why}); expected a folder of frames (PNG/JPEG) or a video file`, { cause });
  }
  const { fps, extensions, ffmpegPath, env, size } = options;
  return isDirectory ? FrameFolder.open(path, definedOnly({ fps, extensions })) : VideoFile.open(path, definedOnly({ fps, ffmpegPath, env, size }));
}

/** `o` without its undefined entries (so they do not override defaults when spread). */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
