/**
 * What the browser test computes on every backend inside Chromium, and (for the reference) on the cpu
 * backend in Node: a matmul, a strided conv2d with its gradients for input and filter, the gradient of
 * an embedding lookup (gather), and a few SGD steps of a tiny conv net. Inputs come from a seeded
 * `Rng`, so both sides see the same numbers. Each part is caught on its own, so a kernel missing on one
 * backend fails only the parts that need it.
 */
import { tf, setBackend, Rng, type BackendName, type SetBackendOptions } from '@ml/core';

/** A part's flattened outputs, or the error it threw. */
export type PartResult = { values: number[] } | { error: string };

export const PART_NAMES = [
  'matmul',
  'conv2d',
  'conv2dGradInput',
  'conv2dGradFilter',
  'embeddingGrad',
  'trainLosses',
  'trainParams',
] as const;

export type PartName = (typeof PART_NAMES)[number];

export interface WorkloadResult {
  /** The backend asked for. */
  requested: BackendName;
  /** What `setBackend` reported, or why it failed. */
  setup: { name: string; adapter?: string } | { error: string };
  parts: Partial<Record<PartName, PartResult>>;
  /** Tensors alive after the run minus before it. */
  leaked: number;
}

function normal(rng: Rng, n: number, std = 1): Float32Array {
  return rng.fillNormal(new Float32Array(n), 0, std);
}

async function read(out: tf.Tensor | tf.Tensor[]): Promise<number[]> {
  const list = Array.isArray(out) ? out : [out];
  const values: number[] = [];
  try {
    for (const t of list) values.push(...Array.from(await t.data()));
  } finally {
    tf.dispose(list);
  }
  return values;
}

async function part(fn: () => tf.Tensor | tf.Tensor[]): Promise<PartResult> {
  try {
    return { values: await read(tf.tidy(fn)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** A few full-batch SGD steps of conv(3×3, 1→4) → relu → dense(64→2) with softmax cross-entropy. */
async function train(rng: Rng): Promise<{ losses: PartResult; params: PartResult }> {
  const n = 8;
  const images = normal(rng, n * 6 * 6);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < 36; j++) s += images[i * 36 + j];
    labels[i] = s > 0 ? 1 : 0;
  }
  const x = tf.tensor4d(images, [n, 6, 6, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 2));
  // tf.variable copies its initial value; the initial tensors are disposed here.
  const variable = (init: tf.Tensor): tf.Variable => {
    const v = tf.variable(init);
    init.dispose();
    return v;
  };
  const params = [
    variable(tf.tensor4d(normal(rng, 36, 0.3), [3, 3, 1, 4])),
    variable(tf.tensor1d(normal(rng, 4, 0.1))),
    variable(tf.tensor2d(normal(rng, 128, 0.2), [64, 2])),
    variable(tf.zeros([2])),
  ];
  const [filter, bias, w, b] = params;
  const loss = (): tf.Scalar => {
    const h = tf.relu(tf.add(tf.conv2d(x, filter as tf.Tensor4D, 1, 'valid'), bias));
    const logits = tf.add(tf.matMul(tf.reshape(h, [n, 64]), w), b);
    return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  };
  const losses: number[] = [];
  try {
    for (let step = 0; step < 5; step++) {
      const { value, grads } = tf.variableGrads(loss, params);
      losses.push((await value.data())[0]);
      tf.tidy(() => {
        for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name], 0.1)));
      });
      tf.dispose([value, ...Object.values(grads)]);
    }
    const finalParams: number[] = [];
    for (const p of params) finalParams.push(...Array.from(await p.data()));
    return { losses: { values: losses }, params: { values: finalParams } };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { losses: { error }, params: { error } };
  } finally {
    tf.dispose([x, y, ...params]);
  }
}

/** Selects `backend` and runs every part on it. */
export async function runWorkload(backend: BackendName, options: SetBackendOptions = {}): Promise<WorkloadResult> {
  const result: WorkloadResult = { requested: backend, setup: { error: 'not started' }, parts: {}, leaked: 0 };
  try {
    const info = await setBackend(backend, options);
    result.setup = { name: info.name, adapter: info.adapter };
  } catch (err) {
    result.setup = { error: err instanceof Error ? err.message : String(err) };
    return result;
  }
  const before = tf.memory().numTensors;
  const rng = new Rng(20240611);
  const a = tf.tensor2d(normal(rng, 8 * 16), [8, 16]);
  const bm = tf.tensor2d(normal(rng, 16 * 12), [16, 12]);
  // conv2d: stride 2, 'same' padding on an odd-sized 7×7 input (asymmetric padding).
  const cx = tf.tensor4d(normal(rng, 2 * 7 * 7 * 3), [2, 7, 7, 3]);
  const cw = tf.tensor4d(normal(rng, 3 * 3 * 3 * 4, 0.5), [3, 3, 3, 4]);
  const cUp = tf.tensor4d(normal(rng, 2 * 4 * 4 * 4), [2, 4, 4, 4]);
  const conv = (x: tf.Tensor4D, f: tf.Tensor4D): tf.Tensor4D => tf.conv2d(x, f, 2, 'same');
  // Embedding: a 10×4 table looked up with repeated indices; the gradient sums the repeats.
  const table = tf.tensor2d(normal(rng, 40), [10, 4]);
  const ids = tf.tensor1d([0, 3, 3, 7, 9, 0, 3], 'int32');
  const eUp = tf.tensor2d(normal(rng, 7 * 4), [7, 4]);
  try {
    result.parts.matmul = await part(() => tf.matMul(a, bm));
    result.parts.conv2d = await part(() => conv(cx, cw));
    result.parts.conv2dGradInput = await part(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(conv(x as tf.Tensor4D, cw), cUp)))(cx));
    result.parts.conv2dGradFilter = await part(() => tf.grad((f: tf.Tensor) => tf.sum(tf.mul(conv(cx, f as tf.Tensor4D), cUp)))(cw));
    result.parts.embeddingGrad = await part(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), eUp)))(table));
    const trained = await train(rng);
    result.parts.trainLosses = trained.losses;
    result.parts.trainParams = trained.params;
  } finally {
    tf.dispose([a, bm, cx, cw, cUp, table, ids, eUp]);
  }
  result.leaked = tf.memory().numTensors - before;
  return result;
}
