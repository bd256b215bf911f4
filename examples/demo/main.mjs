#!/usr/bin/env node
// The README's demo (`npm run demo`): a tour of what @ml can do today, ending in a summary table.
// Every section trains or computes for real on data it generates, and the run exits non-zero if a
// section misses its target.
import { runCoreCnn } from './core-cnn.mjs';
import { runPageRank, runTextRank } from './graph.mjs';
import { runText } from './text.mjs';
import { runExample } from './run-example.mjs';

const sections = [
  ['Backends and training with fit()', runCoreCnn],
  ['PageRank', runPageRank],
  ['TextRank automatic summaries', runTextRank],
  ['Text: TF-IDF and WordPiece', runText],
  ['Recommendations from a view log (examples/recsys)', (log) => runExample('Implicit ALS recommendations (@ml/recsys)', 'recsys/recommend.mjs', log)],
  ['Web-graph ranking (examples/graph)', (log) => runExample('Web ranking (@ml/graph example)', 'graph/web-ranking.mjs', log)],
  ['Iris classifiers (examples/classical)', (log) => runExample('Iris classifiers (@ml/classical)', 'classical/iris.mjs', log, /iris accuracy/)],
  ['k-means on blobs (examples/classical)', (log) => runExample('k-means clustering (@ml/classical)', 'classical/kmeans-blobs.mjs', log, /adjusted Rand/)],
  ['Airline passengers forecast (examples/forecasting)', (log) => runExample('Monthly forecasting (@ml/sequence)', 'forecasting/forecast-airline.mjs', log, /^LSTM/)],
  ['Sentiment with an LSTM and a TextCNN (examples/sequence)', (log) => runExample('Sentiment: LSTM + TextCNN (@ml/sequence)', 'sequence/sentiment.mjs', log, /^LSTM/)],
  ['Spam filter from word embeddings (examples/sequence)', (log) => runExample('Spam filter: Word2Vec + embeddings (@ml/sequence)', 'sequence/spam-embeddings.mjs', log, /^accuracy/)],
  ['Image classification from a folder (examples/vision)', (log) => runExample('Images from a folder: CNN (@ml/vision)', 'vision/classify-folder.mjs', log, /validation accuracy/)],
  ['Handwritten digits with LeNet (examples/vision)', (log) => runExample('Digits: LeNet (@ml/vision)', 'vision/digits.mjs', log, /test accuracy/)],
  ['Text generation with a small GPT (examples/transformer)', (log) => runExample('Text generation: GPT (@ml/transformer)', 'transformer/generate-text.mjs', log, /held-out perplexity/)],
  ['Translation with a transformer (examples/transformer)', (log) => runExample('Translation: transformer (@ml/transformer)', 'transformer/translate.mjs', log, /character BLEU/)],
  ['BERT sentiment: pretrain, then fine-tune (examples/transformer)', (log) => runExample('Sentiment: BERT pretrain + fine-tune (@ml/transformer)', 'transformer/bert-sentiment.mjs', log, /pretrained \+ fine-tuned/)],
  ['Question answering with BERT (examples/transformer)', (log) => runExample('Question answering: BERT (@ml/transformer)', 'transformer/qa.mjs', log, /held-out exact match/)],
  ['Spam filter: TF-IDF + naive Bayes (examples/classical)', (log) => runExample('Spam filter (@ml/text + @ml/classical)', 'classical/spam.mjs', log, /MultinomialNB: accuracy/)],
];

const rows = [];
for (const [title, run] of sections) {
  console.log(`\n== ${title} ==`);
  const t0 = performance.now();
  try {
    const row = await run((line) => console.log(line));
    rows.push({ ...row, seconds: (performance.now() - t0) / 1000 });
  } catch (err) {
    console.error(err);
    rows.push({ task: title, metric: `error: ${err.message}`, ok: false, target: '-', seconds: (performance.now() - t0) / 1000 });
  }
}

console.log('\n== Summary ==');
const w = Math.max(...rows.map((r) => r.task.length));
const wt = Math.max(6, ...rows.map((r) => r.target.length));
console.log(`${'task'.padEnd(w)}  ${'result'.padEnd(60)}  ${'target'.padEnd(wt)}  time    ok`);
for (const r of rows) {
  console.log(`${r.task.padEnd(w)}  ${r.metric.padEnd(60)}  ${r.target.padEnd(wt)}  ${r.seconds.toFixed(1).padStart(5)}s  ${r.ok ? 'yes' : 'NO'}`);
}
const failed = rows.filter((r) => !r.ok).length;
console.log(`\n${rows.length - failed} of ${rows.length} tasks met their targets.`);
process.exit(failed === 0 ? 0 : 1);
