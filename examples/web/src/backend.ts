/**
 * The backend switch: `setBackend` from @ml/core, then a measured speed figure, a float32 matmul
 * timed in the page (GFLOP/s; `await data()` waits for the result, so WebGPU's queue is included).
 */
import { setBackend, tf, type BackendName } from '@ml/core';

export const BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'cpu'];

export interface BackendStatus {
  name: BackendName;
  /** The WebGPU adapter, when there is one. */
  adapter?: string;
  /** Matmul size n (n×n · n×n) and the measured speed. */
  n: number;
  reps: number;
  msPerMatmul: number;
  gflops: number;
}

/** Where the wasm binaries are served: `wasm/` beside the page (vite.config.ts puts them there). */
export function wasmPaths(): string {
  return new URL('wasm/', document.baseURI).href;
}

/** Times `reps` products of two n×n matrices after one warm-up product. */
export async function measureMatmul(n: number, reps: number): Promise<{ ms: number; gflops: number }> {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
  try {
    const warm = tf.matMul(a, b);
    await warm.data();
    warm.dispose();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    }
    const ms = (performance.now() - t0) / reps;
    return { ms, gflops: (2 * n ** 3) / (ms * 1e6) };
  } finally {
    tf.dispose([a, b]);
  }
}

/** Switches to `name` and measures it; throws `setBackend`'s error (e.g. no WebGPU adapter). */
export async function switchBackend(name: BackendName): Promise<BackendStatus> {
  const info = await setBackend(name, { wasmPaths: wasmPaths() });
  // cpu is the plain-JS backend (~1 GFLOP/s): a smaller product keeps the switch quick.
  const n = name === 'cpu' ? 128 : 256;
  const reps = 4;
  const { ms, gflops } = await measureMatmul(n, reps);
  return { name: info.name, adapter: info.adapter, n, reps, msPerMatmul: ms, gflops };
}
