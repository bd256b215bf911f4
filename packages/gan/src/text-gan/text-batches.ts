/**
 * Encoding sentences for the text GAN (internal): ids with the end token appended, padded to T, and
 * the teacher-forcing inputs (start token, then the sentence shifted right by one).
 */
import { tf, type Rng } from '@ml/core';
import type { Vocabulary } from '@ml/text';
import type { GeneratorTokens } from './text-generator.js';

/** Sentences encoded as `[N, T]` rows: `targets` (sentence, end, padding) and `inputs` (start, sentence, …). */
export interface EncodedSentences {
  count: number;
  steps: number;
  /** Row-major `[N, T]`. */
  targets: Int32Array;
  /** Row-major `[N, T]`: `targets` shifted right by one with the start id first. */
  inputs: Int32Array;
}

/** Encodes `sentences` (each at most T − 1 tokens) for a generator of T steps. */
export function encodeSentences(sentences: readonly (readonly string[])[], vocabulary: Vocabulary, tokens: GeneratorTokens, steps: number): EncodedSentences {
  const n = sentences.length;
  const targets = new Int32Array(n * steps).fill(tokens.pad);
  const inputs = new Int32Array(n * steps).fill(tokens.pad);
  sentences.forEach((s, i) => {
    if (s.length > steps - 1) throw new Error(`TextGan: sentence ${i} has ${s.length} tokens; at most ${steps - 1} fit (maxLength)`);
    const ids = [...vocabulary.encode(s), tokens.eos];
    inputs[i * steps] = tokens.bos;
    ids.forEach((id, t) => {
      targets[i * steps + t] = id;
      if (t + 1 < steps) inputs[i * steps + t + 1] = id;
    });
  });
  return { count: n, steps, targets, inputs };
}

/** A batch of `size` rows drawn with replacement: `[B, T]` int32 inputs and targets (caller owns them). */
export function drawBatch(data: EncodedSentences, size: number, rng: Rng): { inputs: tf.Tensor; targets: tf.Tensor } {
  const T = data.steps;
  const inputs = new Int32Array(size * T);
  const targets = new Int32Array(size * T);
  for (let b = 0; b < size; b++) {
    const row = rng.int(data.count);
    inputs.set(data.inputs.subarray(row * T, (row + 1) * T), b * T);
    targets.set(data.targets.subarray(row * T, (row + 1) * T), b * T);
  }
  return { inputs: tf.tensor2d(inputs, [size, T], 'int32'), targets: tf.tensor2d(targets, [size, T], 'int32') };
}

/** Decodes `[N, T]` ids up to (without) the first end id; stops at padding too. */
export function decodeIds(ids: ArrayLike<number>, n: number, steps: number, vocabulary: Vocabulary, tokens: GeneratorTokens): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let t = 0; t < steps; t++) {
      const id = ids[i * steps + t] ?? tokens.pad;
      if (id === tokens.eos || id === tokens.pad) break;
      row.push(id);
    }
    out.push(vocabulary.decode(row));
  }
  return out;
}
