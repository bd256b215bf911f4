/**
 * Surprise's `BaselineOnly`: r̂_ui = μ + b_u + b_i (unknown user or item: its bias taken as 0),
 * clipped to the rating scale; biases fitted by ALS or SGD (compute-baselines.ts).
 */
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import { Recommender } from '../serving/recommender.js';
import { computeBaselines, resolveBaselineOptions, type BaselineOptions, type Baselines } from './compute-baselines.js';

export class BaselineOnly extends Recommender {
  protected readonly modelName = 'BaselineOnly';
  private fittedBaselines: Baselines | undefined;
  private itemCount: Int32Array = new Int32Array(0);

  /** @param options Surprise's `bsl_options` (ALS: regI 10, regU 15, nEpochs 10; SGD: lr 0.005, reg 0.02, nEpochs 20). */
  constructor(readonly options: BaselineOptions = {}) {
    super();
  }

  fit(train: InteractionMatrix): this {
    resolveBaselineOptions('BaselineOnly.fit', this.options);
    this.fittedOn = undefined;
    this.fittedBaselines = computeBaselines(train, this.options);
    this.itemCount = train.itemCounts();
    this.fittedOn = train;
    return this;
  }

  /** The fitted μ, b_u and b_i. */
  get baselines(): Baselines {
    void this.trainData;
    return this.fittedBaselines as Baselines;
  }

  predict(user: number, item: number): number {
    this.checkPair('predict', user, item);
    return this.estimate(user, item, this.itemCount[item] > 0);
  }

  private estimate(user: number, item: number, knowsItem: boolean): number {
    const train = this.trainData;
    const b = this.baselines;
    let est = b.globalMean;
    if (train.indptr[user + 1] > train.indptr[user]) est += b.bu[user];
    if (knowsItem) est += b.bi[item];
    const [lo, hi] = train.ratingScale;
    return est < lo ? lo : est > hi ? hi : est;
  }

  scoreItems(user: number, out = new Float64Array(this.trainData.nItems)): Float64Array {
    this.checkPair('scoreItems', user, 0);
    for (let i = 0; i < out.length; i++) out[i] = this.estimate(user, i, this.itemCount[i] > 0);
    return out;
  }
}
