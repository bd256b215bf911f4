import { describe, expect, it } from 'vitest';
import { applyRepetitionPenalty, argmax, banRepeatedNgrams, logSoftmax, softmax, topKFilter, topPFilter } from './logits-processors.js';

describe('logits processors (Hugging Face semantics)', () => {
  it('repetition penalty divides positive and multiplies negative logits of seen tokens', () => {
    const l = Float32Array.from([2, -2, 1, 4]);
    applyRepetitionPenalty(l, [0, 1, 0], 2);
    expect(Array.from(l)).toEqual([1, -4, 1, 4]);
  });

  it('bans tokens that would repeat an n-gram', () => {
    const l = new Float32Array(5);
    banRepeatedNgrams(l, [1, 2, 3, 1, 2], 3); // "1 2" was followed by 3
    expect(Array.from(l)).toEqual([0, 0, 0, -Infinity, 0]);
    const m = new Float32Array(5);
    banRepeatedNgrams(m, [4, 4], 2); // "4" was followed by 4
    expect(m[4]).toBe(-Infinity);
  });

  it('top-k keeps the k largest, ties included', () => {
    const l = Float32Array.from([1, 5, 3, 5, 2]);
    topKFilter(l, 2);
    expect(Array.from(l)).toEqual([-Infinity, 5, -Infinity, 5, -Infinity]);
  });

  it('top-p keeps the smallest set reaching p', () => {
    const probs = [0.5, 0.3, 0.15, 0.05];
    const l = Float32Array.from(probs.map(Math.log));
    topPFilter(l, 0.8); // 0.5 + 0.3 reaches 0.8
    expect(l[2]).toBe(-Infinity);
    expect(l[3]).toBe(-Infinity);
    expect(Number.isFinite(l[1])).toBe(true);
    const one = Float32Array.from(probs.map(Math.log));
    topPFilter(one, 0.1); // at least one token
    expect(Array.from(one).filter(Number.isFinite).length).toBe(1);
  });

  it('softmax, logSoftmax and argmax', () => {
    const p = softmax(Float32Array.from([0, Math.log(3), -Infinity]));
    expect(p[0]).toBeCloseTo(0.25, 7);
    expect(p[1]).toBeCloseTo(0.75, 7);
    expect(p[2]).toBe(0);
    expect(Math.exp(logSoftmax(Float32Array.from([1, 1]))[0] as number)).toBeCloseTo(0.5, 7);
    expect(argmax([1, 3, 3, 2])).toBe(1);
  });
});
