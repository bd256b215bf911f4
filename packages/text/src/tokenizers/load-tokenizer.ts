/** Loads a WordPiece or byte-level BPE tokenizer from a folder of Hugging Face files (Node.js). */
import { checkString } from '../internal/check-strings.js';
import { show, showPath } from '../internal/show.js';
import { ByteLevelBpeTokenizer } from './byte-level-bpe-tokenizer.js';
import { WordPieceTokenizer, type WordPieceTokenizerOptions } from './wordpiece-tokenizer.js';

const FS = 'node:fs/promises';
const PATH = 'node:path';

/**
 * Reads `dir/tokenizer.json` when present (model type WordPiece or BPE), else `dir/vocab.txt`
 * (WordPiece, with `options`), else `dir/vocab.json` + `dir/merges.txt` (byte-level BPE). Errors name
 * the file that is missing or malformed.
 */
export async function loadTokenizer(dir: string, options: WordPieceTokenizerOptions = {}): Promise<WordPieceTokenizer | ByteLevelBpeTokenizer> {
  const where = 'loadTokenizer';
  checkString(where, 'dir', dir);
  let fs: typeof import('node:fs/promises');
  let path: typeof import('node:path');
  try {
    [fs, path] = await Promise.all([import(/* @vite-ignore */ FS), import(/* @vite-ignore */ PATH)]);
  } catch (cause) {
    throw new Error(`${where} needs Node.js file-system access; in a browser fetch the files and use fromTokenizerJson / fromVocabTxt / fromFiles`, { cause });
  }
  const read = async (name: string): Promise<string | null> => {
    try {
      return await fs.readFile(path.join(dir, name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`${where}: cannot read ${showPath(path.join(dir, name))}: ${(err as Error).message}`, { cause: err });
    }
  };
  const wrap = <T>(file: string, fn: () => T): T => {
    try {
      return fn();
    } catch (cause) {
      throw new Error(`${where}: ${showPath(path.join(dir, file))} is malformed: ${(cause as Error).message}`, { cause });
    }
  };
  const json = await read('tokenizer.json');
  if (json !== null) {
    const type = wrap('tokenizer.json', () => (JSON.parse(json) as { model?: { type?: unknown } }).model?.type);
    if (type === 'WordPiece') return wrap('tokenizer.json', () => WordPieceTokenizer.fromTokenizerJson(json));
    if (type === 'BPE') return wrap('tokenizer.json', () => ByteLevelBpeTokenizer.fromTokenizerJson(json));
    throw new Error(`${where}: ${showPath(path.join(dir, 'tokenizer.json'))} has model type ${show(type)}; supported: 'WordPiece', 'BPE'`);
  }
  const vocabTxt = await read('vocab.txt');
  if (vocabTxt !== null) return wrap('vocab.txt', () => WordPieceTokenizer.fromVocabTxt(vocabTxt, options));
  const vocabJson = await read('vocab.json');
  const merges = await read('merges.txt');
  if (vocabJson !== null && merges !== null) return wrap('vocab.json / merges.txt', () => ByteLevelBpeTokenizer.fromFiles(vocabJson, merges));
  throw new Error(`${where}: no tokenizer files in ${showPath(dir)}: expected tokenizer.json, vocab.txt, or vocab.json with merges.txt`);
}
