/**
 * Seeded news headlines in four topics (sport, technology, food, politics) for the text-classification
 * tasks (text-classification-tfidf.mjs, text-classification-rnn.mjs). Each headline draws its words
 * from its topic's vocabulary (55 %), from words every topic uses (35 %) and from another topic's
 * vocabulary (10 %), so short headlines are genuinely ambiguous and no single word decides.
 */
import { Rng } from '@ml/core';

export const TOPICS = ['sport', 'technology', 'food', 'politics'];
const VOCABULARY = {
  sport: 'match goal league striker coach season final cup team win defeat stadium fans transfer penalty champions keeper derby title injury'.split(' '),
  technology: 'chip software startup phone app cloud robot data privacy battery launch update code network laptop browser hackers server model'.split(' '),
  food: 'recipe chef restaurant bread cheese menu kitchen wine harvest bakery spicy dessert noodles coffee market vegan dinner taste festival'.split(' '),
  politics: 'minister election vote parliament party policy budget tax law senate campaign debate mayor treaty reform opposition poll cabinet summit'.split(' '),
};
const SHARED = 'new big first report says after year city plan week record team deal top latest local global crowd open show today'.split(' ');

/** `n` headlines and their topics from `seed`. */
export function headlines(n, seed) {
  const rng = new Rng(seed);
  const texts = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    const topic = TOPICS[rng.int(TOPICS.length)];
    const length = 4 + rng.int(8);
    const words = [];
    for (let w = 0; w < length; w++) {
      const u = rng.random();
      const other = TOPICS[rng.int(TOPICS.length)];
      const list = u < 0.55 ? VOCABULARY[topic] : u < 0.9 ? SHARED : VOCABULARY[other];
      words.push(list[rng.int(list.length)]);
    }
    texts.push(words.join(' '));
    labels.push(topic);
  }
  return { texts, labels };
}
