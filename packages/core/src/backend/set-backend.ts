/**
 * Backend selection: WASM (default), WebGPU and the plain-JS cpu backend of tfjs.
 *
 * `setBackend()` loads the backend's package on demand, initialises it, and resolves to the backend
 * really in use. A backend that cannot be used throws a {@link BackendUnavailableError} that says why
 * (package not installed, no adapter, failed initialisation) and what is available instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import './register-gradients.js';
import { registerWasmTrainingKernels } from './kernels/register-wasm-kernels.js';
import { BackendUnavailableError } from './errors.js';

/** The tensor backends `@ml/core` can run on. */
export type BackendName = 'wasm' | 'webgpu' | 'cpu';

/** What `setBackend` accepts: a backend name, or `'auto'` to take the fastest real one. */
export type BackendRequest = BackendName | 'auto';

export const BACKEND_NAMES: readonly BackendName[] = ['wasm', 'webgpu', 'cpu'];

export interface SetBackendOptions {
  /**
   * Where the wasm backend finds its `.wasm` binaries: a folder URL prefix (ending in `/`) or a map
   * from file name to URL. Needed in browser bundles that do not serve them beside the JS.
   * @default undefined (next to the backend's JS)
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * With `'auto'`, also accept a software WebGPU adapter (SwiftShader, a fallback adapter). Such an
   * adapter is much slower than wasm, so `'auto'` skips it unless this is set. An explicit
   * `setBackend('webgpu')` always accepts it.
   * @default false
   */
  allowSoftwareWebGpu?: boolean;
}

/** The outcome of `setBackend`. */
export interface BackendInfo {
  /** The backend in use now. */
  name: BackendName;
  /** Why it was chosen (for `'auto'`, why faster ones were skipped). */
  reason: string;
  /** The WebGPU adapter's description, when the backend is WebGPU. */
  adapter?: string;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

interface WebGpuProbe {
  ok: boolean;
  reason: string;
  software: boolean;
  adapter?: string;
}

let webGpuProbe: Promise<WebGpuProbe> | undefined;
let wasmPathsSet = false;

function navigatorGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? undefined;
}

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** Installs `navigator.gpu` from the optional `webgpu` package (Dawn) in Node. */
async function installNodeWebGpu(): Promise<string | undefined> {
  let mod: { create: (flags: string[]) => GpuLike; globals: Record<string, unknown> };
  try {
    // A variable specifier keeps bundlers from resolving the optional Node-only package.
    const name = 'webgpu';
    mod = (await import(/* @vite-ignore */ name)) as typeof mod;
  } catch (err) {
    return `the optional 'webgpu' package (Dawn) is not installed (npm i webgpu): ${(err as Error).message}`;
  }
  let gpu: GpuLike;
  try {
    gpu = mod.create([]);
  } catch (err) {
    return `Dawn could not start: ${(err as Error).message}`;
  }
  for (const [key, value] of Object.entries(mod.globals)) {
    if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
  const g = globalThis as { navigator?: object };
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  }
  Object.defineProperty(g.navigator as object, 'gpu', { value: gpu, configurable: true, writable: true });
  return undefined;
}

function describeAdapter(adapter: GpuAdapterLike): { text: string; software: boolean } {
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' / ');
  const software =
    adapter.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software/i.test(text);
  return { text: text || 'unknown adapter', software };
}

function probeWebGpu(): Promise<WebGpuProbe> {
  webGpuProbe ??= (async (): Promise<WebGpuProbe> => {
    if (navigatorGpu() === undefined) {
      if (!isNode()) return { ok: false, software: false, reason: 'navigator.gpu is missing (this browser has no WebGPU)' };
      const why = await installNodeWebGpu();
      if (why !== undefined) return { ok: false, software: false, reason: why };
    }
    const gpu = navigatorGpu();
    if (gpu === undefined) return { ok: false, software: false, reason: 'navigator.gpu is missing' };
    let adapter: GpuAdapterLike | null;
    try {
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    } catch (err) {
      return { ok: false, software: false, reason: `requestAdapter() failed: ${(err as Error).message}` };
    }
    if (adapter === null) {
      return {
        ok: false,
        software: false,
        reason: 'no WebGPU adapter (no GPU driver; in Node set VK_ICD_FILENAMES to a Vulkan driver such as SwiftShader)',
      };
    }
    const { text, software } = describeAdapter(adapter);
    // The backend registers itself at import time, and only when navigator.gpu exists.
    await import('@tensorflow/tfjs-backend-webgpu');
    return { ok: true, software, adapter: text, reason: `WebGPU adapter: ${text}` };
  })();
  return webGpuProbe;
}

async function loadWasm(options: SetBackendOptions): Promise<string | undefined> {
  if (typeof WebAssembly === 'undefined') return 'WebAssembly is not supported here';
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (options.wasmPaths !== undefined && !wasmPathsSet) {
    wasm.setWasmPaths(options.wasmPaths);
    wasmPathsSet = true;
  }
  registerWasmTrainingKernels();
  return undefined;
}

async function loadCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
}

async function activate(name: BackendName, available: () => Promise<BackendName[]>): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (err) {
    throw new BackendUnavailableError(name, `initialisation failed: ${(err as Error).message}`, await available());
  }
  if (!ok) throw new BackendUnavailableError(name, 'initialisation failed (see the warning above)', await available());
  await tf.ready();
  if (name === 'cpu') silenceCpuNodeBanner();
}

/** tfjs-backend-cpu prints an advert for tfjs-node on first use in Node; it is not advice for our users. */
function silenceCpuNodeBanner(): void {
  const backend = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (backend !== null && backend.firstUse === true) backend.firstUse = false;
}

/**
 * Selects the tensor backend, loading and initialising it, and resolves to what is in use.
 *
 * - `'wasm'` (default): XNNPACK SIMD kernels; `@ml/core` adds the training kernels tfjs lacks for it.
 * - `'webgpu'`: `navigator.gpu` in browsers; in Node the optional `webgpu` package (Dawn), which needs
 *   a Vulkan driver.
 * - `'cpu'`: plain JavaScript, always available, slow.
 * - `'auto'`: WebGPU where a real (hardware) adapter exists, else wasm, else cpu.
 *
 * @throws {BackendUnavailableError} when the backend cannot be used, naming why and what is available.
 * @throws {TypeError} when `name` is not a backend name.
 */
export async function setBackend(name: BackendRequest = 'wasm', options: SetBackendOptions = {}): Promise<BackendInfo> {
  if (!(name === 'auto' || (BACKEND_NAMES as readonly string[]).includes(name))) {
    throw new TypeError(
      `setBackend: 'name' must be one of 'auto', 'wasm', 'webgpu', 'cpu'; received ${JSON.stringify(name)}`,
    );
  }
  const available = (): Promise<BackendName[]> => availableBackends(options);
  if (name === 'cpu') {
    await loadCpu();
    await activate('cpu', available);
    return { name: 'cpu', reason: 'requested' };
  }
  if (name === 'wasm') {
    const why = await loadWasm(options);
    if (why !== undefined) throw new BackendUnavailableError('wasm', why, await available());
    await activate('wasm', available);
    return { name: 'wasm', reason: 'requested' };
  }
  if (name === 'webgpu') {
    const probe = await probeWebGpu();
    if (!probe.ok) throw new BackendUnavailableError('webgpu', probe.reason, await available());
    await activate('webgpu', available);
    return { name: 'webgpu', reason: 'requested', adapter: probe.adapter };
  }
  // auto
  const skipped: string[] = [];
  const probe = await probeWebGpu();
  if (probe.ok && (!probe.software || options.allowSoftwareWebGpu === true)) {
    try {
      await activate('webgpu', available);
      return { name: 'webgpu', reason: `auto: ${probe.reason}`, adapter: probe.adapter };
    } catch (err) {
      skipped.push(`webgpu: ${(err as Error).message}`);
    }
  } else {
    skipped.push(probe.ok ? `webgpu skipped: software adapter (${probe.adapter})` : `webgpu: ${probe.reason}`);
  }
  const why = await loadWasm(options);
  if (why === undefined) {
    try {
      await activate('wasm', available);
      return { name: 'wasm', reason: `auto: ${skipped.join('; ')}` };
    } catch (err) {
      skipped.push(`wasm: ${(err as Error).message}`);
    }
  } else {
    skipped.push(`wasm: ${why}`);
  }
  await loadCpu();
  await activate('cpu', available);
  return { name: 'cpu', reason: `auto: ${skipped.join('; ')}` };
}

/**
 * The backend in use now.
 * @throws {Error} when no backend has been set yet (call `await setBackend()` first).
 */
export function getBackend(): BackendName {
  const engine = tf.engine() as unknown as { backendName: string | null };
  const name = engine.backendName;
  if (name === null || !(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new Error(`getBackend: no backend is set yet (received ${String(name)}); call 'await setBackend()' first`);
  }
  return name as BackendName;
}

/**
 * The backends that can run here, fastest first. WebGPU is listed when an adapter exists (a software
 * one included); wasm when WebAssembly works; cpu always.
 */
export async function availableBackends(options: SetBackendOptions = {}): Promise<BackendName[]> {
  const out: BackendName[] = [];
  const probe = await probeWebGpu();
  if (probe.ok) out.push('webgpu');
  if ((await loadWasm(options)) === undefined) out.push('wasm');
  out.push('cpu');
  return out;
}

/** Whether the WebGPU adapter found here (if any) is a software one such as SwiftShader. */
export async function webGpuAdapterInfo(): Promise<{ available: boolean; software: boolean; description: string }> {
  const probe = await probeWebGpu();
  return { available: probe.ok, software: probe.software, description: probe.ok ? (probe.adapter ?? '') : probe.reason };
}

/** Selects the default backend (wasm) if none is set yet; a no-op otherwise. */
export async function ready(): Promise<BackendName> {
  const engine = tf.engine() as unknown as { backendName: string | null };
  if (engine.backendName === null) await setBackend('wasm');
  return getBackend();
}
