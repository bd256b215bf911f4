/**
 * A seeded synthetic sentiment task that needs word order (internal: used by the tests and the
 * examples). Each text is filler words with one adjective and the word "not": "not good" flips the
 * polarity, while "not" elsewhere (after the adjective: "good … not") does not. Both classes hold the
 * same bag of words, so a bag-of-words model stays near chance; a model that sees "not" right before
 * the adjective gets it right.
 */
import { Rng } from '@ml/core';

const POSITIVE = ['good', 'great', 'fine', 'nice', 'superb'];
const NEGATIVE = ['bad', 'awful', 'poor', 'dull', 'terrible'];
const FILLERS = Array.from({ length: 40 }, (_, i) => `w${i}`);

/** `n` texts and their labels ('pos' or 'neg'), reproducible from `seed`. */
export function wordOrderTask(n: number, seed: number): { texts: string[]; labels: ('pos' | 'neg')[] } {
  const rng = new Rng(seed);
  const texts: string[] = [];
  const labels: ('pos' | 'neg')[] = [];
  for (let i = 0; i < n; i++) {
    const positive = rng.random() < 0.5;
    const negated = rng.random() < 0.5;
    const adjectives = positive ? POSITIVE : NEGATIVE;
    const words = Array.from({ length: 5 + rng.int(8) }, () => FILLERS[rng.int(FILLERS.length)]);
    const at = rng.int(words.length + 1);
    if (negated) words.splice(at, 0, 'not', adjectives[rng.int(adjectives.length)]);
    else {
      words.splice(at, 0, adjectives[rng.int(adjectives.length)]);
      words.splice(at + 1 + rng.int(words.length - at), 0, 'not'); // somewhere after the adjective, never right before it
    }
    texts.push(words.join(' '));
    labels.push(positive !== negated ? 'pos' : 'neg');
  }
  return { texts, labels };
}
