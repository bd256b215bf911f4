import { describe, expect, it } from 'vitest';
import { SENTIMENT_SETUP, SentimentModel, generateReviews, markNegation } from './sentiment.js';

describe('sentiment', () => {
  it('marks the words in a negation scope', () => {
    expect(markNegation("The plot was NOT very good, but the cast wasn't bad!")).toBe('the plot was not not_very not_good but the cast wasn\'t not_bad');
    expect(markNegation('never boring. great')).toBe('never not_boring great');
  });

  it('generates the same reviews for a seed', () => {
    expect(generateReviews(5, 3)).toEqual(generateReviews(5, 3));
    expect(generateReviews(5, 3).texts).not.toEqual(generateReviews(5, 4).texts);
  });

  it('learns negation: held-out accuracy above 95%, sentences scored the right way', () => {
    const model = SentimentModel.train();
    expect(model.heldOutAccuracy).toBeGreaterThan(0.95);
    const [pos, neg, negated, unknown] = model.score(['The tutorial was great.', 'The audio was boring.', 'The ending was not very good.', 'We filmed on Tuesday.']);
    expect(pos?.positive).toBeGreaterThan(0.5);
    expect(neg?.positive).toBeLessThan(0.5);
    expect(negated?.positive).toBeLessThan(0.5);
    expect(unknown?.positive).toBeNull();
    expect(SENTIMENT_SETUP.train).toBeGreaterThan(SENTIMENT_SETUP.test);
  });
});
