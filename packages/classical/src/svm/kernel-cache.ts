/**
 * Internal: libsvm's kernel cache (`Cache` in svm.cpp, C.-C. Chang and C.-J. Lin, "LIBSVM: a
 * library for support vector machines", ACM TIST 2(3), 2011): a least-recently-used list of kernel
 * columns, each cached over a prefix [0, len) of the (shrunk) index order, sized in MB.
 * Values are float32, as libsvm's `Qfloat`.
 */

/**
 * One reusable float32 buffer for the caches of successive problems of one fit (the class pairs and
 * cross-validation folds run one after another), so each does not allocate and fault in fresh memory.
 * With `extraBytes` the buffer lies in a WebAssembly memory, followed by that many bytes for a
 * WebAssembly kernel (`wasm-rbf-column.ts`), which then writes the cached columns in place.
 */
export class SlabPool {
  private slab: Float32Array = new Float32Array(0);
  private mem: WebAssembly.Memory | null = null;
  /** The memory of the last {@link take} with `extraBytes` (null: none or unavailable). */
  memory: WebAssembly.Memory | null = null;
  /** Byte offset of the extra bytes in {@link memory} (16-byte aligned). */
  extraOffset = 0;

  /**
   * A buffer of at least n floats (contents unspecified). With extraBytes > 0, the buffer is a view
   * of {@link memory} at offset 0 when a WebAssembly memory can hold it (a later take may reuse the
   * same memory, so the previous problem's views must no longer be in use); otherwise
   * {@link memory} is null.
   */
  take(n: number, extraBytes = 0): Float32Array {
    if (extraBytes > 0) {
      const offset = (n * 4 + 15) & ~15;
      const bytes = offset + extraBytes;
      try {
        // A memory is never grown: growing detaches its old buffer, which makes V8 check every
        // typed-array access for detachment from then on (its "array buffer detaching" protector).
        if (this.mem === null || this.mem.buffer.byteLength < bytes) {
          const last = lastMemory?.deref();
          // 1/8 headroom: the next, slightly larger class pair fits too
          this.mem = last !== undefined && last.buffer.byteLength >= bytes ? last : new WebAssembly.Memory({ initial: Math.ceil((bytes * 1.125) / 65536) });
          lastMemory = new WeakRef(this.mem);
        }
        this.memory = this.mem;
        this.extraOffset = offset;
        return new Float32Array(this.mem.buffer, 0, n);
      } catch {
        this.memory = null; // no WebAssembly, or no memory so large: a plain buffer
      }
    } else {
      this.memory = null;
    }
    if (this.slab.length >= n) return this.slab;
    // The last fit's slab is reused while the garbage collector has not reclaimed it (a weak
    // reference holds no memory): repeated fits then skip allocating and faulting in the pages.
    const last = lastSlab?.deref();
    this.slab = last !== undefined && last.length >= n ? last : new Float32Array(n);
    lastSlab = new WeakRef(this.slab);
    return this.slab;
  }
}

let lastSlab: WeakRef<Float32Array> | undefined;
let lastMemory: WeakRef<WebAssembly.Memory> | undefined;

/** Bytes of libsvm's per-column bookkeeping (`head_t`: two pointers, a pointer and an int). */
const HEAD_BYTES = 32;

export class KernelCache {
  private size: number; // float32 slots still free
  private readonly rows: (Float32Array | null)[];
  private readonly len: Int32Array;
  private readonly prev: Int32Array; // circular list, node `l` is the list head
  private readonly next: Int32Array;
  private readonly head: number;
  /** Columns are allocated at full length l when the whole matrix fits the budget (no regrowth); in the pool's slab. */
  readonly fullColumns: boolean;
  private readonly l: number;

  /**
   * @param l number of columns.
   * @param bytes memory budget (libsvm: `cache_size · 2^20`); at least two full columns are kept.
   * @param pool where the whole matrix's storage comes from when it fits the budget.
   * @param extraBytes bytes a WebAssembly kernel needs after the matrix ({@link SlabPool.take}).
   */
  constructor(l: number, bytes: number, pool: SlabPool = new SlabPool(), extraBytes = 0) {
    this.rows = new Array<Float32Array | null>(l).fill(null);
    this.len = new Int32Array(l);
    this.prev = new Int32Array(l + 1);
    this.next = new Int32Array(l + 1);
    this.head = l;
    this.prev[l] = l;
    this.next[l] = l;
    let size = Math.floor(bytes / 4);
    size -= Math.floor((l * HEAD_BYTES) / 4);
    this.size = Math.max(size, 2 * l);
    this.l = l;
    this.fullColumns = this.size >= l * l;
    // when everything fits, one slab holds all columns: no allocation per column, no regrowth
    if (this.fullColumns) {
      const slab = pool.take(l * l, extraBytes);
      for (let i = 0; i < l; i++) this.rows[i] = slab.subarray(i * l, (i + 1) * l);
    } else if (extraBytes > 0) {
      pool.take(0, extraBytes);
    }
  }

  private lruDelete(h: number): void {
    this.next[this.prev[h]] = this.next[h];
    this.prev[this.next[h]] = this.prev[h];
  }

  private lruInsert(h: number): void {
    const head = this.head;
    this.next[h] = head;
    this.prev[h] = this.prev[head];
    this.next[this.prev[h]] = h;
    this.prev[head] = h;
  }

  /** The cached column `index` (length ≥ len) after {@link getData}. */
  row: Float32Array = new Float32Array(0);

  /**
   * Makes column `index` hold at least `len` entries and puts it in {@link row}; returns the first
   * position that must be (re)computed (≥ len when everything is cached).
   */
  getData(index: number, len: number): number {
    const old = this.len[index];
    if (old > 0) this.lruDelete(index);
    const more = len - old;
    let start = len;
    if (more > 0) {
      while (this.size < more) {
        const victim = this.next[this.head];
        this.lruDelete(victim);
        this.size += this.len[victim];
        if (!this.fullColumns) this.rows[victim] = null;
        this.len[victim] = 0;
      }
      const prevRow = this.rows[index];
      if (prevRow === null || prevRow.length < len) {
        // the budget counts len entries, as libsvm; only the allocation may be longer
        const grown = new Float32Array(this.fullColumns ? this.l : len);
        if (prevRow !== null && old > 0) grown.set(prevRow.subarray(0, old));
        this.rows[index] = grown;
      }
      this.size -= more;
      start = old;
      this.len[index] = len;
    }
    this.lruInsert(index);
    this.row = this.rows[index] as Float32Array;
    return start;
  }

  /** Swaps recorded since {@link beginSwaps} (i < j pairs), applied to the columns by {@link endSwaps}. */
  private deferred: Int32Array | null = null;
  private nDeferred = 0;
  private pairs: Int32Array | null = null;

  /**
   * Where a batch's pairs are recorded (at least 2l entries) and what applies them to one column
   * (a WebAssembly kernel: `wasm-rbf-column.ts`; false: it cannot, the JavaScript loop runs).
   */
  batchSwaps: { pairs: Int32Array; apply(row: Float32Array, n: number, len: number): boolean } | null = null;

  /**
   * Until {@link endSwaps}, {@link swapIndex} swaps the columns' labels and gives up columns at once
   * but defers swapping the entries, which {@link endSwaps} then applies column by column (each
   * column's entries stay in the processor's cache over the whole batch, instead of two cache misses
   * per column and swap). No column may be read in between. With columns of full length only (else
   * nothing is deferred).
   */
  beginSwaps(): void {
    if (!this.fullColumns) return;
    this.pairs ??= this.batchSwaps?.pairs ?? new Int32Array(2 * this.l);
    this.deferred = this.pairs;
    this.nDeferred = 0;
  }

  /** Applies the deferred entry swaps (see {@link beginSwaps}), in their order, to every live column. */
  endSwaps(): void {
    const q = this.deferred;
    if (q === null) return;
    this.deferred = null;
    const n = this.nDeferred;
    if (n === 0) return;
    for (let h = this.next[this.head]; h !== this.head; h = this.next[h]) {
      // a live column covers every j of the batch or lies below every i it met: libsvm swapped
      // exactly the pairs with j < len in it, in order
      const len = this.len[h];
      const row = this.rows[h] as Float32Array;
      if (this.batchSwaps?.apply(row, n, len) === true) continue;
      for (let k = 0; k < n; k++) {
        const i = q[2 * k];
        const j = q[2 * k + 1];
        if (len > j) {
          const v = row[i];
          row[i] = row[j];
          row[j] = v;
        }
      }
    }
  }

  /** Swaps columns i and j and entries i and j inside every cached column (libsvm `swap_index`). */
  swapIndex(i: number, j: number): void {
    if (i === j) return;
    if (this.len[i] > 0) this.lruDelete(i);
    if (this.len[j] > 0) this.lruDelete(j);
    const r = this.rows[i];
    this.rows[i] = this.rows[j];
    this.rows[j] = r;
    const t = this.len[i];
    this.len[i] = this.len[j];
    this.len[j] = t;
    if (this.len[i] > 0) this.lruInsert(i);
    if (this.len[j] > 0) this.lruInsert(j);
    if (i > j) {
      const s = i;
      i = j;
      j = s;
    }
    const q = this.deferred;
    if (q !== null) {
      q[2 * this.nDeferred] = i;
      q[2 * this.nDeferred + 1] = j;
      this.nDeferred++;
      for (let h = this.next[this.head]; h !== this.head; ) {
        const nextH = this.next[h];
        const len = this.len[h];
        if (len > i && len <= j) {
          // the column covers i but not j: give it up (its entries are never read again)
          this.lruDelete(h);
          this.size += len;
          this.len[h] = 0;
        }
        h = nextH;
      }
      return;
    }
    for (let h = this.next[this.head]; h !== this.head; ) {
      const nextH = this.next[h];
      if (this.len[h] > i) {
        const row = this.rows[h] as Float32Array;
        if (this.len[h] > j) {
          const v = row[i];
          row[i] = row[j];
          row[j] = v;
        } else {
          // the column covers i but not j: give it up (libsvm does the same)
          this.lruDelete(h);
          this.size += this.len[h];
          if (!this.fullColumns) this.rows[h] = null; // else the buffer is reused when recomputed
          this.len[h] = 0;
        }
      }
      h = nextH;
    }
  }
}
