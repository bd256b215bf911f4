/**
 * A faster `Conv2DBackpropInput` for the wasm backend (stride 1, NHWC): one XNNPACK convolution in
 * place of tfjs-backend-wasm 4.22's plain-loop kernel, which took ~0.9 s per call on a LeNet-sized
 * layer (dy [64, 14, 14, 64], filter 5×5×32×64).
 *
 * With stride 1 the input gradient of y = conv2d(x, w) (padding top p_t, left p_l) is
 *   dx[n, h, w, ci] = Σ_{kh, kw, co} dy[n, h + p_t − kh, w + p_l − kw, co] · w[kh, kw, ci, co],
 * a "full" convolution of dy with the filter flipped in both spatial axes and its channel axes
 * swapped: w'[kh, kw, co, ci] = w[kH−1−kh, kW−1−kw, ci, co], with padding kH−1−p_t on top and
 * H − oH + p_t at the bottom (likewise for the width). This is the transposed-convolution identity
 * of Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016), §4.1.
 * With stride s > 1 the same identity holds for dy dilated by s (s−1 zero rows / columns inserted
 * between its rows / columns; §4.5 of the same guide), built on the heap in one pass: tfjs 4.22's
 * strided kernel took ~600 ms for a DCGAN generator layer (64→32 channels, 8×8 → 16×16, stride 2).
 * Three quarters of that dilated dy are zeros, so stride > 1 runs by default as a phase split
 * ("sub-pixel" decomposition): the output rows r, r+s, … only meet the filter taps k0, k0+s, …, so
 * each of the s_h·s_w output phases is one stride-1 XNNPACK convolution of the undilated dy with its
 * sub-filter, written interleaved into dx; the dilated-dy path runs where a phase would need a crop.
 * Other cases (NCHW, a padding the identity cannot express) run tfjs's own kernel.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/Conv2DBackpropInput
 */
import {
  backend_util,
  Conv2D,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';
import { runWasmKernel } from './run-wasm-kernel.js';

interface Args {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}

/** w[kh, kw, ci, co] → w'[kh', kw', co, ci] = w[kH−1−kh', kW−1−kw', ci, co], on the heap. */
function flipFilter(filter: TensorInfo, backend: BackendWasm): TensorInfo {
  const [kH, kW, cin, cout] = filter.shape;
  const out = backend.makeOutput([kH, kW, cout, cin], 'float32');
  const o = backend.typedArrayFromHeap(out) as Float32Array;
  const f = backend.typedArrayFromHeap(filter) as Float32Array;
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      const src = ((kH - 1 - kh) * kW + (kW - 1 - kw)) * cin * cout;
      const dst = (kh * kW + kw) * cout * cin;
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) o[dst + co * cin + ci] = f[src + ci * cout + co];
      }
    }
  }
  return out;
}

/**
 * dy [N, oH, oW, C] → [N, (oH−1)·sH+1, (oW−1)·sW+1, C] with sH−1 (sW−1) zero rows (columns) between
 * its rows (columns), on the heap in one pass.
 */
function dilateDy(dy: TensorInfo, sH: number, sW: number, backend: BackendWasm): TensorInfo {
  const [n, oH, oW, c] = dy.shape as [number, number, number, number];
  const dH = (oH - 1) * sH + 1;
  const dW = (oW - 1) * sW + 1;
  const out = backend.makeOutput([n, dH, dW, c], 'float32');
  const o = backend.typedArrayFromHeap(out) as Float32Array;
  const d = backend.typedArrayFromHeap(dy) as Float32Array;
  o.fill(0);
  for (let b = 0; b < n; b++) {
    for (let h = 0; h < oH; h++) {
      const srcRow = (b * oH + h) * oW * c;
      const dstRow = (b * dH + h * sH) * dW * c;
      for (let w = 0; w < oW; w++) {
        const src = srcRow + w * c;
        o.set(d.subarray(src, src + c), dstRow + w * sW * c);
      }
    }
  }
  return out;
}

/** One axis of a stride-s phase split: output rows r, r+s, … take filter taps k0, k0+s, … over dy. */
interface Phase {
  r: number;
  k0: number;
  /** taps in this phase */
  taps: number;
  /** output rows in this phase */
  rows: number;
  padBefore: number;
  padAfter: number;
}

/**
 * The phases of one axis: dx[r + s·m] = Σ_j dy[m + c − j] · w[k0 + s·j] with t = r + p, k0 = t mod s,
 * c = ⌊t / s⌋ — a stride-1 correlation of dy with the reversed sub-filter, padded J−1−c before and
 * M + c − oH after (J taps, M rows). Null when a padding would be negative (a crop).
 */
function phasesOf(s: number, k: number, p: number, size: number, outSize: number): Phase[] | null {
  const phases: Phase[] = [];
  for (let r = 0; r < s; r++) {
    const k0 = (r + p) % s;
    const c = Math.floor((r + p) / s);
    const taps = k0 < k ? Math.ceil((k - k0) / s) : 0;
    const rows = r < size ? Math.ceil((size - r) / s) : 0;
    const padBefore = taps - 1 - c;
    const padAfter = rows + c - outSize;
    if (taps > 0 && rows > 0 && (padBefore < 0 || padAfter < 0)) return null;
    phases.push({ r, k0, taps, rows, padBefore, padAfter });
  }
  return phases;
}

/** u[jh, jw, co, ci] = w[k0h + sH·(Jh−1−jh), k0w + sW·(Jw−1−jw), ci, co], on the heap. */
function phaseFilter(filter: TensorInfo, ph: Phase, pw: Phase, sH: number, sW: number, backend: BackendWasm): TensorInfo {
  const [, kW, cin, cout] = filter.shape as [number, number, number, number];
  const out = backend.makeOutput([ph.taps, pw.taps, cout, cin], 'float32');
  const o = backend.typedArrayFromHeap(out) as Float32Array;
  const f = backend.typedArrayFromHeap(filter) as Float32Array;
  for (let jh = 0; jh < ph.taps; jh++) {
    for (let jw = 0; jw < pw.taps; jw++) {
      const src = ((ph.k0 + sH * (ph.taps - 1 - jh)) * kW + (pw.k0 + sW * (pw.taps - 1 - jw))) * cin * cout;
      const dst = (jh * pw.taps + jw) * cout * cin;
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) o[dst + co * cin + ci] = f[src + ci * cout + co];
      }
    }
  }
  return out;
}

/**
 * Stride > 1 without the zeros: s_h·s_w stride-1 XNNPACK convolutions of dy (one per output phase,
 * each with its sub-filter), written interleaved into dx. Null when a phase needs a crop.
 */
function phaseSplit(dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, backend: BackendWasm): TensorInfo | null {
  const { batchSize: N, inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, inChannels: cin } = info;
  const { strideHeight: sH, strideWidth: sW, filterHeight: kH, filterWidth: kW } = info;
  const rowsPh = phasesOf(sH, kH, info.padInfo.top, H, oH);
  const colsPh = phasesOf(sW, kW, info.padInfo.left, W, oW);
  if (rowsPh === null || colsPh === null) return null;
  const out = backend.makeOutput([N, H, W, cin], 'float32');
  backend.typedArrayFromHeap(out).fill(0);
  for (const ph of rowsPh) {
    for (const pw of colsPh) {
      if (ph.taps === 0 || pw.taps === 0 || ph.rows === 0 || pw.rows === 0) continue; // zeros / no pixels
      const u = phaseFilter(filter, ph, pw, sH, sW, backend);
      let part: TensorInfo | undefined;
      try {
        part = runWasmKernel(
          Conv2D,
          { x: dy, filter: u },
          { strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [ph.padBefore, ph.padAfter], [pw.padBefore, pw.padAfter], [0, 0]], dataFormat: 'NHWC' },
          backend,
        ); // [N, rows_h, rows_w, Cin]
        const o = backend.typedArrayFromHeap(out) as Float32Array;
        const q = backend.typedArrayFromHeap(part) as Float32Array;
        for (let n = 0; n < N; n++) {
          for (let m = 0; m < ph.rows; m++) {
            const dstRow = (n * H + ph.r + sH * m) * W;
            const srcRow = (n * ph.rows + m) * pw.rows;
            for (let l = 0; l < pw.rows; l++) {
              const dst = (dstRow + pw.r + sW * l) * cin;
              const src = (srcRow + l) * cin;
              for (let ci = 0; ci < cin; ci++) o[dst + ci] = q[src + ci];
            }
          }
        }
      } finally {
        backend.disposeData(u.dataId);
        if (part !== undefined) backend.disposeData(part.dataId);
      }
    }
  }
  return out;
}

/** Test hook: run strided calls over the dilated dy even where the phase split applies. */
let useDilation = false;
/** @internal Forces (true) or releases the dilated-dy path for strided calls; tests only. */
export function forceDilatedPathForTests(on: boolean): void {
  useDilation = on;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs;
    const dataFormat = attrs.dataFormat ?? 'NHWC';
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    const { inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, filterHeight: kH, filterWidth: kW } = info;
    const { strideHeight: sH, strideWidth: sW } = info;
    // With stride s, dy dilated by s ((s−1) zeros between rows / columns) turns the sum into the
    // stride-1 one over an image of (oH−1)·s+1 rows (Dumoulin & Visin §4.5).
    const dH = Math.max(0, (oH - 1) * sH + 1);
    const dW = Math.max(0, (oW - 1) * sW + 1);
    const top = kH - 1 - info.padInfo.top;
    const left = kW - 1 - info.padInfo.left;
    const bottom = H - dH + info.padInfo.top;
    const right = W - dW + info.padInfo.left;
    const fast =
      info.dataFormat === 'channelsLast' &&
      sH >= 1 &&
      sW >= 1 &&
      dy.dtype === 'float32' &&
      filter.dtype === 'float32' &&
      dy.shape.length === 4 &&
      dy.shape[1] === oH &&
      dy.shape[2] === oW &&
      Math.min(top, left, bottom, right) >= 0 &&
      attrs.inputShape.every((d) => d > 0) &&
      info.outChannels > 0 &&
      info.inChannels > 0;
    if (!fast) return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    if (oH === 0 || oW === 0 || info.batchSize === 0) {
      // No terms in the sum (XNNPACK rejects empty inputs): the gradient is zero.
      const out = backend.makeOutput(attrs.inputShape, 'float32');
      backend.typedArrayFromHeap(out).fill(0);
      return out;
    }
    const strided = sH > 1 || sW > 1;
    if (strided && !useDilation) {
      const split = phaseSplit(dy, filter, info, backend);
      if (split !== null) return split;
    }
    const dilated = strided ? dilateDy(dy, sH, sW, backend) : dy;
    const flipped = flipFilter(filter, backend);
    try {
      return runWasmKernel(
        Conv2D,
        { x: dilated, filter: flipped },
        { strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC' },
        backend,
      ); // [N, H, W, Cin]
    } finally {
      backend.disposeData(flipped.dataId);
      if (strided) backend.disposeData(dilated.dataId);
    }
  };
  return kernel as unknown as KernelFunc;
}

/**
 * Replaces tfjs-backend-wasm's `Conv2DBackpropInput`: NHWC float32 calls (any stride) run as one
 * XNNPACK convolution (stride 1) or one per output phase (stride > 1; over dy dilated by the stride
 * where a phase would need a crop), every other call goes to tfjs's kernel.
 */
export const conv2dBackpropInputWasmReplacement: KernelReplacement = { kernelName: Conv2DBackpropInput, wrap };
