/**
 * `ml-creator sentiment <file|text>`: sentence-level and overall sentiment from a trained classifier:
 * TF-IDF of character 3–5-grams within words (@ml/text TfidfVectorizer, sublinear tf) + logistic regression
 * (@ml/classical LogisticRegression, lbfgs). The default model is trained on first use from the
 * corpus shipped in data/sentiment-reviews.tsv (see DATA.md; 1,026 labelled review sentences written
 * for this project) and cached in the model folder; `--model <dir>` loads a model saved by
 * `--train <tsv> --save <dir>`.
 *
 * Overall sentiment is the mean of the sentences' positive probabilities (each sentence counts once,
 * so one long sentence does not outweigh the rest): positive at ≥ 0.6, negative at ≤ 0.4, else mixed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainTestSplit } from '@ml/core';
import { LogisticRegression } from '@ml/classical';
import { TfidfVectorizer } from '@ml/text';
import { CliError } from '../errors.mjs';
import { defaultCacheDir, readTextFile, statOrNull, writeFolderAtomic } from '../io.mjs';
import { detectLanguage, splitSentences } from '../text-tools.mjs';

export const SENTIMENT_FORMAT = 'ml-creator-sentiment';
export const SENTIMENT_FORMAT_VERSION = 1;
export const SENTIMENT_MODEL_FILE = 'sentiment-model.json';
/** The shipped corpus. */
export const SENTIMENT_CORPUS = fileURLToPath(new URL('../../data/sentiment-reviews.tsv', import.meta.url));
// Character 3–5-grams inside word boundaries: on this small corpus they generalise across word forms
// ("disappoint-ing/-ed", "un-helpful") and beat words (0.71–0.78) and words + bigrams (0.61–0.70)
// in held-out accuracy over three seeded splits (0.79–0.81).
const VECTORIZER = { analyzer: 'char_wb', ngramRange: [3, 5], sublinearTf: true };
const CLASSIFIER = { C: 10, maxIter: 500 };
const TEST_SIZE = 0.2;
const SEED = 13;

/** Reads a `label<TAB>text` corpus with a header line; errors name the file and line. */
export async function readCorpus(path) {
  const text = await readTextFile(path, 'sentiment corpus');
  const lines = text.split(/\r?\n/);
  const texts = [];
  const labels = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    if (tab < 1 || line.slice(tab + 1).trim() === '') {
      throw new CliError(`sentiment corpus ${path}, line ${i + 2}: expected "label<TAB>text"; received ${JSON.stringify(line.slice(0, 60))}`);
    }
    labels.push(line.slice(0, tab).trim());
    texts.push(line.slice(tab + 1).trim());
  });
  const classes = [...new Set(labels)];
  if (classes.length < 2) throw new CliError(`sentiment corpus ${path}: expected at least 2 labels; received ${JSON.stringify(classes)}`);
  return { texts, labels, sha256: createHash('sha256').update(text).digest('hex') };
}

function fitModel(texts, labels) {
  const vectorizer = new TfidfVectorizer(VECTORIZER);
  const X = vectorizer.fitTransform(texts);
  const classifier = new LogisticRegression(CLASSIFIER).fit(X, labels);
  return { vectorizer, classifier };
}

/**
 * Trains on 80% of the corpus to measure held-out accuracy on the other 20% (seeded, stratified
 * split), then refits on all of it; returns the model's JSON document.
 */
export async function trainSentimentModel(corpusPath = SENTIMENT_CORPUS) {
  const { texts, labels, sha256 } = await readCorpus(corpusPath);
  const [trainX, testX, trainY, testY] = trainTestSplit([texts, labels], { testSize: TEST_SIZE, seed: SEED, stratify: labels });
  const held = fitModel(trainX, trainY);
  const predicted = held.classifier.predict(held.vectorizer.transform(testX));
  const accuracy = predicted.filter((p, i) => p === testY[i]).length / testY.length;
  const full = fitModel(texts, labels);
  return {
    format: SENTIMENT_FORMAT,
    formatVersion: SENTIMENT_FORMAT_VERSION,
    corpus: { file: corpusPath, sha256, sentences: texts.length },
    evaluation: { heldOutAccuracy: accuracy, trainSentences: trainX.length, testSentences: testX.length, seed: SEED },
    // The built @ml/text names its classes `_TfidfVectorizer` (esbuild), and toJSON() derives `kind`
    // from the class name, so it writes 'count'; the document is a TF-IDF one (it holds `idf`).
    vectorizer: { ...full.vectorizer.toJSON(), kind: 'tfidf' },
    classifier: { type: 'LogisticRegression', params: CLASSIFIER, state: full.classifier.toJSON() },
  };
}

/** Reads a saved model folder; errors name the file and what is wrong. */
export async function loadSentimentModel(dir) {
  const path = join(dir, SENTIMENT_MODEL_FILE);
  if ((await statOrNull(dir)) === null) throw new CliError(`--model: folder not found: ${dir}`);
  if ((await statOrNull(path)) === null) throw new CliError(`--model: ${path} not found; expected a folder written by "ml-creator sentiment --train <tsv> --save <dir>"`);
  let doc;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CliError(`--model: ${path} is not valid JSON (${err.message})`);
  }
  if (doc?.format !== SENTIMENT_FORMAT) throw new CliError(`--model: ${path} is not an ml-creator sentiment model (format ${JSON.stringify(doc?.format)}; expected "${SENTIMENT_FORMAT}")`);
  if (doc.formatVersion > SENTIMENT_FORMAT_VERSION) throw new CliError(`--model: ${path} has format version ${doc.formatVersion}; this ml-creator reads up to ${SENTIMENT_FORMAT_VERSION}`);
  if (doc.classifier?.type !== 'LogisticRegression') throw new CliError(`--model: ${path}: unsupported classifier type ${JSON.stringify(doc.classifier?.type)}`);
  try {
    return { doc, vectorizer: TfidfVectorizer.fromJSON(doc.vectorizer), classifier: LogisticRegression.fromJSON(doc.classifier.state) };
  } catch (err) {
    throw new CliError(`--model: ${path} is corrupt: ${err.message}`);
  }
}

/** The default model: cached in `<modelDir>`, trained from the shipped corpus when absent or stale. */
export async function defaultSentimentModel(modelDir = join(defaultCacheDir(), 'sentiment-v1'), log = () => {}) {
  const path = join(modelDir, SENTIMENT_MODEL_FILE);
  if ((await statOrNull(path)) !== null) {
    try {
      const model = await loadSentimentModel(modelDir);
      // Stale when the shipped corpus changed since the cache was written.
      const sha256 = createHash('sha256').update(await readTextFile(SENTIMENT_CORPUS, 'sentiment corpus')).digest('hex');
      if (model.doc.corpus?.sha256 === sha256) return { ...model, trained: false, dir: modelDir };
      log(`the cached model in ${modelDir} was trained on another version of the corpus; retraining`);
    } catch {
      log(`the cached model in ${modelDir} is unreadable; retraining`);
    }
  }
  log(`training the sentiment model from ${SENTIMENT_CORPUS} (first use; cached in ${modelDir})`);
  const doc = await trainSentimentModel();
  await writeFolderAtomic(modelDir, { [SENTIMENT_MODEL_FILE]: `${JSON.stringify(doc)}\n` });
  return { ...(await loadSentimentModel(modelDir)), trained: true, dir: modelDir };
}

/** Positive-class probabilities of `texts` under `model`. */
function positiveProbabilities(model, texts) {
  const classes = model.classifier.classes;
  const pos = classes.indexOf('positive');
  if (pos < 0) throw new CliError(`--model: the classifier's labels ${JSON.stringify(classes)} hold no "positive"`);
  return model.classifier.predictProba(model.vectorizer.transform(texts)).map((row) => row[pos]);
}

/** `<file|text>`: an existing file is read; something that looks like a file name but is missing is an error. */
async function readInput(input) {
  const s = await statOrNull(input);
  if (s !== null) return { source: 'file', text: await readTextFile(input, 'sentiment <file|text>') };
  if (/^[^\s]+\.(txt|md|text|csv|tsv|json)$/i.test(input) || /^[.~]?[/\\][^\s]*$/.test(input)) {
    throw new CliError(`sentiment <file|text>: file not found: ${input} (pass quoted text to classify text directly)`);
  }
  if (input.trim() === '') throw new CliError('sentiment <file|text>: received empty text');
  return { source: 'text', text: input };
}

export async function sentimentCommand(input, options, log = () => {}) {
  if (options.train) {
    if (!options.save) throw new CliError('sentiment --train <tsv> needs --save <dir> to write the model to');
    const doc = await trainSentimentModel(options.train);
    await writeFolderAtomic(options.save, { [SENTIMENT_MODEL_FILE]: `${JSON.stringify(doc)}\n` });
    const result = { trainedFrom: options.train, savedTo: options.save, ...doc.evaluation };
    if (input === undefined) return result;
  } else if (input === undefined) {
    throw new CliError("sentiment: missing argument <file|text> (or --train <tsv> --save <dir>)");
  }
  const { source, text } = await readInput(input);
  const model = options.model ? { ...(await loadSentimentModel(options.model)), trained: false, dir: options.model } : await defaultSentimentModel(options.modelDir, log);
  const language = detectLanguage(text);
  const sentences = splitSentences(text, language);
  const probs = positiveProbabilities(model, sentences);
  const label = (p) => (p >= 0.5 ? 'positive' : 'negative');
  const overall = probs.reduce((a, b) => a + b, 0) / probs.length;
  const warnings = !options.model && language === 'zh' ? ['the built-in model was trained on English reviews; Chinese text gets unreliable labels (train your own with --train)'] : [];
  return {
    source,
    warnings,
    model: { dir: model.dir, trainedNow: model.trained, heldOutAccuracy: model.doc.evaluation?.heldOutAccuracy ?? null },
    // Overall: 'mixed' when the mean is within 0.1 of even.
    overall: { label: overall >= 0.6 ? 'positive' : overall <= 0.4 ? 'negative' : 'mixed', positive: overall, negative: 1 - overall },
    sentences: sentences.map((s, i) => ({ text: s, label: label(probs[i]), positive: probs[i], negative: 1 - probs[i] })),
  };
}

export function formatSentiment(result) {
  if (result.overall === undefined) return `trained on ${result.trainedFrom}: held-out accuracy ${result.heldOutAccuracy.toFixed(3)} (${result.testSentences} sentences); saved to ${result.savedTo}`;
  const lines = result.sentences.map((s) => `${s.label === 'positive' ? '+' : '-'} ${(100 * Math.max(s.positive, s.negative)).toFixed(1).padStart(5)}%  ${s.text}`);
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  lines.push(`overall: ${result.overall.label} (positive ${(100 * result.overall.positive).toFixed(1)}%, ${result.sentences.length} sentence${result.sentences.length === 1 ? '' : 's'})`);
  return lines.join('\n');
}
