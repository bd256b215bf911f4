/**
 * Per-user AUC: the probability that a relevant item scores above a non-relevant one, ties counting
 * 1/2 (Mann–Whitney U with average ranks / (|P|·|N|)); items in `exclude[u]` (e.g. the training
 * interactions) take no part. Averaged over users with at least one relevant and one non-relevant item.
 */
export function auc(scores: readonly ArrayLike<number>[], relevant: readonly ArrayLike<number>[], exclude?: readonly ArrayLike<number>[]): number {
  if (scores.length !== relevant.length) throw new RangeError(`auc: 'scores' and 'relevant' must have one entry per user; received ${scores.length} and ${relevant.length}`);
  let sum = 0;
  let users = 0;
  for (let u = 0; u < scores.length; u++) {
    const s = scores[u];
    const rel = new Set(Array.from(relevant[u]));
    const skip = new Set(exclude === undefined ? [] : Array.from(exclude[u]));
    const idx: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (skip.has(i) && !rel.has(i)) continue;
      if (Number.isNaN(s[i])) throw new RangeError(`auc: 'scores[${u}][${i}]' must not be NaN`);
      idx.push(i);
    }
    const nPos = idx.filter((i) => rel.has(i)).length;
    const nNeg = idx.length - nPos;
    if (nPos === 0 || nNeg === 0) continue;
    idx.sort((a, b) => s[a] - s[b]);
    let rankSum = 0;
    for (let a = 0; a < idx.length; ) {
      let b = a;
      while (b + 1 < idx.length && s[idx[b + 1]] === s[idx[a]]) b++;
      const avgRank = (a + b) / 2 + 1; // ranks a+1 … b+1 share their mean
      for (let t = a; t <= b; t++) if (rel.has(idx[t])) rankSum += avgRank;
      a = b + 1;
    }
    sum += (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
    users++;
  }
  if (users === 0) throw new RangeError(`auc: no user has both relevant and non-relevant items`);
  return sum / users;
}
