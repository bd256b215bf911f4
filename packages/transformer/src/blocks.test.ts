/**
 * Attention and transformer layers against PyTorch 1.13 (scripts/fixtures/transformer_blocks.py):
 * outputs and gradients of sum(output · cotangent) w.r.t. the float inputs and every parameter, after
 * loading PyTorch's state dict through fromTorchStateDict. Tolerance: 1e-5 relative at the tensor's
 * scale (the reference is float64, ours float32), on every backend.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { LayerNorm, fromTorchStateDict, type AnyModule, type StateDict } from '@ml/core/nn';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { MultiheadAttention } from './attention/multihead-attention.js';
import { TransformerEncoderLayer } from './layers/transformer-encoder-layer.js';
import { TransformerDecoderLayer } from './layers/transformer-decoder-layer.js';
import { TransformerEncoder } from './layers/transformer-encoder.js';
import { TransformerDecoder } from './layers/transformer-decoder.js';

interface Encoded { shape: number[]; dtype: 'float32' | 'bool'; data: number[] }
interface Case { state: Record<string, Encoded>; inputs: Record<string, Encoded>; cotangent: Encoded; output: Encoded; grads: Record<string, Encoded> }
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/blocks.json', import.meta.url), 'utf8')) as { cases: Record<string, Case> };

const decode = (e: Encoded): tf.Tensor => (e.dtype === 'bool' ? tf.tensor(e.data.map(Boolean), e.shape, 'bool') : tf.tensor(e.data, e.shape, 'float32'));
const E = 8;
const H = 2;
const ff = { dimFeedforward: 16, dropout: 0 };
type In = Record<string, tf.Tensor>;
type Vars = Record<string, tf.Variable>;

const CASES: Record<string, { make: () => AnyModule; call: (m: AnyModule, x: In) => tf.Tensor }> = {
  mha_self_masked: {
    make: () => new MultiheadAttention(E, H, { seed: 1 }),
    call: (m, x) => (m as MultiheadAttention).forward(x.x, x.x, x.x, { keyPaddingMask: x.keyPaddingMask, attnMask: x.attnMask, needWeights: false }).output,
  },
  mha_cross_weights: {
    make: () => new MultiheadAttention(E, H, { batchFirst: true, seed: 1 }),
    call: (m, x) => (m as MultiheadAttention).forward(x.q, x.kv, x.kv, { attnMask: x.attnMask }).weights as tf.Tensor,
  },
  mha_cross_output: {
    make: () => new MultiheadAttention(E, H, { batchFirst: true, bias: false, seed: 1 }),
    call: (m, x) => (m as MultiheadAttention).forward(x.q, x.k, x.v, { needWeights: false }).output,
  },
  encoder_post_ln_relu: {
    make: () => new TransformerEncoderLayer(E, H, { ...ff, seed: 1 }),
    call: (m, x) => (m as TransformerEncoderLayer).forward(x.src),
  },
  encoder_pre_ln_gelu_padded: {
    make: () => new TransformerEncoderLayer(E, H, { ...ff, activation: 'gelu', batchFirst: true, normFirst: true, seed: 1 }),
    call: (m, x) => (m as TransformerEncoderLayer).forward(x.src, { srcKeyPaddingMask: x.srcKeyPaddingMask }),
  },
  decoder_post_ln_causal: {
    make: () => new TransformerDecoderLayer(E, H, { ...ff, batchFirst: true, seed: 1 }),
    call: (m, x) => (m as TransformerDecoderLayer).forward(x.tgt, x.memory, { tgtMask: x.tgtMask, memoryKeyPaddingMask: x.memoryKeyPaddingMask }),
  },
  decoder_pre_ln_gelu: {
    make: () => new TransformerDecoderLayer(E, H, { ...ff, activation: 'gelu', normFirst: true, seed: 1 }),
    call: (m, x) => (m as TransformerDecoderLayer).forward(x.tgt, x.memory, { tgtMask: x.tgtMask }),
  },
  encoder_stack: {
    make: () => new TransformerEncoder(() => new TransformerEncoderLayer(E, H, { ...ff, batchFirst: true, normFirst: true, seed: 1 }), 2, { norm: new LayerNorm(E) }),
    call: (m, x) => (m as TransformerEncoder).forward(x.src, { srcKeyPaddingMask: x.mask }),
  },
  decoder_stack: {
    make: () => new TransformerDecoder(() => new TransformerDecoderLayer(E, H, { ...ff, batchFirst: true, seed: 1 }), 2, { norm: new LayerNorm(E) }),
    call: (m, x) => (m as TransformerDecoder).forward(x.tgt, x.memory, { tgtMask: x.tgtMask }),
  },
};

async function expectClose(actual: tf.Tensor, expected: tf.Tensor, label: string): Promise<void> {
  const scale = Array.from(await expected.data()).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  await assertClose(actual, expected, { rtol: 1e-5, atol: 1e-5 * scale, label });
}

await describeBackends('transformer blocks against PyTorch 1.13', () => {
  for (const name of Object.keys(CASES)) {
    it(name, async () => {
      await assertNoLeaks(async () => {
        const c = fixture.cases[name];
        const module = CASES[name].make();
        const torchState: StateDict = Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)]));
        const converted = fromTorchStateDict(module, torchState);
        const report = module.loadStateDict(converted);
        expect(report.missingKeys ?? [], `${name}: missing keys`).toEqual([]);
        tf.dispose([...Object.values(torchState), ...Object.values(converted)]);

        const raw: In = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, decode(v)]));
        const floatNames = Object.keys(c.grads).filter((k) => k.startsWith('input:')).map((k) => k.slice(6));
        const inputVars: Vars = Object.fromEntries(floatNames.map((k) => [k, tf.variable(raw[k])]));
        const inputs: In = { ...raw, ...inputVars };
        const params = module.namedParameters();
        const cotangent = decode(c.cotangent);
        let output: tf.Tensor | undefined;
        const xs = [...Object.values(inputVars), ...params.map(([, v]) => v)] as tf.Variable[];
        const { value, grads } = tf.variableGrads(() => {
          output = tf.keep(CASES[name].call(module, inputs));
          return tf.sum(tf.mul(output, cotangent)) as tf.Scalar;
        }, xs);
        const expectedOut = decode(c.output);
        const torchGrads: StateDict = Object.fromEntries(Object.entries(c.grads).filter(([k]) => !k.startsWith('input:')).map(([k, v]) => [k, decode(v)]));
        const expectedGrads = fromTorchStateDict(module, torchGrads);
        try {
          await expectClose(output as tf.Tensor, expectedOut, `${name} output`);
          for (const k of floatNames) {
            const exp = decode(c.grads[`input:${k}`]);
            await expectClose(grads[inputVars[k].name], exp, `${name} grad input ${k}`);
            exp.dispose();
          }
          for (const [pname, v] of params) {
            const exp = expectedGrads[pname];
            if (exp === undefined) {
              // PyTorch has no gradient (the output does not depend on it): ours must be absent or zero.
              if (grads[v.name] !== undefined) expect(await tf.max(tf.abs(grads[v.name])).data()).toEqual(new Float32Array([0]));
              continue;
            }
            expect(grads[v.name], `${name}: no gradient for ${pname}`).toBeDefined();
            await expectClose(grads[v.name], exp, `${name} grad ${pname}`);
          }
        } finally {
          tf.dispose([value, cotangent, expectedOut, output as tf.Tensor, ...Object.values(grads), ...Object.values(raw), ...Object.values(inputVars)]);
          tf.dispose([...Object.values(torchGrads), ...Object.values(expectedGrads)]);
          module.dispose();
        }
      });
    });
  }
});
