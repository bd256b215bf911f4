/**
 * Crash-safe file replacement: write a temporary file beside the target, flush it to disk, then
 * rename it over the target (rename within a folder is atomic on POSIX and NTFS), so a reader sees
 * the old file or the new one, never a partial one.
 */
import type { FileHandle } from 'node:fs/promises';

type NodeFs = typeof import('node:fs/promises');

let sequence = 0;

/** Writes `bytes` to a new temporary file next to `target` and returns its path. */
export async function writeTempFile(fs: NodeFs, target: string, bytes: Uint8Array | string): Promise<string> {
  const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
  const temp = `${target}.${pid}.${++sequence}.tmp`;
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    return temp;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
