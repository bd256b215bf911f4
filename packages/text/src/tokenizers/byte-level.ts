/**
 * GPT-2's reversible byte ↔ character map (openai/gpt-2 src/encoder.py `bytes_to_unicode`): the 188
 * printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100 upward, so every byte
 * sequence becomes a string of visible characters (a space is "Ġ", a newline "Ċ").
 */
function build(): { byteToChar: string[]; charToByte: Map<string, number> } {
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n);
      n++;
    }
  }
  const byteToChar: string[] = new Array(256);
  const charToByte = new Map<string, number>();
  bs.forEach((b, i) => {
    byteToChar[b] = String.fromCharCode(cs[i]);
    charToByte.set(byteToChar[b], b);
  });
  return { byteToChar, charToByte };
}

/** `BYTE_LEVEL.byteToChar[b]` is the character of byte b; `charToByte` the inverse. */
export const BYTE_LEVEL = build();

/** The GPT-2 pre-tokenizer pattern (contractions, letters, numbers, other symbols, whitespace runs). */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
