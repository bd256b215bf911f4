/**
 * Truncation, template and padding, after Hugging Face tokenizers (tokenizers/src/utils/truncation.rs,
 * processors/template.rs, utils/padding.rs and `TokenizerImpl::post_process`): the length budget is
 * `maxLength` minus the template's special tokens; 'longest_first' on a pair gives each sequence
 * floor(budget / 2) (the longer one the odd token) when both exceed it, else shortens the longer one;
 * windows of a truncated sequence start every `budget - stride` tokens. Overflow windows come in Hugging
 * Face's order: (A_i, B_j) for i >= 1 and every j, then (A_0, B_j) for j >= 1. Only right-side
 * truncation is implemented.
 */
import { show } from '../internal/show.js';
import { sliceSequence, type Encoding, type SequenceTokens } from './encoding.js';
import type { EncodeOptions } from './encode-options.js';
import type { Template } from './template.js';

function windows(s: SequenceTokens, maxLen: number, stride: number, where: string): SequenceTokens[] {
  const n = s.ids.length;
  if (maxLen >= n) return [s];
  if (maxLen === 0) return [sliceSequence(s, 0, 0), s];
  if (stride >= maxLen) throw new RangeError(`${where}: 'stride' (${stride}) must be smaller than the tokens left for the sequence (${maxLen})`);
  const out: SequenceTokens[] = [];
  for (let start = 0; ; start += maxLen - stride) {
    const stop = Math.min(start + maxLen, n);
    out.push(sliceSequence(s, start, stop));
    if (stop === n) break;
  }
  return out;
}

/** Truncates one sequence or a pair to `budget` tokens in total; returns the windows of each. */
export function truncate(a: SequenceTokens, b: SequenceTokens | null, budget: number, o: Required<EncodeOptions>, where: string): [SequenceTokens[], SequenceTokens[] | null] {
  const total = a.ids.length + (b ? b.ids.length : 0);
  if (o.truncation === false || total <= budget) return [[a], b ? [b] : null];
  const toRemove = total - budget;
  if (o.truncation === 'longest_first') {
    if (b === null) return [windows(a, budget, o.stride, where), null];
    let n1 = a.ids.length;
    let n2 = b.ids.length;
    const swap = n1 > n2;
    if (swap) [n1, n2] = [n2, n1];
    if (n1 > budget >> 1) {
      n1 = budget >> 1;
      n2 = n1 + (budget % 2);
    } else n2 = budget - n1;
    if (swap) [n1, n2] = [n2, n1];
    return [windows(a, n1, o.stride, where), windows(b, n2, o.stride, where)];
  }
  const first = o.truncation === 'only_first';
  if (!first && b === null) throw new RangeError(`${where}: truncation 'only_second' needs a second sequence (a pair)`);
  const target = first ? a : (b as SequenceTokens);
  if (target.ids.length <= toRemove) {
    throw new RangeError(
      `${where}: the ${first ? 'first' : 'second'} sequence (${target.ids.length} tokens) is too short to reach 'maxLength' ${o.maxLength as number}; use 'longest_first'`,
    );
  }
  const w = windows(target, target.ids.length - toRemove, o.stride, where);
  return first ? [w, b ? [b] : null] : [[a], w];
}

function assemble(template: Template, a: SequenceTokens, b: SequenceTokens | null, addSpecial: boolean): Encoding {
  const e: Encoding = { ids: [], tokens: [], offsets: [], typeIds: [], attentionMask: [], specialTokensMask: [], sequenceIds: [], wordIds: [], overflowing: [] };
  for (const piece of b ? template.pair : template.single) {
    if (piece.kind === 'special') {
      if (!addSpecial) continue;
      e.ids.push(piece.id);
      e.tokens.push(piece.token);
      e.offsets.push([0, 0]);
      e.typeIds.push(piece.typeId);
      e.attentionMask.push(1);
      e.specialTokensMask.push(1);
      e.sequenceIds.push(null);
      e.wordIds.push(null);
      continue;
    }
    const s = piece.sequence === 0 ? a : b;
    if (s === null) continue;
    for (let i = 0; i < s.ids.length; i++) {
      e.ids.push(s.ids[i]);
      e.tokens.push(s.tokens[i]);
      e.offsets.push(s.offsets[i]);
      e.typeIds.push(piece.typeId);
      e.attentionMask.push(1);
      e.specialTokensMask.push(0);
      e.sequenceIds.push(piece.sequence);
      e.wordIds.push(s.wordIds[i]);
    }
  }
  return e;
}

/** Truncates, applies the template and gathers overflow windows (padding is separate: it spans the batch). */
export function postProcess(template: Template, a: SequenceTokens, b: SequenceTokens | null, o: Required<EncodeOptions>, where: string): Encoding {
  let budget = Number.POSITIVE_INFINITY;
  if (o.truncation !== false) {
    if (o.maxLength === null) throw new RangeError(`${where}: truncation ${show(o.truncation)} needs 'maxLength'`);
    const added = o.addSpecialTokens ? (b ? template.pairSpecials : template.singleSpecials) : 0;
    budget = Math.max(0, o.maxLength - added);
  }
  const [wa, wb] = truncate(a, b, budget, o, where);
  const main = assemble(template, wa[0], wb ? wb[0] : null, o.addSpecialTokens);
  if (o.returnOverflowingTokens) {
    for (let i = 1; i < wa.length; i++) {
      if (wb === null) main.overflowing.push(assemble(template, wa[i], null, o.addSpecialTokens));
      else for (const bj of wb) main.overflowing.push(assemble(template, wa[i], bj, o.addSpecialTokens));
    }
    if (wb) for (let j = 1; j < wb.length; j++) main.overflowing.push(assemble(template, wa[0], wb[j], o.addSpecialTokens));
  }
  return main;
}

/** Pads `e` (and its overflow windows) to `length`, as Hugging Face `Encoding::pad`. */
export function padEncoding(e: Encoding, length: number, padId: number, padToken: string, side: 'left' | 'right'): void {
  for (const o of e.overflowing) padEncoding(o, length, padId, padToken, side);
  const n = length - e.ids.length;
  if (n <= 0) return;
  const fill = <T>(arr: T[], v: T): void => {
    const pad = new Array<T>(n).fill(v);
    if (side === 'right') arr.push(...pad);
    else arr.unshift(...pad);
  };
  fill(e.ids, padId);
  fill(e.tokens, padToken);
  fill(e.typeIds, 0);
  fill(e.attentionMask, 0);
  fill(e.specialTokensMask, 1);
  fill(e.sequenceIds, null);
  fill(e.wordIds, null);
  const pads: [number, number][] = Array.from({ length: n }, () => [0, 0]);
  if (side === 'right') e.offsets.push(...pads);
  else e.offsets.unshift(...pads);
}
