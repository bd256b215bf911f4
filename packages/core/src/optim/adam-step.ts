/**
 * One Adam/AdamW update of one parameter, as PyTorch 1.13's `_single_tensor_adam(w)` (internal to
 * `AdamBase`). Two implementations of the same float32 arithmetic:
 * - `tensors`: ~10 tfjs ops per parameter (any backend; WebGPU uses this one);
 * - `fused`: one kernel per parameter, registered for the wasm and cpu backends, that walks the
 *   parameter, gradient and moment buffers once and writes the new parameter and moments into
 *   fresh outputs (nothing is updated in place, so tensors sharing a buffer are safe). On wasm the
 *   pass is a WebAssembly SIMD loop over the backend's heap (`adam-simd-wasm.ts`); on cpu, and for
 *   the last n mod 4 elements on wasm, a JavaScript loop.
 *   It rounds every intermediate to float32 in the tensor path's order, so both give the same bits
 *   (tested on cpu and wasm).
 * On wasm the tensor path costs ~10 kernel launches and as many [size] temporaries per parameter
 * (~500 launches per GPT-2-small-sized step); the fused kernel is one pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { adamSimdFunctions } from './adam-simd-wasm.js';
import { backendMemory } from '../backend/kernels/wasm-binary.js';

/** The resolved hyperparameters of one update. */
export interface AdamStepHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** AdamW's decoupled decay (p·(1 − lr·λ)) instead of Adam's L2 term (g + λ·p). */
  decoupled: boolean;
  amsgrad: boolean;
  /** The step count after this update (1 on the first). */
  step: number;
}

export interface AdamStepTensors {
  param: tf.Tensor;
  expAvg: tf.Tensor;
  expAvgSq: tf.Tensor;
  /** Only with `amsgrad`. */
  maxExpAvgSq: tf.Tensor | null;
}

/** The kernel's name; registered for 'wasm' and 'cpu' on first use. */
export const ADAM_STEP_KERNEL = 'MlAdamStep';

const FUSED_BACKENDS = ['wasm', 'cpu'] as const;

const f32 = Math.fround;

/** Scalar constants of the update, each rounded to float32 as the tensor path's scalars are. */
function constants(h: AdamStepHyper) {
  return {
    decay: f32(1 - h.lr * h.weightDecay),
    l2: f32(h.weightDecay),
    beta1: f32(h.beta1),
    oneMinusBeta1: f32(1 - h.beta1),
    beta2: f32(h.beta2),
    oneMinusBeta2: f32(1 - h.beta2),
    biasCorrection2Sqrt: f32(Math.sqrt(1 - h.beta2 ** h.step)),
    eps: f32(h.eps),
    negStepSize: f32(-(h.lr / (1 - h.beta1 ** h.step))),
  };
}

/** The update through tfjs ops (any backend). Call inside `tf.tidy`; returns new tensors. */
function adamStepTensors(p: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor, vMax: tf.Tensor | null, h: AdamStepHyper): AdamStepTensors {
  const c = constants(h);
  let param = p;
  let g = grad;
  if (h.decoupled) param = tf.mul(p, c.decay);
  else if (h.weightDecay !== 0) g = tf.add(g, tf.mul(p, c.l2));
  const expAvg = tf.add(tf.mul(m, c.beta1), tf.mul(g, c.oneMinusBeta1));
  const expAvgSq = tf.add(tf.mul(v, c.beta2), tf.mul(tf.mul(g, g), c.oneMinusBeta2));
  const maxExpAvgSq = h.amsgrad ? tf.maximum(vMax ?? expAvgSq, expAvgSq) : null;
  const denom = tf.add(tf.div(tf.sqrt(maxExpAvgSq ?? expAvgSq), c.biasCorrection2Sqrt), c.eps);
  return { param: tf.add(param, tf.mul(tf.div(expAvg, denom), c.negStepSize)), expAvg, expAvgSq, maxExpAvgSq };
}

/** The update over typed arrays: writes the new p, m, v (and vMax) into the `out*` arrays. */
function adamLoop(
  p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vMax: Float32Array | null,
  outP: Float32Array, outM: Float32Array, outV: Float32Array, outVMax: Float32Array | null, h: AdamStepHyper,
): void {
  const c = constants(h);
  const decoupled = h.decoupled;
  const coupled = !h.decoupled && h.weightDecay !== 0;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    let pi = p[i] as number;
    let gi = g[i] as number;
    if (decoupled) pi = f32(pi * c.decay);
    else if (coupled) gi = f32(gi + f32(pi * c.l2));
    const mi = f32(f32((m[i] as number) * c.beta1) + f32(gi * c.oneMinusBeta1));
    const vi = f32(f32((v[i] as number) * c.beta2) + f32(f32(gi * gi) * c.oneMinusBeta2));
    let second = vi;
    if (outVMax !== null) {
      const prev = vMax === null ? vi : (vMax[i] as number);
      second = prev > vi || Number.isNaN(prev) ? prev : vi; // tf.maximum propagates NaN
      outVMax[i] = second;
    }
    const denom = f32(f32(f32(Math.sqrt(second)) / c.biasCorrection2Sqrt) + c.eps);
    outP[i] = pi + f32(f32(mi / denom) * c.negStepSize);
    outM[i] = mi;
    outV[i] = vi;
  }
}

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs: tf.NamedAttrMap };

function hyperFromAttrs(attrs: tf.NamedAttrMap): AdamStepHyper {
  return attrs as unknown as AdamStepHyper;
}

function wasmKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const b = backend as BackendWasm;
  const h = hyperFromAttrs(attrs);
  const { param, grad, expAvg, expAvgSq, maxExpAvgSq } = inputs as Record<'param' | 'grad' | 'expAvg' | 'expAvgSq', tf.TensorInfo> & { maxExpAvgSq?: tf.TensorInfo };
  const outs = [b.makeOutput(param.shape, 'float32'), b.makeOutput(param.shape, 'float32'), b.makeOutput(param.shape, 'float32')];
  if (h.amsgrad) outs.push(b.makeOutput(param.shape, 'float32'));
  const n = tf.util.sizeFromShape(param.shape);
  const memory = backendMemory(b);
  const simd = memory === undefined ? null : adamSimdFunctions(memory);
  let done = 0;
  if (simd !== null) {
    done = n - (n % 4);
    const address = (t: tf.TensorInfo) => (b.dataIdMap.get(t.dataId) as { memoryOffset: number }).memoryOffset;
    const [oP, oM, oV, oVMax] = outs as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo | undefined];
    const c = constants(h);
    const variant = h.decoupled ? 'decoupled' : h.weightDecay !== 0 ? 'coupled' : 'plain';
    // Without a previous maximum, max(v, v) = v: the new v (already written) stands in for it.
    simd(variant, h.amsgrad)(
      address(param), address(grad), address(expAvg), address(expAvgSq), address(maxExpAvgSq ?? oV), address(oP), address(oM), address(oV), address(oVMax ?? oV), done * 4,
      c.decay, c.l2, c.beta1, c.oneMinusBeta1, c.beta2, c.oneMinusBeta2, c.biasCorrection2Sqrt, c.eps, c.negStepSize,
    );
    if (done === n) return outs;
  }
  // Views are taken after the allocations (an allocation may grow the heap and detach them).
  const view = (t: tf.TensorInfo) => (b.typedArrayFromHeap(t) as Float32Array).subarray(done);
  const [oP, oM, oV, oVMax] = outs.map(view) as [Float32Array, Float32Array, Float32Array, Float32Array | undefined];
  adamLoop(view(param), view(grad), view(expAvg), view(expAvgSq), maxExpAvgSq === undefined ? null : view(maxExpAvgSq), oP, oM, oV, oVMax ?? null, h);
  return outs;
}

function cpuKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const b = backend as CpuBackendLike;
  const h = hyperFromAttrs(attrs);
  const { param, grad, expAvg, expAvgSq, maxExpAvgSq } = inputs as Record<'param' | 'grad' | 'expAvg' | 'expAvgSq', tf.TensorInfo> & { maxExpAvgSq?: tf.TensorInfo };
  const read = (t: tf.TensorInfo) => b.data.get(t.dataId).values as Float32Array;
  const n = tf.util.sizeFromShape(param.shape);
  const outs = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  if (h.amsgrad) outs.push(new Float32Array(n));
  const [oP, oM, oV, oVMax] = outs as [Float32Array, Float32Array, Float32Array, Float32Array | undefined];
  adamLoop(read(param), read(grad), read(expAvg), read(expAvgSq), maxExpAvgSq === undefined ? null : read(maxExpAvgSq), oP, oM, oV, oVMax ?? null, h);
  return outs.map((values) => b.makeTensorInfo(param.shape, 'float32', values));
}

/** Whether the fused kernel serves the active backend (registering it on first use). */
function fusedAvailable(): boolean {
  const name = tf.getBackend();
  if (!(FUSED_BACKENDS as readonly string[]).includes(name)) return false;
  if (tf.getKernel(ADAM_STEP_KERNEL, name) === undefined) {
    tf.registerKernel({ kernelName: ADAM_STEP_KERNEL, backendName: name, kernelFunc: (name === 'wasm' ? wasmKernel : cpuKernel) as unknown as tf.KernelFunc });
  }
  return true;
}

/**
 * The new parameter and moments after one update of `p` by `grad` (all float32, same shape); `vMax`
 * is the AMSGrad buffer (null before its first use, or without `amsgrad`). Returns new tensors the
 * caller owns; the inputs are only read. `fused: false` forces the tensor path (tests compare them).
 */
export function adamStep(
  p: tf.Tensor, grad: tf.Tensor, m: tf.Tensor, v: tf.Tensor, vMax: tf.Tensor | null, h: AdamStepHyper, options: { fused?: boolean } = {},
): AdamStepTensors {
  if (options.fused === false || !fusedAvailable()) return tf.tidy(() => adamStepTensors(p, grad, m, v, vMax, h) as unknown as tf.TensorContainer) as unknown as AdamStepTensors;
  const inputs: tf.NamedTensorMap = { param: p, grad, expAvg: m, expAvgSq: v };
  if (h.amsgrad && vMax !== null) inputs.maxExpAvgSq = vMax;
  const out = tf.engine().runKernel(ADAM_STEP_KERNEL, inputs, { ...h } as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
  const [param, expAvg, expAvgSq, maxExpAvgSq] = out as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
  return { param, expAvg, expAvgSq, maxExpAvgSq: maxExpAvgSq ?? null };
}
