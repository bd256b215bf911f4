/**
 * TransformerSeq2Seq and translate(): cached one-position decoding equals the teacher-forced forward
 * pass, beam search never scores below greedy and returns sorted n-best lists, padding never changes
 * a translation, and a small model learns a seeded synthetic language pair (reversal + a fixed token
 * mapping) to BLEU > 90 on held-out sentences (a test that fails if training or decoding is wrong).
 */
import { expect, it } from 'vitest';
import { tf, Rng, corpusBleu } from '@ml/core';
import { AdamW } from '@ml/core/optim';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { TransformerSeq2Seq } from './transformer-seq2seq.js';
import { translate } from './translate.js';

const STEPS = Number(process.env.SEQ2SEQ_STEPS ?? 300);
const tiny = { srcVocabSize: 9, tgtVocabSize: 7, dModel: 16, nHead: 2, numEncoderLayers: 1, numDecoderLayers: 2, dimFeedforward: 32, dropout: 0, maxLength: 16 };

await describeBackends('TransformerSeq2Seq', (backend) => {
  it('cached one-position decoding equals the teacher-forced forward pass (with source padding)', async () => {
    await assertNoLeaks(async () => {
      const model = new TransformerSeq2Seq(tiny, { seed: 1 }).eval();
      const batch = model.makeBatch([[3, 4, 5, 6], [7, 8]], [[3, 4, 5], [6, 3, 4]]); // the second source is padded
      const full = model.call(batch.src, batch.tgtIn); // [2, 4, 7]
      const caches = model.newCaches();
      const memory = tf.tidy(() => model.encode(batch.src));
      const mask = model.paddingMask(batch.src);
      const steps: tf.Tensor[] = [];
      for (let t = 0; t < 4; t++) steps.push(tf.tidy(() => model.decode(tf.slice(batch.tgtIn, [0, t], [2, 1]), memory, mask, caches)));
      const joined = tf.concat(steps, 1);
      await assertClose(joined, full, { rtol: 1e-4, atol: 1e-5 });
      // Padding a source does not change its logits.
      const alone = model.makeBatch([[7, 8]], [[6, 3, 4]]);
      const single = model.call(alone.src, alone.tgtIn);
      const row = tf.slice(full, [1, 0, 0], [1, 4, 7]);
      await assertClose(single, row, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([full, memory, mask, joined, single, row, ...steps, ...Object.values(batch), ...Object.values(alone)]);
      caches.forEach((c) => c.dispose());
      model.dispose();
    });
  });

  it('makeBatch adds BOS/EOS and pads; errors name the argument', async () => {
    const model = new TransformerSeq2Seq(tiny, { seed: 1 });
    const b = model.makeBatch([[3, 4], [5]], [[6], [3, 4]]);
    expect(Array.from(await b.src.data())).toEqual([3, 4, 5, 0]);
    expect(Array.from(await b.tgtIn.data())).toEqual([1, 6, 0, 1, 3, 4]);
    expect(Array.from(await b.tgtOut.data())).toEqual([6, 2, 0, 3, 4, 2]);
    tf.dispose(Object.values(b));
    expect(() => model.makeBatch([[3, 9]], [[3]])).toThrow(/'sources\[0\]' must be a non-empty array of at most 16 token ids in \[0, 9\); received \[3, 9\]/);
    expect(() => new TransformerSeq2Seq({ srcVocabSize: 5, tgtVocabSize: 6, shareEmbeddings: true })).toThrow(/'shareEmbeddings' needs equal vocabularies; received srcVocabSize=5, tgtVocabSize=6/);
    expect(() => new TransformerSeq2Seq({ srcVocabSize: 5, dModel: 6, nHead: 4 })).toThrow(/'dModel' must be divisible by 'nHead'/);
    await expect(translate(model, [[3]], { numBeams: 2, numReturnSequences: 3 })).rejects.toThrow(/'numReturnSequences' \(3\) must be <= 'numBeams' \(2\)/);
    await expect(translate(model, [[3]], { maxLength: 16 })).rejects.toThrow(/'maxLength' must be an integer in \[1, 15\]/);
    const shared = new TransformerSeq2Seq({ ...tiny, tgtVocabSize: 9, shareEmbeddings: true, tieOutput: false });
    expect(shared.tgtEmbed).toBe(shared.srcEmbed);
    expect(shared.parameters().length).toBe(model.parameters().length); // one embedding fewer, one output projection more
    model.dispose();
    shared.dispose();
  });

  // SwiftShader runs WebGPU on the CPU and every decoding step waits for a readback: beam search's
  // many sequential steps take minutes there, so this runs on cpu and wasm.
  it.skipIf(backend === 'webgpu')('beam search: n-best sorted, never below greedy, scores are length-normalised log-probabilities', async () => {
    await assertNoLeaks(async () => {
      const model = new TransformerSeq2Seq(tiny, { seed: 2 });
      const sources = [[3, 4, 5], [8, 7, 6, 5]];
      const greedyOut = await translate(model, sources, { maxLength: 5 });
      const beam = await translate(model, sources, { numBeams: 6, numReturnSequences: 3, maxLength: 5, lengthPenalty: 0 });
      for (let i = 0; i < sources.length; i++) {
        const g = greedyOut[i] as (typeof greedyOut)[number];
        const b = beam[i] as (typeof beam)[number];
        expect(b.sequences.length).toBe(3);
        for (let k = 1; k < 3; k++) expect((b.sequences[k - 1] as { score: number }).score).toBeGreaterThanOrEqual((b.sequences[k] as { score: number }).score);
        if (g.finished) expect(b.score).toBeGreaterThanOrEqual(g.score - 1e-4); // lengthPenalty 0: both are sums of log p
        // Re-score the best hypothesis by teacher forcing: its score is its total log-probability.
        const tgt = [...b.tokens, ...(b.finished ? [2] : [])];
        const batch = model.makeBatch([sources[i] as number[]], [b.tokens.length > 0 ? b.tokens : [3]]);
        const lp = tf.tidy(() => tf.logSoftmax(model.call(batch.src, batch.tgtIn)));
        const v = await lp.data();
        const total = tgt.reduce((acc, tok, t) => acc + (v[t * 7 + tok] as number), 0);
        if (b.tokens.length > 0) expect(b.score).toBeCloseTo(total, 3);
        tf.dispose([lp, ...Object.values(batch)]);
      }
      model.dispose();
    });
  });

  it.skipIf(backend !== 'wasm')('learns a seeded synthetic language pair (reverse + token mapping) to BLEU > 90 on held-out sentences (wasm only, for time)', async () => {
    await assertNoLeaks(async () => {
      const words = 12;
      const rng = new Rng(11);
      const mapping = rng.shuffle(Array.from({ length: words }, (_, i) => i + 3)); // source word i+3 → target word mapping[i]
      const sentence = () => Array.from({ length: 3 + rng.int(5) }, () => 3 + rng.int(words));
      const translateRule = (s: number[]) => [...s].reverse().map((w) => mapping[w - 3] as number);
      const seen = new Set<string>();
      const heldOut: number[][] = [];
      while (heldOut.length < 60) {
        const s = sentence();
        if (!seen.has(s.join())) (seen.add(s.join()), heldOut.push(s));
      }
      const model = new TransformerSeq2Seq({ srcVocabSize: words + 3, dModel: 64, nHead: 4, numEncoderLayers: 2, numDecoderLayers: 2, dimFeedforward: 128, dropout: 0, maxLength: 16 }, { seed: 5 });
      const opt = new AdamW(model.parameters(), { lr: 2e-3, weightDecay: 0 });
      const losses: number[] = [];
      for (let step = 0; step < STEPS; step++) {
        const src: number[][] = [];
        while (src.length < 32) {
          const s = sentence();
          if (!seen.has(s.join())) src.push(s); // held-out sentences never appear in training
        }
        const batch = model.makeBatch(src, src.map(translateRule));
        const { value, grads } = tf.variableGrads(() => model.loss(batch, { labelSmoothing: 0.1 }));
        opt.step(grads);
        losses.push((await value.data())[0] as number);
        tf.dispose([value, ...Object.values(grads), ...Object.values(batch)]);
      }
      const out = await translate(model, heldOut);
      const bleu = corpusBleu(out.map((h) => h.tokens.map(String)), heldOut.map((s) => [translateRule(s).map(String)]));
      expect(losses[0]).toBeGreaterThan(2);
      expect(bleu.score * 100).toBeGreaterThan(90);
      const beams = await translate(model, heldOut.slice(0, 10), { numBeams: 4 });
      const beamBleu = corpusBleu(beams.map((h) => h.tokens.map(String)), heldOut.slice(0, 10).map((s) => [translateRule(s).map(String)]));
      expect(beamBleu.score * 100).toBeGreaterThan(90);
      opt.dispose();
      model.dispose();
    });
  }, 180_000);
});
