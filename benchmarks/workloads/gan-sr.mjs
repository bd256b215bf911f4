/**
 * Super-resolution inference: one ×2 SrResNet forward pass (@ml/gan) on a low-resolution RGB image,
 * output awaited. Peer: the same network in PyTorch (NCHW), `torch.no_grad()`, eval mode.
 */
import { SrResNet } from '@ml/gan';

export const name = 'gan-sr';
export const title = 'SRResNet ×2 super-resolution inference (output megapixels/s)';
export const description =
  'One call runs `SrResNet.forward` (eval mode: BatchNorm with running statistics) on x [1, h, w, 3] ' +
  '(NHWC, seeded uniform 0–1) and awaits the [1, 2h, 2w, 3] output. The network is SRGAN\'s ' +
  'generator: conv 9×9 3→F + PReLU, B residual blocks (conv 3×3, BN, PReLU, conv 3×3, BN, skip), ' +
  'conv 3×3 + BN with the long skip, one ×2 sub-pixel stage (conv 3×3 F→4F, PixelShuffle(2), PReLU), ' +
  'conv 9×9 F→3, plus the bicubic image skip (depthwise 5×5 phase convolution + pixel shuffle). ' +
  'PyTorch runs the same layers in NCHW under `torch.no_grad()` (the skip as a grouped conv after ' +
  'replicate padding, `F.pixel_shuffle`). Output megapixels/s = 4·h·w / 10⁶ / (median seconds per ' +
  'call); GFLOP/s counts 2 × the convolutions\' multiply-adds (elementwise work not counted).';

export const cases = [
  { id: 'paper-64', label: 'F 64, B 16 (paper), 64×64 → 128×128', features: 64, blocks: 16, height: 64, width: 64 },
  { id: 'small-128', label: 'F 16, B 2 (example), 128×128 → 256×256', features: 16, blocks: 2, height: 128, width: 128 },
];

/** Nominal FLOPs: 2 × multiply-adds of every convolution. */
export function flops(c) {
  const f = c.features;
  const lr = c.height * c.width;
  const perLr = 81 * 3 * f + c.blocks * 2 * 9 * f * f + 9 * f * f + 9 * f * 4 * f + 25 * 3 * 4;
  const perHr = 81 * f * 3;
  return 2 * (lr * perLr + 4 * lr * perHr);
}

/** Output megapixels of one call. */
export function outputMegapixels(c) {
  return (4 * c.height * c.width) / 1e6;
}

export function prepare(tf, c) {
  const model = new SrResNet({ scale: 2, features: c.features, numBlocks: c.blocks, seed: 0 }).eval();
  const x = tf.randomUniform([1, c.height, c.width, 3], 0, 1, 'float32', 1);
  return {
    step: async () => model.call(x),
    dispose: () => {
      x.dispose();
      model.dispose();
    },
  };
}

export const peer = {
  name: 'PyTorch',
  script: 'gan_sr.py',
  modules: ['torch'],
  payload: (c) => ({ id: c.id, features: c.features, blocks: c.blocks, height: c.height, width: c.width }),
};
