/**
 * `ConvTranspose2d`: transposed 2-D convolution (PyTorch's `torch.nn.ConvTranspose2d`) on
 * **channels-last** input `[N, H, W, C]`. Kernel `[kh, kw, out/groups, in]` (tfjs's
 * `conv2dTranspose` layout), PyTorch's `[in, out/groups, kh, kw]` permuted.
 *
 * Output size, as PyTorch: (H − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1.
 * It runs the full 'valid' transposed conv (with the kernel dilated by zero insertion) and crops
 * `padding` from both ends, zero-extending by `outputPadding`; every step has a gradient.
 * Default init as PyTorch: kaiming_uniform(a = √5) with fanIn = out/groups·kh·kw, bias U(±1/√fanIn).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeedLike } from '../../random/rng.js';
import { Module, type TorchLayout } from '../module.js';
import { init } from '../init.js';
import { resolveRng } from '../default-rng.js';
import { checkInput, toTuple } from '../internal/args.js';
import { toParameter } from '../internal/to-parameter.js';
import { checkGroups } from '../internal/conv-options.js';
import { dilateKernel } from '../internal/dilate-kernel.js';

export interface ConvTranspose2dOptions {
  /** Upsampling step, one number or `[sh, sw]`. @default 1 */
  stride?: number | number[];
  /** Rows/columns cropped from each side of the full output: a number, `[ph, pw]` or 'valid' (0). @default 0 */
  padding?: number | number[] | 'valid';
  /** Extra rows/columns added at the bottom/right; each must be < its stride or dilation. @default 0 */
  outputPadding?: number | number[];
  /** Spacing between kernel taps. @default 1 */
  dilation?: number | number[];
  /** Channel groups; must divide inChannels and outChannels. @default 1 */
  groups?: number;
  /** Learn an additive bias. @default true */
  bias?: boolean;
  /** Seed or generator for the initial weights. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export class ConvTranspose2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly outputPadding: number[];
  readonly dilation: number[];
  readonly groups: number;
  /** `[kh, kw, out/groups, in]` */
  readonly weight: tf.Variable;
  /** `[out]`, or null without bias. */
  readonly bias: tf.Variable | null;

  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options: ConvTranspose2dOptions = {}) {
    super();
    const where = 'ConvTranspose2d';
    this.groups = checkGroups(inChannels, outChannels, options.groups ?? 1, where);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = toTuple(kernelSize, 2, 'kernelSize', where);
    this.stride = toTuple(options.stride ?? 1, 2, 'stride', where);
    this.dilation = toTuple(options.dilation ?? 1, 2, 'dilation', where);
    const padding = options.padding ?? 0;
    if (typeof padding === 'string' && padding !== 'valid') {
      throw new Error(`${where}: 'padding' must be 'valid', an integer >= 0 or 2 of them (PyTorch's ConvTranspose2d has no 'same'); received ${JSON.stringify(padding)}`);
    }
    this.padding = toTuple(padding === 'valid' ? 0 : padding, 2, 'padding', where, 0);
    this.outputPadding = toTuple(options.outputPadding ?? 0, 2, 'outputPadding', where, 0);
    this.outputPadding.forEach((op, i) => {
      if (op >= this.stride[i] && op >= this.dilation[i]) {
        throw new Error(`${where}: 'outputPadding' must be smaller than stride or dilation in each dimension; received [${this.outputPadding.join(', ')}] with stride [${this.stride.join(', ')}] and dilation [${this.dilation.join(', ')}]`);
      }
    });
    const rng = resolveRng(options.seed);
    const shape = [...this.kernelSize, outChannels / this.groups, inChannels];
    this.weight = toParameter(init.kaimingUniform(shape, { a: Math.sqrt(5), seed: rng }));
    const bound = 1 / Math.sqrt(init.computeFans(shape).fanIn);
    this.bias = (options.bias ?? true) ? toParameter(init.uniform([outChannels], { low: -bound, high: bound, seed: rng })) : null;
  }

  protected override ownTorchLayouts(): Record<string, TorchLayout> {
    return { weight: 'kernel' };
  }

  /** The output spatial size for an input of `[h, w]`. */
  outputSize(h: number, w: number): number[] {
    return [h, w].map((n, i) => (n - 1) * this.stride[i] - 2 * this.padding[i] + this.dilation[i] * (this.kernelSize[i] - 1) + this.outputPadding[i] + 1);
  }

  /** `x`: `[N, H, W, inChannels]` → `[N, Ho, Wo, outChannels]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 4, 'ConvTranspose2d.forward', '[N, H, W, C] (NHWC)', this.inChannels);
    const [n, h, w] = x.shape;
    const out = this.outputSize(h, w);
    if (out.some((s) => s <= 0)) {
      throw new Error(`ConvTranspose2d.forward: the output size [${out.join(', ')}] for input [${x.shape.join(', ')}] is not positive; reduce 'padding'`);
    }
    const kernel = dilateKernel(this.weight, this.dilation) as tf.Tensor4D; // [kh', kw', out/g, in]
    const full = [h, w].map((s, i) => (s - 1) * this.stride[i] + kernel.shape[i]); // uncropped size
    const g = this.groups;
    const outPerGroup = this.outChannels / g;
    const xs = g === 1 ? [x as tf.Tensor4D] : (tf.split(x, g, 3) as tf.Tensor4D[]);
    const ks = g === 1 ? [kernel] : (tf.split(kernel, g, 3) as tf.Tensor4D[]);
    const parts = xs.map((xi, i) =>
      tf.conv2dTranspose(xi, ks[i], [n, full[0], full[1], outPerGroup], this.stride as [number, number], 'valid'),
    );
    let y: tf.Tensor4D = g === 1 ? parts[0] : tf.concat(parts, 3); // [N, fullH, fullW, out]
    // crop `padding` from the start; the end may need zeros when outputPadding > padding
    const keep = out.map((o, i) => Math.min(o, full[i] - this.padding[i]));
    y = tf.slice(y, [0, this.padding[0], this.padding[1], 0], [n, keep[0], keep[1], this.outChannels]);
    const extra = out.map((o, i) => o - keep[i]);
    if (extra[0] > 0 || extra[1] > 0) y = tf.pad(y, [[0, 0], [0, extra[0]], [0, extra[1]], [0, 0]]);
    return this.bias === null ? y : tf.add(y, this.bias); // [N, Ho, Wo, out]
  }
}
