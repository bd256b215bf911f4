/** A token matched verbatim in the input before normalisation (Hugging Face `AddedToken`). */
export interface AddedToken {
  content: string;
  id: number;
  /** Special tokens are dropped by `decode(ids, { skipSpecialTokens: true })`. @default true */
  special?: boolean;
  /** Strip whitespace on the token's left. @default false */
  lstrip?: boolean;
  /** Strip whitespace on the token's right. @default false */
  rstrip?: boolean;
}

/** A stretch of the input: plain text to tokenize, or one added token. */
export interface Section {
  start: number;
  end: number;
  token: AddedToken | null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Splits `text` around verbatim occurrences of added tokens (longest first), honouring lstrip/rstrip. */
export function makeSectionSplitter(tokens: readonly AddedToken[]): (text: string) => Section[] {
  if (tokens.length === 0) return (text) => [{ start: 0, end: text.length, token: null }];
  const byContent = new Map(tokens.map((t) => [t.content, t]));
  const sorted = [...byContent.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map(escape).join('|'), 'gu');
  return (text) => {
    const out: Section[] = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      const t = byContent.get(m[0]) as AddedToken;
      let before = m.index as number;
      if (t.lstrip) while (before > last && /\s/u.test(text[before - 1])) before--;
      if (before > last) out.push({ start: last, end: before, token: null });
      out.push({ start: m.index as number, end: (m.index as number) + m[0].length, token: t });
      last = (m.index as number) + m[0].length;
      if (t.rstrip) while (last < text.length && /\s/u.test(text[last])) last++;
    }
    if (last < text.length) out.push({ start: last, end: text.length, token: null });
    return out;
  };
}
