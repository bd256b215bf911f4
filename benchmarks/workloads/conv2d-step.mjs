/**
 * One conv2d training step's worth of convolution work: forward y = conv2d(x, w) plus the gradients
 * w.r.t. the input and the filter, for the first two conv layers of a LeNet-style MNIST net.
 * Peer: PyTorch (F.conv2d + torch.autograd.grad) in NCHW.
 */
export const name = 'conv2d-step';
export const title = 'conv2d forward + backward (LeNet-style layers)';
export const description =
  'One call computes y = conv2d(x, w) (stride 1, padding \'same\', NHWC) and dx, dw by ' +
  '`tf.valueAndGrads` with a fixed upstream gradient dy (Conv2D, Conv2DBackpropInput and ' +
  'Conv2DBackpropFilter kernels); all three outputs are awaited. PyTorch runs the same shapes in NCHW, ' +
  'made in that layout before timing (so no layout conversion is timed), with ' +
  '`F.conv2d` + `torch.autograd.grad(y, (x, w), dy)`. GFLOP/s counts 3 × the forward ' +
  'multiply-adds ×2 (forward, input gradient, filter gradient), border effects ignored.';

export const cases = [
  { id: 'conv1', label: 'x [64,28,28,1], 5×5 → 32', batch: 64, height: 28, width: 28, inChannels: 1, outChannels: 32, kernel: 5 },
  { id: 'conv2', label: 'x [64,14,14,32], 5×5 → 64', batch: 64, height: 14, width: 14, inChannels: 32, outChannels: 64, kernel: 5 },
];

/** Nominal floating-point operations of one call: forward + two gradients, each 2·N·H·W·Cout·Cin·K². */
export function flops(c) {
  return 3 * 2 * c.batch * c.height * c.width * c.outChannels * c.inChannels * c.kernel ** 2;
}

/**
 * Makes x, w and dy of case `c` on the current backend.
 * @returns {{step: () => Promise<object[]>, dispose: () => void}} `step` returns [y, dx, dw]
 */
export function prepare(tf, c) {
  const x = tf.randomNormal([c.batch, c.height, c.width, c.inChannels], 0, 1, 'float32', 1);
  const w = tf.randomNormal([c.kernel, c.kernel, c.inChannels, c.outChannels], 0, 0.1, 'float32', 2);
  const dy = tf.randomNormal([c.batch, c.height, c.width, c.outChannels], 0, 1, 'float32', 3);
  const f = (xi, wi) => tf.conv2d(xi, wi, 1, 'same');
  return {
    // tidy: if a kernel is missing, the half-built gradient tensors are disposed before the throw.
    step: async () =>
      tf.tidy(() => {
        const { value, grads } = tf.valueAndGrads(f)([x, w], dy);
        return [value, ...grads];
      }),
    dispose: () => {
      x.dispose();
      w.dispose();
      dy.dispose();
    },
  };
}

export const peer = {
  name: 'PyTorch',
  script: 'conv2d_step.py',
  modules: ['torch'],
  payload: (c) => ({
    id: c.id,
    batch: c.batch,
    height: c.height,
    width: c.width,
    inChannels: c.inChannels,
    outChannels: c.outChannels,
    kernel: c.kernel,
  }),
};
