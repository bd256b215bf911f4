/** Runs the batch top-k of a fitted model against held-out interactions and computes the ranking metrics. */
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import type { Recommender } from '../serving/recommender.js';
import { catalogCoverage } from './catalog-coverage.js';
import { hitRateAtK } from './hit-rate-at-k.js';
import { mapAtK } from './map-at-k.js';
import { ndcgAtK } from './ndcg-at-k.js';
import { popularityBias } from './popularity-bias.js';
import { precisionAtK } from './precision-at-k.js';
import { recallAtK } from './recall-at-k.js';

/** The ranking metrics at one k. */
export interface RankingReport {
  k: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  popularity: number;
}

/**
 * Recommends k items per user (training items excluded) and scores the lists against `test`
 * (relevant = every held-out item of the user, or only those with value ≥ `relevantThreshold`).
 */
export function evaluateRanking(model: Recommender, test: InteractionMatrix, k = 10, relevantThreshold = -Infinity): RankingReport {
  const train = model.trainData;
  const batch = model.recommendAll(k);
  const recommended: Int32Array[] = [];
  const relevant: number[][] = [];
  for (let u = 0; u < train.nUsers; u++) {
    recommended.push(batch.items.subarray(u * k, (u + 1) * k));
    const rel: number[] = [];
    if (u < test.nUsers) for (let e = test.indptr[u]; e < test.indptr[u + 1]; e++) if (test.values[e] >= relevantThreshold) rel.push(test.indices[e]);
    relevant.push(rel);
  }
  return {
    k,
    precision: precisionAtK(recommended, relevant, k),
    recall: recallAtK(recommended, relevant, k),
    ndcg: ndcgAtK(recommended, relevant, k),
    map: mapAtK(recommended, relevant, k),
    hitRate: hitRateAtK(recommended, relevant, k),
    coverage: catalogCoverage(recommended, train.nItems, k),
    popularity: popularityBias(recommended, train.itemCounts(), k),
  };
}
