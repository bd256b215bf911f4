/**
 * float32 square matmul, C = A @ B with A, B [n, n], at n = 256, 512, 1024; GFLOP/s = 2 n^3 / time.
 * Peer: numpy's `a @ b` (OpenBLAS on this machine).
 */
export const name = 'matmul';
export const title = 'matmul (float32, square)';
export const description =
  'C = A @ B for A, B of shape [n, n] in float32. Inputs are made once per case (seeded, standard normal) ' +
  'before timing; each timed call is `tf.matMul(a, b)` followed by `await c.data()`. ' +
  'GFLOP/s counts 2·n³ floating-point operations per call.';

export const cases = [256, 512, 1024].map((n) => ({ id: String(n), label: `${n}×${n}`, n }));

/** Floating-point operations of one call (for GFLOP/s). */
export function flops(c) {
  return 2 * c.n ** 3;
}

/**
 * Makes the inputs of case `c` on the current backend.
 * @returns {{step: () => Promise<object>, dispose: () => void}} `step` returns the tensor it made
 */
export function prepare(tf, c) {
  const a = tf.randomNormal([c.n, c.n], 0, 1, 'float32', 1);
  const b = tf.randomNormal([c.n, c.n], 0, 1, 'float32', 2);
  return {
    step: async () => tf.matMul(a, b),
    dispose: () => {
      a.dispose();
      b.dispose();
    },
  };
}

export const peer = {
  name: 'numpy',
  script: 'matmul.py',
  modules: ['numpy'],
  payload: (c) => ({ id: c.id, n: c.n }),
};
