/**
 * Extractive question answering over a paragraph with a small BERT (@ml/transformer, @ml/text).
 *
 * A seeded generator writes paragraphs of filler words with two facts planted, "the code is Kilo7"
 * and "the key is bravo3" (codes and keys are a word and a digit, in mixed case), and asks either
 * "What is the code?" or "What is the key?", so the other fact is always a distractor. A WordPiece
 * tokenizer is trained on the paragraphs, and a `BertForQuestionAnswering` is trained from scratch on
 * `[CLS] question [SEP] window [SEP]` features (`encodeQaExamples`: windows of MAX_SEQ tokens sharing
 * DOC_STRIDE tokens; a window without the answer points at [CLS]). `answerQuestion` then answers over
 * held-out paragraphs, short ones and long ones that need several windows, mapping the best span back
 * to the original text (case kept) through the tokenizer's offsets. Prints the answers over one long
 * paragraph with their character offsets and the exact-match accuracy on held-out questions. Exits 1
 * when exact match is below TARGET_EM.
 *
 *   node examples/tasks/question-answering.mjs
 */
import { Rng, setBackend } from '@ml/core';
import { WordPieceTokenizer } from '@ml/text';
import { BertForQuestionAnswering, answerQuestion, encodeQaExamples, fineTuneQuestionAnswering } from '@ml/transformer';
import { QUICK, report } from './report.mjs';

const SEED = 21;
const TRAIN_EXAMPLES = 800;
const VOCAB_SIZE = 200;
const MAX_SEQ = 40; // tokens per window, question and special tokens included
const DOC_STRIDE = 16; // tokens shared by consecutive windows
const TRAIN = { epochs: 12, batchSize: 16, lr: 3e-3, warmupSteps: 20 };
const TARGET_EM = 0.9;

const FILLERS = ['apple', 'river', 'stone', 'cloud', 'green', 'table', 'music', 'paper', 'light', 'sound', 'happy', 'quick', 'small', 'house', 'water', 'field'];
const CODES = ['kilo', 'zulu', 'echo', 'tango', 'delta', 'sierra', 'oscar', 'papa'];
const KEYS = ['alpha', 'bravo', 'lima', 'mike'];
const QUESTIONS = { code: 'What is the code?', key: 'What is the key?' };

/** A paragraph of `n` filler words with "the code is …" and "the key is …" planted; asks about one of them. */
function makeExample(rng, n, ask = rng.random() < 0.5 ? 'code' : 'key') {
  const value = (list) => {
    const v = `${list[rng.int(list.length)]}${1 + rng.int(9)}`;
    return rng.random() < 0.5 ? v : v[0].toUpperCase() + v.slice(1);
  };
  const words = Array.from({ length: n }, () => FILLERS[rng.int(FILLERS.length)]);
  const facts = { code: value(CODES), key: value(KEYS) };
  const at = {};
  for (const fact of rng.random() < 0.5 ? ['code', 'key'] : ['key', 'code']) {
    at[fact] = rng.int(words.length + 1);
    words.splice(at[fact], 0, `the ${fact} is ${facts[fact]}`);
    for (const other of Object.keys(at)) if (other !== fact && at[other] >= at[fact]) at[other]++; // shifted by the insertion
  }
  const context = words.join(' ');
  const answerStart = words.slice(0, at[ask]).reduce((c, w) => c + w.length + 1, 0) + `the ${ask} is `.length;
  if (context.slice(answerStart, answerStart + facts[ask].length) !== facts[ask]) throw new Error('makeExample: misplaced answer');
  return { question: QUESTIONS[ask], context, answerStart, answerText: facts[ask] };
}

await setBackend('wasm');
const t0 = performance.now();
const rng = new Rng(SEED);
// Mostly short paragraphs (one window each); every fifth one is long enough to need several windows.
const train = Array.from({ length: TRAIN_EXAMPLES }, (_, i) => makeExample(rng, i % 5 === 4 ? 30 + rng.int(20) : 6 + rng.int(14)));
const tok = WordPieceTokenizer.train([...train.map((e) => e.context), ...Object.values(QUESTIONS)], { vocabSize: VOCAB_SIZE });
const windowing = { maxSeqLength: MAX_SEQ, docStride: DOC_STRIDE };
const data = encodeQaExamples(tok, train, windowing);
console.log(`WordPiece vocabulary ${tok.vocabSize}; ${train.length} examples → ${data.inputIds.length} windows`);

const model = new BertForQuestionAnswering(
  { vocabSize: tok.vocabSize, hiddenSize: 48, numHiddenLayers: 2, numAttentionHeads: 4, intermediateSize: 96, maxPositionEmbeddings: MAX_SEQ, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0 },
  { seed: SEED + 1 },
);
const { losses } = await fineTuneQuestionAnswering(model, data, {
  ...TRAIN, seed: SEED + 2, onStep: ({ step, loss }) => step % 50 === 0 && console.log(`step ${step}: loss ${loss.toFixed(3)}`),
});
console.log(`loss ${losses[0].toFixed(2)} → ${losses.at(-1).toFixed(2)} in ${losses.length} steps\n`);

const options = { ...windowing, maxAnswerLength: 4 };
// One long held-out paragraph, both questions.
const long = makeExample(rng, 60, 'code');
const windows = tok.encode(long.question, long.context, { truncation: 'only_second', maxLength: MAX_SEQ, stride: DOC_STRIDE, returnOverflowingTokens: true });
console.log(`held-out paragraph (${long.context.split(' ').length} words, ${1 + windows.overflowing.length} windows):\n  ${long.context}\n`);
for (const question of Object.values(QUESTIONS)) {
  const answers = await answerQuestion(model, tok, question, long.context, { ...options, topK: 2 });
  console.log(`  ${question}`);
  for (const a of answers) console.log(`    ${JSON.stringify(a.answer).padEnd(10)} characters [${a.start}, ${a.end})  score ${a.score.toFixed(2)}`);
}

async function exactMatch(examples) {
  let hits = 0;
  for (const ex of examples) {
    const [best] = await answerQuestion(model, tok, ex.question, ex.context, options);
    if (best?.answer === ex.answerText) hits++;
  }
  return hits / examples.length;
}
const shortEm = await exactMatch(Array.from({ length: 60 }, () => makeExample(rng, 6 + rng.int(14))));
const longEm = await exactMatch(Array.from({ length: 40 }, () => makeExample(rng, 50)));
const em = (shortEm * 60 + longEm * 40) / 100;
console.log(`\nheld-out exact match: ${(em * 100).toFixed(1)}% (short paragraphs ${(shortEm * 100).toFixed(1)}%, 50-word multi-window ones ${(longEm * 100).toFixed(1)}%; target >= ${TARGET_EM * 100}%)`);
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
model.dispose();
report({ metric: 'held-out exact match (BERT QA)', value: em, target: TARGET_EM });
