/**
 * Node's fs, path and child_process loaded on demand; the specifiers are variables so browser
 * bundlers neither resolve nor bundle them (the rest of `@ml/vision` keeps working there).
 */
type NodeFs = typeof import('node:fs/promises');
type NodePath = typeof import('node:path');
type NodeChildProcess = typeof import('node:child_process');

const FS_MODULE = 'node:fs/promises';
const PATH_MODULE = 'node:path';
const CHILD_PROCESS_MODULE = 'node:child_process';

/** `node:fs/promises`, `node:path` and `node:child_process`, or an error saying `where` needs Node.js. */
export async function loadNode(where: string): Promise<{ fs: NodeFs; path: NodePath; childProcess: NodeChildProcess }> {
  try {
    const [fs, path, childProcess] = await Promise.all([
      import(/* @vite-ignore */ /* webpackIgnore: true */ FS_MODULE) as Promise<NodeFs>,
      import(/* @vite-ignore */ /* webpackIgnore: true */ PATH_MODULE) as Promise<NodePath>,
      import(/* @vite-ignore */ /* webpackIgnore: true */ CHILD_PROCESS_MODULE) as Promise<NodeChildProcess>,
    ]);
    return { fs, path, childProcess };
  } catch (cause) {
    throw new Error(`${where} needs Node.js (file system and child processes); in a browser decode the frames yourself and use ArrayFrameSource`, { cause });
  }
}
