/** Writes a tiny randomly initialised BertForQuestionAnswering + WordPiece vocab.txt to `dir` (for tests). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setBackend } from '@ml/core';
import { WordPieceTokenizer } from '@ml/text';
import { BertForQuestionAnswering, saveBert } from '@ml/transformer';

export async function writeTinyBertQa(dir, corpus) {
  await setBackend('wasm');
  const tokenizer = WordPieceTokenizer.train(corpus, { vocabSize: 200 });
  const vocabTxt = tokenizer.toVocabTxt();
  const vocabSize = vocabTxt.trim().split('\n').length;
  const model = new BertForQuestionAnswering(
    { vocabSize, hiddenSize: 16, numHiddenLayers: 1, numAttentionHeads: 2, intermediateSize: 32, maxPositionEmbeddings: 64 },
    { seed: 3 },
  );
  await saveBert(model, dir);
  model.dispose();
  await writeFile(join(dir, 'vocab.txt'), vocabTxt);
}
