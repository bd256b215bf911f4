#!/usr/bin/env node
// The README's demo (`npm run demo`): a tour of what @ml can do, ending in a summary table.
//
// 1. Backends and training with fit() (wasm vs cpu), and text tokenisation — in this process.
// 2. Every task of the guide: examples/tasks/run-all.mjs with quick settings, two scripts at a time;
//    each trains or computes for real on data it ships or generates and reports its metric.
// 3. The creator command line (examples/creator-cli): a scripted tour of its commands.
//
// Exits 1 when any section misses its target.
//   node examples/demo/main.mjs [--full]     (--full: the task scripts' full settings, not the quick ones)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TASKS, runTasks, summaryTable } from '../tasks/run-all.mjs';
import { runCoreCnn } from './core-cnn.mjs';
import { runText } from './text.mjs';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = !process.argv.includes('--full');
const started = performance.now();
const log = (line) => console.log(line);

const rows = [];
for (const [title, run] of [['Backends and training with fit()', runCoreCnn], ['Text: TF-IDF and WordPiece', runText]]) {
  console.log(`\n== ${title} ==`);
  const t0 = performance.now();
  try {
    rows.push({ ...(await run(log)), seconds: (performance.now() - t0) / 1000 });
  } catch (err) {
    console.error(err);
    rows.push({ task: title, metric: `error: ${err.message}`, ok: false, target: '-', seconds: (performance.now() - t0) / 1000 });
  }
}

console.log(`\n== The guide's tasks: ${TASKS.length} scripts in examples/tasks${quick ? ' (quick settings)' : ''} ==`);
const taskRows = await runTasks(TASKS, { quick, jobs: Math.min(2, availableParallelism()), log });

/** Runs the creator CLI's scripted tour; resolves to whether it exited 0. */
function runCliTour() {
  const script = join(examples, 'creator-cli', 'demo.mjs');
  if (!existsSync(script)) return Promise.resolve({ ok: false, why: `${script} is missing` });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: dirname(script), stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (err) => resolve({ ok: false, why: err.message }));
    child.on('close', (code) => resolve({ ok: code === 0, why: code === 0 ? '' : `exited with ${code}` }));
  });
}
console.log('\n== The creator command line: ml-creator (examples/creator-cli) ==');
const t0 = performance.now();
const cli = await runCliTour();
rows.push({ task: 'ml-creator command tour', metric: cli.ok ? 'every command ran' : cli.why, target: 'exits 0', ok: cli.ok, seconds: (performance.now() - t0) / 1000 });

console.log('\n== Summary: the guide\'s tasks ==');
for (const line of summaryTable(taskRows)) console.log(line);
console.log('\n== Summary: the rest of the tour ==');
const w = Math.max(...rows.map((r) => r.task.length));
for (const r of rows) console.log(`${r.task.padEnd(w)}  ${r.metric.padEnd(50)}  ${r.target.padEnd(22)}  ${r.seconds.toFixed(1).padStart(6)} s  ${r.ok ? 'yes' : 'NO'}`);
const all = [...taskRows.map((r) => r.ok), ...rows.map((r) => r.ok)];
const failed = all.filter((ok) => !ok).length;
console.log(`\n${all.length - failed} of ${all.length} sections met their targets in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
process.exit(failed === 0 ? 0 : 1);
