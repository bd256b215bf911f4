/**
 * Special-token templates, as Hugging Face's `TemplateProcessing`: `'$A'` / `'$B'` stand for the
 * sequences, any other entry is a special token; `:n` sets the token type id (`'$B:1'`, `'[SEP]:1'`).
 * BERT: single `['[CLS]', '$A', '[SEP]']`, pair `['[CLS]', '$A', '[SEP]', '$B:1', '[SEP]:1']`.
 */
import { show } from '../internal/show.js';

/** One entry of a resolved template. */
export type TemplatePiece =
  | { kind: 'sequence'; sequence: 0 | 1; typeId: number }
  | { kind: 'special'; token: string; id: number; typeId: number };

/** A resolved template: pieces for single inputs and for pairs, and how many special tokens each adds. */
export interface Template {
  single: TemplatePiece[];
  pair: TemplatePiece[];
  singleSpecials: number;
  pairSpecials: number;
}

/** Template strings for single inputs and pairs. */
export interface TemplateSpec {
  single: readonly string[];
  pair: readonly string[];
}

function parsePiece(where: string, entry: string, tokenToId: (t: string) => number | undefined): TemplatePiece {
  if (typeof entry !== 'string' || entry.length === 0) throw new TypeError(`${where}: template entries must be non-empty strings; received ${show(entry)}`);
  const m = /^(.*?)(?::(\d+))?$/s.exec(entry) as RegExpExecArray;
  const name = m[1];
  const typeId = m[2] === undefined ? 0 : Number(m[2]);
  if (name === '$A' || name === '$' || name === '$0') return { kind: 'sequence', sequence: 0, typeId };
  if (name === '$B' || name === '$1') return { kind: 'sequence', sequence: 1, typeId };
  const id = tokenToId(name);
  if (id === undefined) throw new RangeError(`${where}: template token ${show(name)} is not in the vocabulary`);
  return { kind: 'special', token: name, id, typeId };
}

/** Resolves template strings against a vocabulary. */
export function resolveTemplate(where: string, spec: TemplateSpec, tokenToId: (t: string) => number | undefined): Template {
  if (!spec || !Array.isArray(spec.single) || !Array.isArray(spec.pair)) {
    throw new TypeError(`${where}: 'template' must be { single: string[], pair: string[] }; received ${show(spec)}`);
  }
  const single = spec.single.map((e) => parsePiece(where, e, tokenToId));
  const pair = spec.pair.map((e) => parsePiece(where, e, tokenToId));
  const count = (p: TemplatePiece[]): number => p.filter((x) => x.kind === 'special').length;
  if (!single.some((p) => p.kind === 'sequence' && p.sequence === 0)) throw new RangeError(`${where}: the single template must contain '$A'`);
  if (!pair.some((p) => p.kind === 'sequence' && p.sequence === 1)) throw new RangeError(`${where}: the pair template must contain '$B'`);
  return { single, pair, singleSpecials: count(single), pairSpecials: count(pair) };
}

/** Writes a template in Hugging Face tokenizer.json `TemplateProcessing` form. */
export function templateToJson(t: Template): Record<string, unknown> {
  const piece = (p: TemplatePiece): Record<string, unknown> =>
    p.kind === 'sequence' ? { Sequence: { id: p.sequence === 0 ? 'A' : 'B', type_id: p.typeId } } : { SpecialToken: { id: p.token, type_id: p.typeId } };
  const specials: Record<string, unknown> = {};
  for (const p of [...t.single, ...t.pair]) if (p.kind === 'special') specials[p.token] = { id: p.token, ids: [p.id], tokens: [p.token] };
  return { type: 'TemplateProcessing', single: t.single.map(piece), pair: t.pair.map(piece), special_tokens: specials };
}
