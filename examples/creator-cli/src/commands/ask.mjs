/**
 * `ml-creator ask <question> --context <file>`: extractive question answering.
 *
 * - With `--model <folder>`: a Hugging Face `BertForQuestionAnswering` folder (config.json,
 *   model.safetensors, vocab.txt or tokenizer.json) loaded with @ml/transformer's `loadBert`; the
 *   context is cut into overlapping windows (`--max-seq-length`, `--doc-stride`), and the best span
 *   (start + end logit) is mapped back to the original text through the tokenizer's offsets.
 * - Without a model: sentence retrieval. Sentences are ranked by the cosine similarity of their TF-IDF
 *   vectors (@ml/text, fitted on the context's own sentences; English words stemmed, Chinese
 *   characters + bigrams) to the question's, and the best `--top` sentences are returned. This finds
 *   the sentence that most likely holds the answer; it does not extract a span.
 */
import { answerQuestion, loadBert } from '@ml/transformer';
import { TfidfVectorizer, WordPieceTokenizer, loadTokenizer } from '@ml/text';
import { useBackend } from '../backend.mjs';
import { CliError } from '../errors.mjs';
import { readTextFile, requireDirectory, statOrNull } from '../io.mjs';
import { resolveLanguage, similarityTokens, splitSentences } from '../text-tools.mjs';

/** Ranks the sentences of `context` against `question`; returns the best `top`. */
export function retrieveSentences(question, context, { top = 1, lang = 'auto' } = {}) {
  const language = resolveLanguage(lang, context);
  const sentences = splitSentences(context, language);
  if (sentences.length === 0) throw new CliError('ask --context: the context holds no sentences');
  const vectorizer = new TfidfVectorizer({ analyzer: (doc) => similarityTokens(doc, language) });
  const docs = vectorizer.fitTransform(sentences); // rows are l2-normalised
  const q = vectorizer.transform([question]);
  const qv = new Map();
  for (let p = q.indptr[0]; p < q.indptr[1]; p++) qv.set(q.indices[p], q.data[p]);
  const scored = sentences.map((text, i) => {
    let score = 0;
    for (let p = docs.indptr[i]; p < docs.indptr[i + 1]; p++) score += (qv.get(docs.indices[p]) ?? 0) * docs.data[p];
    return { index: i, text, score };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, top);
  return { method: 'sentence-retrieval', language, answers: ranked.map((s) => ({ answer: s.text, score: s.score, sentence: s.index })) };
}

/** Answers with a BERT QA folder; returns spans with their offsets in the context. */
export async function answerWithBert(question, context, dir, { top = 1, maxSeqLength = 384, docStride = 128, maxAnswerLength = 30, backend = 'wasm' } = {}) {
  await requireDirectory(dir, '--model');
  if ((await statOrNull(`${dir}/config.json`)) === null) throw new CliError(`--model: ${dir}/config.json not found; expected a Hugging Face BertForQuestionAnswering folder (config.json, model.safetensors, vocab.txt)`);
  const backendName = await useBackend(backend);
  let loaded;
  let tokenizer;
  try {
    loaded = await loadBert(dir, { architecture: 'BertForQuestionAnswering' });
    tokenizer = await loadTokenizer(dir);
  } catch (err) {
    throw new CliError(`--model ${dir}: ${err.message}`);
  }
  const { model, newlyInitialized } = loaded;
  try {
    if (!(tokenizer instanceof WordPieceTokenizer)) throw new CliError(`--model ${dir}: expected a WordPiece tokenizer (vocab.txt or a WordPiece tokenizer.json) for BERT; found a byte-level BPE one`);
    const maxPositions = model.bert.config.maxPositionEmbeddings;
    const seq = Math.min(maxSeqLength, maxPositions);
    const answers = await answerQuestion(model, tokenizer, question, context, { topK: top, maxSeqLength: seq, docStride: Math.min(docStride, Math.max(0, seq - 16)), maxAnswerLength });
    const warnings = newlyInitialized.length > 0 ? [`the checkpoint holds no QA head (${newlyInitialized.join(', ')} freshly initialised): answers are untrained guesses`] : [];
    return { method: 'bert-span', backend: backendName, answers: answers.map((a) => ({ answer: a.answer, score: a.score, start: a.start, end: a.end })), warnings };
  } finally {
    model.dispose();
  }
}

export async function askCommand(question, options) {
  if (!options.context) throw new CliError('ask: --context <file> is required (the text to answer from)');
  if (question.trim() === '') throw new CliError('ask <question>: received an empty question');
  const context = await readTextFile(options.context, 'ask --context');
  const result = options.model ? await answerWithBert(question, context, options.model, options) : retrieveSentences(question, context, options);
  return { question, context: options.context, ...result };
}

export function formatAnswer(result) {
  const lines = [];
  if (result.method === 'sentence-retrieval') {
    lines.push('(no --model: sentence retrieval, TF-IDF cosine; the best sentence(s) are shown, not an extracted span)');
    result.answers.forEach((a) => lines.push(`${a.score.toFixed(3)}  ${a.answer}`));
  } else {
    result.answers.forEach((a) => lines.push(`${a.answer}   (score ${a.score.toFixed(3)}, characters ${a.start}-${a.end})`));
    if (result.answers.length === 0) lines.push('(no answer span found)');
    for (const w of result.warnings) lines.push(`warning: ${w}`);
  }
  return lines.join('\n');
}
