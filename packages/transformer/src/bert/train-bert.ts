/**
 * The training loop shared by MLM pretraining and fine-tuning, with Hugging Face Trainer's recipe:
 * AdamW (Loshchilov & Hutter 2019) with weight decay on every weight except biases and LayerNorm
 * weights, linear warmup then linear decay of the learning rate to 0
 * (`get_linear_schedule_with_warmup`), gradient clipping at a global norm. Frozen parameters
 * (`Module.freeze()`) get no gradient and are left unchanged.
 * @see https://huggingface.co/docs/transformers/main_classes/trainer
 */
import { tf, Rng, type SeedLike } from '@ml/core';
import type { AnyModule } from '@ml/core/nn';
import { AdamW, clipGradNorm, getLinearScheduleWithWarmup, paramGroupsNoDecay } from '@ml/core/optim';

export interface TrainStepInfo {
  /** Optimizer steps taken, from 1. */
  step: number;
  /** Epoch of this step, from 0. */
  epoch: number;
  /** The batch loss. */
  loss: number;
  /** The learning rate used for this step. */
  lr: number;
}

export interface BertTrainOptions {
  /** Passes over the data. @default 1 */
  epochs?: number;
  /** Examples per step. @default 32 */
  batchSize?: number;
  /** Peak learning rate. @default 5e-5 */
  lr?: number;
  /** Steps of linear warmup from 0 to `lr`; then linear decay to 0 at the last step. @default 0 */
  warmupSteps?: number;
  /** AdamW decoupled weight decay (not applied to biases and LayerNorm weights). @default 0.01 */
  weightDecay?: number;
  /** Clip the global gradient norm to this; null to skip. @default 1 */
  maxGradNorm?: number | null;
  /** Seed for shuffling, masking and dropout order. @default 0 */
  seed?: SeedLike;
  /** Called after every step (awaited). @default undefined */
  onStep?: (info: TrainStepInfo) => void | Promise<void>;
}

export const BERT_TRAIN_DEFAULTS = {
  epochs: 1,
  batchSize: 32,
  lr: 5e-5,
  warmupSteps: 0,
  weightDecay: 0.01,
  maxGradNorm: 1,
  seed: 0,
} as const satisfies Omit<Required<BertTrainOptions>, 'onStep'>;

/** Hugging Face's exclusion list (`["bias", "LayerNorm.weight"]`) in our names: biases and LayerNorm weights get no decay. */
export function bertNoDecay(name: string): boolean {
  return name.endsWith('bias') || /(^|\.)layerNorm\.weight$/.test(name);
}

export interface TrainResult {
  /** The loss of every step. */
  losses: number[];
}

/**
 * Runs `epochs` passes over `n` examples in shuffled batches; `batchLoss(indices, rng)` prepares a batch and
 * returns a function computing its scalar loss (run on the tape inside the step's tidy), or null to
 * skip the batch (no example to learn from). Puts the
 * model in training mode, and back in eval mode at the end.
 */
export async function trainLoop(
  model: AnyModule,
  n: number,
  batchLoss: (indices: number[], rng: Rng) => (() => tf.Scalar) | null,
  options: BertTrainOptions,
  where: string,
): Promise<TrainResult> {
  const o = { ...BERT_TRAIN_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<BertTrainOptions, 'onStep'>> & BertTrainOptions;
  for (const key of ['epochs', 'batchSize'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`${where}: '${key}' must be a positive integer; received ${JSON.stringify(o[key])}`);
  }
  if (!(o.lr > 0)) throw new RangeError(`${where}: 'lr' must be a number > 0; received ${JSON.stringify(o.lr)}`);
  if (o.maxGradNorm !== null && !(o.maxGradNorm > 0)) throw new RangeError(`${where}: 'maxGradNorm' must be a number > 0 or null; received ${JSON.stringify(o.maxGradNorm)}`);
  if (n < 1) throw new RangeError(`${where}: the training data must hold at least one example; received ${n}`);
  const perEpoch = Math.ceil(n / o.batchSize);
  const total = perEpoch * o.epochs;
  if (!Number.isInteger(o.warmupSteps) || o.warmupSteps < 0 || o.warmupSteps > total) {
    throw new RangeError(`${where}: 'warmupSteps' must be an integer in [0, ${total}] (the number of steps); received ${JSON.stringify(o.warmupSteps)}`);
  }
  const trainable = model.namedParameters().filter(([, p]) => p.trainable);
  if (trainable.length === 0) throw new Error(`${where}: every parameter of the model is frozen; unfreeze some before training`);
  const opt = new AdamW(paramGroupsNoDecay(trainable, { weightDecay: o.weightDecay, noDecay: bertNoDecay }), { lr: o.lr, weightDecay: o.weightDecay });
  const schedule = getLinearScheduleWithWarmup(opt, { numWarmupSteps: o.warmupSteps, numTrainingSteps: total });
  const rng = Rng.from(o.seed);
  const losses: number[] = [];
  model.train();
  try {
    let step = 0;
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = Array.from(rng.permutation(n));
      for (let b = 0; b < perEpoch; b++) {
        const indices = order.slice(b * o.batchSize, (b + 1) * o.batchSize);
        const lr = opt.paramGroups[0]?.lr ?? o.lr;
        const lossFn = batchLoss(indices, rng);
        const loss =
          lossFn === null
            ? null
            : tf.tidy(() => {
                const { value, grads } = tf.variableGrads(lossFn);
                opt.step(o.maxGradNorm === null ? grads : clipGradNorm(grads, o.maxGradNorm).grads);
                return value;
              });
        schedule.step();
        step++;
        if (loss === null) continue;
        const v = (await loss.data())[0] as number;
        loss.dispose();
        losses.push(v);
        if (o.onStep !== undefined) await o.onStep({ step, epoch, loss: v, lr });
      }
    }
  } finally {
    model.eval();
    opt.dispose();
  }
  return { losses };
}

/** Right-pads `rows` with `pad` to the longest; returns the rows and the attention mask (1 real, 0 pad). */
export function padBatch(rows: readonly (readonly number[])[], pad: number): { ids: number[][]; mask: number[][] } {
  const t = Math.max(...rows.map((r) => r.length));
  return {
    ids: rows.map((r) => [...r, ...new Array<number>(t - r.length).fill(pad)]),
    mask: rows.map((r) => [...new Array<number>(r.length).fill(1), ...new Array<number>(t - r.length).fill(0)]),
  };
}
