/**
 * The Rand index and its chance-adjusted form (Hubert & Arabie 1985), as scikit-learn 1.2's
 * `sklearn.metrics.rand_score` and `adjusted_rand_score`: agreement between two clusterings of the
 * same samples, counted over pairs of samples. Cluster ids are arbitrary labels (numbers or strings):
 * a clustering that only renames clusters scores 1.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.adjusted_rand_score.html
 */
import { checkLabels, checkNotEmpty, checkSameLength, type LabelArray } from './label-utils.js';

/**
 * The pair confusion matrix [[tn, fp], [fn, tp]] over ordered pairs of distinct samples, as
 * `sklearn.metrics.cluster.pair_confusion_matrix`: tp counts pairs together in both clusterings,
 * tn pairs apart in both.
 */
export function pairConfusionMatrix(labelsTrue: LabelArray, labelsPred: LabelArray): [[number, number], [number, number]] {
  return pairCounts('pairConfusionMatrix', labelsTrue, labelsPred).matrix;
}

/** The fraction of sample pairs on which both clusterings agree (together in both or apart in both). */
export function randScore(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  const { matrix, n } = pairCounts('randScore', labelsTrue, labelsPred);
  const agree = matrix[0][0] + matrix[1][1];
  const total = n * n - n;
  // Both special cases as sklearn: one sample (no pairs) or perfect agreement.
  if (total === 0 || agree === total) return 1;
  return agree / total;
}

/**
 * The Rand index adjusted for chance: 1 for identical clusterings (up to renaming), about 0 for
 * independent random labelings, negative when agreement is below chance.
 */
export function adjustedRandScore(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  const { matrix } = pairCounts('adjustedRandScore', labelsTrue, labelsPred);
  const [[tn, fp], [fn, tp]] = matrix;
  if (fn === 0 && fp === 0) return 1; // sklearn: identical partitions, including the degenerate ones
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function pairCounts(where: string, labelsTrue: LabelArray, labelsPred: LabelArray) {
  const t = checkLabels(where, 'labelsTrue', labelsTrue);
  const p = checkLabels(where, 'labelsPred', labelsPred);
  const n = checkSameLength(where, { labelsTrue: t, labelsPred: p });
  checkNotEmpty(where, 'labelsTrue', n);
  const rowOf = new Map<number | string, number>();
  const colOf = new Map<number | string, number>();
  const cells = new Map<number, number>(); // row * nCols + col → count, filled after ids are known
  const rows = new Int32Array(n);
  const cols = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let r = rowOf.get(t[i]);
    if (r === undefined) rowOf.set(t[i], (r = rowOf.size));
    let c = colOf.get(p[i]);
    if (c === undefined) colOf.set(p[i], (c = colOf.size));
    rows[i] = r;
    cols[i] = c;
  }
  const nCols = colOf.size;
  const rowSums = new Float64Array(rowOf.size);
  const colSums = new Float64Array(nCols);
  for (let i = 0; i < n; i++) {
    const key = rows[i] * nCols + cols[i];
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowSums[rows[i]] += 1;
    colSums[cols[i]] += 1;
  }
  // Sums of squares are exact in float64 up to n ≈ 9.4e7 samples (n² < 2^53).
  let sumSquares = 0;
  let byColSums = 0; // Σ_ij C_ij · colSum_j
  let byRowSums = 0; // Σ_ij C_ij · rowSum_i
  for (const [key, count] of cells) {
    const r = Math.floor(key / nCols);
    const c = key - r * nCols;
    sumSquares += count * count;
    byColSums += count * colSums[c];
    byRowSums += count * rowSums[r];
  }
  const tp = sumSquares - n;
  const fp = byColSums - sumSquares;
  const fn = byRowSums - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  return { n, matrix: [[tn, fp], [fn, tp]] as [[number, number], [number, number]] };
}
