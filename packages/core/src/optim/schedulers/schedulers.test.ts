import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../../backend/set-backend.js';
import { assertClose } from '../../testing/index.js';
import {
  CosineAnnealingLR,
  ExponentialLR,
  getCosineScheduleWithWarmup,
  getLinearScheduleWithWarmup,
  LambdaLR,
  SGD,
  StepLR,
  type LRScheduler,
  type SchedulableOptimizer,
} from '../index.js';
import fixture from '../__fixtures__/optim.json';

interface SchedCase {
  scheduler: string;
  options: Record<string, number>;
  baseLrs: number[];
  lrs: number[][];
}
const cases = (fixture as unknown as { schedulers: SchedCase[] }).schedulers;

// Fixture options are checked at run time by the constructors themselves.
const MAKERS: Record<string, (opt: SchedulableOptimizer, o: never) => LRScheduler> = {
  StepLR: (opt, o) => new StepLR(opt, o),
  ExponentialLR: (opt, o) => new ExponentialLR(opt, o),
  CosineAnnealingLR: (opt, o) => new CosineAnnealingLR(opt, o),
  getLinearScheduleWithWarmup: (opt, o) => getLinearScheduleWithWarmup(opt, o),
  getCosineScheduleWithWarmup: (opt, o) => getCosineScheduleWithWarmup(opt, o),
};

const groups = (lrs: number[]): SchedulableOptimizer => ({ paramGroups: lrs.map((lr) => ({ lr })) });

describe('LR schedules match PyTorch 1.13 / Hugging Face', () => {
  for (const c of cases) {
    it(`${c.scheduler} ${JSON.stringify(c.options)}`, async () => {
      const opt = groups(c.baseLrs);
      const sched = MAKERS[c.scheduler](opt, c.options as never);
      for (let s = 0; s < c.lrs.length; s++) {
        await assertClose(sched.getLr(), c.lrs[s], { rtol: 1e-12, atol: 1e-15, label: `step ${s}` });
        await assertClose(opt.paramGroups.map((g) => g.lr), c.lrs[s], { rtol: 1e-12, atol: 1e-15, label: `group lr step ${s}` });
        sched.step();
      }
    });
  }

  it('resumes from stateDict onto a fresh optimizer', () => {
    const a = groups([0.1, 0.03]);
    const sa = getCosineScheduleWithWarmup(a, { numWarmupSteps: 3, numTrainingSteps: 12 });
    for (let i = 0; i < 5; i++) sa.step();
    const saved = JSON.parse(JSON.stringify(sa.stateDict())) as ReturnType<LRScheduler['stateDict']>;
    for (let i = 0; i < 4; i++) sa.step();

    const b = groups([0.1, 0.03]);
    const sb = getCosineScheduleWithWarmup(b, { numWarmupSteps: 3, numTrainingSteps: 12 });
    sb.loadStateDict(saved);
    expect(sb.lastEpoch).toBe(5);
    for (let i = 0; i < 4; i++) sb.step();
    expect(sb.getLr()).toEqual(sa.getLr());
    expect(b.paramGroups.map((g) => g.lr)).toEqual(a.paramGroups.map((g) => g.lr));
  });

  it('checks its arguments', () => {
    const opt = groups([0.1]);
    expect(() => new StepLR(opt, { stepSize: 0 })).toThrow(/StepLR: 'stepSize' must be a positive integer; received 0/);
    expect(() => new ExponentialLR(opt, { gamma: -1 })).toThrow(/ExponentialLR: 'gamma' must be a finite number >= 0; received -1/);
    expect(() => new CosineAnnealingLR(opt, { tMax: 2.5 })).toThrow(/'tMax' must be a positive integer; received 2.5/);
    expect(() => getLinearScheduleWithWarmup(opt, { numWarmupSteps: -1, numTrainingSteps: 10 })).toThrow(/'numWarmupSteps' must be a non-negative integer; received -1/);
    expect(() => new LambdaLR(groups([0.1, 0.2]), [() => 1])).toThrow(/'lrLambda' must be a function or 2 functions/);
    const sched = new StepLR(opt, { stepSize: 2 });
    expect(() => sched.loadStateDict({ lastEpoch: 1, baseLrs: [0.1, 0.2] })).toThrow(/'dict.baseLrs' must hold 1 numbers/);
  });
});

describe('schedulers drive a real optimizer', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  }, 120_000);

  it('writes each lr into the SGD parameter groups and the updates use it', async () => {
    const p = tf.variable(tf.scalar(1));
    const q = tf.variable(tf.scalar(1));
    const opt = new SGD([{ params: [p] }, { params: [q], lr: 0.5 }], { lr: 1 });
    const sched = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
    const g = { [p.name]: tf.scalar(1), [q.name]: tf.scalar(1) };
    opt.step(g); // lr 1 and 0.5
    sched.step();
    opt.step(g); // lr 0.5 and 0.25
    await assertClose(p, 1 - 1 - 0.5);
    await assertClose(q, 1 - 0.5 - 0.25);
    expect(opt.stateDict().paramGroups.map((x) => x.lr)).toEqual([0.5, 0.25]);
    opt.dispose();
    tf.dispose([p, q, ...Object.values(g)]);
  });
});
