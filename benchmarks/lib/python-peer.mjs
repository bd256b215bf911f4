/**
 * Runs a Python peer (numpy, PyTorch) in the same benchmark run, as a child process.
 *
 * The interpreter is `$ML_BENCH_PYTHON` when set, else `/usr/bin/python3` (Debian's, which has
 * numpy, PyTorch and threadpoolctl; the pyenv `python3` first on PATH usually does not). A peer
 * is skipped, with the reason, when that interpreter or one of its modules is missing.
 *
 * The child gets a cleaned environment: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (set machine-wide
 * here) are removed so OpenBLAS picks its kernel by itself, and inherited thread-count variables
 * (OMP_NUM_THREADS, ...) are removed so the libraries start from their own defaults, which the
 * script records before pinning the count it was asked for (threadpoolctl, torch.set_num_threads).
 * The script reports which BLAS kernel and how many threads really ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'python');
const UNSET_ENV = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];
const THREAD_ENV = ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'];

/** The interpreter path to use for peers. */
export function pythonPath() {
  return process.env.ML_BENCH_PYTHON || '/usr/bin/python3';
}

function childEnv() {
  const env = { ...process.env };
  for (const key of [...UNSET_ENV, ...THREAD_ENV]) delete env[key];
  return env;
}

const probeCache = new Map();

/**
 * Checks that the interpreter exists and imports `modules`.
 * @returns {{ok: true, python: string, version: string} | {ok: false, reason: string}}
 */
export function probePython(modules) {
  const python = pythonPath();
  const key = `${python}|${modules.join(',')}`;
  if (probeCache.has(key)) return probeCache.get(key);
  let result;
  if (!existsSync(python)) {
    result = { ok: false, reason: `${python} does not exist (set ML_BENCH_PYTHON to an interpreter with ${modules.join(', ')})` };
  } else {
    const code = `import sys\n${modules.map((m) => `import ${m}`).join('\n')}\nprint(sys.version.split()[0])`;
    const res = spawnSync(python, ['-c', code], { encoding: 'utf8', env: childEnv(), timeout: 120_000 });
    if (res.error) result = { ok: false, reason: `${python} failed to start: ${res.error.message}` };
    else if (res.status !== 0) {
      const last = res.stderr.trim().split('\n').pop();
      result = { ok: false, reason: `${python} cannot import ${modules.join(', ')}: ${last}` };
    } else result = { ok: true, python, version: res.stdout.trim() };
  }
  probeCache.set(key, result);
  return result;
}

/**
 * Runs `python/<script>` with `payload` as JSON on stdin and parses the JSON it prints.
 * @param {string} script file name under benchmarks/python/
 * @param {object} payload what the script reads (cases, timing options)
 * @param {number} threads thread count the script pins
 * @returns {object} the script's JSON: `{info, results: [{id, firstMs, warmupCalls, samples}]}`
 */
export function runPeerScript(script, payload, threads) {
  const python = pythonPath();
  const res = spawnSync(python, [join(PYTHON_DIR, script)], {
    input: JSON.stringify({ ...payload, threads }),
    encoding: 'utf8',
    env: childEnv(),
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw new Error(`${script}: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${script} exited ${res.status}: ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  try {
    return JSON.parse(res.stdout);
  } catch {
    throw new Error(`${script}: could not parse its output as JSON: ${res.stdout.slice(0, 200)}`);
  }
}
