import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '@ml/core';
import { NotFittedError } from '../base/not-fitted-error.js';
import type { Label } from '../base/matrix-input.js';
import { OneHotEncoder, ONE_HOT_ENCODER_DEFAULTS } from './one-hot-encoder.js';
import fixture from './__fixtures__/preprocessing.json';

const { X, XTest, XUnknown, oneHot } = fixture.encoders as unknown as {
  X: Label[][]; XTest: Label[][]; XUnknown: Label[][];
  oneHot: { params: { drop?: 'first'; handle_unknown?: 'ignore' }; categories: Label[][]; featureNames: string[]; featureNamesCustom: string[]; transform: number[][]; inverse: Label[][]; unknown?: number[][] }[];
};

describe('OneHotEncoder equals scikit-learn 1.2', () => {
  for (const c of oneHot) {
    it(JSON.stringify(c.params), () => {
      const params = { drop: c.params.drop ?? null, handleUnknown: c.params.handle_unknown ?? 'error' } as const;
      const dense = new OneHotEncoder({ ...params, sparseOutput: false });
      expect(dense.fit(X)).toBe(dense);
      expect(dense.categories).toEqual(c.categories);
      expect(dense.getFeatureNamesOut()).toEqual(c.featureNames);
      expect(dense.getFeatureNamesOut(['color', 'size', 'fit'])).toEqual(c.featureNamesCustom);
      expect(dense.transform(XTest)).toEqual(c.transform);
      expect(dense.inverseTransform(c.transform)).toEqual(c.inverse);
      const sparse = new OneHotEncoder(params).fit(X);
      const csr = sparse.transform(XTest);
      expect(csr).toBeInstanceOf(CsrMatrix);
      expect(csr.toArray()).toEqual(c.transform);
      expect(sparse.inverseTransform(csr)).toEqual(c.inverse);
      if (c.unknown !== undefined) expect(dense.transform(XUnknown)).toEqual(c.unknown);
    });
  }

  it('has sklearn defaults, errors and a JSON round trip', () => {
    expect(ONE_HOT_ENCODER_DEFAULTS).toEqual({ categories: 'auto', drop: null, handleUnknown: 'error', sparseOutput: true });
    expect(() => new OneHotEncoder().transform(XTest)).toThrow(NotFittedError);
    const m = new OneHotEncoder({ sparseOutput: false }).fit(X);
    expect(() => m.transform(XUnknown)).toThrow(/'X\[0\]\[0\]' is "purple", a category unseen in fit for column 0 \(known: \["blue","green","red"\]\)/);
    expect(() => m.transform([['red', 1]])).toThrow(/must have 3 columns, as in fit; received 2/);
    expect(() => m.fit([['a', 1], [2, 1]])).toThrow(/column 0 must hold one kind of value/);
    expect(() => m.fit([['a', NaN]])).toThrow(/'X\[0\]\[1\]' must be a finite number or a string; received NaN/);
    expect(() => m.inverseTransform([[0, 0, 0, 1, 0, 0, 0, 0, 0, 1]])).toThrow(/row 0 has no active category for feature 0/);
    expect(() => new OneHotEncoder({ handleUnknown: 'skip' as 'ignore' }).fit(X)).toThrow(/'handleUnknown' must be one of 'error', 'ignore'; received "skip"/);
    expect(() => new OneHotEncoder({ drop: 'last' as 'first' }).fit(X)).toThrow(/'drop' must be null or 'first'; received "last"/);
    expect(() => m.getFeatureNamesOut(['a'])).toThrow(/'inputFeatures' must be 3 strings/);
    const back = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.transform(XTest)).toEqual(m.transform(XTest));
  });
});
