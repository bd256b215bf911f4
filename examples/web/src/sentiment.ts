/**
 * Sentiment: logistic regression (@ml/classical) on TF-IDF word 1–2-grams (@ml/text), trained in the
 * page on review clauses generated from a seeded template ("the plot was not very good", "honestly
 * the food is great"). Negation is marked the classic way (Das & Chen 2001; Pang et al. 2002): every
 * word after not/never/hardly/no/…n't up to the next punctuation or "but" gets a `not_` prefix, so
 * "not very good" becomes "not not_very not_good". It knows only the template's adjectives: a
 * sentence with none of them is reported as unknown, not guessed.
 */
import { Rng } from '@ml/core';
import { LogisticRegression } from '@ml/classical';
import { TfidfVectorizer } from '@ml/text';

export const POSITIVE = ['good', 'great', 'excellent', 'wonderful', 'fun', 'moving', 'brilliant', 'enjoyable', 'amazing', 'beautiful', 'clever', 'delightful', 'helpful', 'fantastic', 'perfect', 'useful'];
export const NEGATIVE = ['bad', 'awful', 'boring', 'dull', 'terrible', 'weak', 'messy', 'forgettable', 'poor', 'disappointing', 'slow', 'ugly', 'useless', 'confusing', 'broken', 'horrible'];
const SUBJECTS = ['the movie', 'the plot', 'the acting', 'this film', 'the book', 'the story', 'the food', 'the service', 'the product', 'this video', 'the music', 'the ending', 'the article', 'the app', 'it', 'everything'];
const VERBS = ['was', 'is', 'felt', 'seemed', 'looks', 'sounds'];
const OPENERS = ['', '', '', 'honestly', 'overall', 'i think', 'to be fair', 'in the end', 'really'];
const NEGATIONS = ['not', 'never', 'not at all', 'hardly'];
const ADVERBS = ['', '', '', 'very', 'really', 'quite', 'so'];

export const SENTIMENT_SETUP = { train: 2000, test: 500, seed: 11 } as const;

function pick<T>(rng: Rng, list: readonly T[]): T {
  const item = list[rng.int(list.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}

/** `n` generated review clauses and their labels (1 positive, 0 negative). */
export function generateReviews(n: number, seed: number): { texts: string[]; labels: number[] } {
  const rng = new Rng(seed);
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const positive = rng.random() < 0.5;
    const negated = rng.random() < 0.35;
    const words = [pick(rng, OPENERS), pick(rng, SUBJECTS), pick(rng, VERBS), negated ? pick(rng, NEGATIONS) : '', pick(rng, ADVERBS), pick(rng, positive ? POSITIVE : NEGATIVE)];
    texts.push(words.filter(Boolean).join(' '));
    labels.push(positive !== negated ? 1 : 0);
  }
  return { texts, labels };
}

const NEGATORS = new Set(['not', 'never', 'hardly', 'no', 'nothing', 'neither', 'nor', 'without']);

/** Lower-cased words with the words in a negation's scope prefixed by `not_` (see the file header). */
export function markNegation(text: string): string {
  const out: string[] = [];
  let negated = false;
  for (const m of text.toLowerCase().matchAll(/[a-z']+|[.,;:!?]/g)) {
    const w = m[0];
    if (/^[.,;:!?]$/.test(w) || w === 'but') {
      negated = false;
      if (w === 'but') out.push(w);
      continue;
    }
    out.push(negated ? `not_${w}` : w);
    if (NEGATORS.has(w) || w.endsWith("n't")) negated = true;
  }
  return out.join(' ');
}

export interface SentenceSentiment {
  sentence: string;
  /** P(positive), or null when the sentence holds none of the known sentiment words. */
  positive: number | null;
}

export class SentimentModel {
  readonly vectorizer = new TfidfVectorizer({ ngramRange: [1, 2] });
  readonly model = new LogisticRegression({ C: 10, maxIter: 200 });
  readonly known = new Set([...POSITIVE, ...NEGATIVE]);
  /** Accuracy on SENTIMENT_SETUP.test held-out generated clauses, measured after training. */
  heldOutAccuracy = NaN;
  trainMs = NaN;

  /** Trains on generated clauses and measures the held-out accuracy. */
  static train(): SentimentModel {
    const m = new SentimentModel();
    const t0 = performance.now();
    const train = generateReviews(SENTIMENT_SETUP.train, SENTIMENT_SETUP.seed);
    m.model.fit(m.vectorizer.fitTransform(train.texts.map(markNegation)), train.labels);
    m.trainMs = performance.now() - t0;
    const test = generateReviews(SENTIMENT_SETUP.test, SENTIMENT_SETUP.seed + 1);
    m.heldOutAccuracy = m.model.score(m.vectorizer.transform(test.texts.map(markNegation)), test.labels);
    return m;
  }

  /** Per-sentence P(positive) (null for sentences without a known sentiment word). */
  score(sentences: readonly string[]): SentenceSentiment[] {
    const words = (s: string): string[] => s.toLowerCase().match(/[a-z']+/g) ?? [];
    const scored = sentences.filter((s) => words(s).some((w) => this.known.has(w)));
    const probs = scored.length > 0 ? this.model.predictProba(this.vectorizer.transform(scored.map(markNegation))) : [];
    let k = 0;
    return sentences.map((sentence) => {
      if (!words(sentence).some((w) => this.known.has(w))) return { sentence, positive: null };
      // Classes are sorted, [0, 1]: column 1 is P(positive).
      const p = probs[k++];
      return { sentence, positive: p?.[1] ?? null };
    });
  }
}
