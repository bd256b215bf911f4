/**
 * Runs one workload case on one backend in its own process, so a backend's state (wasm heap, a
 * half-unwound gradient tape after a failure) never carries into the next case, and the parent can
 * stop a case whose kernel runs for minutes. Started by run.mjs as
 *
 *   node lib/case-child.mjs '{"workloadFile", "backend", "caseId", "options"}'
 *
 * It prints one JSON object per line: {event: 'backend', ...}, {event: 'first', firstMs}, and
 * finally {event: 'done', result}.
 */
import { pathToFileURL } from 'node:url';
import { tf, setBackend } from '@ml/core';
import { measure } from './measure.mjs';

const emit = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

async function main() {
  const { workloadFile, backend, caseId, options } = JSON.parse(process.argv[2]);
  const workload = await import(pathToFileURL(workloadFile).href);
  const c = workload.cases.find((x) => x.id === caseId);
  if (c === undefined) throw new Error(`case-child: no case ${JSON.stringify(caseId)} in ${workload.name}`);
  try {
    const info = await setBackend(backend);
    emit({ event: 'backend', available: true, info });
  } catch (err) {
    emit({ event: 'backend', available: false, reason: err.message });
    return;
  }
  const before = tf.memory().numTensors;
  let prepared;
  let timing;
  let error;
  try {
    prepared = workload.prepare(tf, c);
    timing = await measure(prepared.step, { ...options, onFirst: (firstMs) => emit({ event: 'first', firstMs }) });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    prepared?.dispose();
  }
  const leaked = tf.memory().numTensors - before;
  emit({ event: 'done', result: error !== undefined ? { error: `unavailable: ${error}`, leaked } : { ...timing, leaked } });
}

await main();
