/**
 * Weight initialisers after `torch.nn.init` (https://pytorch.org/docs/1.13/nn.init.html):
 * Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks"
 * (AISTATS 2010) for `xavier*`; He et al., "Delving Deep into Rectifiers" (ICCV 2015) for `kaiming*`.
 *
 * Each returns a new float32 tensor of `shape` that the caller owns. Values are drawn on the CPU from
 * an {@link Rng} in row-major order, so the same seed gives the same tensor on every backend.
 *
 * Fans are read from the tfjs layout `[in, out]` (dense) or `[...kernel, in, out]` (conv): fanIn =
 * in·∏kernel, fanOut = out·∏kernel. For a ConvTranspose kernel `[...kernel, out, in]` the same rule
 * gives PyTorch's fans for its `[in, out, ...kernel]` weight. Pass `fanIn`/`fanOut` to override.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeedLike } from '../random/rng.js';
import { resolveRng } from './default-rng.js';

/** Nonlinearities known to {@link init.calculateGain} (camelCase of PyTorch's names). */
export type Nonlinearity = 'linear' | 'conv' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu';

export interface FanOptions {
  /** Overrides the fan-in read from the shape. @default from shape */
  fanIn?: number;
  /** Overrides the fan-out read from the shape. @default from shape */
  fanOut?: number;
}

export interface SeedOption {
  /** Seed or generator. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export interface UniformOptions extends SeedOption {
  /** Lower bound. @default 0 */
  low?: number;
  /** Upper bound (exclusive). @default 1 */
  high?: number;
}

export interface NormalOptions extends SeedOption {
  /** Mean. @default 0 */
  mean?: number;
  /** Standard deviation. @default 1 */
  std?: number;
}

export interface TruncatedNormalOptions extends NormalOptions {
  /** Lowest value kept (absolute, not in std units). @default -2 */
  a?: number;
  /** Highest value kept (absolute). @default 2 */
  b?: number;
}

export interface KaimingOptions extends FanOptions, SeedOption {
  /** Negative slope of the rectifier after this layer (PyTorch's `a`). @default 0 */
  a?: number;
  /** Preserve the variance of the forward (`'fanIn'`) or backward (`'fanOut'`) pass. @default 'fanIn' */
  mode?: 'fanIn' | 'fanOut';
  /** The nonlinearity whose gain scales the weights. @default 'leakyRelu' */
  nonlinearity?: Nonlinearity;
}

export interface XavierOptions extends FanOptions, SeedOption {
  /** Scaling factor. @default 1 */
  gain?: number;
}

function checkShape(shape: readonly number[], what: string): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`init.${what}: 'shape' must be an array of non-negative integers; received ${JSON.stringify(shape)}`);
  }
}

function fans(shape: readonly number[], options: FanOptions, what: string): { fanIn: number; fanOut: number } {
  checkShape(shape, what);
  let fanIn = options.fanIn;
  let fanOut = options.fanOut;
  if (fanIn === undefined || fanOut === undefined) {
    if (shape.length < 2) {
      throw new Error(`init.${what}: fans need a 'shape' of rank >= 2 (or 'fanIn'/'fanOut'); received [${shape.join(', ')}]`);
    }
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    fanIn ??= shape[shape.length - 2] * receptive;
    fanOut ??= shape[shape.length - 1] * receptive;
  }
  if (!(fanIn > 0) || !(fanOut > 0)) {
    throw new Error(`init.${what}: fans must be positive; received fanIn=${fanIn}, fanOut=${fanOut}`);
  }
  return { fanIn, fanOut };
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new Error(`init.calculateGain: 'nonlinearity' must be one of linear, conv, sigmoid, tanh, relu, leakyRelu, selu; received ${JSON.stringify(nonlinearity)}`);
  }
}

function uniform(shape: readonly number[], options: UniformOptions = {}): tf.Tensor {
  checkShape(shape, 'uniform');
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  if (!(high >= low)) throw new Error(`init.uniform: 'high' must be >= 'low'; received low=${low}, high=${high}`);
  const values = resolveRng(options.seed).fillUniform(new Float32Array(size(shape)), low, high);
  return tf.tensor(values, [...shape], 'float32');
}

function normal(shape: readonly number[], options: NormalOptions = {}): tf.Tensor {
  checkShape(shape, 'normal');
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new Error(`init.normal: 'std' must be >= 0; received ${std}`);
  const values = resolveRng(options.seed).fillNormal(new Float32Array(size(shape)), options.mean ?? 0, std);
  return tf.tensor(values, [...shape], 'float32');
}

/** Normal draws redrawn until they fall in [a, b] (absolute bounds, as `torch.nn.init.trunc_normal_`). */
function truncatedNormal(shape: readonly number[], options: TruncatedNormalOptions = {}): tf.Tensor {
  checkShape(shape, 'truncatedNormal');
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  const a = options.a ?? -2;
  const b = options.b ?? 2;
  if (!(std > 0)) throw new Error(`init.truncatedNormal: 'std' must be > 0; received ${std}`);
  if (!(a < b) || b < mean - 6 * std || a > mean + 6 * std) {
    throw new Error(`init.truncatedNormal: '[a, b]' must be a non-empty interval within 6 std of the mean; received [${a}, ${b}] for mean ${mean}, std ${std}`);
  }
  const rng = resolveRng(options.seed);
  const values = new Float32Array(size(shape));
  for (let i = 0; i < values.length; i++) {
    let v: number;
    do v = rng.normal(mean, std);
    while (v < a || v > b);
    values[i] = v;
  }
  return tf.tensor(values, [...shape], 'float32');
}

function kaimingStd(shape: readonly number[], options: KaimingOptions, what: string): number {
  const { fanIn, fanOut } = fans(shape, options, what);
  const mode = options.mode ?? 'fanIn';
  if (mode !== 'fanIn' && mode !== 'fanOut') {
    throw new Error(`init.${what}: 'mode' must be 'fanIn' or 'fanOut'; received ${JSON.stringify(mode)}`);
  }
  const gain = calculateGain(options.nonlinearity ?? 'leakyRelu', options.a ?? 0);
  return gain / Math.sqrt(mode === 'fanIn' ? fanIn : fanOut);
}

/**
 * The initialisers of `torch.nn.init`, as functions of a shape:
 * `init.kaimingUniform([in, out], { a: Math.sqrt(5), seed: 1 })`.
 */
export const init = Object.freeze({
  calculateGain,
  /** Fans `{fanIn, fanOut}` of a tfjs-layout shape (see the file header). */
  computeFans: (shape: readonly number[], options: FanOptions = {}) => fans(shape, options, 'computeFans'),
  zeros: (shape: readonly number[]): tf.Tensor => (checkShape(shape, 'zeros'), tf.zeros([...shape])),
  ones: (shape: readonly number[]): tf.Tensor => (checkShape(shape, 'ones'), tf.ones([...shape])),
  constant: (shape: readonly number[], value: number): tf.Tensor => (checkShape(shape, 'constant'), tf.fill([...shape], value)),
  uniform,
  normal,
  truncatedNormal,
  /** U(−b, b) with b = gain·√(6 / (fanIn + fanOut)). */
  xavierUniform: (shape: readonly number[], options: XavierOptions = {}): tf.Tensor => {
    const { fanIn, fanOut } = fans(shape, options, 'xavierUniform');
    const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
    return uniform(shape, { low: -bound, high: bound, seed: options.seed });
  },
  /** N(0, σ²) with σ = gain·√(2 / (fanIn + fanOut)). */
  xavierNormal: (shape: readonly number[], options: XavierOptions = {}): tf.Tensor => {
    const { fanIn, fanOut } = fans(shape, options, 'xavierNormal');
    return normal(shape, { std: (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), seed: options.seed });
  },
  /** U(−b, b) with b = gain·√(3 / fan). */
  kaimingUniform: (shape: readonly number[], options: KaimingOptions = {}): tf.Tensor => {
    const bound = Math.sqrt(3) * kaimingStd(shape, options, 'kaimingUniform');
    return uniform(shape, { low: -bound, high: bound, seed: options.seed });
  },
  /** N(0, σ²) with σ = gain / √fan. */
  kaimingNormal: (shape: readonly number[], options: KaimingOptions = {}): tf.Tensor =>
    normal(shape, { std: kaimingStd(shape, options, 'kaimingNormal'), seed: options.seed }),
});
