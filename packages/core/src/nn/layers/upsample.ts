/**
 * `Upsample`: nearest or bilinear resizing (PyTorch's `torch.nn.Upsample`) of channels-last input
 * `[N, H, W, C]`. Nearest is PyTorch's legacy 'nearest' (source ⌊dst·in/out⌋). Bilinear without
 * `alignCorners` uses half-pixel centres (source (dst + ½)·in/out − ½, clamped at 0); with it,
 * corners map to corners. Nearest runs on tfjs's resize kernel; bilinear applies a per-axis
 * interpolation matrix with matMul (see `interpMatrix`), so its gradient is exact on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput, toTuple } from '../internal/args.js';
import { applyAlongAxis, interpMatrix } from '../internal/interp-matrix.js';

export interface UpsampleOptions {
  /** Output `[h, w]` (or one number for both); give this or `scaleFactor`. @default undefined */
  size?: number | number[];
  /**
   * Multiplier for H and W (or `[sh, sw]`); in·scale must be a whole number (PyTorch computes
   * source positions from the factor, tfjs from the size ratio; they agree only then).
   * @default undefined
   */
  scaleFactor?: number | number[];
  /** Interpolation. @default 'nearest' */
  mode?: 'nearest' | 'bilinear';
  /** Bilinear only: align the corner pixels of input and output. @default false */
  alignCorners?: boolean;
}

export class Upsample extends Module {
  readonly size: number[] | null;
  readonly scaleFactor: number[] | null;
  readonly mode: 'nearest' | 'bilinear';
  readonly alignCorners: boolean;

  constructor(options: UpsampleOptions) {
    super();
    const where = 'Upsample';
    if ((options.size === undefined) === (options.scaleFactor === undefined)) {
      throw new Error(`${where}: give exactly one of 'size' and 'scaleFactor'; received ${options.size === undefined ? 'neither' : 'both'}`);
    }
    this.size = options.size === undefined ? null : toTuple(options.size, 2, 'size', where);
    const sf = options.scaleFactor;
    const factors = sf === undefined ? null : typeof sf === 'number' ? [sf, sf] : sf;
    if (factors !== null && (!Array.isArray(factors) || factors.length !== 2 || factors.some((f) => !(typeof f === 'number' && f > 0 && Number.isFinite(f))))) {
      throw new Error(`${where}: 'scaleFactor' must be a positive number or 2 of them; received ${JSON.stringify(sf)}`);
    }
    this.scaleFactor = factors;
    const mode = options.mode ?? 'nearest';
    if (mode !== 'nearest' && mode !== 'bilinear') {
      throw new Error(`${where}: 'mode' must be 'nearest' or 'bilinear'; received ${JSON.stringify(mode)}`);
    }
    this.mode = mode;
    if (mode === 'nearest' && options.alignCorners !== undefined) {
      throw new Error(`${where}: 'alignCorners' applies to mode 'bilinear' only (as in PyTorch); received ${String(options.alignCorners)} with mode 'nearest'`);
    }
    this.alignCorners = options.alignCorners ?? false;
  }

  /** The output `[h, w]` for an input of `[h, w]`. */
  outputSize(h: number, w: number): number[] {
    if (this.size !== null) return [...this.size];
    const factors = this.scaleFactor as number[];
    return [h, w].map((n, i) => {
      const out = n * factors[i];
      if (!Number.isInteger(out)) {
        throw new Error(`Upsample.forward: 'scaleFactor' ${factors[i]} gives a fractional size ${out} for input size ${n}; pass 'size' instead`);
      }
      return out;
    });
  }

  /** `x`: `[N, H, W, C]` → `[N, Ho, Wo, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 4, 'Upsample.forward', '[N, H, W, C] (NHWC)');
    const [h, w] = this.outputSize(x.shape[1] ?? 0, x.shape[2] ?? 0);
    const x4 = x as tf.Tensor4D;
    if (this.mode === 'nearest') return tf.image.resizeNearestNeighbor(x4, [h, w], false, false);
    const rows = interpMatrix(x.shape[1] ?? 0, h, this.alignCorners); // [Ho, H]
    const cols = interpMatrix(x.shape[2] ?? 0, w, this.alignCorners); // [Wo, W]
    return applyAlongAxis(applyAlongAxis(x4, rows, 1), cols, 2); // [N, Ho, Wo, C]
  }
}
