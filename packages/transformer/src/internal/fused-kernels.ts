/**
 * Internal: fused ops of the GPT hot path, each a `tf.customGrad` whose forward and backward are one
 * engine kernel on the wasm backend (WebAssembly SIMD loops over the backend's heap, `wasm-simd.ts`,
 * plus the backend's own vectorised Sigmoid / Softmax kernels called inside), and the composed tensor
 * formula on other backends (and on wasm where a size is not a multiple of 4 or SIMD is missing).
 *
 * - `geluTanh(x)`: GELU with the tanh approximation as x·σ(x·(K1 + K2·x²)), K1 = 2√(2/π),
 *   K2 = 0.044715·K1 (since ½(1 + tanh z) = σ(2z)); 6 → 1 kernels forward, 8 → 1 backward. The
 *   elementwise steps are the tensor formula's float32 operations in its order: the same bits.
 *   (The σ form rather than tanh and pow: on wasm those are scalar libm loops while Sigmoid is
 *   vectorised, and the generic gradient of pow also differentiates the constant exponent.)
 * - `causalSoftmax(scores, scale, q, offset)`: softmax(scale·scores + causal mask) over the last
 *   axis of `[R, K]` rows, row r being query r mod q, which sees keys 0 … offset + (r mod q); 3 → 1
 *   kernels forward (scale, mask add, softmax), 5 → 1 backward (tfjs's softmax gradient and the scale).
 * - `biasGeluTanh(x, bias)`: geluTanh(x + bias), the bias add joined to GELU's first pass.
 * - `layerNormRows(x, g, b, eps)`: LayerNorm over rows, 9 → 1 forward, 12 → 1 backward.
 * - `columnSum(x)`: bias gradients, one pass instead of a ones matrix and an M = 1 product.
 * - `swapAxes12(x)`: attention's heads split/merge as a row copy instead of a generic 4-D transpose.
 * - `addRowBias(x, bias)`: a bias added to every row (the affine layers' forward), one SIMD pass
 *   instead of the backend's broadcasting Add (~0.1 ms → a fraction for [1024, 128] on wasm).
 *
 * Letters: R rows, K keys.
 */
import { tf } from '@ml/core';
import { simdKernels, type SimdKernels } from './wasm-simd.js';

const K1 = 2 * Math.sqrt(2 / Math.PI);
const K2 = K1 * 0.044715;

/** The parts of tfjs-backend-wasm's `BackendWasm` these kernels use. */
interface WasmBackendLike {
  wasm: unknown;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  disposeData(dataId: object): boolean;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap };

const GELU = 'MlGptGeluTanh';
const GELU_GRAD = 'MlGptGeluTanhGrad';
const CAUSAL_SOFTMAX = 'MlGptCausalSoftmax';
const SOFTMAX_GRAD = 'MlGptScaledSoftmaxGrad';
const LAYER_NORM = 'MlGptLayerNorm';
const LAYER_NORM_GRAD = 'MlGptLayerNormGrad';
const COLUMN_SUM = 'MlGptColumnSum';
const BIAS_GELU = 'MlGptBiasGeluTanh';
const SWAP_AXES = 'MlGptSwapAxes12';
const BIAS_ADD = 'MlGptBiasAdd';

function kernelsOf(b: WasmBackendLike): SimdKernels | null {
  const memory = (b.wasm as { asm?: { memory?: unknown } } | undefined)?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? simdKernels(memory) : null;
}

function address(b: WasmBackendLike, t: tf.TensorInfo): number {
  const entry = b.dataIdMap.get(t.dataId);
  if (entry === undefined) throw new Error('fused-kernels: a tensor is not on the wasm backend');
  return entry.memoryOffset;
}

/** Runs the wasm kernel `kernelName` (a backend-level output the caller owns). */
function runWasm(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap, backend: WasmBackendLike): tf.TensorInfo {
  const config = tf.getKernel(kernelName, 'wasm');
  if (config === undefined) throw new Error(`fused-kernels: kernel '${kernelName}' is not registered for 'wasm'`);
  return config.kernelFunc({ inputs, attrs, backend: backend as unknown as tf.KernelBackend }) as tf.TensorInfo;
}

const bytesOf = (t: tf.TensorInfo) => 4 * tf.util.sizeFromShape(t.shape);

function geluKernel({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const x = inputs['x'] as tf.TensorInfo;
  const z = b.makeOutput(x.shape, 'float32');
  k.geluInner(address(b, x), address(b, z), bytesOf(x), K1, K2);
  const s = runWasm('Sigmoid', { x: z }, {}, b);
  b.disposeData(z.dataId);
  const y = b.makeOutput(x.shape, 'float32');
  k.mul(address(b, x), address(b, s), address(b, y), bytesOf(x));
  return [y, s];
}

function biasGeluKernel({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const { x, bias } = inputs as Record<'x' | 'bias', tf.TensorInfo>;
  const [n, f] = x.shape as [number, number];
  const u = b.makeOutput([n, f], 'float32');
  const z = b.makeOutput([n, f], 'float32');
  k.biasGeluInner(address(b, x), address(b, bias), address(b, u), address(b, z), 4 * n * f, 4 * f, K1, K2);
  const s = runWasm('Sigmoid', { x: z }, {}, b);
  b.disposeData(z.dataId);
  const y = b.makeOutput([n, f], 'float32');
  k.mul(address(b, u), address(b, s), address(b, y), 4 * n * f);
  return [y, u, s];
}

function swapAxesKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const x = inputs['x'] as tf.TensorInfo;
  const [a, p, q, d] = x.shape as [number, number, number, number];
  const out = b.makeOutput([a, q, p, d], 'float32');
  k.swapAxes12(address(b, x), address(b, out), a, p, q, 4 * d);
  return out;
}

function geluGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const { dy, x, s } = inputs as Record<'dy' | 'x' | 's', tf.TensorInfo>;
  const dx = b.makeOutput(x.shape, 'float32');
  k.geluGrad(address(b, dy), address(b, x), address(b, s), address(b, dx), bytesOf(x), K1, 3 * K2);
  return dx;
}

function causalSoftmaxKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const scores = inputs['scores'] as tf.TensorInfo;
  const { scale, q, offset } = attrs as { scale: number; q: number; offset: number };
  const [rows, keys] = scores.shape as [number, number];
  const t = b.makeOutput(scores.shape, 'float32');
  k.scaleCausal(address(b, scores), address(b, t), 4 * rows * keys, 4 * keys, scale, q, offset);
  const y = runWasm('Softmax', { logits: t }, { dim: 1 }, b);
  b.disposeData(t.dataId);
  return y;
}

function softmaxGradKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const { y, dy } = inputs as Record<'y' | 'dy', tf.TensorInfo>;
  const dx = b.makeOutput(y.shape, 'float32');
  k.softmaxGrad(address(b, y), address(b, dy), address(b, dx), bytesOf(y), 4 * (y.shape[1] as number), (attrs as { scale: number }).scale);
  return dx;
}

function layerNormKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const { x, g, b: beta } = inputs as Record<'x' | 'g' | 'b', tf.TensorInfo>;
  const [n, e] = x.shape as [number, number];
  const y = b.makeOutput([n, e], 'float32');
  const xhat = b.makeOutput([n, e], 'float32');
  const rstd = b.makeOutput([n, 1], 'float32');
  k.layerNorm(address(b, x), address(b, g), address(b, beta), address(b, y), address(b, xhat), address(b, rstd), 4 * n * e, 4 * e, e, (attrs as { eps: number }).eps);
  return [y, xhat, rstd];
}

function layerNormGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const { dy, xhat, rstd, g } = inputs as Record<'dy' | 'xhat' | 'rstd' | 'g', tf.TensorInfo>;
  const [n, e] = dy.shape as [number, number];
  const dx = b.makeOutput([n, e], 'float32');
  const dg = b.makeOutput([e], 'float32');
  const db = b.makeOutput([e], 'float32');
  k.layerNormGrad(address(b, dy), address(b, xhat), address(b, rstd), address(b, g), address(b, dx), address(b, dg), address(b, db), 4 * n * e, 4 * e, e);
  return [dx, dg, db];
}

const KERNELS: readonly (readonly [string, unknown])[] = [
  [GELU, geluKernel], [GELU_GRAD, geluGradKernel], [CAUSAL_SOFTMAX, causalSoftmaxKernel], [SOFTMAX_GRAD, softmaxGradKernel],
  [LAYER_NORM, layerNormKernel], [LAYER_NORM_GRAD, layerNormGradKernel], [COLUMN_SUM, columnSumKernel],
  [BIAS_GELU, biasGeluKernel], [SWAP_AXES, swapAxesKernel], [BIAS_ADD, biasAddKernel],
];
let registered = false;

function columnSumKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const x = inputs['x'] as tf.TensorInfo;
  const [n, e] = x.shape as [number, number];
  const out = b.makeOutput([e], 'float32');
  k.columnSum(address(b, x), address(b, out), 4 * n * e, 4 * e);
  return out;
}

function biasAddKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as WasmBackendLike;
  const k = kernelsOf(b) as SimdKernels;
  const { x, bias } = inputs as Record<'x' | 'bias', tf.TensorInfo>;
  const [n, e] = x.shape as [number, number];
  const out = b.makeOutput([n, e], 'float32');
  k.biasAdd(address(b, x), address(b, bias), address(b, out), 4 * n * e, 4 * e);
  return out;
}

/** Whether the fused kernels serve the active backend (registering them on first use). */
function fusedAvailable(): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  if (!registered) {
    if (kernelsOf(tf.backend() as unknown as WasmBackendLike) === null) return false;
    // each name on its own: another copy of this package may have registered some (same definitions)
    for (const [kernelName, kernelFunc] of KERNELS) {
      if (tf.getKernel(kernelName, 'wasm') === undefined) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as tf.KernelFunc });
    }
    registered = true;
  }
  return true;
}

export interface FusedOptions {
  /** `false` forces the composed tensor formula (tests and measurements compare the two). @default true */
  fused?: boolean;
}

/**
 * The composed formula: x·σ(x·(K1 + K2·x²)) with the hand-written gradient
 * dy·(σ + x·σ(1 − σ)·(K1 + 3K2·x²)).
 */
const geluTanhTensors = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const sq = tf.square(x);
  const s = tf.sigmoid(tf.mul(x, tf.add(tf.mul(sq, K2), K1)));
  save([x, s, sq]);
  return {
    value: tf.mul(x, s),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ss, sqs] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const du = tf.add(tf.mul(sqs, 3 * K2), K1);
      return tf.mul(dy, tf.add(ss, tf.mul(tf.mul(xs, tf.mul(ss, tf.sub(1, ss))), du)));
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

const geluTanhFused = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const [y, s] = tf.engine().runKernel(GELU, { x }, {}) as unknown as [tf.Tensor, tf.Tensor];
  save([x, s]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ss] = saved as [tf.Tensor, tf.Tensor];
      return tf.engine().runKernel(GELU_GRAD, { dy, x: xs, s: ss }, {}) as tf.Tensor;
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

/** GELU-tanh of float32 `x` (any shape), as `torch.nn.functional.gelu(x, approximate='tanh')`. */
export function geluTanh(x: tf.Tensor, options: FusedOptions = {}): tf.Tensor {
  if (options.fused !== false && x.dtype === 'float32' && x.size > 0 && x.size % 4 === 0 && fusedAvailable()) return geluTanhFused(x);
  return geluTanhTensors(x);
}

/** `[1, K]`-broadcast causal mask rows for `[R, K]` scores: 0 where allowed, −∞ after. */
function causalMaskRows(q: number, keys: number, offset: number): tf.Tensor {
  const values = new Float32Array(q * keys);
  for (let i = 0; i < q; i++) for (let j = Math.max(offset + i + 1, 0); j < keys; j++) values[i * keys + j] = -Infinity;
  return tf.tensor(values, [1, q, keys]);
}

/**
 * softmax(scale·scores + M) over the last axis of float32 `scores` `[R, K]`, where row r is query
 * r mod `q` and M blocks its keys after `offset + (r mod q)` (with a cache of P positions and Q new
 * ones, `offset` = P − Q). `R` must be a multiple of `q`. Masked weights are exactly 0; a row with
 * every key blocked gives NaN.
 */
export function causalSoftmax(scores: tf.Tensor, scale: number, q: number, offset: number, options: FusedOptions = {}): tf.Tensor {
  const [rows, keys] = scores.shape as [number, number];
  if (scores.rank !== 2 || rows % q !== 0) {
    throw new RangeError(`causalSoftmax: 'scores' must be [R, K] with R a multiple of q = ${q}; received [${scores.shape.join(', ')}]`);
  }
  if (options.fused !== false && scores.dtype === 'float32' && keys % 4 === 0 && rows > 0 && offset >= 0 && fusedAvailable()) {
    const f = tf.customGrad(((s: tf.Tensor, save: tf.GradSaveFunc) => {
      const y = tf.engine().runKernel(CAUSAL_SOFTMAX, { scores: s }, { scale, q, offset }) as tf.Tensor;
      save([y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(SOFTMAX_GRAD, { y: saved[0] as tf.Tensor, dy }, { scale }) as tf.Tensor,
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as (s: tf.Tensor) => tf.Tensor;
    return f(scores);
  }
  return tf.tidy(() => {
    const masked = tf.add(tf.reshape(tf.mul(scores, scale), [rows / q, q, keys]), causalMaskRows(q, keys, offset));
    return tf.reshape(tf.softmax(masked), [rows, keys]);
  });
}

/**
 * LayerNorm over the last axis of float32 `x` `[N, E]` with weight `g` and bias `b` `[E]` as one
 * kernel each way on wasm (per row: mean, variance, x̂ and y in one pass set; backward dx per row and
 * dg = Σ dy·x̂, db = Σ dy accumulated over the rows in the same pass), or null where the fused kernels
 * do not serve (another backend, E not a multiple of 4, `fused: false`): the caller then takes its
 * tensor formula.
 */
export function layerNormRows(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, eps: number, options: FusedOptions = {}): tf.Tensor | null {
  const e = x.shape[1] as number;
  if (options.fused === false || x.rank !== 2 || x.dtype !== 'float32' || e % 4 !== 0 || x.size === 0 || !fusedAvailable()) return null;
  const f = tf.customGrad(((xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor, save: tf.GradSaveFunc) => {
    const [y, xhat, rstd] = tf.engine().runKernel(LAYER_NORM, { x: xs, g: gs, b: bs }, { eps }) as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
    save([xhat, rstd, gs]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, rs, gg] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        return tf.engine().runKernel(LAYER_NORM_GRAD, { dy, xhat: xh, rstd: rs, g: gg }, {}) as unknown as tf.Tensor[];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor;
  return f(x, g, b);
}

/**
 * Σ over the rows of float32 `x` `[N, E]` → `[E]` (not differentiated: for hand-written gradients).
 * On wasm (E a multiple of 4) one SIMD kernel; elsewhere onesᵀ·x, a matmul (the generic column sum
 * transposes `x` on some backends).
 */
export function columnSum(x: tf.Tensor, options: FusedOptions = {}): tf.Tensor {
  const [n, e] = x.shape as [number, number];
  if (options.fused !== false && x.rank === 2 && x.dtype === 'float32' && e % 4 === 0 && x.size > 0 && fusedAvailable()) return tf.engine().runKernel(COLUMN_SUM, { x }, {}) as tf.Tensor;
  return tf.tidy(() => tf.reshape(tf.matMul(tf.fill([1, n], 1), x), [e]));
}

/**
 * geluTanh(x + bias) for float32 `x` `[N, F]` and `bias` `[F]` (the MLP's first layer after its
 * product): on wasm one kernel forward (the bias add joins GELU's first SIMD pass) and one backward
 * (dx as `geluTanh`'s, dbias = columnSum(dx)); the same bits as `geluTanh(tf.add(x, bias))`, which
 * is the path elsewhere.
 */
export function biasGeluTanh(x: tf.Tensor, bias: tf.Tensor, options: FusedOptions = {}): tf.Tensor {
  const f = x.shape[1] as number;
  if (options.fused === false || x.rank !== 2 || bias.rank !== 1 || bias.shape[0] !== f || x.dtype !== 'float32' || f % 4 !== 0 || x.size === 0 || !fusedAvailable()) {
    return geluTanh(tf.add(x, bias), options);
  }
  const op = tf.customGrad(((xs: tf.Tensor, bs: tf.Tensor, save: tf.GradSaveFunc) => {
    const [y, u, s] = tf.engine().runKernel(BIAS_GELU, { x: xs, bias: bs }, {}) as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
    save([u, s]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [us, ss] = saved as [tf.Tensor, tf.Tensor];
        const dx = tf.engine().runKernel(GELU_GRAD, { dy, x: us, s: ss }, {}) as tf.Tensor;
        return [dx, columnSum(dx)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, b: tf.Tensor) => tf.Tensor;
  return op(x, bias);
}

const swapAxesFused = tf.customGrad(((x: tf.Tensor) => {
  return {
    value: tf.engine().runKernel(SWAP_AXES, { x }, {}) as tf.Tensor,
    gradFunc: (dy: tf.Tensor) => tf.engine().runKernel(SWAP_AXES, { x: dy }, {}) as tf.Tensor,
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

/**
 * `tf.transpose(x, [0, 2, 1, 3])` for float32 `x` `[A, P, Q, D]` (attention's split into and merge
 * of heads): on wasm (D a multiple of 4) one SIMD row copy each way instead of the backend's
 * generic 4-D transpose; the same values.
 */
export function swapAxes12(x: tf.Tensor, options: FusedOptions = {}): tf.Tensor {
  if (options.fused !== false && x.rank === 4 && x.dtype === 'float32' && (x.shape[3] as number) % 4 === 0 && x.size > 0 && fusedAvailable()) return swapAxesFused(x);
  return tf.transpose(x, [0, 2, 1, 3]);
}

/**
 * `tf.add(x, bias)` for float32 `x` `[N, E]` and `bias` `[E]` (not differentiated: for the forward
 * pass of hand-written gradients, e.g. the GPT affine layers). On wasm (E a multiple of 4) one SIMD
 * pass over the rows instead of the backend's broadcasting Add; the same bits.
 */
export function addRowBias(x: tf.Tensor, bias: tf.Tensor, options: FusedOptions = {}): tf.Tensor {
  const e = x.shape[1] as number;
  if (options.fused !== false && x.rank === 2 && bias.rank === 1 && bias.shape[0] === e && x.dtype === 'float32' && bias.dtype === 'float32' && e % 4 === 0 && x.size > 0 && fusedAvailable()) {
    return tf.engine().runKernel(BIAS_ADD, { x, bias }, {}) as tf.Tensor;
  }
  return tf.add(x, bias);
}
