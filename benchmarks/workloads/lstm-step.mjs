/**
 * One training step of an LSTM text classifier — Embedding(5000, 64) → LSTM(64 → 128) → Linear(128 → 2)
 * on the final hidden state — through the public APIs of @ml/core and @ml/sequence. Peer: the same
 * network in PyTorch (torch.nn.Embedding, torch.nn.LSTM, torch.nn.Linear), torch.optim.Adam.
 */
import { Adam, Embedding, Linear, crossEntropy, manualSeed } from '@ml/core';
import { LSTM } from '@ml/sequence';

// tfjs-layers is optional here so a missing package cannot stop the @ml row.
let tfl = null;
let tflMissing = '';
try {
  tfl = await import('@tensorflow/tfjs-layers');
} catch (err) {
  tflMissing = err.message.split('\n')[0];
}

export const name = 'lstm-step';
export const title = 'LSTM text-classifier training step (batch 64, sequence 32, Adam)';
export const description =
  'One call is one training step of Embedding(5000, 64) → LSTM(64 → 128, one layer) → Linear(128 → 2) on ' +
  'the final hidden state, for token ids [32, 64] (time-major, fixed seeded uniform ids) with int labels: ' +
  '`tf.variableGrads` of `crossEntropy(linear(lstm(embedding(ids)).hN), labels)`, `Adam.step(grads)` ' +
  '(lr 1e-3), the gradients disposed, and the loss awaited (`await loss.data()`). The model keeps training ' +
  'across calls. PyTorch runs the same network time-major (`batch_first=False`): `opt.zero_grad()`, ' +
  '`F.cross_entropy(linear(lstm(embedding(ids))[1][0][-1]), y).backward()`, `opt.step()`, `loss.item()`. ' +
  'The "tfjs-layers" row runs the same network with @tensorflow/tfjs-layers 4.22 on the same tfjs engine and ' +
  'backend (`tf.sequential` of embedding → lstm → dense, `model.trainOnBatch` with `tf.train.adam(1e-3)` and ' +
  'softmax cross-entropy on logits, batch-major ids [64, 32]); its LSTM uses `recurrentInitializer: \'glorotUniform\'` ' +
  'because the default orthogonal initializer calls chained ops that plain Node ESM cannot register. Its PyTorch ' +
  'column repeats the PyTorch step, so its ratio reads tfjs-layers vs PyTorch. ' +
  'GFLOP/s counts 3 × the forward pass\'s matmul multiply-adds ×2 (input projection, 32 hidden ' +
  'matmuls, the classifier; elementwise gate work, the embedding and Adam not counted).';

const shape = { batch: 64, steps: 32, vocab: 5000, embed: 64, hidden: 128, classes: 2 };
export const cases = [
  { id: 'b64-t32', label: '@ml/sequence LSTM: ids [32,64], vocab 5000, H 128', impl: 'ml', ...shape },
  { id: 'tfjs-layers', label: 'tfjs-layers 4.22 (same tfjs backend): same network', impl: 'tfjs-layers', ...shape },
];

/** Nominal FLOPs of one step: 3 × 2 × the forward matmul multiply-adds. */
export function flops(c) {
  const proj = c.steps * c.batch * c.embed * 4 * c.hidden;
  const recur = c.steps * c.batch * c.hidden * 4 * c.hidden;
  const head = c.batch * c.hidden * c.classes;
  return 3 * 2 * (proj + recur + head);
}

/** The network of this workload, seeded. `forward(ids [T, B])` → logits `[B, classes]`. */
export function makeModel(tf, c, seed = 0) {
  manualSeed(seed);
  const embedding = new Embedding(c.vocab, c.embed);
  const lstm = new LSTM(c.embed, c.hidden, { seed });
  const linear = new Linear(c.hidden, c.classes);
  return {
    parameters: () => [...embedding.parameters(), ...lstm.parameters(), ...linear.parameters()],
    forward: (ids) => {
      const { hN } = lstm.forward(embedding.forward(ids)); // [1, B, H]
      return linear.forward(tf.reshape(hN, [c.batch, c.hidden])); // [B, classes]
    },
    dispose: () => {
      embedding.dispose();
      lstm.dispose();
      linear.dispose();
    },
  };
}

/**
 * Makes the model, optimizer and data of case `c` on the current backend.
 * @returns {{step: () => Promise<object>, dispose: () => void}} `step` returns the loss
 */
export function prepare(tf, c) {
  if (c.impl === 'tfjs-layers') return prepareLayers(tf, c);
  const model = makeModel(tf, c, 0);
  const params = model.parameters();
  const opt = new Adam(params, { lr: 1e-3 });
  const ids = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([c.steps, c.batch], 0, c.vocab, 'float32', 1)), 'int32'));
  const labels = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([c.batch], 0, c.classes, 'float32', 2)), 'int32'));
  return {
    step: async () => {
      const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(ids), labels), params);
      opt.step(grads);
      tf.dispose(grads);
      return value;
    },
    dispose: () => {
      tf.dispose([ids, labels]);
      opt.dispose();
      model.dispose();
    },
  };
}

/** The same step through tfjs-layers (`trainOnBatch`), on the current backend. */
function prepareLayers(tf, c) {
  if (tfl === null) throw new Error(`@tensorflow/tfjs-layers not installed (${tflMissing}): add it as a devDependency of @ml/benchmarks`);
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({ inputDim: c.vocab, outputDim: c.embed, inputLength: c.steps }),
      tfl.layers.lstm({ units: c.hidden, recurrentInitializer: 'glorotUniform' }),
      tfl.layers.dense({ units: c.classes }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: (y, p) => tf.losses.softmaxCrossEntropy(y, p) });
  const x = tf.tidy(() => tf.floor(tf.randomUniform([c.batch, c.steps], 0, c.vocab, 'float32', 1)));
  const y = tf.tidy(() => tf.oneHot(tf.cast(tf.floor(tf.randomUniform([c.batch], 0, c.classes, 'float32', 2)), 'int32'), c.classes));
  return {
    step: async () => tf.scalar(await model.trainOnBatch(x, y)),
    dispose: () => {
      tf.dispose([x, y]);
      model.optimizer.dispose();
      model.dispose();
    },
  };
}

export const peer = {
  name: 'PyTorch',
  script: 'lstm_step.py',
  modules: ['torch'],
  payload: (c) => ({ id: c.id, batch: c.batch, steps: c.steps, vocab: c.vocab, embed: c.embed, hidden: c.hidden, classes: c.classes }),
};
