/**
 * Label encoding with scikit-learn 1.2's semantics (`sklearn.preprocessing.LabelEncoder`): each
 * label becomes its index among the sorted distinct labels (numbers ascending, strings by UTF-16
 * code unit, as `np.unique`). Labels are numbers or strings, one kind per encoder.
 */
import { checkFormat } from '../base/check-params.js';
import { checkLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';

/** The JSON written by `LabelEncoder.toJSON()`. */
export interface LabelEncoderJSON {
  format: string;
  version: number;
  fitted: { classes: Label[] } | null;
}

const FORMAT = 'ml-classical/label-encoder';
const VERSION = 1;

export class LabelEncoder {
  private fitted: { classes: Label[]; index: Map<Label, number> } | undefined;

  /** Records the sorted distinct labels of `y`; returns `this`. */
  fit(y: readonly Label[]): this {
    const where = 'LabelEncoder.fit';
    checkLabels(where, y);
    if (y.length === 0) throw new RangeError(`${where}: 'y' must hold at least one label; received an empty array`);
    this.setClasses(uniqueLabels(y));
    return this;
  }

  /** Index of each label in `classes`; throws naming the first label not seen in fit. */
  transform(y: readonly Label[]): number[] {
    const where = 'LabelEncoder.transform';
    const f = this.state('transform');
    checkLabels(where, y);
    return y.map((v, i) => {
      const k = f.index.get(v);
      if (k === undefined) throw new RangeError(`${where}: 'y' contains the previously unseen label ${JSON.stringify(v)} (y[${i}]); the classes are ${JSON.stringify(f.classes)}`);
      return k;
    });
  }

  /** Fits, then returns `transform(y)` (sklearn `fit_transform`). */
  fitTransform(y: readonly Label[]): number[] {
    return this.fit(y).transform(y);
  }

  /** The labels at the given class indices. */
  inverseTransform(codes: readonly number[]): Label[] {
    const where = 'LabelEncoder.inverseTransform';
    const f = this.state('inverseTransform');
    if (!Array.isArray(codes)) throw new TypeError(`${where}: 'codes' must be an array of class indices; received ${typeof codes}`);
    return codes.map((c, i) => {
      if (!Number.isInteger(c) || c < 0 || c >= f.classes.length) {
        throw new RangeError(`${where}: 'codes[${i}]' must be an integer in [0, ${f.classes.length - 1}]; received ${JSON.stringify(c) ?? String(c)}`);
      }
      return f.classes[c];
    });
  }

  /** The sorted distinct labels seen in fit (sklearn `classes_`). */
  get classes(): Label[] {
    return [...this.state('classes').classes];
  }

  /** Versioned JSON of the fitted classes (`LabelEncoder.fromJSON` reads it back). */
  toJSON(): LabelEncoderJSON {
    return { format: FORMAT, version: VERSION, fitted: this.fitted === undefined ? null : { classes: [...this.fitted.classes] } };
  }

  /** Rebuilds an encoder from `toJSON()` output. */
  static fromJSON(json: unknown): LabelEncoder {
    const where = 'LabelEncoder.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as LabelEncoderJSON;
    const model = new LabelEncoder();
    if (o.fitted !== null) {
      const { classes } = o.fitted;
      checkLabels(where, classes);
      const sorted = uniqueLabels(classes);
      if (sorted.length !== classes.length || sorted.some((c, i) => c !== classes[i])) {
        throw new RangeError(`${where}: 'fitted.classes' must be sorted distinct labels; received ${JSON.stringify(classes)}`);
      }
      model.setClasses(sorted);
    }
    return model;
  }

  private setClasses(classes: Label[]): void {
    this.fitted = { classes, index: new Map(classes.map((c, i) => [c, i])) };
  }

  private state(what: string): { classes: Label[]; index: Map<Label, number> } {
    if (this.fitted === undefined) throw new NotFittedError('LabelEncoder', what);
    return this.fitted;
  }
}
