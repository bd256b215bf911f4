/**
 * Loads Node's file-system modules on demand. The specifiers are variables so that browser bundlers
 * neither resolve nor bundle them: the browser build keeps working and only these calls fail there.
 */
type NodeFs = typeof import('node:fs/promises');
type NodePath = typeof import('node:path');

const FS_MODULE = 'node:fs/promises';
const PATH_MODULE = 'node:path';

/** `node:fs/promises` and `node:path`, or an error saying `where` needs Node.js. */
export async function loadNodeFs(where: string): Promise<{ fs: NodeFs; path: NodePath }> {
  try {
    const [fs, path] = await Promise.all([
      import(/* @vite-ignore */ /* webpackIgnore: true */ FS_MODULE) as Promise<NodeFs>,
      import(/* @vite-ignore */ /* webpackIgnore: true */ PATH_MODULE) as Promise<NodePath>,
    ]);
    return { fs, path };
  } catch (cause) {
    throw new Error(`${where} needs Node.js file-system access (node:fs/promises), which is unavailable here; in a browser use packModel() and unpackModel()`, { cause });
  }
}
