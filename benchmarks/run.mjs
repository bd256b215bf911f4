#!/usr/bin/env node
/**
 * Benchmark runner for @ml/core (imports the built package, so build first; `npm run bench` does).
 *
 *   node benchmarks/run.mjs [workload ...] [--backends wasm,cpu[,webgpu]] [--no-peer]
 *                           [--target-ms 1500] [--max-reps 200] [--slow-call-ms 20000]
 *                           [--case-timeout-s 180] [--note 'written into the section']
 *                           [--no-write] [--list]
 *
 * Runs each case of each workload in benchmarks/workloads/*.mjs (or those named) on each backend, each
 * in a fresh child process stopped after --case-timeout-s (lib/case-child.mjs), then its Python
 * peer (see lib/python-peer.mjs) in the same run, and writes benchmarks/RESULTS.md (that workload's
 * section, in place) and benchmarks/out/<workload>.json. Exits 1 if a workload leaked tensors.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tf } from '@ml/core';
import { machineInfo } from './lib/machine.mjs';
import { MEASURE_DEFAULTS } from './lib/measure.mjs';
import { probePython, runPeerScript } from './lib/python-peer.mjs';
import { renderSection } from './lib/report.mjs';
import { updateResults } from './lib/results-md.mjs';
import { summarize } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ALL_BACKENDS = ['wasm', 'cpu', 'webgpu'];
const USAGE = 'usage: node benchmarks/run.mjs [workload ...] [--backends wasm,cpu[,webgpu]] [--no-peer] [--target-ms N] [--max-reps N] [--slow-call-ms N] [--case-timeout-s N] [--note TEXT] [--no-write] [--list]';

function parseArgs(argv) {
  const args = { names: [], backends: ['wasm', 'cpu'], peer: true, write: true, list: false, measure: {}, caseTimeoutS: 180 };
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
    else if (a === '--case-timeout-s') args.caseTimeoutS = positiveInt(value());
    else if (a === '--note') args.note = value();
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
  for (const f of files) out.push({ ...(await import(pathToFileURL(join(dir, f)).href)), file: join(dir, f) });
  return out;
}

/** Runs one case on one backend in a child process (lib/case-child.mjs); never throws. */
function runCase(workload, backend, c, options, timeoutMs) {
  const payload = JSON.stringify({ workloadFile: workload.file, backend, caseId: c.id, options });
  const res = spawnSync(process.execPath, [join(here, 'lib', 'case-child.mjs'), payload], {
    encoding: 'utf8',
    env: process.env,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const events = (res.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const get = (name) => events.find((e) => e.event === name);
  const backendEvent = get('backend');
  if (backendEvent && !backendEvent.available) return { backend: backendEvent };
  const done = get('done');
  if (done) {
    const r = done.result;
    return { backend: backendEvent, row: r.error ? r : { ...r, stats: r.samples.length > 0 ? summarize(r.samples) : undefined } };
  }
  const first = get('first');
  const limit = `${Math.round(timeoutMs / 1000)} s (--case-timeout-s)`;
  if (res.error?.code === 'ETIMEDOUT' || res.signal === 'SIGKILL') {
    if (first) return { backend: backendEvent, row: { firstMs: first.firstMs, samples: [], stopped: `stopped: steady state did not finish within ${limit}` } };
    return { backend: backendEvent, row: { error: `stopped: the first call did not finish within ${limit}` } };
  }
  const tail = (res.stderr ?? '').trim().split('\n').slice(-2).join(' | ');
  return { backend: backendEvent, row: { error: `crashed (exit ${res.status}${res.signal ? `, ${res.signal}` : ''}): ${tail}` } };
}

function runOurs(workload, backends, options, timeoutMs) {
  const rows = [];
  const backendInfo = {};
  for (const backend of backends) {
    for (const c of workload.cases) {
      if (backendInfo[backend]?.available === false) {
        rows.push({ case: c.id, impl: backend, error: `unavailable: backend: ${backendInfo[backend].reason}` });
        continue;
      }
      process.stdout.write(`  ${workload.name} ${c.id} on ${backend} ... `);
      const { backend: be, row } = runCase(workload, backend, c, options, timeoutMs);
      if (be) backendInfo[backend] ??= be.available ? { available: true, ...be.info } : { available: false, reason: be.reason };
      if (!row) {
        console.log(`backend unavailable: ${be.reason}`);
        rows.push({ case: c.id, impl: backend, error: `unavailable: backend: ${be.reason}` });
      } else {
        if (row.error) console.log(row.error);
        else if (row.stopped) console.log(`first call ${row.firstMs.toFixed(0)} ms; ${row.stopped}`);
        else if (!row.stats) console.log(`first call ${row.firstMs.toFixed(0)} ms > --slow-call-ms: steady state not measured`);
        else console.log(`median ${row.stats.median.toFixed(2)} ms (${row.stats.reps} reps)`);
        rows.push({ case: c.id, impl: backend, ...row });
      }
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
    const ours = runOurs(workload, args.backends, options, args.caseTimeoutS * 1000);
    const peer = args.peer ? runPeer(workload, options) : { available: false, reason: 'skipped (--no-peer)', runs: [] };
    const machineEnd = machineInfo();
    const result = {
      workload: workload.name,
      title: workload.title,
      command,
      options,
      caseTimeoutS: args.caseTimeoutS,
      note: args.note,
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
