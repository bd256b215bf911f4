/**
 * `SrResNet`: the SRGAN generator (Ledig et al., "Photo-Realistic Single Image Super-Resolution Using
 * a Generative Adversarial Network", CVPR 2017): a 9×9 head, B residual blocks, a 3×3 conv + BN with
 * a long skip, then one or two ×2 sub-pixel stages (conv 3×3 to 4F channels, `PixelShuffle(2)`,
 * PReLU; Shi et al. 2016) and a 9×9 output conv. Input and output are channels-last images in 0–1.
 *
 * Option `imageSkip: 'bicubic'` (the default) adds the bicubic upsampling of the input to the output,
 * so the network learns the residual detail (as VDSR, Kim et al. 2016); the output conv then starts at
 * zero and the untrained model is bicubic interpolation. `'none'` is the paper's SRResNet.
 *
 * Letters: N batch, h×w low-resolution size, s scale, F features, C image channels.
 */
import { tf, Rng, stateDictTensors, loadModelFiles, packModel, saveModelFiles, toTensor, unpackModel, type LoadedModelFiles, type SafetensorsInput } from '@ml/core';
import { BatchNorm2d, Conv2d, Module, PixelShuffle, type AnyModule } from '@ml/core/nn';
import { makeActivation, SrResidualBlock, type SrActivation } from './sr-residual-block.js';
import { bicubicUpsample, bicubicUpsampleKernel } from './bicubic-upsample.js';

export interface SrResNetOptions {
  /** Upscaling factor: 2 (one ×2 stage) or 4 (two). @default 2 */
  scale?: 2 | 4;
  /** Image channels in and out (3 for RGB, 1 for grayscale). @default 3 */
  channels?: number;
  /** Feature maps F in the body (the paper's 64). @default 64 */
  features?: number;
  /** Residual blocks B (the paper's 16). @default 16 */
  numBlocks?: number;
  /** Batch normalisation in the blocks (SRGAN) or none (EDSR). @default true */
  batchNorm?: boolean;
  /** Nonlinearity. @default 'prelu' */
  activation?: SrActivation;
  /** Add the bicubic upsampling of the input to the output ('bicubic') or not ('none', the paper's). @default 'bicubic' */
  imageSkip?: 'bicubic' | 'none';
  /** Seed of the initial weights. @default 0 */
  seed?: number;
}

export const SR_RESNET_DEFAULTS = {
  scale: 2,
  channels: 3,
  features: 64,
  numBlocks: 16,
  batchNorm: true,
  activation: 'prelu',
  imageSkip: 'bicubic',
  seed: 0,
} as const satisfies Required<SrResNetOptions>;

/** Version of the `config.json` that `SrResNet.save` writes. */
export const SR_RESNET_FORMAT_VERSION = 1;
const FORMAT = 'ml-gan-srresnet';

function checkOptions(o: Required<SrResNetOptions>): void {
  const where = 'SrResNet';
  if (o.scale !== 2 && o.scale !== 4) throw new RangeError(`${where}: 'scale' must be 2 or 4; received ${String(o.scale)}`);
  for (const key of ['channels', 'features'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`${where}: '${key}' must be a positive integer; received ${String(o[key])}`);
  }
  if (!Number.isInteger(o.numBlocks) || o.numBlocks < 0) throw new RangeError(`${where}: 'numBlocks' must be a non-negative integer; received ${String(o.numBlocks)}`);
  if (typeof o.batchNorm !== 'boolean') throw new TypeError(`${where}: 'batchNorm' must be a boolean; received ${String(o.batchNorm)}`);
  if (o.activation !== 'prelu' && o.activation !== 'relu') throw new RangeError(`${where}: 'activation' must be 'prelu' or 'relu'; received ${String(o.activation)}`);
  if (o.imageSkip !== 'bicubic' && o.imageSkip !== 'none') throw new RangeError(`${where}: 'imageSkip' must be 'bicubic' or 'none'; received ${String(o.imageSkip)}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`${where}: 'seed' must be an integer; received ${String(o.seed)}`);
}

/** One ×2 sub-pixel stage: conv 3×3 F → 4F, PixelShuffle(2), activation. */
class UpsampleStage extends Module {
  readonly conv: Conv2d;
  readonly shuffle = new PixelShuffle(2);
  readonly act: AnyModule;
  constructor(features: number, activation: SrActivation, rng: Rng) {
    super();
    this.conv = new Conv2d(features, features * 4, 3, { padding: 1, seed: rng });
    this.act = makeActivation(activation);
  }
  /** `[N, h, w, F]` → `[N, 2h, 2w, F]` */
  forward(x: tf.Tensor): tf.Tensor {
    return this.act.forward(this.shuffle.forward(this.conv.forward(x))) as tf.Tensor;
  }
}

export class SrResNet extends Module {
  /** The options, defaults filled in (what `save` writes). */
  readonly options: Readonly<Required<SrResNetOptions>>;
  readonly head: Conv2d;
  readonly headAct: AnyModule;
  readonly blocks: SrResidualBlock[];
  readonly bodyConv: Conv2d;
  readonly bodyBn: BatchNorm2d | null;
  readonly upsample: UpsampleStage[];
  readonly tail: Conv2d;
  /** `[5, 5, C, s²]` constant kernel of the bicubic image skip (null without it). */
  readonly #skipKernel: tf.Tensor4D | null;

  constructor(options: SrResNetOptions = {}) {
    super();
    const o = { ...SR_RESNET_DEFAULTS, ...options };
    checkOptions(o);
    this.options = Object.freeze(o);
    const rng = new Rng(o.seed);
    const f = o.features;
    this.head = new Conv2d(o.channels, f, 9, { padding: 4, seed: rng });
    this.headAct = makeActivation(o.activation);
    this.blocks = Array.from({ length: o.numBlocks }, () => new SrResidualBlock(f, o.batchNorm, o.activation, rng));
    this.bodyConv = new Conv2d(f, f, 3, { padding: 1, bias: !o.batchNorm, seed: rng });
    this.bodyBn = o.batchNorm ? new BatchNorm2d(f) : null;
    this.upsample = Array.from({ length: o.scale === 4 ? 2 : 1 }, () => new UpsampleStage(f, o.activation, rng));
    this.tail = new Conv2d(f, o.channels, 9, { padding: 4, seed: rng });
    if (o.imageSkip === 'bicubic') {
      // Start as bicubic interpolation: the residual branch's output conv begins at zero.
      tf.tidy(() => {
        this.tail.weight.assign(tf.zerosLike(this.tail.weight));
        if (this.tail.bias) this.tail.bias.assign(tf.zerosLike(this.tail.bias));
      });
      this.#skipKernel = bicubicUpsampleKernel(o.scale, o.channels);
    } else this.#skipKernel = null;
  }

  /** The upscaling factor s. */
  get scale(): number {
    return this.options.scale;
  }

  /**
   * How far (in input pixels) an output pixel can see: the margin tiled inference needs around each
   * tile for its output to equal the untiled output.
   */
  receptiveRadius(): number {
    const s = this.options.scale;
    // head 9×9: 4; two 3×3 per block; body conv: 1; first ×2 stage conv: 1; second (at 2× size): ½;
    // tail 9×9 at s× size: 4/s; bicubic skip: 2.
    const r = 4 + 2 * this.options.numBlocks + 1 + 1 + (s === 4 ? 0.5 : 0) + 4 / s;
    return Math.max(Math.ceil(r), this.#skipKernel ? 2 : 0);
  }

  /** `x`: `[N, h, w, C]` in 0–1 → `[N, h·s, w·s, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    const c = this.options.channels;
    if (x.rank !== 4 || x.shape[3] !== c) {
      throw new Error(`SrResNet.forward: 'input' must have shape [N, h, w, ${c}] (NHWC); received [${x.shape.join(', ')}]`);
    }
    const h0 = this.headAct.forward(this.head.forward(x)) as tf.Tensor; // [N, h, w, F]
    let y = h0;
    for (const block of this.blocks) y = block.forward(y); // [N, h, w, F]
    y = this.bodyConv.forward(y);
    if (this.bodyBn) y = this.bodyBn.forward(y);
    y = tf.add(y, h0); // long skip
    for (const stage of this.upsample) y = stage.forward(y); // [N, h·s, w·s, F]
    y = this.tail.forward(y); // [N, h·s, w·s, C]
    if (this.#skipKernel) y = tf.add(y, bicubicUpsample(x as tf.Tensor4D, this.#skipKernel, this.options.scale));
    return y;
  }

  async #files(): Promise<{ config: Record<string, unknown>; tensors: Record<string, SafetensorsInput> }> {
    const config = { format: FORMAT, version: SR_RESNET_FORMAT_VERSION, options: { ...this.options } };
    const tensors = await stateDictTensors(this);
    return { config, tensors };
  }

  /** Writes `config.json` (the options) and `model.safetensors` (weights and BN statistics) into `dir` (Node.js). */
  async save(dir: string): Promise<void> {
    await saveModelFiles(dir, await this.#files());
  }

  /** The model as one byte array (browsers); read it with `fromBytes`. */
  async toBytes(): Promise<Uint8Array> {
    return packModel(await this.#files());
  }

  /** Reads a folder written by `save` (Node.js). The model is returned in eval mode. */
  static async load(dir: string): Promise<SrResNet> {
    return restore(await loadModelFiles(dir), 'SrResNet.load');
  }

  /** Reads bytes written by `toBytes`. The model is returned in eval mode. */
  static fromBytes(bytes: Uint8Array): SrResNet {
    return restore(unpackModel(bytes), 'SrResNet.fromBytes');
  }

  override dispose(): void {
    super.dispose();
    this.#skipKernel?.dispose();
  }
}

function restore(files: LoadedModelFiles, where: string): SrResNet {
  const c = files.config;
  if (c.format !== FORMAT) throw new TypeError(`${where}: expected a saved SrResNet (format '${FORMAT}'); received format ${JSON.stringify(c.format)}`);
  if (c.version !== SR_RESNET_FORMAT_VERSION) {
    throw new RangeError(`${where}: unsupported version ${JSON.stringify(c.version)}; this release reads version ${SR_RESNET_FORMAT_VERSION}`);
  }
  const model = new SrResNet(c.options as SrResNetOptions);
  const state = new Map<string, tf.Tensor>();
  try {
    for (const [name, entry] of files.tensors) state.set(name, toTensor(entry, name));
    model.loadStateDict(state);
  } catch (cause) {
    model.dispose();
    throw new Error(`${where}: the weights do not fit the saved config (${(cause as Error).message})`, { cause });
  } finally {
    tf.dispose([...state.values()]);
  }
  return model.eval();
}
