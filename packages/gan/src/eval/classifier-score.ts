/**
 * Classifier-based scores of generated samples from a separately trained classifier's class
 * probabilities p(y|x): confidence (mean max-probability: are the samples recognisable?), class
 * coverage and the entropy of the marginal p(y) (are all classes produced, evenly?), and the
 * Inception-Score-style exp(E_x KL(p(y|x) ‖ p(y))) of Salimans et al., "Improved Techniques for
 * Training GANs" (2016), here with any classifier (not comparable to published Inception Scores).
 */

export interface ClassifierScores {
  /** Mean over samples of max_y p(y|x), in [1/K, 1]. */
  confidence: number;
  /** Fraction of the K classes that are the argmax of at least `minCount` samples. */
  coverage: number;
  /** Entropy (nats) of the marginal p(y) = mean_x p(y|x); log K when all classes are equally frequent. */
  marginalEntropy: number;
  /** exp(mean_x KL(p(y|x) ‖ p(y))), in [1, K]. */
  inceptionScore: number;
}

/**
 * Scores from class probabilities `[N, K]` (rows summing to 1), flat row-major. `minCount`: samples a
 * class needs as argmax to count as covered.
 */
export function classifierScores(probs: ArrayLike<number>, shape: readonly [number, number], minCount = 1): ClassifierScores {
  const where = 'classifierScores';
  const [n, k] = shape;
  if (!(n >= 1 && k >= 1) || probs.length !== n * k) {
    throw new RangeError(`${where}: 'probs' must hold N×K values for shape [N >= 1, K >= 1]; received ${probs.length} values for [${n}, ${k}]`);
  }
  const marginal = new Float64Array(k);
  const counts = new Int32Array(k);
  let confidence = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if ((probs[i * k + j] as number) > (probs[i * k + best] as number)) best = j;
    counts[best] = (counts[best] as number) + 1;
    confidence += probs[i * k + best] as number;
    for (let j = 0; j < k; j++) marginal[j] = (marginal[j] as number) + (probs[i * k + j] as number) / n;
  }
  let marginalEntropy = 0;
  for (const p of marginal) if (p > 0) marginalEntropy -= p * Math.log(p);
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const p = probs[i * k + j] as number;
      if (p > 0) kl += (p * (Math.log(p) - Math.log(marginal[j] as number))) / n;
    }
  }
  return {
    confidence: confidence / n,
    coverage: counts.filter((c) => c >= minCount).length / k,
    marginalEntropy,
    inceptionScore: Math.exp(kl),
  };
}
