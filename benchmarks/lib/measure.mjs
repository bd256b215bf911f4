/**
 * The timing protocol every workload follows (the Python peer's `python/peer_common.py` mirrors it):
 *
 * 1. first call: one call timed on its own (includes kernel compilation, shader builds, allocation);
 * 2. warm-up: more untimed calls until `warmupMs` has passed (at least `minWarmup` calls);
 * 3. steady state: timed calls until their total reaches `targetMs` and at least `minReps` calls
 *    ran, or `maxReps` calls ran.
 *
 * A call slower than `slowCallMs` on its first run stops there: only the first call is reported
 * (`samples` is empty), so a pathologically slow kernel cannot hold the run for many minutes.
 *
 * Each call is `await step()`, and the clock stops only after its outputs' data has been read
 * (`await t.data()`), so asynchronous backends (WebGPU) are timed fully. Outputs are disposed
 * after the clock stops.
 */
import { performance } from 'node:perf_hooks';

export const MEASURE_DEFAULTS = Object.freeze({
  warmupMs: 300,
  minWarmup: 1,
  targetMs: 1500,
  minReps: 3,
  maxReps: 200,
  slowCallMs: 20000,
});

function asList(out) {
  if (out === undefined || out === null) return [];
  return Array.isArray(out) ? out.flat() : [out];
}

/** Runs `step` once, awaits all its outputs' data, then disposes them; returns elapsed ms. */
async function timeOnce(step) {
  const start = performance.now();
  const outs = asList(await step());
  await Promise.all(outs.map((t) => t.data()));
  const elapsed = performance.now() - start;
  for (const t of outs) t.dispose();
  return elapsed;
}

/**
 * Measures `step` (an async function returning the tensors it made) under the protocol above.
 * `options.onFirst(ms)`, when given, is called as soon as the first call is timed.
 * @returns {Promise<{firstMs: number, warmupCalls: number, samples: number[]}>} `samples` is empty
 *   when the first call took longer than `slowCallMs`
 */
export async function measure(step, options = {}) {
  const o = { ...MEASURE_DEFAULTS, ...options };
  const firstMs = await timeOnce(step);
  options.onFirst?.(firstMs);
  if (firstMs > o.slowCallMs) return { firstMs, warmupCalls: 0, samples: [] };
  let warmupCalls = 0;
  const warmStart = performance.now();
  while (warmupCalls < o.minWarmup || performance.now() - warmStart < o.warmupMs) {
    await timeOnce(step);
    warmupCalls += 1;
  }
  const samples = [];
  let total = 0;
  while (samples.length < o.maxReps && (samples.length < o.minReps || total < o.targetMs)) {
    const ms = await timeOnce(step);
    samples.push(ms);
    total += ms;
  }
  return { firstMs, warmupCalls, samples };
}
