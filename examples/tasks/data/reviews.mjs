/**
 * Seeded short movie reviews for the sentiment tasks (rnn-sentiment.mjs, text-classification-cnn.mjs):
 * clauses such as "the plot was not good", "honestly the acting is great", and contrasts "the music
 * was great but the ending was awful" whose label is the clause after "but". Negation and "but" make
 * word order matter, so a lexicon count (`lexiconAccuracy`, printed for scale) cannot read them.
 */
import { Rng } from '@ml/core';

export const POSITIVE = ['good', 'great', 'excellent', 'wonderful', 'fun', 'moving', 'brilliant', 'enjoyable'];
export const NEGATIVE = ['bad', 'awful', 'boring', 'dull', 'terrible', 'weak', 'messy', 'forgettable'];
const SUBJECTS = ['the movie', 'the plot', 'the acting', 'this film', 'the soundtrack', 'the ending', 'the dialogue', 'the cast'];
const VERBS = ['was', 'is', 'felt', 'seemed'];
const OPENERS = ['', '', 'honestly', 'overall', 'i think', 'to be fair', 'in the end'];

function clause(rng) {
  const positive = rng.random() < 0.5;
  const negated = rng.random() < 0.35;
  const adjective = (positive ? POSITIVE : NEGATIVE)[rng.int(8)];
  const words = [SUBJECTS[rng.int(SUBJECTS.length)], VERBS[rng.int(VERBS.length)], ...(negated ? ['not'] : []), adjective];
  return { text: words.join(' '), positive: positive !== negated };
}

/** `n` reviews and their labels ('positive' | 'negative') from `seed`. */
export function reviews(n, seed) {
  const rng = new Rng(seed);
  const texts = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    const opener = OPENERS[rng.int(OPENERS.length)];
    const first = clause(rng);
    let text = first.text;
    let positive = first.positive;
    if (rng.random() < 0.4) {
      const second = clause(rng);
      text = `${first.text} but ${second.text}`;
      positive = second.positive;
    }
    texts.push(`${opener} ${text}${rng.random() < 0.5 ? '.' : '!'}`.trim());
    labels.push(positive ? 'positive' : 'negative');
  }
  return { texts, labels };
}

/** Accuracy of counting positive minus negative words (no word order), for scale. */
export function lexiconAccuracy({ texts, labels }) {
  const predicted = texts.map((t) => {
    const words = t.replace(/[.!]/g, '').split(' ');
    const score = words.filter((w) => POSITIVE.includes(w)).length - words.filter((w) => NEGATIVE.includes(w)).length;
    return score >= 0 ? 'positive' : 'negative';
  });
  return predicted.filter((p, i) => p === labels[i]).length / labels.length;
}
