/**
 * Runs a suite on every backend available here, with explicit, explained skips.
 *
 * Which backends are required comes from `ML_REQUIRE_BACKENDS` (comma-separated, e.g.
 * `cpu,wasm,webgpu`; CI sets it): a required backend that is unavailable makes a failing test
 * instead of a skip. Without it, cpu and wasm are required and webgpu is skipped with the reason
 * when no adapter exists. `ML_TEST_BACKENDS` narrows the set that runs.
 */
import { describe, it, beforeAll } from 'vitest';
import { BACKEND_NAMES, setBackend, webGpuAdapterInfo, type BackendName } from '../backend/set-backend.js';

export interface BackendPlan {
  /** Backends the suite runs on. */
  run: BackendName[];
  /** Backends skipped here, with the reason. */
  skipped: { backend: BackendName; reason: string }[];
  /** Required backends that are unavailable: each becomes a failing test. */
  missing: { backend: BackendName; reason: string }[];
}

function envList(name: string): BackendName[] | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const raw = proc?.env?.[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const b of list) {
    if (!(BACKEND_NAMES as readonly string[]).includes(b)) {
      throw new Error(`${name}: expected a comma-separated list of ${BACKEND_NAMES.join(', ')}; received '${b}'`);
    }
  }
  return list as BackendName[];
}

let planPromise: Promise<BackendPlan> | undefined;

/** Works out (once per process) which backends can run, which are skipped and why. */
export function planBackends(): Promise<BackendPlan> {
  planPromise ??= (async (): Promise<BackendPlan> => {
    const wanted = envList('ML_TEST_BACKENDS') ?? [...BACKEND_NAMES];
    const required = envList('ML_REQUIRE_BACKENDS') ?? ['cpu', 'wasm'];
    const plan: BackendPlan = { run: [], skipped: [], missing: [] };
    for (const backend of BACKEND_NAMES) {
      if (!wanted.includes(backend)) {
        if (required.includes(backend)) plan.missing.push({ backend, reason: 'required by ML_REQUIRE_BACKENDS but excluded by ML_TEST_BACKENDS' });
        else plan.skipped.push({ backend, reason: 'not in ML_TEST_BACKENDS' });
        continue;
      }
      let reason: string | undefined;
      if (backend === 'webgpu') {
        const info = await webGpuAdapterInfo();
        if (!info.available) reason = info.description;
      }
      if (reason === undefined) plan.run.push(backend);
      else if (required.includes(backend)) plan.missing.push({ backend, reason });
      else plan.skipped.push({ backend, reason });
    }
    return plan;
  })();
  return planPromise;
}

/**
 * Registers `body` as one `describe` block per backend; the backend is selected in `beforeAll`.
 * Await it at the top level of a test file: `await describeBackends('conv2d', (backend) => { … })`.
 */
export async function describeBackends(name: string, body: (backend: BackendName) => void): Promise<void> {
  const plan = await planBackends();
  for (const backend of plan.run) {
    describe(`${name} [${backend}]`, () => {
      beforeAll(async () => {
        await setBackend(backend, { allowSoftwareWebGpu: true });
      });
      body(backend);
    });
  }
  for (const { backend, reason } of plan.skipped) {
    describe.skip(`${name} [${backend}] skipped: ${reason}`, () => {
      it('runs on this backend', () => undefined);
    });
  }
  for (const { backend, reason } of plan.missing) {
    describe(`${name} [${backend}]`, () => {
      it('has its required backend', () => {
        throw new Error(`backend '${backend}' is required here but unavailable: ${reason}`);
      });
    });
  }
}
