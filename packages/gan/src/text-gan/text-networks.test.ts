import { expect, it } from 'vitest';
import { Rng, tf } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { TextDiscriminator } from './text-discriminator.js';
import { TextGenerator } from './text-generator.js';
import { gumbelNoise } from './gumbel-softmax.js';

const TOKENS = { pad: 0, bos: 1, eos: 2 };
const V = 9;
const T = 6;

await describeBackends('text GAN networks', (backend) => {
  it('TextDiscriminator: [B, T, V] distributions → [B] logits; gradient reaches the input; windows checked', async () => {
    await assertNoLeaks(async () => {
      const d = new TextDiscriminator(V, { embeddingSize: 8, windowSizes: [2, 3, 4], filters: 5, seed: 1 });
      expect(d.numParameters()).toBe(V * 8 + (2 + 3 + 4) * 8 * 5 + 3 * 5 + 15 + 1);
      const x = tf.tidy(() => tf.softmax(tf.randomNormal([3, T, V], 0, 1, 'float32', 2)));
      const logits = d.call(x);
      expect(logits.shape).toEqual([3]);
      const g = tf.grad((input: tf.Tensor) => tf.sum(d.forward(input)))(x);
      expect(g.shape).toEqual([3, T, V]);
      expect(Math.max(...(await g.data()).map(Math.abs))).toBeGreaterThan(0);
      const wide = tf.zeros([3, T, V + 1]);
      const short = tf.zeros([3, 3, V]);
      expect(() => d.forward(wide)).toThrow(/'tokens' must have shape \[B, T, 9\]; received \[3, 6, 10\]/);
      expect(() => d.forward(short)).toThrow(/at least 4 steps \(the widest window\); received 3/);
      tf.dispose([wide, short]);
      expect(() => new TextDiscriminator(V, { windowSizes: [] })).toThrow(/'windowSizes' must be a non-empty array/);
      tf.dispose([x, logits, g]);
      d.dispose();
    });
  });

  it('TextGenerator: free-running samples follow its teacher-forced distribution; padding after the end token', async () => {
    await assertNoLeaks(async () => {
      const gen = new TextGenerator(V, T, TOKENS, { embeddingSize: 8, hiddenSize: 12, seed: 3 });
      const B = 16;
      const tokens = tf.tidy(() => gen.generate({ batchSize: B, hard: true, seed: 5 })); // [B, T, V]
      expect(tokens.shape).toEqual([B, T, V]);
      const ids = tf.argMax(tokens, -1); // [B, T]
      const idData = await ids.data();
      // Replay: with the same noise, argmax(teacher-forced logits + g) picks the same tokens until the end token.
      const inputs = tf.tidy(() => tf.concat([tf.fill([B, 1], TOKENS.bos, 'int32'), tf.slice(ids, [0, 0], [B, T - 1])], 1));
      const logits = gen.call(inputs); // [B, T, V]
      const rng = new Rng(5);
      const noise = Array.from({ length: T }, () => gumbelNoise([B, V], rng));
      const replay = tf.tidy(() => tf.stack(noise.map((g, t) => tf.argMax(tf.add(tf.reshape(tf.slice(logits, [0, t, 0], [B, 1, V]), [B, V]), g), -1)), 1));
      const replayData = await replay.data();
      let ended = 0;
      for (let b = 0; b < B; b++) {
        let done = false;
        for (let t = 0; t < T; t++) {
          const id = idData[b * T + t] as number;
          if (done) {
            expect(id).toBe(TOKENS.pad);
            continue;
          }
          expect(id).toBe(replayData[b * T + t]);
          expect(id === TOKENS.pad || id === TOKENS.bos).toBe(false); // masked out
          if (id === TOKENS.eos) done = true;
        }
        ended += done ? 1 : 0;
      }
      expect(ended).toBeGreaterThan(0); // the test exercises the padding path
      tf.dispose([tokens, ids, inputs, logits, replay, ...noise]);
      gen.dispose();
    });
  });

  it('the discriminator gradient reaches every generator weight through the relaxed samples', async () => {
    await assertNoLeaks(async () => {
      const gen = new TextGenerator(V, T, TOKENS, { embeddingSize: 8, hiddenSize: 12, seed: 3 });
      const d = new TextDiscriminator(V, { embeddingSize: 8, filters: 4, seed: 4 });
      for (const hard of [false, true]) {
        const soft = tf.tidy(() => gen.generate({ batchSize: 4, temperature: 0.5, hard, seed: 1 }));
        const sumTensor = tf.sum(soft, -1);
        const sums = await sumTensor.data();
        sumTensor.dispose();
        for (const s of sums) expect(Math.abs(s - 1)).toBeLessThan(1e-5);
        const { value, grads } = tf.variableGrads(() => tf.mean(d.forward(gen.generate({ batchSize: 4, temperature: 0.5, hard, seed: 1 }))) as tf.Scalar, gen.parameters());
        for (const p of gen.parameters()) {
          const g = grads[p.name];
          expect(g, p.name).toBeDefined();
          expect(Math.max(...(await (g as tf.Tensor).data()).map(Math.abs)), `${p.name} (hard ${hard})`).toBeGreaterThan(0);
        }
        tf.dispose([soft, value, ...Object.values(grads)]);
      }
      gen.dispose();
      d.dispose();
    });
    void backend;
  });

  it('TextGenerator checks its arguments', () => {
    expect(() => new TextGenerator(V, 0, TOKENS)).toThrow(/'maxSteps' must be an integer >= 1; received 0/);
    expect(() => new TextGenerator(V, T, { ...TOKENS, eos: 9 })).toThrow(/'tokens.eos' must be an id in \[0, 8\]; received 9/);
  });
});
