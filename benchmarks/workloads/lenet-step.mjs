/**
 * One full training step of a LeNet-style CNN on MNIST-shaped data, through @ml/core's public API
 * (nn modules, crossEntropy, Adam). Peer: the same network in PyTorch (NCHW), torch.optim.Adam.
 */
import {
  Adam,
  Conv2d,
  Flatten,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  crossEntropy,
  manualSeed,
} from '@ml/core';

export const name = 'lenet-step';
export const title = 'LeNet-style CNN training step (batch 64, Adam)';
export const description =
  'One call is one training step of Conv2d(1→32, 5×5, padding 2) → ReLU → MaxPool2d(2) → ' +
  'Conv2d(32→64, 5×5, padding 2) → ReLU → MaxPool2d(2) → Flatten → Linear(3136→128) → ReLU → ' +
  'Linear(128→10) on x [64, 28, 28, 1] (NHWC, fixed seeded normal data) with int labels, built from ' +
  '`@ml/core`\'s `nn` modules: `tf.variableGrads` of `crossEntropy(model.forward(x), labels)`, ' +
  '`Adam.step(grads)` (lr 1e-3), the gradients disposed, and the loss awaited (`await loss.data()`). ' +
  'The same model and data are reused across calls, so the parameters keep training. PyTorch runs the ' +
  'same network in NCHW: `opt.zero_grad()`, `F.cross_entropy(model(x), y).backward()`, `opt.step()`, ' +
  '`loss.item()`. GFLOP/s counts 3 × the forward pass\'s conv and linear multiply-adds ×2 (nominal: ' +
  'neither side needs the first conv\'s input gradient; pooling and elementwise work not counted).';

export const cases = [{ id: 'b64', label: 'x [64,28,28,1], batch 64', batch: 64, height: 28, width: 28, classes: 10 }];

/** Nominal FLOPs of one step: 3 × (2 · multiply-adds of the two convs and two linears, forward). */
export function flops(c) {
  const { batch: n, height: h, width: w } = c;
  const conv1 = n * h * w * 32 * 1 * 25;
  const conv2 = n * (h / 2) * (w / 2) * 64 * 32 * 25;
  const fc1 = n * (h / 4) * (w / 4) * 64 * 128;
  const fc2 = n * 128 * c.classes;
  return 3 * 2 * (conv1 + conv2 + fc1 + fc2);
}

/** The network of this workload, seeded. */
export function makeModel(seed = 0) {
  manualSeed(seed);
  return new Sequential(
    new Conv2d(1, 32, 5, { padding: 2 }), // [N, 28, 28, 32]
    new ReLU(),
    new MaxPool2d(2), // [N, 14, 14, 32]
    new Conv2d(32, 64, 5, { padding: 2 }), // [N, 14, 14, 64]
    new ReLU(),
    new MaxPool2d(2), // [N, 7, 7, 64]
    new Flatten(), // [N, 3136]
    new Linear(7 * 7 * 64, 128),
    new ReLU(),
    new Linear(128, 10),
  );
}

/**
 * Makes the model, optimizer and data of case `c` on the current backend.
 * @returns {{step: () => Promise<object>, dispose: () => void}} `step` returns the loss
 */
export function prepare(tf, c) {
  const model = makeModel(0);
  const params = model.parameters();
  const opt = new Adam(params, { lr: 1e-3 });
  const x = tf.randomNormal([c.batch, c.height, c.width, 1], 0, 1, 'float32', 1);
  const labels = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([c.batch], 0, c.classes, 'float32', 2)), 'int32'));
  return {
    step: async () => {
      const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x), labels), params);
      opt.step(grads);
      tf.dispose(grads);
      return value;
    },
    dispose: () => {
      tf.dispose([x, labels]);
      opt.dispose();
      model.dispose();
    },
  };
}

export const peer = {
  name: 'PyTorch',
  script: 'lenet_step.py',
  modules: ['torch'],
  payload: (c) => ({ id: c.id, batch: c.batch, height: c.height, width: c.width, classes: c.classes }),
};
