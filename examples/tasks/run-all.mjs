#!/usr/bin/env node
/**
 * Runs the task scripts of examples/tasks — one per task of the guide — each in its own Node process,
 * and prints a summary table: the task, its metric against its target, the time it took and whether
 * it met the target. Exits 1 when any task misses its target or fails.
 *
 *   node examples/tasks/run-all.mjs [--quick] [--jobs N] [--only id,id…] [--list]
 *
 * --quick   sets ML_QUICK=1: smaller settings that still meet every target (the README's demo uses it)
 * --jobs N  how many scripts run at once (default: 2, or 1 on a one-core machine); each is single-threaded
 * --only    a comma-separated list of task ids (see --list)
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

/** Every task of the guide, in the guide's order, with the script that does it. */
export const TASKS = [
  { id: 'text-classification-tfidf', title: 'Text classification: TF-IDF + linear SVM', script: 'text-classification-tfidf.mjs' },
  { id: 'text-classification-cnn', title: 'Text classification: CNN', script: 'text-classification-cnn.mjs' },
  { id: 'text-classification-rnn', title: 'Text classification: RNN (BiGRU)', script: 'text-classification-rnn.mjs' },
  { id: 'text-classification-embeddings', title: 'Text classification: word embeddings', script: 'text-classification-embeddings.mjs' },
  { id: 'bert-text-classification', title: 'Text classification: BERT', script: 'bert-text-classification.mjs' },
  { id: 'rnn-sentiment', title: 'Sentiment analysis: RNN (LSTM)', script: 'rnn-sentiment.mjs' },
  { id: 'transfer-learning', title: 'Transfer learning: pretrained CNN body', script: 'transfer-learning.mjs' },
  { id: 'question-answering', title: 'Extractive question answering: BERT', script: 'question-answering.mjs' },
  { id: 'translation', title: 'Machine translation: transformer', script: 'translation.mjs' },
  { id: 'text-generation', title: 'Text generation: GPT', script: 'text-generation.mjs' },
  { id: 'summarization', title: 'Automatic summarisation: TextRank', script: 'summarization.mjs' },
  { id: 'image-recognition', title: 'Image recognition from a folder: CNN', script: 'image-recognition.mjs' },
  { id: 'digit-recognition', title: 'Handwritten digits: LeNet', script: 'digit-recognition.mjs' },
  { id: 'image-captioning', title: 'Image captioning: CNN + LSTM attention', script: 'image-captioning.mjs' },
  { id: 'video-analysis', title: 'Video content analysis', script: 'video-analysis.mjs' },
  { id: 'gan-images', title: 'GAN image generation: DCGAN', script: 'gan-images.mjs' },
  { id: 'super-resolution', title: 'Image enhancement: SRGAN super-resolution', script: 'super-resolution.mjs' },
  { id: 'gan-text', title: 'GAN text generation', script: 'gan-text.mjs' },
  { id: 'lstm-forecasting', title: 'Time-series forecasting: LSTM', script: 'lstm-forecasting.mjs' },
  { id: 'collaborative-filtering', title: 'Recommendation: collaborative filtering', script: 'collaborative-filtering.mjs' },
  { id: 'decision-tree', title: 'Decision tree', script: 'decision-tree.mjs' },
  { id: 'svm', title: 'Support vector machine', script: 'svm.mjs' },
  { id: 'kmeans', title: 'k-means clustering', script: 'kmeans.mjs' },
  { id: 'naive-bayes', title: 'Naive Bayes', script: 'naive-bayes.mjs' },
  { id: 'knn', title: 'k-nearest neighbours', script: 'knn.mjs' },
  { id: 'pagerank', title: 'PageRank', script: 'pagerank.mjs' },
];

/** Runs one task script; resolves to its summary row. */
export function runTask(task, { quick = false, onOutput = () => {} } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(here, task.script)], {
      cwd: here,
      env: { ...process.env, ...(quick ? { ML_QUICK: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('error', (err) => { out += `\n${err.message}`; });
    child.on('close', (code, signal) => {
      const results = [];
      for (const line of out.split('\n')) {
        if (!line.startsWith('RESULT ')) continue;
        try {
          results.push(JSON.parse(line.slice(7)));
        } catch {
          results.push({ metric: `unreadable RESULT line: ${line.slice(0, 60)}`, ok: false });
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const ok = code === 0 && results.length > 0 && results.every((r) => r.ok);
      const why = results.length === 0 ? `exited with ${signal ?? code} before reporting a result` : code !== 0 && results.every((r) => r.ok) ? `exited with ${signal ?? code}` : '';
      onOutput(task, out);
      resolve({ task, results, seconds, ok, why });
    });
  });
}

const fmt = (v) => (!Number.isFinite(v) || Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : String(Number(v.toPrecision(3))));

/** The summary table as lines of text. */
export function summaryTable(rows) {
  const lines = [];
  const wTitle = Math.max(4, ...rows.map((r) => r.task.title.length));
  const cells = rows.flatMap((r) =>
    (r.results.length > 0 ? r.results : [{ metric: r.why, value: NaN, target: NaN, higherIsBetter: true }]).map((res, i) => ({
      title: i === 0 ? r.task.title : '',
      metric: res.metric,
      value: Number.isNaN(res.value) ? '-' : fmt(res.value),
      target: Number.isNaN(res.target) ? '-' : `${res.higherIsBetter ? '≥' : '≤'} ${fmt(res.target)}`,
      time: i === 0 ? `${r.seconds.toFixed(1)} s` : '',
      ok: i === 0 ? (r.ok ? 'yes' : 'NO') : '',
    })),
  );
  const wMetric = Math.max(6, ...cells.map((c) => c.metric.length));
  const wValue = Math.max(5, ...cells.map((c) => c.value.length));
  const wTarget = Math.max(6, ...cells.map((c) => c.target.length));
  lines.push(`${'task'.padEnd(wTitle)}  ${'metric'.padEnd(wMetric)}  ${'value'.padStart(wValue)}  ${'target'.padEnd(wTarget)}  ${'time'.padStart(7)}  ok`);
  lines.push('-'.repeat(wTitle + wMetric + wValue + wTarget + 20));
  for (const c of cells) lines.push(`${c.title.padEnd(wTitle)}  ${c.metric.padEnd(wMetric)}  ${c.value.padStart(wValue)}  ${c.target.padEnd(wTarget)}  ${c.time.padStart(7)}  ${c.ok}`);
  return lines;
}

/** Runs `tasks`, `jobs` at a time, printing each task's output when it ends; resolves to the rows in task order. */
export async function runTasks(tasks, { quick = false, jobs = 2, log = console.log } = {}) {
  const rows = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      rows[i] = await runTask(tasks[i], {
        quick,
        onOutput: (task, out) => {
          log(`\n== ${task.title} (examples/tasks/${task.script}) ==`);
          for (const line of out.split('\n')) if (line.trim() !== '' && !line.startsWith('RESULT ')) log(`  ${line}`);
        },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, jobs: { type: 'string' }, only: { type: 'string' }, list: { type: 'boolean', default: false } },
  });
  if (values.list) {
    for (const t of TASKS) console.log(`${t.id.padEnd(32)} ${t.title}`);
    process.exit(0);
  }
  const jobs = values.jobs === undefined ? Math.min(2, availableParallelism()) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error(`--jobs must be a positive integer; received '${values.jobs}'`);
    process.exit(2);
  }
  let tasks = TASKS;
  if (values.only !== undefined) {
    const ids = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !TASKS.some((t) => t.id === id));
    if (unknown.length > 0) {
      console.error(`--only: unknown task id(s) ${unknown.join(', ')}; the ids are: ${TASKS.map((t) => t.id).join(', ')}`);
      process.exit(2);
    }
    tasks = TASKS.filter((t) => ids.includes(t.id));
  }
  const started = performance.now();
  console.log(`running ${tasks.length} task scripts${values.quick ? ' (quick settings)' : ''}, ${jobs} at a time`);
  const rows = await runTasks(tasks, { quick: values.quick, jobs });
  console.log('\n== Summary ==');
  for (const line of summaryTable(rows)) console.log(line);
  const failed = rows.filter((r) => !r.ok).length;
  console.log(`\n${rows.length - failed} of ${rows.length} tasks met their targets in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  process.exitCode = failed === 0 ? 0 : 1;
}
