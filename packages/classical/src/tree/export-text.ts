/**
 * Text rendering of a fitted tree, line for line as scikit-learn 1.2's `sklearn.tree.export_text`.
 */
import { checkInt } from '../base/check-params.js';
import type { Label } from '../base/matrix-input.js';
import { TREE_LEAF, type TreeArrays } from './tree-arrays.js';

export interface ExportTextOptions {
  /** One name per feature (sklearn `feature_names`); null: `feature_0`, `feature_1`, … @default null */
  featureNames?: readonly string[] | null;
  /** Deepest level written; deeper branches are summarised as truncated (sklearn `max_depth`). @default 10 */
  maxDepth?: number;
  /** Width of one indentation step (sklearn `spacing`). @default 3 */
  spacing?: number;
  /** Digits after the point for thresholds and values (sklearn `decimals`). @default 2 */
  decimals?: number;
  /** Classifiers: also write the weighted class counts of each leaf (sklearn `show_weights`). @default false */
  showWeights?: boolean;
}

export const EXPORT_TEXT_DEFAULTS = { featureNames: null, maxDepth: 10, spacing: 3, decimals: 2, showWeights: false } as const satisfies Required<ExportTextOptions>;

/**
 * Python's `'{:.Nf}'.format(x)`: the exact binary value rounded half to even (JavaScript's
 * `toFixed` rounds exact halves away from zero).
 */
export function formatFixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  const exact = Math.abs(x).toFixed(Math.min(100, decimals + 60));
  const tail = exact.slice(exact.indexOf('.') + 1 + decimals);
  if (!/^50*$/.test(tail)) return s;
  // An exact half: toFixed rounded away from zero; Python keeps the even last digit.
  const digits = s.replace('-', '').replace('.', '');
  if (Number(digits[digits.length - 1]) % 2 === 0) return s;
  const down = (Math.abs(x) - 0.5 * 10 ** -decimals).toFixed(decimals);
  return (x < 0 ? '-' : '') + down;
}

/** Depth of the subtree under `node` (a leaf has depth 1), as sklearn's `_compute_depth`. */
function subtreeDepth(t: TreeArrays, node: number): number {
  if (t.childrenLeft[node] === TREE_LEAF) return 1;
  return 1 + Math.max(subtreeDepth(t, t.childrenLeft[node]), subtreeDepth(t, t.childrenRight[node]));
}

/** Renders `t`; `classes` for a classifier (leaf lines name the class), null for a regressor. */
export function exportTreeText(where: string, t: TreeArrays, classes: readonly Label[] | null, options: ExportTextOptions): string {
  const o = { ...EXPORT_TEXT_DEFAULTS, ...options };
  checkInt(where, 'maxDepth', o.maxDepth, 0);
  checkInt(where, 'spacing', o.spacing, 1);
  checkInt(where, 'decimals', o.decimals, 0);
  if (o.featureNames !== null && o.featureNames.length !== t.nFeatures) {
    throw new RangeError(`${where}: 'featureNames' must have one name per feature (${t.nFeatures}); received ${o.featureNames.length}`);
  }
  const names = o.featureNames;
  const K = t.valueSize;
  let report = '';

  const addLeaf = (node: number, indent: string): void => {
    let val = '';
    if (o.showWeights || classes === null) {
      const vs: string[] = [];
      for (let c = 0; c < K; c++) vs.push(formatFixed(t.value[node * K + c], o.decimals));
      val = `[${vs.join(', ')}]`;
    }
    if (classes !== null) {
      let best = 0;
      for (let c = 1; c < K; c++) if (t.value[node * K + c] > t.value[node * K + best]) best = c;
      val += ` class: ${String(classes[best])}`;
    }
    if (classes === null) report += `${indent} value: ${val}\n`;
    else if (o.showWeights) report += `${indent} weights: ${val}\n`;
    else report += `${indent}${val}\n`;
  };

  const recurse = (node: number, depth: number): void => {
    const unit = `|${' '.repeat(o.spacing)}`;
    const full = unit.repeat(depth);
    const indent = full.slice(0, full.length - o.spacing) + '-'.repeat(o.spacing);
    if (depth <= o.maxDepth + 1) {
      if (t.childrenLeft[node] !== TREE_LEAF) {
        const f = t.feature[node];
        const name = names === null ? `feature_${f}` : names[f];
        const thr = formatFixed(t.threshold[node], o.decimals);
        report += `${indent} ${name} <= ${thr}\n`;
        recurse(t.childrenLeft[node], depth + 1);
        report += `${indent} ${name} >  ${thr}\n`;
        recurse(t.childrenRight[node], depth + 1);
      } else {
        addLeaf(node, indent);
      }
    } else {
      const sub = subtreeDepth(t, node);
      if (sub === 1) addLeaf(node, indent);
      else report += `${indent} truncated branch of depth ${sub}\n`;
    }
  };
  recurse(0, 1);
  return report;
}
