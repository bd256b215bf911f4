import { expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { Rng } from '../random/rng.js';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ADAM_STEP_KERNEL, adamStep, type AdamStepHyper } from './adam-step.js';
import { adamSimdFunctions } from './adam-simd-wasm.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';

// The software WebGPU adapter is slow to start; the package's project config keeps vitest's 5 s / 10 s defaults.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const SHAPE = [37, 5]; // odd sizes: no loop or vector-width assumptions
const STEPS = 4;

/** Seeded values: parameters N(0, 1), gradients N(0, 0.1) with a few exact zeros and large entries. */
function values(rng: Rng, scale: number): Float32Array {
  const a = rng.fillNormal(new Float32Array(SHAPE[0] * SHAPE[1]), 0, scale);
  a[0] = 0;
  a[1] = 50 * scale;
  return a;
}

const CONFIGS: { name: string; h: Omit<AdamStepHyper, 'step'> }[] = [
  { name: 'Adam', h: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, amsgrad: false } },
  { name: 'Adam L2 decay, amsgrad', h: { lr: 3e-3, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.05, decoupled: false, amsgrad: true } },
  { name: 'AdamW', h: { lr: 3e-4, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, decoupled: true, amsgrad: false } },
  { name: 'AdamW amsgrad, no decay', h: { lr: 1e-2, beta1: 0, beta2: 0.5, eps: 1e-4, weightDecay: 0, decoupled: true, amsgrad: true } },
];

await describeBackends('adamStep: fused kernel = tensor ops', (backend) => {
  const fusedHere = backend === 'cpu' || backend === 'wasm';

  it(`the fused kernel ${fusedHere ? 'runs' : 'is not used'} on ${backend}`, async () => {
    const rng = Rng.from(1);
    const [p, g] = [tf.tensor(values(rng, 1), SHAPE), tf.tensor(values(rng, 0.1), SHAPE)];
    const zeros = tf.zeros(SHAPE);
    const info = await tf.profile(() => {
      const out = adamStep(p, g, zeros, zeros, null, { ...CONFIGS[0].h, step: 1 });
      tf.dispose([out.param, out.expAvg, out.expAvgSq]);
    });
    expect(info.kernels.some((k) => k.name === ADAM_STEP_KERNEL)).toBe(fusedHere);
    tf.dispose([p, g, zeros]);
  });

  if (backend === 'wasm') {
    it('the WebAssembly SIMD loop instantiates on the wasm backend\'s heap', () => {
      const memory = ((tf.backend() as BackendWasm).wasm as unknown as { asm: { memory: WebAssembly.Memory } }).asm.memory;
      expect(memory).toBeInstanceOf(WebAssembly.Memory);
      expect(adamSimdFunctions(memory)).not.toBeNull();
    });
  }

  it('sizes below, at and off a multiple of the 4-float vector agree too', async () => {
    await assertNoLeaks(async () => {
      for (const n of [1, 3, 4, 8, 19]) {
        const rng = Rng.from(n);
        const [p, g, m] = [1, 0.1, 0.01].map((s) => tf.tensor(rng.fillNormal(new Float32Array(n), 0, s)));
        const [v, vMax] = [0, 1].map(() => tf.tensor(rng.fillUniform(new Float32Array(n), 0, 1e-4))); // second moments are >= 0
        const h: AdamStepHyper = { ...CONFIGS[1]!.h, step: 3 };
        const a = adamStep(p!, g!, m!, v!, vMax!, h);
        const b = adamStep(p!, g!, m!, v!, vMax!, h, { fused: false });
        for (const key of ['param', 'expAvg', 'expAvgSq', 'maxExpAvgSq'] as const) {
          await assertClose(a[key]!, await b[key]!.data(), { rtol: 0, atol: 0, label: `n=${n} ${key}` });
        }
        tf.dispose([p!, g!, m!, v!, vMax!, ...Object.values(a), ...Object.values(b)].filter((t): t is tf.Tensor => t !== null));
      }
    }, 'sizes');
  });

  for (const { name, h } of CONFIGS) {
    it(`${name}: ${STEPS} steps give the same parameter and moments`, async () => {
      await assertNoLeaks(async () => {
        const rng = Rng.from(7);
        const init = values(rng, 1);
        const state = (fused: boolean) => ({
          fused,
          p: tf.tensor(init, SHAPE),
          m: tf.zeros(SHAPE),
          v: tf.zeros(SHAPE),
          vMax: h.amsgrad ? tf.zeros(SHAPE) : null,
        });
        const runs = [state(true), state(false)];
        for (let step = 1; step <= STEPS; step++) {
          const g = tf.tensor(values(rng, 0.1), SHAPE);
          for (const r of runs) {
            const out = adamStep(r.p, g, r.m, r.v, r.vMax, { ...h, step }, { fused: r.fused });
            tf.dispose([r.p, r.m, r.v, ...(r.vMax === null ? [] : [r.vMax])]);
            Object.assign(r, { p: out.param, m: out.expAvg, v: out.expAvgSq, vMax: out.maxExpAvgSq });
            expect(out.maxExpAvgSq === null).toBe(!h.amsgrad);
          }
          g.dispose();
        }
        const [fused, plain] = runs as [(typeof runs)[0], (typeof runs)[0]];
        // The same float32 operations in the same order, each correctly rounded: equal to the bit.
        for (const key of ['p', 'm', 'v', 'vMax'] as const) {
          const a = fused[key];
          const b = plain[key];
          if (a === null || b === null) continue;
          await assertClose(a, await b.data(), { rtol: 0, atol: 0, label: `${name} ${key}` });
        }
        // The update moved every parameter with a non-zero gradient.
        const changed = tf.tidy(() => tf.sum(tf.cast(tf.notEqual(fused.p, tf.tensor(init, SHAPE)), 'int32')));
        const moved = await changed.data();
        changed.dispose();
        expect(moved[0]).toBeGreaterThan(SHAPE[0] * SHAPE[1] - 2);
        for (const r of runs) tf.dispose([r.p, r.m, r.v, ...(r.vMax === null ? [] : [r.vMax])]);
      }, name);
    });
  }

  it('AdamW and Adam with parameter groups (own lr, decay, amsgrad) follow the tensor path step by step', async () => {
    await assertNoLeaks(async () => {
      for (const [Opt, decoupled] of [[AdamW, true], [Adam, false]] as const) {
        const rng = Rng.from(3);
        const inits = [values(rng, 1), values(rng, 1)];
        const params = tf.tidy(() => inits.map((v) => tf.variable(tf.tensor(v, SHAPE))));
        const groups = [
          { params: [params[0] as tf.Variable], lr: 1e-2, weightDecay: 0.2, amsgrad: true },
          { params: [params[1] as tf.Variable], lr: 1e-3, weightDecay: 0 },
        ];
        const opt = new Opt(groups, { betas: [0.85, 0.98] });
        const ref = inits.map((v, i) => ({ p: tf.tensor(v, SHAPE), m: tf.zeros(SHAPE), v: tf.zeros(SHAPE), vMax: i === 0 ? tf.zeros(SHAPE) : null }));
        for (let step = 1; step <= STEPS; step++) {
          const grads = inits.map(() => tf.tensor(values(rng, 0.1), SHAPE));
          opt.step({ [params[0]!.name]: grads[0]!, [params[1]!.name]: grads[1]! });
          ref.forEach((r, i) => {
            const g = groups[i]!;
            const h: AdamStepHyper = { lr: g.lr, beta1: 0.85, beta2: 0.98, eps: 1e-8, weightDecay: g.weightDecay, decoupled, amsgrad: i === 0, step };
            const out = adamStep(r.p, grads[i]!, r.m, r.v, r.vMax, h, { fused: false });
            tf.dispose([r.p, r.m, r.v, ...(r.vMax === null ? [] : [r.vMax])]);
            Object.assign(r, { p: out.param, m: out.expAvg, v: out.expAvgSq, vMax: out.maxExpAvgSq });
          });
          tf.dispose(grads);
        }
        for (let i = 0; i < 2; i++) {
          await assertClose(params[i]!, await ref[i]!.p.data(), { rtol: 0, atol: 0, label: `${Opt.name} group ${i}` });
        }
        const saved = opt.stateDict();
        await assertClose(saved.state['0']!.buffers.maxExpAvgSq!, await ref[0]!.vMax!.data(), { rtol: 0, atol: 0, label: `${Opt.name} maxExpAvgSq` });
        expect(saved.state['1']!.buffers.maxExpAvgSq).toBeUndefined();
        for (const s of Object.values(saved.state)) tf.dispose(Object.values(s.buffers));
        for (const r of ref) tf.dispose([r.p, r.m, r.v, ...(r.vMax === null ? [] : [r.vMax])]);
        opt.dispose();
        tf.dispose(params);
      }
    }, 'param groups');
  });
});
