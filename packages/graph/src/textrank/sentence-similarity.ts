/**
 * The sentence similarity of TextRank: the number of distinct words the sentences share,
 * divided by log|Sᵢ| + log|Sⱼ| (token counts).
 *
 * Reference: R. Mihalcea, P. Tarau, "TextRank: Bringing order into texts", EMNLP 2004, §4.1.
 *
 * Guard: when either sentence is empty, or both have a single token (the denominator is 0), the
 * similarity is 0, as in the `summa` implementation. The logarithm's base only scales every edge
 * weight alike, which PageRank ignores; this uses the natural logarithm.
 */
export function sentenceSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const denominator = Math.log(a.length) + Math.log(b.length);
  if (!(denominator > 0)) return 0;
  const setA = new Set(a);
  const setB = new Set(b);
  const [small, large] = setA.size <= setB.size ? [setA, setB] : [setB, setA];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared / denominator;
}
