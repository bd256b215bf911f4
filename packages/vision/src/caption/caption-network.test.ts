/**
 * `CaptionNetwork` shapes and consistency on every backend: the grid and state shapes, the
 * teacher-forced `forward` equals step-by-step `decodeStep` (it batches the embedding and output
 * layers differently), steps are causal (a later word never changes earlier logits, so padding
 * after a caption is harmless), greedy decoding agrees with the argmax of `forward` fed its own
 * output, and nothing leaks. Values are read with `await t.data()`, so WebGPU runs these too.
 */
import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { CaptionNetwork } from './caption-network.js';
import { ShapeCaptions } from './shape-captions.js';

const V = 11;
const set = new ShapeCaptions(3, { seed: 4, size: 16, minShapeSize: 2, maxShapeSize: 3 });
const pixels = Float32Array.from(set.images.flatMap((img) => Array.from(img.data, (v) => v / 255)));

await describeBackends('CaptionNetwork', () => {
  it('encodes a grid of keys and an initial LSTM state; forward gives [B, T, V] logits equal to decodeStep', async () => {
    const net = new CaptionNetwork(3, V, { filters: [4, 8], hiddenSize: 12, embeddingDim: 6, attentionSize: 5, seed: 1 });
    const images = tf.tensor4d(pixels, [3, 16, 16, 3]);
    const tgtIn = tf.tensor2d([[1, 4, 5, 6], [1, 7, 0, 0], [1, 9, 8, 3]], [3, 4], 'int32');
    await assertNoLeaks(async () => {
      const { source, state } = tf.tidy(() => net.encode(images) as unknown as tf.TensorContainer) as unknown as ReturnType<CaptionNetwork['encode']>;
      expect(source.keys.shape).toEqual([3, 16, 12]); // 16×16 → two pools → 4×4 = 16 cells
      expect(source.projectedKeys.shape).toEqual([3, 16, 5]);
      expect(source.mask).toBeNull();
      expect(state.h.shape).toEqual([1, 3, 12]);
      expect(state.c?.shape).toEqual([1, 3, 12]);
      const logits = tf.tidy(() => net.forward(images, tgtIn));
      expect(logits.shape).toEqual([3, 4, V]);
      const stepped = tf.tidy(() => {
        let s = state;
        const out: tf.Tensor[] = [];
        for (const prev of tf.unstack(tgtIn, 1)) {
          const r = net.decodeStep(prev, s, source);
          out.push(r.logits);
          s = r.state;
        }
        return tf.stack(out, 1);
      });
      assertClose(await logits.data(), await stepped.data(), { rtol: 1e-4, atol: 1e-5 });
      // Causal: the first two steps do not depend on the words fed later.
      const prefix = tf.tidy(() => net.forward(images, tf.slice(tgtIn, [0, 0], [3, 2])));
      const head = tf.slice(logits, [0, 0, 0], [3, 2, V]);
      assertClose(await prefix.data(), await head.data(), { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([source.keys, source.projectedKeys, state.h, state.c as tf.Tensor, state.feed, logits, stepped, prefix, head]);
    });
    tf.dispose([images, tgtIn]);
    net.dispose();
  });

  it('greedy decoding equals the argmax of forward fed its own words', async () => {
    const net = new CaptionNetwork(3, V, { filters: [4, 8], hiddenSize: 12, embeddingDim: 6, seed: 2, eosId: 10 }); // EOS unlikely: full length
    const images = tf.tensor4d(pixels, [3, 16, 16, 3]);
    await assertNoLeaks(async () => {
      const decoded = await net.greedyDecode(images, 5);
      expect(decoded).toHaveLength(3);
      for (let b = 0; b < 3; b++) {
        const words = decoded[b] as number[];
        const fed = [1, ...words].slice(0, Math.max(1, words.length));
        const argmax = tf.tidy(() => tf.argMax(net.forward(tf.slice(images, [b, 0, 0, 0], [1, -1, -1, -1]), tf.tensor2d([fed], [1, fed.length], 'int32')), 2));
        const ids = Array.from(await argmax.data());
        argmax.dispose();
        expect(ids).toEqual(words.slice(0, fed.length));
      }
    });
    tf.dispose(images);
    net.dispose();
  });

  it('rejects bad sizes and inputs with the argument named', () => {
    expect(() => new CaptionNetwork(3, 0)).toThrow(/'vocabSize' must be an integer >= 1; received 0/);
    expect(() => new CaptionNetwork(3, 5, { filters: [] })).toThrow(/'filters' must be a non-empty array/);
    const net = new CaptionNetwork(3, 5, { filters: [2], hiddenSize: 4, embeddingDim: 2 });
    const gray = tf.zeros([1, 8, 8, 1]);
    expect(() => net.encode(gray)).toThrow(/'images' must be a float tensor \[B, H, W, 3\]; received float32 \[1, 8, 8, 1\]/);
    const rgb = tf.zeros([1, 8, 8, 3]);
    const ids = tf.zeros([1, 2]);
    expect(() => net.forward(rgb, ids)).toThrow(/'tgtIn' must be an int32 tensor \[1, T\]; received float32/);
    tf.dispose([gray, rgb, ids]);
    net.dispose();
  });
});
