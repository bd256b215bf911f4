/**
 * One training step of an LSTM text classifier — Embedding(5000, 64) → LSTM(64 → 128) → Linear(128 → 2)
 * on the final hidden state — through the public APIs of @ml/core and @ml/sequence. Peer: the same
 * network in PyTorch (torch.nn.Embedding, torch.nn.LSTM, torch.nn.Linear), torch.optim.Adam.
 */
import { Adam, Embedding, Linear, crossEntropy, manualSeed } from '@ml/core';
import { LSTM } from '@ml/sequence';

export const name = 'lstm-step';
export const title = 'LSTM text-classifier training step (batch 64, sequence 32, Adam)';
export const description =
  'One call is one training step of Embedding(5000, 64) → LSTM(64 → 128, one layer) → Linear(128 → 2) on ' +
  'the final hidden state, for token ids [32, 64] (time-major, fixed seeded uniform ids) with int labels: ' +
  '`tf.variableGrads` of `crossEntropy(linear(lstm(embedding(ids)).hN), labels)`, `Adam.step(grads)` ' +
  '(lr 1e-3), the gradients disposed, and the loss awaited (`await loss.data()`). The model keeps training ' +
  'across calls. PyTorch runs the same network time-major (`batch_first=False`): `opt.zero_grad()`, ' +
  '`F.cross_entropy(linear(lstm(embedding(ids))[1][0][-1]), y).backward()`, `opt.step()`, `loss.item()`. ' +
  'GFLOP/s counts 3 × the forward pass\'s matmul multiply-adds ×2 (input projection, 32 hidden ' +
  'matmuls, the classifier; elementwise gate work, the embedding and Adam not counted).';

export const cases = [{ id: 'b64-t32', label: 'ids [32,64], vocab 5000, H 128', batch: 64, steps: 32, vocab: 5000, embed: 64, hidden: 128, classes: 2 }];

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

export const peer = {
  name: 'PyTorch',
  script: 'lstm_step.py',
  modules: ['torch'],
  payload: (c) => ({ id: c.id, batch: c.batch, steps: c.steps, vocab: c.vocab, embed: c.embed, hidden: c.hidden, classes: c.classes }),
};
