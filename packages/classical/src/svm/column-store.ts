/**
 * Internal: kernel entries shared by the two-class problems of one multi-class fit. An entry
 * Q_ij = y_i y_j K(x_i, x_j) of two samples of the same class is K(x_i, x_j) (y_i y_j = 1) in every
 * problem that holds the class, with the same bits (computed from the same rows — for RBF centred
 * by the same fit-wide feature means, libsvm-train.ts — and kernel parameters). Each problem holds its classes' rows in one block in class order (the
 * smaller class first) until shrinking first reorders them, and until then requests whole columns:
 * the block of such a column is stored here the first time and copied, not computed, by the next
 * problem that needs the same sample's column (libsvm computes each of them again).
 *
 * On the benchmark fit (5,000 × 16, 4 classes: each sample in 3 of the 6 problems) 2.47 M of the
 * 12.47 M kernel entries are copied from here instead of computed (10.00 M computed); CPU time per
 * warm fit, this build against the one before interleaved in one process (load average 3–4):
 * about 5% less (medians of 30 fits: 130.6 against 137.4 ms; minima 117.8 against 123.4 ms).
 * Storing also the whole columns computed after shrinking (picked out by training row) added
 * 0.005 M copies and no measurable time: the later problems' first phase mostly asks for columns
 * stored already.
 */
/** Switch and count for tests: `enabled` false computes every column (libsvm's way); `copied` counts the entries served. */
export const columnStore = { enabled: true, copied: 0, stored: 0 };

export class ColumnStore {
  /** Class of each training row (−1: not in any class). */
  private readonly classOf: Int32Array;
  /** Position of each training row in its class. */
  private readonly pos: Int32Array;
  private readonly size: Int32Array;
  /** Class c's blocks at base[c] of {@link buf}, n_c × n_c (contents valid where {@link have}). */
  private readonly base: Int32Array;
  private buf: Float32Array | null = null;
  private readonly have: Uint8Array[];
  /** Problems still to come (the current one included) that hold each class; see {@link finishProblem}. */
  private readonly uses: Int32Array;

  /** @param members the training rows of each class, in the order the problems hold them. */
  constructor(members: readonly (readonly number[])[], n: number) {
    this.classOf = new Int32Array(n).fill(-1);
    this.pos = new Int32Array(n);
    this.size = Int32Array.from(members, (m) => m.length);
    members.forEach((m, c) => m.forEach((row, k) => {
      this.classOf[row] = c;
      this.pos[row] = k;
    }));
    this.base = new Int32Array(members.length);
    for (let c = 1; c < members.length; c++) this.base[c] = this.base[c - 1] + this.size[c - 1] ** 2;
    this.have = members.map((m) => new Uint8Array(m.length));
    this.uses = new Int32Array(members.length).fill(members.length - 1);
  }

  /**
   * Marks the problem of classes a and b done. A class's blocks are then stored only while a later
   * problem holds it: in its last problem they would be copied for nobody (on the benchmark fit
   * about a third of the stores; each is a column block's copy into a 25 MB buffer).
   */
  finishProblem(a: number, b: number): void {
    this.uses[a]--;
    this.uses[b]--;
  }

  /** Whether a block of training row `row`'s column stored now could be used by a later problem. */
  wanted(row: number): boolean {
    return this.uses[this.classOf[row]] > 1;
  }

  /**
   * For the column of training row `row` at index i of a problem in class order: the index of its
   * class block's first row, the block's length, and the stored block (null: not stored yet).
   */
  lookup(row: number, i: number): { off: number; len: number; stored: Float32Array | null } {
    const c = this.classOf[row];
    const k = this.pos[row];
    const len = this.size[c];
    const at = this.base[c] + k * len;
    if (this.buf !== null && this.have[c][k] === 1) columnStore.copied += len;
    return { off: i - k, len, stored: this.buf !== null && this.have[c][k] === 1 ? this.buf.subarray(at, at + len) : null };
  }

  /** Stores the class block `block` of training row `row`'s column. */
  store(row: number, block: Float32Array): void {
    const c = this.classOf[row];
    columnStore.stored++;
    const k = this.pos[row];
    const len = this.size[c];
    this.buf ??= take(this.base[this.base.length - 1] + this.size[this.size.length - 1] ** 2);
    this.buf.set(block, this.base[c] + k * len);
    this.have[c][k] = 1;
  }
}

let last: WeakRef<Float32Array> | undefined;

/**
 * A buffer of at least n floats (contents unspecified): the last fit's while the garbage collector
 * has not reclaimed it (a weak reference holds no memory), so that repeated fits skip allocating
 * and faulting in the pages.
 */
function take(n: number): Float32Array {
  const prev = last?.deref();
  if (prev !== undefined && prev.length >= n) return prev;
  const buf = new Float32Array(n);
  last = new WeakRef(buf);
  return buf;
}
