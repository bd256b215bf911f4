/**
 * One AdamW training step of a small GPT-2-style language model (4 layers, width 128, 4 heads,
 * context 64, vocabulary 512, batch 16) through @ml/transformer's `Gpt`, plus greedy generation of
 * 64 tokens with and without the key/value cache (`generate()`). Peer: a nanoGPT-style model of the
 * same shapes in PyTorch (torch.optim.AdamW), with the same two generation loops.
 */
import { AdamW, crossEntropy } from '@ml/core';
import { Gpt, generate } from '@ml/transformer';

export const name = 'gpt-step';
export const title = 'GPT training step (4 layers, width 128, context 64, batch 16, AdamW) and generation with/without KV cache';
export const description =
  'Model: `Gpt({ vocabSize: 512, nPositions: 64, nEmbd: 128, nLayer: 4, nHead: 4, dropout: 0 })` — token + learned ' +
  'position embeddings, 4 pre-LN blocks (causal self-attention with a fused q|k|v projection, GELU-tanh MLP of width ' +
  '512), final LayerNorm, output projection tied to the token embedding (0.85 M parameters). **Training case**: one ' +
  'call is `tf.variableGrads` of `crossEntropy(model.forward(ids [16, 64]), next ids [16, 64])`, `AdamW.step(grads)` ' +
  '(lr 3e-4, weight decay 0.1 on every parameter), the gradients disposed and the loss awaited; fixed seeded uniform ' +
  'ids; the model keeps training across calls. **Generation cases**: one call is `generate(model, prompt of 8 ids, ' +
  '{ maxNewTokens: 64, useCache })` (greedy; the model has `nPositions: 128` here so prompt + 64 new tokens fit; ' +
  'otherwise identical and untrained): with the cache each new token runs one position through the model, without ' +
  'it the whole prefix is recomputed. Tokens/s = 64 000 / median ms. PyTorch runs a nanoGPT-style model of the same ' +
  'shapes and parameter count (fused `c_attn`, `F.gelu(approximate="tanh")`, tied `lm_head`, explicit softmax ' +
  'attention with a causal mask: torch 1.13 has no `scaled_dot_product_attention`): `opt.zero_grad()`, ' +
  '`F.cross_entropy(...).backward()`, `opt.step()`, `loss.item()`; its generation loops run under `torch.no_grad()` ' +
  'with an argmax per step, the cached one keeping per-layer key/value tensors and concatenating one position per ' +
  'step. GFLOP/s: training counts 3 × the forward matmul multiply-adds ×2 (q|k|v, scores, weights·v, projection, ' +
  'MLP, tied output layer; LayerNorm, softmax, GELU, embeddings and AdamW not counted); generation counts the ' +
  'forward multiply-adds ×2 of the cached decode (prompt once, then one position per token) for both cases, so the ' +
  'no-cache rows show useful work per second.';

const base = { vocab: 512, layers: 4, width: 128, heads: 4 };
export const cases = [
  { id: 'train-b16-t64', label: 'train step, ids [16,64]', kind: 'train', batch: 16, context: 64, ...base },
  { id: 'gen-cache', label: 'generate 64 tokens, KV cache', kind: 'generate', useCache: true, prompt: 8, newTokens: 64, context: 128, ...base },
  { id: 'gen-nocache', label: 'generate 64 tokens, no cache', kind: 'generate', useCache: false, prompt: 8, newTokens: 64, context: 128, ...base },
];

/** Forward multiply-adds of `t` new positions attending over `p` positions (all layers + output layer), batch 1. */
function forwardMacs(c, t, p) {
  const e = c.width;
  const perLayer = t * (e * 3 * e + e * e + 2 * e * 4 * e) + 2 * t * p * e; // projections + MLP, scores + weights·v
  return c.layers * perLayer + t * e * c.vocab;
}

/** Nominal FLOPs of one call (see the description). */
export function flops(c) {
  if (c.kind === 'train') {
    const t = c.context;
    // Causal attention is computed densely: every query against all T keys.
    return 3 * 2 * c.batch * forwardMacs(c, t, t);
  }
  let macs = forwardMacs(c, c.prompt, c.prompt);
  for (let i = 1; i < c.newTokens; i++) macs += forwardMacs(c, 1, c.prompt + i);
  return 2 * macs;
}

/** The model of case `c`, seeded. */
export function makeModel(c, seed = 0) {
  return new Gpt({ vocabSize: c.vocab, nPositions: c.context, nEmbd: c.width, nLayer: c.layers, nHead: c.heads, dropout: 0 }, { seed });
}

/**
 * Makes the model, optimizer and data of case `c` on the current backend.
 * @returns {{step: () => Promise<object>, dispose: () => void}} `step` returns the loss (training) or nothing (generation)
 */
export function prepare(tf, c) {
  const model = makeModel(c, 0);
  if (c.kind === 'generate') {
    const prompt = Array.from({ length: c.prompt }, (_, i) => (i * 37 + 11) % c.vocab);
    return {
      step: async () => {
        const out = await generate(model, prompt, { maxNewTokens: c.newTokens, useCache: c.useCache });
        if (out.tokens.length !== c.newTokens) throw new Error(`gpt-step: generated ${out.tokens.length} tokens, expected ${c.newTokens}`);
        return undefined;
      },
      dispose: () => model.dispose(),
    };
  }
  const params = model.parameters();
  const opt = new AdamW(params, { lr: 3e-4, weightDecay: 0.1 });
  const data = tf.tidy(() => tf.cast(tf.floor(tf.randomUniform([c.batch, c.context + 1], 0, c.vocab, 'float32', 1)), 'int32'));
  const x = tf.slice(data, [0, 0], [c.batch, c.context]);
  const y = tf.slice(data, [0, 1], [c.batch, c.context]);
  return {
    step: async () => {
      const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x), y), params);
      opt.step(grads);
      tf.dispose(grads);
      return value;
    },
    dispose: () => {
      tf.dispose([data, x, y]);
      opt.dispose();
      model.dispose();
    },
  };
}

export const peer = {
  name: 'PyTorch',
  script: 'gpt_step.py',
  modules: ['torch'],
  payload: (c) => ({ ...c }),
};
