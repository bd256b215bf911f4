/**
 * Timing for the workloads' standalone mode (`node benchmarks/workloads/<name>.mjs`), where the
 * workload prints its own table and target checks instead of going through run.mjs.
 */
import { performance } from 'node:perf_hooks';

/** The middle element of `xs` (the upper one for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Runs `fn` `reps` times and returns the median wall time, the minimum CPU time (user + system: the
 * least disturbed call on a shared machine), the median CPU time, all in ms, and the last result.
 */
export function timeIt(fn, reps) {
  const wall = [];
  const cpu = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    out = fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: median(wall), cpu: Math.min(...cpu), cpuMedian: median(cpu), out };
}
