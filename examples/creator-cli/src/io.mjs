/** File helpers with errors that name the file and what was expected, the cache folder, progress bars. */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { CliError } from './errors.mjs';

/** `stat` of `path`, or null when it does not exist. */
export async function statOrNull(path) {
  try {
    return await stat(path);
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
    throw err;
  }
}

/** Reads a UTF-8 text file; `what` says what the file is for ("the text to summarize"). */
export async function readTextFile(path, what) {
  const s = await statOrNull(path);
  if (s === null) throw new CliError(`${what}: file not found: ${path}`);
  if (!s.isFile()) throw new CliError(`${what}: expected a text file, but ${path} is a directory`);
  const bytes = await readFile(path);
  if (bytes.includes(0)) throw new CliError(`${what}: expected a UTF-8 text file, but ${path} looks binary (it holds NUL bytes)`);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new CliError(`${what}: ${path} is empty; expected some text`);
  return text;
}

/** Checks that `path` is a directory. */
export async function requireDirectory(path, what) {
  const s = await statOrNull(path);
  if (s === null) throw new CliError(`${what}: folder not found: ${path}`);
  if (!s.isDirectory()) throw new CliError(`${what}: expected a folder, but ${path} is a file`);
}

/** The cache folder: $XDG_CACHE_HOME/ml-creator, else the OS's cache folder. */
export function defaultCacheDir() {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return join(xdg, 'ml-creator');
  const home = os.homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'ml-creator');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'ml-creator', 'Cache');
  return join(home, '.cache', 'ml-creator');
}

/**
 * Writes the files of a model folder atomically: everything goes into a sibling temp folder that is
 * renamed onto `dir` at the end, so a reader never sees a half-written model (two writers race
 * harmlessly: the loser's rename fails and its temp folder is removed).
 */
export async function writeFolderAtomic(dir, files) {
  const target = resolve(dir);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(tmp, name), content);
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if ((await statOrNull(join(target, Object.keys(files)[0]))) !== null) return; // another process won the race
    throw err;
  }
}

/**
 * A progress bar on stderr, only when stderr is a terminal and the output is not JSON; otherwise a
 * silent stand-in with the same methods.
 */
export function progressBar(options, total, label) {
  if (!process.stderr.isTTY || options.json || options.progress === false) return { increment() {}, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {status}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { status: '' });
  return {
    increment(status = '') {
      bar.increment(1, { status });
    },
    update(value, status = '') {
      bar.update(value, { status });
    },
    stop() {
      bar.stop();
    },
  };
}
