/** Renders one workload's result (as written to out/<name>.json) as a RESULTS.md section. */
import { markdownTable } from './results-md.mjs';

function ms(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '';
  if (x < 1) return x.toFixed(3);
  if (x < 10) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return x.toFixed(0);
}

function rate(flops, medianMs) {
  const g = flops / (medianMs * 1e6);
  return g < 10 ? g.toFixed(2) : g.toFixed(1);
}

function ratio(ours, peer) {
  return peer === undefined ? '' : `${(ours / peer).toFixed(2)}`;
}

/** @ml/core runs large wasm matrix products on a second thread in Node unless ML_WASM_MATMUL_THREADS=0. */
const WASM_PRODUCT_THREADS = process.env.ML_WASM_MATMUL_THREADS !== '0';
const OUR_THREADS = { wasm: WASM_PRODUCT_THREADS ? '1 + 1 worker' : '1', cpu: '1 (JS)', webgpu: 'GPU' };

/** One line about the peer's library, BLAS kernel and threads, from the script's `info`. */
function describePeerRun(run) {
  if (run.error) return `${run.threads} thread(s): failed: ${run.error}`;
  const i = run.info;
  const parts = [`${i.library}`];
  const pools = i.blas?.pools ?? [];
  const blas = pools.find((p) => p.internal_api !== 'openmp');
  if (blas) parts.push(`BLAS ${blas.internal_api} ${blas.version ?? ''} kernel ${blas.architecture ?? '?'} (${blas.threading_layer}), ${blas.num_threads} BLAS thread(s)`);
  else if (i.blas?.config) parts.push(`BLAS (from numpy.show_config): ${i.blas.config.replace(/\s+/g, ' ').slice(0, 300)}`);
  const defBlas = (i.blasDefault?.pools ?? []).find((p) => p.internal_api !== 'openmp');
  if (defBlas) parts.push(`default BLAS threads ${defBlas.num_threads}`);
  if (i.torchThreads !== undefined) parts.push(`torch threads ${i.torchThreads} (default here: ${i.torchDefaultThreads})`);
  if (i.mkldnn !== undefined) parts.push(`oneDNN (mkldnn) ${i.mkldnn ? 'on' : 'off'}`);
  if (i.layout) parts.push(`layout ${i.layout}`);
  if (i.note) parts.push(i.note);
  return `${run.threads} thread(s): ${parts.join('; ')}`;
}

function backendLines(backends) {
  const lines = [];
  for (const [name, b] of Object.entries(backends)) {
    if (!b.available) lines.push(`  - ${name}: unavailable: ${b.reason}`);
    else if (name === 'wasm')
      lines.push(
        WASM_PRODUCT_THREADS
          ? "  - wasm: tfjs-backend-wasm (XNNPACK, SIMD) on one thread (its threaded build does not start in Node), with @ml/core's WebAssembly SIMD matrix product and its second thread (a worker_threads worker sharing every product of at least 12 M multiply-adds, and each step's product of the fused LSTM recurrence; `ML_WASM_MATMUL_THREADS=0` turns it off)"
          : '  - wasm: tfjs-backend-wasm (XNNPACK, SIMD), one thread (threaded wasm does not start in Node); `ML_WASM_MATMUL_THREADS=0`: @ml/core\'s second thread for large products is off',
      );
    else if (name === 'cpu') lines.push('  - cpu: tfjs-backend-cpu, plain JavaScript, one thread');
    else if (name === 'webgpu') {
      const soft = /swiftshader|llvmpipe|lavapipe|software/i.test(b.adapter ?? '');
      lines.push(`  - webgpu: adapter ${b.adapter}${soft ? ' — SwiftShader is a software Vulkan on the CPU: these numbers say nothing about GPU speed' : ''}`);
    }
  }
  return lines;
}

export function renderSection(workload, result) {
  const m = result.machine;
  const o = result.options;
  const peer = result.peer;
  const okRuns = peer.runs.filter((r) => !r.error);
  const peerMedian = (run, caseId) => run?.results.find((r) => r.id === caseId)?.stats?.median;
  const slow = (r) => `first call only: it took longer than ${o.slowCallMs} ms, so steady state was not measured`;
  const header = ['case', 'implementation', 'threads', 'first call (ms)', 'median (ms)', 'min–max (ms)', 'reps'];
  if (workload.flops) header.push('GFLOP/s (median)');
  for (const run of okRuns) header.push(`ours/${workload.peer.name} ${run.threads}T (time)`);
  header.push('leaked tensors');
  const rows = [];
  for (const c of workload.cases) {
    for (const r of result.rows.filter((x) => x.case === c.id)) {
      if (r.error) {
        rows.push([c.label, r.impl, OUR_THREADS[r.impl], r.error, '', '', '', ...(workload.flops ? [''] : []), ...okRuns.map(() => ''), r.leaked ?? '']);
        continue;
      }
      const s = r.stats;
      if (!s) {
        rows.push([c.label, r.impl, OUR_THREADS[r.impl], ms(r.firstMs), r.stopped ?? slow(r), '', '', ...(workload.flops ? [''] : []), ...okRuns.map(() => ''), r.leaked ?? '']);
        continue;
      }
      const row = [c.label, r.impl, OUR_THREADS[r.impl], ms(r.firstMs), ms(s.median), `${ms(s.min)}–${ms(s.max)}`, s.reps];
      if (workload.flops) row.push(rate(workload.flops(c), s.median));
      for (const run of okRuns) row.push(ratio(s.median, peerMedian(run, c.id)));
      row.push(r.leaked);
      rows.push(row);
    }
    for (const run of okRuns) {
      const pr = run.results.find((x) => x.id === c.id);
      if (!pr) continue;
      const s = pr.stats;
      if (!s) {
        rows.push([c.label, `${workload.peer.name} (peer)`, String(run.threads), ms(pr.firstMs), slow(pr), '', '', ...(workload.flops ? [''] : []), ...okRuns.map(() => ''), '']);
        continue;
      }
      const row = [c.label, `${workload.peer.name} (peer)`, String(run.threads), ms(pr.firstMs), ms(s.median), `${ms(s.min)}–${ms(s.max)}`, s.reps];
      if (workload.flops) row.push(rate(workload.flops(c), s.median));
      for (const other of okRuns) row.push(other === run ? '1.00' : '');
      row.push('');
      rows.push(row);
    }
  }
  const lines = [
    `## ${result.title}`,
    '',
    workload.description,
    '',
    `- Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}; Node ${m.node}, tfjs-core ${result.tfjsVersion}.`,
    `- Load average (1/5/15 min) ${m.loadavg.join(' / ')} at the start and ${result.loadavgEnd.join(' / ')} at the end. The machine is shared with other jobs, so numbers can be noisy; compare within a run.`,
    `- Command: \`${result.command}\` (from the repository root, after building the packages).`,
    ...(result.note ? [`- Note: ${result.note}`] : []),
    `- Protocol: first call timed alone; warm-up until ${o.warmupMs} ms (≥ ${o.minWarmup} call); then timed calls until ${o.targetMs} ms and ≥ ${o.minReps} calls (at most ${o.maxReps}); a first call over ${o.slowCallMs} ms is reported alone. The clock stops after every output's data is read. Each case runs in a fresh Node process, stopped after ${result.caseTimeoutS} s.`,
    '- Backends:',
    ...backendLines(result.backends),
  ];
  if (!peer.available) {
    lines.push(`- Peer: ${workload.peer?.name ?? 'none'} skipped: ${peer.reason}`);
  } else {
    lines.push(`- Peer: ${workload.peer.name} on Python ${peer.pythonVersion} (${peer.python}), run in the same benchmark run; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset in its process so OpenBLAS picks its own kernel.`);
    for (const run of peer.runs) lines.push(`  - ${describePeerRun(run)}`);
    lines.push(`- "ours/${workload.peer.name} nT (time)" = our median time ÷ the peer's median time with n threads: above 1 means we are slower.`);
  }
  if (result.rows.some((r) => r.error && r.leaked > 0)) {
    lines.push('- Unavailable rows can show leaked tensors: when a gradient kernel throws, tfjs-core 4.22 does not unwind its tape and leaves that computation\'s tensors alive. The runner reports them but fails only on leaks from rows that ran.');
  }
  lines.push('', markdownTable(header, rows));
  return lines.join('\n');
}
