/**
 * A second thread for large float32 products of the wasm backend in Node (internal; BatchMatMul in
 * batch-mat-mul-wasm.ts calls it). tfjs-backend-wasm's threaded build does not start in Node, so one
 * lazily started `worker_threads` Worker (code passed as a string, `unref()`ed so a process still
 * exits) holds an instance of simd-matrix.ts's product compiled for a SHARED
 * `WebAssembly.Memory`. A call cuts the product into up to 8 chunks of batch entries (when there
 * are several), column blocks (fewer rows than columns) or rows. The main thread copies the
 * operands of the last half (its rows or entries of `a`, the `b` they need; all of both for column
 * blocks) from the backend heap into the shared memory, posts the job in an
 * `Int32Array` control block (`Atomics.notify`), and claims chunks from the first while the worker
 * claims them from the last (compare-exchange per chunk); the main thread computes its chunks
 * directly on the backend heap with the ordinary module, then copies the worker's outputs back.
 * When it runs out of chunks it waits for the worker at most about one chunk's time, then computes
 * the chunk the worker is still on itself: a descheduled worker (a loaded machine) costs about one
 * chunk, never a stall. Every output element is still the same sum over k in increasing order, so
 * the result is bit-identical to the one-thread product whichever thread computes which chunk. A
 * worker stuck on a chunk for longer than a generous limit (see `jobTimeoutMs`) is terminated and
 * never used again. Until the worker has reported ready (it starts in the background on first use),
 * products run on one thread. `SplitProduct` holds the worker for a run of products with one `b`
 * (an LSTM walk's steps), handing each step over by polling the control block.
 *
 * Browsers: not used (`matMulThreadsSupported()` is false without Node's `process.getBuiltinModule`;
 * a page's main thread may not `Atomics.wait` anyway). Opt out in Node with the environment variable
 * `ML_WASM_MATMUL_THREADS=0`, or `batchMatMulWasmPaths.threads = false`.
 */
import type { Worker } from 'node:worker_threads';
import { SIMD_MATMUL_SCRATCH_BYTES, packedBytes, simdMatrixModuleBytes, type SimdMatrix } from './simd-matrix.js';

/** Control block slots (Int32Array on a SharedArrayBuffer). */
const SEQ = 0; // job number posted by the main thread
const DONE = 1; // job number the worker finished
const READY = 2; // 1 once the worker's instance exists
const STOP = 3; // 1: the worker leaves its loop
const FAILED = 4; // 1: the worker's last job threw
const PAUSE = 5; // tests: 1 holds the worker before it claims (a stuck worker)
const BUSY = 6; // 1 from just before the worker tries a claim until that chunk is written
/**
 * The job: wa, wb, wc (byte offsets in the shared memory of unit `base`'s a, b and c), byEntry, M,
 * K, N, aUnit, bUnit, cUnit (byte steps per unit: one row, or one batch entry), chunk count n, the
 * lowest chunk the worker may claim, base (the first unit copied to the shared memory), transA (1:
 * `a` is stored transposed, simd-matrix.ts's `matMulTA`), lda (transA: bytes between `a`'s rows),
 * ws (the worker's product scratch in the shared memory).
 */
const ARGS = 8;
const BOUNDS = 24; // n + 1 unit bounds of the chunks
const CLAIMS = 48; // one claim slot per chunk: 4·seq free, 4·seq + 1 main thread, 4·seq + 2 worker
const MAX_CHUNKS = 8;
/** Split-product sessions (job mode 3, see `SplitProduct`): step posted, step done, end flag. */
const S_STEP = 56;
const S_DONE = 57;
const S_END = 58;
/** Worker polls of S_STEP before it sleeps in `Atomics.wait` (about 0.1–1 ms): a session's steps come every ~0.1 ms. */
const S_SPIN = 200_000;
const CONTROL_INTS = 64;

const PAGE = 65536;
/** Shared memory limits: it grows on demand up to 1 GiB; a larger worker share stays on one thread. */
const INITIAL_PAGES = 64;
const MAXIMUM_PAGES = 16384;

/**
 * The worker's code (CommonJS, `eval: true`): instantiate the product on the shared memory, report
 * ready, then for each posted job claim chunks from the last one down (compare-exchange on their
 * slots, tagged with the job number so a late wake-up never claims a newer job's chunk) until a
 * chunk is taken or its lowest allowed one is done, and report the job done.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { bytes, memory, control } = workerData;
const ctl = new Int32Array(control);
const { g, h, p } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { e: { m: memory } }).exports;
Atomics.store(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${SEQ}, seen);
  if (Atomics.load(ctl, ${STOP}) === 1) break;
  const seq = Atomics.load(ctl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  while (Atomics.load(ctl, ${PAUSE}) === 1) Atomics.wait(ctl, ${PAUSE}, 1);
  const [wa, wb, wc, byEntry, M, K, N, aUnit, bUnit, cUnit, n, low, base, transA, lda, ws] = ctl.subarray(${ARGS}, ${ARGS + 16});
  let failed = 0;
  if (byEntry === 3) {
    // A split-product session: for each posted step, c (wc, [M, N]) = a (wa, [M, K])·b (wb, packed panels).
    let step = 0;
    for (;;) {
      let spins = 0;
      while (Atomics.load(ctl, ${S_STEP}) === step && Atomics.load(ctl, ${S_END}) === 0) {
        if (++spins > ${S_SPIN}) {
          Atomics.wait(ctl, ${S_STEP}, step, 20);
          spins = 0;
        }
      }
      if (Atomics.load(ctl, ${S_END}) === 1) break;
      step = Atomics.load(ctl, ${S_STEP});
      Atomics.store(ctl, ${BUSY}, 1);
      try {
        p(wa, wb, wc, 1, M, K, N, 0, 0, ws, 0, 0);
      } catch (e) {
        failed = 1;
      }
      Atomics.store(ctl, ${BUSY}, 0);
      if (failed === 1) break;
      Atomics.store(ctl, ${S_DONE}, step);
    }
    Atomics.store(ctl, ${FAILED}, failed);
    Atomics.store(ctl, ${DONE}, seq);
    Atomics.notify(ctl, ${DONE});
    continue;
  }
  for (let i = n - 1; i >= low && failed === 0; i--) {
    Atomics.store(ctl, ${BUSY}, 1);
    if (Atomics.compareExchange(ctl, ${CLAIMS} + i, 4 * seq, 4 * seq + 2) !== 4 * seq) break;
    const u = ctl[${BOUNDS} + i] - base;
    const count = ctl[${BOUNDS} + i + 1] - ctl[${BOUNDS} + i];
    try {
      if (byEntry === 2) {
        // columns u .. u + count of the whole product (row strides 4·N)
        if (transA) h(wa, wb + 4 * u, wc + 4 * u, 1, M, K, count, 0, 0, lda, ws, 4 * N, 4 * N);
        else g(wa, wb + 4 * u, wc + 4 * u, 1, M, K, count, 0, 0, ws, 4 * N, 4 * N);
      } else if (transA) h(wa + u * aUnit, wb + u * bUnit, wc + u * cUnit, byEntry ? count : 1, byEntry ? M : count, K, N, byEntry ? aUnit : 0, byEntry ? bUnit : 0, lda, ws);
      else g(wa + u * aUnit, wb + u * bUnit, wc + u * cUnit, byEntry ? count : 1, byEntry ? M : count, K, N, byEntry ? aUnit : 0, byEntry ? bUnit : 0, ws);
    } catch (e) {
      failed = 1; // this chunk (the lowest it claimed) is left to the main thread
    }
    Atomics.store(ctl, ${BUSY}, 0);
  }
  Atomics.store(ctl, ${BUSY}, 0);
  Atomics.store(ctl, ${FAILED}, failed);
  Atomics.store(ctl, ${DONE}, seq);
  Atomics.notify(ctl, ${DONE});
}
`;

interface Pool {
  worker: Worker;
  memory: WebAssembly.Memory;
  control: Int32Array;
  seq: number;
  ready: Promise<boolean>;
  /** When a call first found the worker still computing a chunk of an earlier job (0: it was not). */
  busySince: number;
}

type State = { kind: 'idle' } | { kind: 'running'; pool: Pool } | { kind: 'failed'; reason: string };

let state: State = { kind: 'idle' };

/**
 * Tuning (module state for tests and benchmarks, not package API). `spin`: how many times the main
 * thread polls the control block before it sleeps in `Atomics.wait` (the worker usually finishes
 * within microseconds of it; a futex wake-up costs tens).
 * `mainTakesAll`: the main thread may claim the worker's half too when it gets there first (tests
 * set false so that the worker's path runs on every call). `minTimeoutMs`: see `jobTimeoutMs`.
 */
export const matMulThreadsTuning = { spin: 20_000, mainTakesAll: true, minTimeoutMs: 2000, splitMinTimeoutMs: 5 };

/** Counters for tests and benchmarks (not package API). */
export const matMulThreadsStats = { workersStarted: 0, jobs: 0, workerChunks: 0, timeouts: 0 };

/**
 * How long (ms) a worker may keep a product of `macs` multiply-adds before it is dropped:
 * `matMulThreadsTuning.minTimeoutMs` (2 s) plus 1 ms per 10⁵ multiply-adds (a worker 300× slower
 * than this machine's measured rate), so a loaded machine does not trip it. By default the main
 * thread does not wait that long (it computes the worker's unfinished chunk itself) and applies
 * `jobTimeoutMs(0)` to a worker still busy at the next product; with `mainTakesAll: false` it waits.
 */
export function jobTimeoutMs(macs: number): number {
  return matMulThreadsTuning.minTimeoutMs + macs / 1e5;
}

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
  env?: Record<string, string | undefined>;
}

function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/**
 * Whether this runtime can run the worker: Node with `process.getBuiltinModule` (20.16+),
 * `SharedArrayBuffer` and `Atomics`, and `ML_WASM_MATMUL_THREADS` not set to `0`.
 */
export function matMulThreadsSupported(): boolean {
  const proc = nodeProcess();
  return (
    typeof proc?.getBuiltinModule === 'function' &&
    typeof SharedArrayBuffer === 'function' &&
    typeof Atomics === 'object' &&
    proc.env?.['ML_WASM_MATMUL_THREADS'] !== '0'
  );
}

function start(): Pool | null {
  const threads = nodeProcess()?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (threads === undefined) return null;
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_INTS));
  const bytes = simdMatrixModuleBytes({ initialPages: INITIAL_PAGES, maximumPages: MAXIMUM_PAGES });
  const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData: { bytes, memory, control: control.buffer } });
  worker.unref();
  matMulThreadsStats.workersStarted++;
  const pool: Pool = { worker, memory, control, seq: 0, ready: Promise.resolve(false), busySince: 0 };
  pool.ready = new Promise<boolean>((resolve) => {
    const fail = (reason: string): void => {
      if (state.kind === 'running' && state.pool === pool) state = { kind: 'failed', reason };
      resolve(false);
    };
    worker.once('online', () => {
      // The worker's first statements run right after 'online'; wait for READY without blocking.
      const poll = (): void => {
        if (Atomics.load(control, READY) === 1) resolve(true);
        else if (state.kind === 'running' && state.pool === pool) setTimeout(poll, 1).unref();
        else resolve(false);
      };
      poll();
    });
    worker.once('error', (e: Error) => fail(`matMul worker failed: ${e.message}`));
    worker.once('exit', (code: number) => fail(`matMul worker exited with code ${code}`));
  });
  return pool;
}

/**
 * Starts the worker if it is not running and resolves when it is ready (true), or false where it
 * cannot run (unsupported runtime, or it failed). Products use it as soon as it is ready anyway;
 * tests and benchmarks await this to measure the two-thread path from the first call.
 */
export function matMulThreadsReady(): Promise<boolean> {
  if (state.kind === 'failed' || !matMulThreadsSupported()) return Promise.resolve(false);
  if (state.kind === 'idle') {
    let pool: Pool | null;
    try {
      pool = start();
    } catch (e) {
      state = { kind: 'failed', reason: `matMul worker could not start: ${e instanceof Error ? e.message : String(e)}` };
      return Promise.resolve(false);
    }
    if (pool === null) {
      state = { kind: 'failed', reason: 'node:worker_threads is not available' };
      return Promise.resolve(false);
    }
    state = { kind: 'running', pool };
  }
  return state.pool.ready;
}

/** The ready worker, or null (starting it in the background on first call). */
function readyPool(): Pool | null {
  if (state.kind === 'idle') void matMulThreadsReady();
  if (state.kind !== 'running') return null;
  return Atomics.load(state.pool.control, READY) === 1 ? state.pool : null;
}

/** Stops the worker (tests); the next product starts a new one. Resolves when it has exited. */
export async function stopMatMulThreads(): Promise<void> {
  if (state.kind !== 'running') {
    state = { kind: 'idle' };
    return;
  }
  const { pool } = state;
  state = { kind: 'idle' };
  Atomics.store(pool.control, STOP, 1);
  Atomics.add(pool.control, SEQ, 1);
  Atomics.notify(pool.control, SEQ);
  await pool.worker.terminate();
}

/** Tests: hold the worker before it claims any chunk (a stuck worker), or let it go. */
export function pauseMatMulWorkerForTests(paused: boolean): void {
  if (state.kind !== 'running') return;
  Atomics.store(state.pool.control, PAUSE, paused ? 1 : 0);
  Atomics.notify(state.pool.control, PAUSE);
}

/** Why the worker is not used, or undefined while it is usable (tests). */
export function matMulThreadsFailure(): string | undefined {
  return state.kind === 'failed' ? state.reason : undefined;
}

/** Grows the shared memory to hold `bytes`; false where that exceeds its maximum. */
function ensureCapacity(memory: WebAssembly.Memory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  const pages = Math.ceil((bytes - have) / PAGE);
  if (have / PAGE + pages > MAXIMUM_PAGES) return false;
  memory.grow(pages);
  return true;
}

const align16 = (n: number): number => (n + 15) & ~15;

/** Marks the worker failed (products stay on the main thread until `stopMatMulThreads`) and ends it. */
function dropWorker(pool: Pool, reason: string): void {
  if (state.kind === 'running' && state.pool === pool) state = { kind: 'failed', reason };
  void pool.worker.terminate();
}

/**
 * Whether the worker is still writing a chunk of an earlier job (the main thread did not wait for
 * it: a descheduled worker): then the shared memory is left alone and this product runs on the main
 * thread. A worker busy for longer than `jobTimeoutMs(0)` is dropped.
 */
function workerStillBusy(pool: Pool): boolean {
  if (Atomics.load(pool.control, BUSY) === 0) {
    pool.busySince = 0;
    return false;
  }
  const now = Date.now();
  if (pool.busySince === 0) pool.busySince = now;
  else if (now - pool.busySince > jobTimeoutMs(0)) {
    matMulThreadsStats.timeouts++;
    dropWorker(pool, `matMul worker did not answer within ${Math.round(jobTimeoutMs(0))} ms`);
  }
  return true;
}

/**
 * `c[e] = a[e]·b[e]` for `batch` plain row-major [M, K]·[K, N] entries in `heap` (byte offsets and
 * byte strides as simd-matrix.ts's `matMul`, stride 0 = shared operand), on two threads when the
 * worker is ready (else on this one, through `simd`). The work (batch entries when there are
 * several; else column blocks, multiples of 8, when M < N, each thread packing only its own panels
 * of b, the worker given all of a and b; else rows) is cut into up to 8 chunks; this thread claims
 * them from the first, the worker from the last, each with a compare-exchange on the chunk's slot,
 * so a worker that wakes late or runs slowly (a loaded machine) takes fewer chunks instead of
 * holding this thread up. The
 * worker may take at most the last half, whose operands are copied to the shared memory before the
 * job is posted. With `lda` given, `a`'s entries are stored transposed ([K, M], `lda` bytes between
 * rows; simd-matrix.ts's `matMulTA`): a row chunk is then a block of `a`'s columns, and the worker
 * gets the bytes from its first column to the end of the entry (nearly all of `a`, one contiguous
 * copy). Returns the number of chunks whose output the worker provided.
 */
export function matMulTwoThreads(
  simd: SimdMatrix,
  heap: WebAssembly.Memory,
  a: number, b: number, c: number,
  batch: number, M: number, K: number, N: number,
  aStride: number, bStride: number,
  lda?: number,
): number {
  const transA = lda !== undefined;
  const oneThread = (): number => {
    if (transA) simd.matMulTA(a, b, c, batch, M, K, N, aStride, bStride, lda, simd.scratch);
    else simd.matMul(a, b, c, batch, M, K, N, aStride, bStride, simd.scratch);
    return 0;
  };
  const pool = batch * M * N * K > 0 ? readyPool() : null;
  const byEntry = batch >= 2;
  // A single product with fewer rows than columns is cut into column blocks (multiples of 8): each
  // thread then packs only its own panels of b (row chunks would each pack all of b again).
  const byColumn = !byEntry && M < N && N >= 16;
  const total = byEntry ? batch : byColumn ? N : M;
  if (pool === null || total < 2 || workerStillBusy(pool)) return oneThread();
  // Chunk bounds in units (entries, columns in multiples of 8, or rows in multiples of 4, the
  // module's row block, where there are enough).
  const n = byColumn ? Math.min(MAX_CHUNKS, Math.floor(N / 8)) : Math.min(MAX_CHUNKS, total);
  const align = byColumn ? 8 : !byEntry && total >= 4 * n ? 4 : 1;
  const bounds: number[] = [];
  for (let i = 0; i <= n; i++) bounds.push(i === n ? total : Math.min(total, align * Math.round((i * total) / n / align)));
  const aUnit = byEntry ? aStride : transA ? 4 : 4 * K;
  const bUnit = byEntry ? bStride : 0;
  const cUnit = byEntry ? 4 * M * N : byColumn ? 4 * M : 4 * N; // (columns: units·cUnit is all of c)
  const low = Math.ceil(n / 2);
  const base = byColumn ? 0 : (bounds[low] as number); // column blocks: the worker gets all of a and b
  const units = total - base;
  // One stored a entry: 4·M·K bytes, or, transposed, K rows of lda bytes (the last one M floats).
  const aEntryBytes = transA ? (K - 1) * lda + 4 * M : 4 * M * K;
  const aBytes = byColumn ? aEntryBytes : byEntry ? (aUnit === 0 ? aEntryBytes : units * aUnit) : transA ? aEntryBytes - 4 * base : units * aUnit;
  const bBytes = bUnit === 0 ? 4 * K * N : units * bUnit;
  const wa = 0;
  const wb = align16(wa + aBytes);
  const wc = align16(wb + bBytes);
  const ws = align16(wc + units * cUnit); // the worker's product scratch
  if (!ensureCapacity(pool.memory, ws + SIMD_MATMUL_SCRATCH_BYTES)) return oneThread();
  if (byColumn && bounds.some((v, i) => i > 0 && v <= (bounds[i - 1] as number))) return oneThread(); // (never: N ≥ 16, n ≤ N / 8)
  const shared = new Uint8Array(pool.memory.buffer);
  const own = new Uint8Array(heap.buffer);
  const aSrc = a + base * aUnit;
  const bSrc = b + base * bUnit;
  shared.set(own.subarray(aSrc, aSrc + aBytes), wa);
  shared.set(own.subarray(bSrc, bSrc + bBytes), wb);

  const ctl = pool.control;
  const seq = (pool.seq = (pool.seq % (1 << 28)) + 1);
  const free = 4 * seq;
  const args = [wa, wb, wc, byColumn ? 2 : byEntry ? 1 : 0, M, K, N, aUnit, bUnit, cUnit, n, low, base, transA ? 1 : 0, lda ?? 0, ws];
  for (let i = 0; i < args.length; i++) ctl[ARGS + i] = args[i] as number;
  for (let i = 0; i <= n; i++) ctl[BOUNDS + i] = bounds[i] as number;
  for (let i = 0; i < n; i++) ctl[CLAIMS + i] = free;
  Atomics.store(ctl, SEQ, seq);
  Atomics.notify(ctl, SEQ);
  matMulThreadsStats.jobs++;

  /** Chunks [from, to) on this thread, straight on the backend heap. */
  const here = (from: number, to: number): void => {
    const u = bounds[from] as number;
    const count = (bounds[to] as number) - u;
    if (byColumn) {
      if (transA) simd.matMulTA(a, b + 4 * u, c + 4 * u, 1, M, K, count, 0, 0, lda, simd.scratch, 4 * N, 4 * N);
      else simd.matMul(a, b + 4 * u, c + 4 * u, 1, M, K, count, 0, 0, simd.scratch, 4 * N, 4 * N);
    } else if (transA) {
      if (byEntry) simd.matMulTA(a + u * aStride, b + u * bStride, c + u * cUnit, count, M, K, N, aStride, bStride, lda, simd.scratch);
      else simd.matMulTA(a + u * aUnit, b, c + u * cUnit, 1, count, K, N, 0, 0, lda, simd.scratch);
    } else if (byEntry) simd.matMul(a + u * aStride, b + u * bStride, c + u * cUnit, count, M, K, N, aStride, bStride, simd.scratch);
    else simd.matMul(a + u * aUnit, b, c + u * cUnit, 1, count, K, N, 0, 0, simd.scratch);
  };
  let first = 0; // the lowest chunk this thread did not claim
  let chunkMs = 0;
  const t0 = performance.now();
  const mineUpTo = matMulThreadsTuning.mainTakesAll ? n : low;
  while (first < mineUpTo && Atomics.compareExchange(ctl, CLAIMS + first, free, free + 1) === free) here(first, ++first);
  if (first > 0) chunkMs = (performance.now() - t0) / first;
  if (first === n) return 0;

  let workerFrom: number; // the worker's finished chunks are [workerFrom, n)
  if (matMulThreadsTuning.mainTakesAll) {
    // Wait for the worker at most about one chunk's time, then take back what it has not claimed.
    for (let i = matMulThreadsTuning.spin; i > 0 && Atomics.load(ctl, DONE) !== seq; i--);
    const done = Atomics.load(ctl, DONE);
    if (done !== seq && chunkMs > 0) Atomics.wait(ctl, DONE, done, chunkMs);
    while (first < n && Atomics.compareExchange(ctl, CLAIMS + first, free, free + 1) === free) here(first, ++first);
    if (first === n) return 0;
    // The worker claims one chunk at a time from the top: all above `first` are written, `first` is
    // written once it has reported the job done (without a trap). Otherwise compute `first` here.
    const finished = Atomics.load(ctl, DONE) === seq && Atomics.load(ctl, FAILED) === 0;
    workerFrom = finished ? first : first + 1;
    if (!finished) here(first, first + 1);
  } else {
    const macs = ((bounds[n] as number) - (bounds[first] as number)) * (byEntry ? M * N : byColumn ? M : N) * K;
    const deadline = Date.now() + jobTimeoutMs(macs);
    for (;;) {
      const done = Atomics.load(ctl, DONE);
      if (done === seq) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        // A dead or stuck worker: never use it again, and compute its chunks here.
        matMulThreadsStats.timeouts++;
        dropWorker(pool, `matMul worker did not answer within ${Math.round(jobTimeoutMs(macs))} ms`);
        here(first, n);
        return 0;
      }
      Atomics.wait(ctl, DONE, done, left);
    }
    // After a trap the worker stops claiming: take back what it left, and compute its lowest chunk here.
    while (first < n && Atomics.compareExchange(ctl, CLAIMS + first, free, free + 1) === free) here(first, ++first);
    const failed = Atomics.load(ctl, FAILED) === 1;
    workerFrom = failed ? first + 1 : first;
    if (failed && first < n) here(first, first + 1);
  }
  if (workerFrom < n && byColumn) {
    // The worker's columns [j, N) of each row.
    const j = bounds[workerFrom] as number;
    const out = new Uint8Array(heap.buffer);
    const from = new Uint8Array(pool.memory.buffer);
    for (let r = 0; r < M; r++) out.set(from.subarray(wc + 4 * (r * N + j), wc + 4 * (r + 1) * N), c + 4 * (r * N + j));
  } else if (workerFrom < n) {
    const from = (bounds[workerFrom] as number) - base;
    new Uint8Array(heap.buffer).set(new Uint8Array(pool.memory.buffer, wc + from * cUnit, (units - from) * cUnit), c + (base + from) * cUnit);
  }
  matMulThreadsStats.workerChunks += n - workerFrom;
  return n - workerFrom;
}

/**
 * One product `c = a·b` repeated with the same packed `b` (simd-matrix.ts's `packAll`) and a new `a`
 * each time — an RNN's per-step `h·W_hh` — split by columns between this thread and the worker for
 * a whole walk: the worker's panels of `b` are copied to the shared memory once, then each `run`
 * copies `a` there, posts a step (the worker polls for it instead of sleeping, so a step costs
 * about a microsecond of hand-over instead of a futex wake-up), computes this thread's columns,
 * waits for the worker's and copies them into `c`. Same bits as one thread (`matMulPacked`). A
 * worker that does not answer within `splitTimeoutMs` (a loaded machine) is left to finish alone:
 * that step and the rest of the session run on this thread. `end()` releases the worker.
 */
export class SplitProduct {
  #step = 0;
  #live = true;
  private constructor(
    private readonly simd: SimdMatrix,
    private readonly heap: WebAssembly.Memory,
    private readonly pool: Pool,
    private readonly seq: number,
    private readonly M: number,
    private readonly K: number,
    private readonly N: number,
    /** Heap offset of all of `b`'s packed panels. */
    private readonly bPacked: number,
    /** The worker's first column (a multiple of 8). */
    private readonly j0: number,
    private readonly wa: number,
    private readonly wc: number,
  ) {}

  /**
   * A session for `[M, K]·[K, N]` products with `b` packed at heap offset `bPacked`, or null where
   * the worker is not ready (or busy, or N < 16): then multiply on this thread.
   */
  static start(simd: SimdMatrix, heap: WebAssembly.Memory, M: number, K: number, N: number, bPacked: number): SplitProduct | null {
    if (N < 16 || M * K === 0) return null;
    const pool = readyPool();
    if (pool === null || workerStillBusy(pool)) return null;
    // Only on an idle worker: its last job (a session's loop included) must have ended.
    for (let i = matMulThreadsTuning.spin; i > 0 && Atomics.load(pool.control, DONE) !== pool.seq; i--);
    if (Atomics.load(pool.control, DONE) !== pool.seq) return null;
    const j0 = 8 * Math.round(N / 16);
    const nW = N - j0;
    const bBytes = packedBytes(K, N) - j0 * K * 4;
    const wa = 0;
    const wb = align16(wa + 4 * M * K);
    const wc = align16(wb + bBytes);
    const ws = align16(wc + 4 * M * nW);
    if (!ensureCapacity(pool.memory, ws + SIMD_MATMUL_SCRATCH_BYTES)) return null;
    new Uint8Array(pool.memory.buffer).set(new Uint8Array(heap.buffer, bPacked + j0 * K * 4, bBytes), wb);
    const ctl = pool.control;
    const seq = (pool.seq = (pool.seq % (1 << 28)) + 1);
    Atomics.store(ctl, S_STEP, 0);
    Atomics.store(ctl, S_DONE, 0);
    Atomics.store(ctl, S_END, 0);
    const args = [wa, wb, wc, 3, M, K, nW, 0, 0, 0, 0, 0, 0, 0, 0, ws];
    for (let i = 0; i < args.length; i++) ctl[ARGS + i] = args[i] as number;
    Atomics.store(ctl, SEQ, seq);
    Atomics.notify(ctl, SEQ);
    matMulThreadsStats.jobs++;
    return new SplitProduct(simd, heap, pool, seq, M, K, N, bPacked, j0, wa, wc);
  }

  /** `c = a·b` for heap offsets `a` ([M, K]) and `c` ([M, N]). */
  run(a: number, c: number): void {
    const { simd, heap, pool, M, K, N, bPacked, j0 } = this;
    if (!this.#live) {
      simd.matMulPacked(a, bPacked, c, 1, M, K, N, 0, 0, simd.scratch);
      return;
    }
    const ctl = pool.control;
    new Uint8Array(pool.memory.buffer).set(new Uint8Array(heap.buffer, a, 4 * M * K), this.wa);
    const step = ++this.#step;
    Atomics.store(ctl, S_STEP, step);
    Atomics.notify(ctl, S_STEP);
    const t0 = performance.now();
    simd.matMulPacked(a, bPacked, c, 1, M, K, j0, 0, 0, simd.scratch, 0, 4 * N);
    if (!this.#awaitStep(step, performance.now() - t0)) {
      // The worker is late: its columns here, and the rest of the session on this thread.
      this.end();
      simd.matMulPacked(a, bPacked + j0 * K * 4, c + 4 * j0, 1, M, K, N - j0, 0, 0, simd.scratch, 0, 4 * N);
      return;
    }
    const nW = N - j0;
    const out = new Uint8Array(heap.buffer);
    const from = new Uint8Array(pool.memory.buffer);
    for (let r = 0; r < M; r++) out.set(from.subarray(this.wc + 4 * r * nW, this.wc + 4 * (r + 1) * nW), c + 4 * (r * N + j0));
    matMulThreadsStats.workerChunks++;
  }

  /** Waits for the worker's step (polling, then sleeping); false after `splitTimeoutMs`. */
  #awaitStep(step: number, ownMs: number): boolean {
    const ctl = this.pool.control;
    for (let i = matMulThreadsTuning.spin; i > 0; i--) if (Atomics.load(ctl, S_DONE) === step) return true;
    const deadline = performance.now() + splitTimeoutMs(ownMs);
    for (;;) {
      const done = Atomics.load(ctl, S_DONE);
      if (done === step) return true;
      if (Atomics.load(ctl, DONE) === this.seq) return false; // the worker left (a trap)
      const left = deadline - performance.now();
      if (left <= 0) {
        matMulThreadsStats.timeouts++;
        return false;
      }
      Atomics.wait(ctl, S_DONE, done, Math.min(left, 1));
    }
  }

  /** Ends the session: the worker goes back to waiting for jobs (waited for briefly, never long). */
  end(): void {
    if (!this.#live) return;
    this.#live = false;
    const ctl = this.pool.control;
    Atomics.store(ctl, S_END, 1);
    Atomics.notify(ctl, S_STEP);
    for (let i = matMulThreadsTuning.spin; i > 0 && Atomics.load(ctl, DONE) !== this.seq; i--);
  }
}

/**
 * How long (ms) `SplitProduct.run` waits for the worker's half after finishing its own (`ownMs`):
 * `matMulThreadsTuning.splitMinTimeoutMs` plus four times its own half's time.
 */
function splitTimeoutMs(ownMs: number): number {
  return matMulThreadsTuning.splitMinTimeoutMs + 4 * ownMs;
}
