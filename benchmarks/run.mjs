#!/usr/bin/env node
/**
 * Benchmark runner for @ml/core (imports the built package, so build first; `npm run bench` does).
 *
 *   node benchmarks/run.mjs [workload ...] [--backends wasm,cpu[,webgpu]] [--no-peer]
 *                           [--target-ms 1500] [--max-reps 200] [--slow-call-ms 20000]
 *                           [--no-write] [--list]
 *
 * Runs each workload in benchmarks/workloads/*.mjs (or those named) on each backend, then its Python
 * peer (see lib/python-peer.mjs) in the same run, and writes benchmarks/RESULTS.md (that workload's
 * section, in place) and benchmarks/out/<workload>.json. Exits 1 if a workload leaked tensors.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tf, setBackend } from '@ml/core';
import { machineInfo } from './lib/machine.mjs';
import { MEASURE_DEFAULTS, measure } from './lib/measure.mjs';
import { probePython, runPeerScript } from './lib/python-peer.mjs';
import { renderSection } from './lib/report.mjs';
import { updateResults } from './lib/results-md.mjs';
import { summarize } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ALL_BACKENDS = ['wasm', 'cpu', 'webgpu'];
const USAGE = 'usage: node benchmarks/run.mjs [workload ...] [--backends wasm,cpu[,webgpu]] [--no-peer] [--target-ms N] [--max-reps N] [--slow-call-ms N] [--no-write] [--list]';

function parseArgs(argv) {
  const args = { names: [], backends: ['wasm', 'cpu'], peer: true, write: true, list: false, measure: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      i += 1;
      return argv[i];
    };
    const positiveInt = (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a} must be a positive integer; received ${JSON.stringify(v)}`);
      return n;
    };
    if (a === '--backends') {
      args.backends = value().split(',').map((s) => s.trim()).filter(Boolean);
      const bad = args.backends.filter((b) => !ALL_BACKENDS.includes(b));
      if (bad.length > 0 || args.backends.length === 0) {
        throw new Error(`--backends must list some of ${ALL_BACKENDS.join(', ')}; received ${JSON.stringify(args.backends)}`);
      }
    } else if (a === '--no-peer') args.peer = false;
    else if (a === '--no-write') args.write = false;
    else if (a === '--list') args.list = true;
    else if (a === '--target-ms') args.measure.targetMs = positiveInt(value());
    else if (a === '--max-reps') args.measure.maxReps = positiveInt(value());
    else if (a === '--slow-call-ms') args.measure.slowCallMs = positiveInt(value());
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${JSON.stringify(a)} (see --help)`);
    else args.names.push(a);
  }
  return args;
}

async function loadWorkloads() {
  const dir = join(here, 'workloads');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const out = [];
  for (const f of files) out.push(await import(pathToFileURL(join(dir, f)).href));
  return out;
}

/** Runs one case on the current backend; never throws (a failure becomes an `error` row). */
async function runCase(workload, c, options) {
  const before = tf.memory().numTensors;
  let prepared;
  let timing;
  let error;
  try {
    prepared = workload.prepare(tf, c);
    timing = await measure(prepared.step, options);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    prepared?.dispose();
  }
  const leaked = tf.memory().numTensors - before;
  if (error !== undefined) return { error, leaked };
  const stats = timing.samples.length > 0 ? summarize(timing.samples) : undefined;
  return { firstMs: timing.firstMs, warmupCalls: timing.warmupCalls, samples: timing.samples, stats, leaked };
}

async function runOurs(workload, backends, options) {
  const rows = [];
  const backendInfo = {};
  for (const backend of backends) {
    let info;
    try {
      info = await setBackend(backend);
    } catch (err) {
      backendInfo[backend] = { available: false, reason: err.message };
      for (const c of workload.cases) rows.push({ case: c.id, impl: backend, error: `backend unavailable: ${err.message}` });
      continue;
    }
    backendInfo[backend] = { available: true, ...info };
    for (const c of workload.cases) {
      process.stdout.write(`  ${workload.name} ${c.id} on ${backend} ... `);
      const r = await runCase(workload, c, options);
      if (r.error) console.log(`unavailable: ${r.error}`);
      else if (!r.stats) console.log(`first call ${r.firstMs.toFixed(0)} ms > --slow-call-ms: steady state not measured`);
      else console.log(`median ${r.stats.median.toFixed(2)} ms (${r.stats.reps} reps)`);
      rows.push({ case: c.id, impl: backend, ...r });
    }
  }
  return { rows, backendInfo };
}

function runPeer(workload, options) {
  const peer = workload.peer;
  if (peer === undefined) return { available: false, reason: 'this workload has no peer', runs: [] };
  const probe = probePython(peer.modules);
  if (!probe.ok) return { available: false, reason: probe.reason, runs: [] };
  const cores = os.cpus().length;
  const threadCounts = cores > 1 ? [1, cores] : [1];
  const runs = [];
  for (const threads of threadCounts) {
    process.stdout.write(`  ${workload.name} peer ${peer.name} (${threads} thread${threads > 1 ? 's' : ''}) ... `);
    try {
      const out = runPeerScript(peer.script, { cases: workload.cases.map(peer.payload), options }, threads);
      const results = out.results.map((r) => ({ ...r, stats: r.samples.length > 0 ? summarize(r.samples) : undefined }));
      console.log('done');
      runs.push({ threads, info: out.info, results });
    } catch (err) {
      console.log(`failed: ${err.message}`);
      runs.push({ threads, error: err.message, results: [] });
    }
  }
  return { available: true, python: probe.python, pythonVersion: probe.version, runs };
}


async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`run.mjs: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const workloads = await loadWorkloads();
  if (args.list) {
    for (const w of workloads) console.log(`${w.name}\t${w.title}`);
    return 0;
  }
  const unknown = args.names.filter((n) => !workloads.some((w) => w.name === n));
  if (unknown.length > 0) {
    console.error(`run.mjs: unknown workload(s) ${unknown.join(', ')}; available: ${workloads.map((w) => w.name).join(', ')}`);
    return 2;
  }
  const chosen = args.names.length > 0 ? workloads.filter((w) => args.names.includes(w.name)) : workloads;
  const options = { ...MEASURE_DEFAULTS, ...args.measure };
  const command = ['node', 'benchmarks/run.mjs', ...process.argv.slice(2)].join(' ');
  const outDir = join(here, 'out');
  mkdirSync(outDir, { recursive: true });
  let leaks = 0;
  for (const workload of chosen) {
    console.log(`> ${workload.name}: ${workload.title}`);
    const machineStart = machineInfo();
    const ours = await runOurs(workload, args.backends, options);
    const peer = args.peer ? runPeer(workload, options) : { available: false, reason: 'skipped (--no-peer)', runs: [] };
    const machineEnd = machineInfo();
    const result = {
      workload: workload.name,
      title: workload.title,
      command,
      options,
      machine: machineStart,
      loadavgEnd: machineEnd.loadavg,
      tfjsVersion: tf.version_core,
      backends: ours.backendInfo,
      rows: ours.rows,
      peer,
    };
    // Failed rows are excluded: tfjs-core leaves a failed gradient's tensors alive (reported, not ours).
    leaks += ours.rows.reduce((sum, r) => sum + (!r.error && r.leaked > 0 ? r.leaked : 0), 0);
    writeFileSync(join(outDir, `${workload.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    if (args.write) updateResults(join(here, 'RESULTS.md'), workload.name, renderSection(workload, result));
  }
  if (leaks > 0) {
    console.error(`run.mjs: ${leaks} tensor(s) leaked (see the 'leaked' column)`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
