/**
 * `Conv1d`: 1-D convolution (PyTorch's `torch.nn.Conv1d`) on **channels-last** input `[N, L, C]`
 * (PyTorch uses `[N, C, L]`). Kernel `[k, in/groups, out]`, PyTorch's `[out, in/groups, k]`
 * permuted. Runs as a 2-D conv of height 1, so it supports the same stride, padding, dilation and
 * groups as `Conv2d`. Default init as PyTorch (kaiming_uniform(a = √5), bias U(±1/√fanIn)).
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

export interface Conv1dOptions {
  /** Step between windows. @default 1 */
  stride?: number | number[];
  /** Zero padding: 'valid' (none), 'same' (stride 1 only) or a number. @default 0 */
  padding?: ConvPadding;
  /** Spacing between kernel taps. @default 1 */
  dilation?: number | number[];
  /** Channel groups; must divide inChannels and outChannels. @default 1 */
  groups?: number;
  /** Learn an additive bias. @default true */
  bias?: boolean;
  /** Seed or generator for the initial weights. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export class Conv1d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  /** Resolved `[left, right]`. */
  readonly padding: number[];
  readonly dilation: number;
  readonly groups: number;
  /** `[k, in/groups, out]` */
  readonly weight: tf.Variable;
  /** `[out]`, or null without bias. */
  readonly bias: tf.Variable | null;

  constructor(inChannels: number, outChannels: number, kernelSize: number | number[], options: Conv1dOptions = {}) {
    super();
    const where = 'Conv1d';
    this.groups = checkGroups(inChannels, outChannels, options.groups ?? 1, where);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = toTuple(kernelSize, 1, 'kernelSize', where)[0];
    this.stride = toTuple(options.stride ?? 1, 1, 'stride', where)[0];
    this.dilation = toTuple(options.dilation ?? 1, 1, 'dilation', where)[0];
    this.padding = resolvePadding(options.padding ?? 0, [this.kernelSize], [this.stride], [this.dilation], where)[0];
    const rng = resolveRng(options.seed);
    const shape = [this.kernelSize, inChannels / this.groups, outChannels];
    this.weight = toParameter(init.kaimingUniform(shape, { a: Math.sqrt(5), seed: rng }));
    const bound = 1 / Math.sqrt(init.computeFans(shape).fanIn);
    this.bias = (options.bias ?? true) ? toParameter(init.uniform([outChannels], { low: -bound, high: bound, seed: rng })) : null;
  }

  protected override ownTorchLayouts(): Record<string, TorchLayout> {
    return { weight: 'kernel' };
  }

  /** `x`: `[N, L, inChannels]` → `[N, Lo, outChannels]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 3, 'Conv1d.forward', '[N, L, C] (channels last)', this.inChannels);
    const x4 = tf.expandDims(x, 1) as tf.Tensor4D; // [N, 1, L, C]
    const w4 = tf.expandDims(this.weight, 0); // [1, k, in/g, out]
    const y = conv2dNhwc(x4, w4, this.bias, {
      stride: [1, this.stride],
      padding: [[0, 0], this.padding],
      dilation: [1, this.dilation],
      groups: this.groups,
    }); // [N, 1, Lo, out]
    return tf.squeeze(y, [1]); // [N, Lo, out]
  }
}
