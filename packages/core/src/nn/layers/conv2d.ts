/**
 * `Conv2d`: 2-D convolution (PyTorch's `torch.nn.Conv2d`) on **channels-last** input `[N, H, W, C]`
 * (tfjs's native layout; PyTorch uses `[N, C, H, W]`). Kernel `[kh, kw, in/groups, out]`, PyTorch's
 * `[out, in/groups, kh, kw]` permuted. Supports stride, padding ('valid', 'same', number, pair),
 * dilation and any groups that divide the channels (groups = inChannels runs as a depthwise conv).
 * Default init as PyTorch: kaiming_uniform(a = √5), bias U(±1/√fanIn), fanIn = in/groups·kh·kw.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeedLike } from '../../random/rng.js';
import { Module, type TorchLayout } from '../module.js';
import { init } from '../init.js';
import { resolveRng } from '../default-rng.js';
import { checkInput, toTuple } from '../internal/args.js';
import { toParameter } from '../internal/to-parameter.js';
import { checkGroups, resolvePadding, type ConvPadding } from '../internal/conv-options.js';
import { conv2dNhwc } from '../internal/conv2d-nhwc.js';

export interface Conv2dOptions {
  /** Step between windows, one number or `[sh, sw]`. @default 1 */
  stride?: number | number[];
  /** Zero padding: 'valid' (none), 'same' (stride 1 only), a number, or `[ph, pw]`. @default 0 */
  padding?: ConvPadding;
  /** Spacing between kernel taps, one number or `[dh, dw]`. @default 1 */
  dilation?: number | number[];
  /** Channel groups; must divide inChannels and outChannels. @default 1 */
  groups?: number;
  /** Learn an additive bias. @default true */
  bias?: boolean;
  /** Seed or generator for the initial weights. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  /** Resolved `[[top, bottom], [left, right]]`. */
  readonly padding: number[][];
  readonly dilation: number[];
  readonly groups: number;
  /** `[kh, kw, in/groups, out]` */
  readonly weight: tf.Variable;
  /** `[out]`, or null without bias. */
  readonly bias: tf.Variable | null;

  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options: Conv2dOptions = {}) {
    super();
    const where = 'Conv2d';
    this.groups = checkGroups(inChannels, outChannels, options.groups ?? 1, where);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = toTuple(kernelSize, 2, 'kernelSize', where);
    this.stride = toTuple(options.stride ?? 1, 2, 'stride', where);
    this.dilation = toTuple(options.dilation ?? 1, 2, 'dilation', where);
    this.padding = resolvePadding(options.padding ?? 0, this.kernelSize, this.stride, this.dilation, where);
    const rng = resolveRng(options.seed);
    const shape = [...this.kernelSize, inChannels / this.groups, outChannels];
    this.weight = toParameter(init.kaimingUniform(shape, { a: Math.sqrt(5), seed: rng }));
    const bound = 1 / Math.sqrt(init.computeFans(shape).fanIn);
    this.bias = (options.bias ?? true) ? toParameter(init.uniform([outChannels], { low: -bound, high: bound, seed: rng })) : null;
  }

  protected override ownTorchLayouts(): Record<string, TorchLayout> {
    return { weight: 'kernel' };
  }

  /** `x`: `[N, H, W, inChannels]` → `[N, Ho, Wo, outChannels]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 4, 'Conv2d.forward', '[N, H, W, C] (NHWC)', this.inChannels);
    return conv2dNhwc(x as tf.Tensor4D, this.weight, this.bias, this);
  }
}
