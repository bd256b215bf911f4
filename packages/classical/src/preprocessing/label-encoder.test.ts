import { describe, expect, it } from 'vitest';
import { NotFittedError } from '../base/not-fitted-error.js';
import { LabelEncoder } from './label-encoder.js';
import fixture from './__fixtures__/preprocessing.json';

const { label } = fixture.encoders;

describe('LabelEncoder equals scikit-learn 1.2', () => {
  it('sorts string labels by code unit and encodes them', () => {
    const m = new LabelEncoder().fit(['paris', 'tokyo', 'amsterdam', 'paris', 'Zurich']);
    expect(m.classes).toEqual(label.strings.classes);
    expect(m.transform(['tokyo', 'Zurich', 'paris'])).toEqual(label.strings.transform);
    expect(m.inverseTransform(label.strings.transform)).toEqual(['tokyo', 'Zurich', 'paris']);
  });

  it('sorts numeric labels ascending', () => {
    const m = new LabelEncoder();
    expect(m.fitTransform([3, -1, 10, 3, 2.5])).toEqual([2, 0, 3, 2, 1]);
    expect(m.classes).toEqual(label.numbers.classes);
    expect(m.transform([10, -1, 2.5])).toEqual(label.numbers.transform);
  });

  it('errors name the value, and JSON round-trips', () => {
    expect(() => new LabelEncoder().transform(['a'])).toThrow(NotFittedError);
    const m = new LabelEncoder().fit(['b', 'a']);
    expect(() => m.transform(['a', 'zebra'])).toThrow(/previously unseen label "zebra" \(y\[1\]\); the classes are \["a","b"\]/);
    expect(() => m.inverseTransform([0, 2])).toThrow(/'codes\[1\]' must be an integer in \[0, 1\]; received 2/);
    expect(() => new LabelEncoder().fit(['a', 1 as unknown as string])).toThrow(/labels of one kind/);
    expect(() => new LabelEncoder().fit([])).toThrow(/at least one label/);
    const back = LabelEncoder.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.transform(['b', 'a'])).toEqual([1, 0]);
    expect(() => LabelEncoder.fromJSON({ format: 'ml-classical/label-encoder', version: 1, fitted: { classes: ['b', 'a'] } })).toThrow(/sorted distinct/);
  });
});
