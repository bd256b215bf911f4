/**
 * Reading and writing Hugging Face `tokenizer.json` files (the `tokenizers` library's serialisation,
 * https://huggingface.co/docs/tokenizers/api/tokenizer) for the parts these tokenizers implement:
 * BertNormalizer / BertPreTokenizer / WordPiece, ByteLevel / BPE, TemplateProcessing, BertProcessing,
 * RobertaProcessing and ByteLevel post-processors, added tokens. Anything else is refused with an
 * error naming the field.
 */
import { show } from '../internal/show.js';
import type { AddedToken } from './added-token.js';
import type { TemplateSpec } from './template.js';
import type { WordPieceTokenizerOptions } from './wordpiece-tokenizer.js';

type Obj = Record<string, unknown>;

/** Options read for the byte-level BPE tokenizer. */
export interface ParsedBpeOptions {
  addPrefixSpace: boolean;
  trimOffsets: boolean;
  template: TemplateSpec;
  padToken: string | null;
}

function fail(where: string, field: string, expected: string, received: unknown): never {
  throw new TypeError(`${where}: '${field}' must be ${expected}; received ${typeof received === 'object' && received !== null ? JSON.stringify(received).slice(0, 80) : show(received)}`);
}

/** Parses tokenizer.json given as text or object. */
export function parseJsonInput(where: string, json: unknown): Obj {
  let j = json;
  if (typeof j === 'string') {
    try {
      j = JSON.parse(j) as unknown;
    } catch (cause) {
      throw new SyntaxError(`${where}: 'json' is not valid JSON (${(cause as Error).message})`, { cause });
    }
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) fail(where, 'json', 'a tokenizer.json object', j);
  return j as Obj;
}

/** token → id from a JSON object (`vocab.json` or `model.vocab`). */
export function readVocabObject(where: string, field: string, v: unknown): Map<string, number> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(where, field, 'an object of token → id', v);
  const map = new Map<string, number>();
  for (const [t, id] of Object.entries(v as Obj)) {
    if (!Number.isInteger(id) || (id as number) < 0) fail(where, `${field}[${JSON.stringify(t)}]`, 'a non-negative integer id', id);
    map.set(t, id as number);
  }
  if (map.size === 0) fail(where, field, 'a non-empty vocabulary', v);
  return map;
}

function readAddedTokens(where: string, v: unknown): AddedToken[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(where, 'added_tokens', 'an array', v);
  return v.map((t: Obj, i) => {
    if (typeof t?.content !== 'string' || !Number.isInteger(t.id)) fail(where, `added_tokens[${i}]`, '{ id, content, ... }', t);
    return { content: t.content as string, id: t.id as number, special: t.special !== false, lstrip: t.lstrip === true, rstrip: t.rstrip === true };
  });
}

function readTemplate(where: string, p: unknown, fallback: TemplateSpec): TemplateSpec {
  if (p === null || p === undefined) return fallback;
  const o = p as Obj;
  if (o.type === 'TemplateProcessing') {
    const conv = (list: unknown, field: string): string[] => {
      if (!Array.isArray(list)) fail(where, `post_processor.${field}`, 'an array', list);
      return list.map((e: Obj) => {
        if (e.Sequence) return `$${(e.Sequence as Obj).id as string}:${(e.Sequence as Obj).type_id as number}`;
        if (e.SpecialToken) return `${(e.SpecialToken as Obj).id as string}:${(e.SpecialToken as Obj).type_id as number}`;
        return fail(where, `post_processor.${field}[]`, '{ Sequence } or { SpecialToken }', e);
      });
    };
    return { single: conv(o.single, 'single'), pair: conv(o.pair, 'pair') };
  }
  if (o.type === 'BertProcessing') {
    const cls = (o.cls as [string, number])[0];
    const sep = (o.sep as [string, number])[0];
    return { single: [cls, '$A', sep], pair: [cls, '$A', sep, '$B:1', `${sep}:1`] };
  }
  if (o.type === 'RobertaProcessing') {
    const cls = (o.cls as [string, number])[0];
    const sep = (o.sep as [string, number])[0];
    return { single: [cls, '$A', sep], pair: [cls, '$A', sep, sep, '$B', sep] };
  }
  if (o.type === 'ByteLevel') return fallback;
  return fail(where, 'post_processor.type', "'TemplateProcessing', 'BertProcessing', 'RobertaProcessing', 'ByteLevel' or null", o.type);
}

function padTokenOf(j: Obj, vocab: Map<string, number>, fallback: string): string | null {
  const pad = (j.padding as Obj | null | undefined)?.pad_token;
  if (typeof pad === 'string') return pad;
  return vocab.has(fallback) ? fallback : null;
}

/** The parts of a WordPiece tokenizer.json. */
export function parseWordPieceJson(json: unknown): { vocab: Map<string, number>; options: WordPieceTokenizerOptions; addedTokens: AddedToken[] } {
  const where = 'WordPieceTokenizer.fromTokenizerJson';
  const j = parseJsonInput(where, json);
  const model = j.model as Obj | undefined;
  if (model?.type !== 'WordPiece') fail(where, 'model.type', "'WordPiece'", model?.type);
  const vocab = readVocabObject(where, 'model.vocab', model.vocab);
  const options: WordPieceTokenizerOptions = {
    unkToken: (model.unk_token as string | undefined) ?? '[UNK]',
    continuingSubwordPrefix: (model.continuing_subword_prefix as string | undefined) ?? '##',
    maxInputCharsPerWord: (model.max_input_chars_per_word as number | undefined) ?? 100,
  };
  const n = j.normalizer as Obj | null | undefined;
  if (n === null || n === undefined) Object.assign(options, { cleanText: false, handleChineseChars: false, lowercase: false, stripAccents: false });
  else if (n.type === 'BertNormalizer') {
    Object.assign(options, {
      cleanText: n.clean_text !== false,
      handleChineseChars: n.handle_chinese_chars !== false,
      lowercase: n.lowercase !== false,
      stripAccents: typeof n.strip_accents === 'boolean' ? n.strip_accents : null,
    });
  } else fail(where, 'normalizer.type', "'BertNormalizer' or null", n.type);
  const pre = j.pre_tokenizer as Obj | null | undefined;
  if (pre?.type !== 'BertPreTokenizer') fail(where, 'pre_tokenizer.type', "'BertPreTokenizer'", pre?.type);
  options.template = readTemplate(where, j.post_processor, { single: ['$A'], pair: ['$A', '$B:1'] });
  options.padToken = padTokenOf(j, vocab, '[PAD]');
  const dec = j.decoder as Obj | null | undefined;
  options.cleanupTokenizationSpaces = dec?.type === 'WordPiece' ? dec.cleanup !== false : true;
  return { vocab, options, addedTokens: readAddedTokens(where, j.added_tokens) };
}

/** The parts of a byte-level BPE tokenizer.json. */
export function parseBpeJson(json: unknown): { vocab: Map<string, number>; merges: [string, string][]; options: ParsedBpeOptions; addedTokens: AddedToken[] } {
  const where = 'ByteLevelBpeTokenizer.fromTokenizerJson';
  const j = parseJsonInput(where, json);
  const model = j.model as Obj | undefined;
  if (model?.type !== 'BPE') fail(where, 'model.type', "'BPE'", model?.type);
  for (const f of ['continuing_subword_prefix', 'end_of_word_suffix'] as const) {
    if (model[f]) fail(where, `model.${f}`, 'empty for a byte-level BPE', model[f]);
  }
  const vocab = readVocabObject(where, 'model.vocab', model.vocab);
  if (!Array.isArray(model.merges)) fail(where, 'model.merges', 'an array', model.merges);
  const merges = (model.merges as unknown[]).map((m, i): [string, string] => {
    if (typeof m === 'string') {
      const k = m.indexOf(' ', 1);
      if (k < 0) fail(where, `model.merges[${i}]`, "'left right'", m);
      return [m.slice(0, k), m.slice(k + 1)];
    }
    if (Array.isArray(m) && m.length === 2 && typeof m[0] === 'string' && typeof m[1] === 'string') return [m[0], m[1]];
    return fail(where, `model.merges[${i}]`, "'left right' or [left, right]", m);
  });
  if (j.normalizer !== null && j.normalizer !== undefined) fail(where, 'normalizer', 'null for a byte-level BPE', j.normalizer);
  const pre = j.pre_tokenizer as Obj | null | undefined;
  if (pre?.type !== 'ByteLevel' || pre.use_regex === false) fail(where, 'pre_tokenizer', "{ type: 'ByteLevel', use_regex: true }", pre);
  const post = j.post_processor as Obj | null | undefined;
  const options: ParsedBpeOptions = {
    addPrefixSpace: pre.add_prefix_space === true,
    trimOffsets: post?.trim_offsets === true,
    template: readTemplate(where, post, { single: ['$A'], pair: ['$A', '$B:1'] }),
    padToken: padTokenOf(j, vocab, '<pad>'),
  };
  return { vocab, merges, options, addedTokens: readAddedTokens(where, j.added_tokens) };
}

function addedTokensJson(tokens: readonly AddedToken[]): Obj[] {
  return tokens.map((t) => ({ id: t.id, content: t.content, single_word: false, lstrip: t.lstrip === true, rstrip: t.rstrip === true, normalized: false, special: t.special !== false }));
}

function sortedVocab(vocab: ReadonlyMap<string, number>): Obj {
  return Object.fromEntries([...vocab].sort((a, b) => a[1] - b[1]));
}

export function writeWordPieceJson(vocab: ReadonlyMap<string, number>, o: Required<WordPieceTokenizerOptions>, added: readonly AddedToken[], template: Obj): Obj {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokensJson(added),
    normalizer: { type: 'BertNormalizer', clean_text: o.cleanText, handle_chinese_chars: o.handleChineseChars, strip_accents: o.stripAccents, lowercase: o.lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: template,
    decoder: { type: 'WordPiece', prefix: o.continuingSubwordPrefix, cleanup: o.cleanupTokenizationSpaces },
    model: { type: 'WordPiece', unk_token: o.unkToken, continuing_subword_prefix: o.continuingSubwordPrefix, max_input_chars_per_word: o.maxInputCharsPerWord, vocab: sortedVocab(vocab) },
  };
}

export function writeBpeJson(vocab: ReadonlyMap<string, number>, merges: readonly [string, string][], o: ParsedBpeOptions, added: readonly AddedToken[], template: Obj): Obj {
  const byteLevel = { add_prefix_space: o.addPrefixSpace, trim_offsets: o.trimOffsets, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokensJson(added),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', ...byteLevel },
    post_processor: template,
    decoder: { type: 'ByteLevel', ...byteLevel },
    model: {
      type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false,
      vocab: sortedVocab(vocab), merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
}
