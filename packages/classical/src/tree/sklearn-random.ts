/**
 * Internal: the two random streams scikit-learn 1.2's trees and forests draw from, reproduced so that
 * an integer `randomState` gives the same feature draws (and bootstrap samples) as sklearn's
 * `random_state` with the same integer.
 *
 * - numpy's legacy `RandomState(seed)`: MT19937 (M. Matsumoto and T. Nishimura, "Mersenne Twister: a
 *   623-dimensionally equidistributed uniform pseudo-random number generator", ACM TOMACS 1998) seeded
 *   with `init_genrand`, and `randint(low, high)` by masked rejection on 32-bit outputs (numpy's
 *   `random_bounded_uint64_fill` with `use_masked=True`, the legacy path).
 * - the splitter's `rand_r` replacement (`sklearn/tree/_utils.pyx` `our_rand_r`, a 32-bit xorshift),
 *   seeded with `RandomState.randint(0, RAND_R_MAX)`, from which each feature is drawn.
 *
 * An `Rng` from `@ml/core` passed as `randomState` supplies the 32-bit seed (its next draw).
 */
import { Rng, type SeedLike } from '@ml/core';

/** sklearn's `RAND_R_MAX` (0x7FFFFFFF). */
export const RAND_R_MAX = 0x7fffffff;
/** `np.iinfo(np.int32).max`, the bound of the per-tree seeds a forest draws. */
export const MAX_INT = 0x7fffffff;

/** numpy's legacy `RandomState` restricted to what trees, forests and k-means use. */
export class NumpyRandomState {
  private readonly mt = new Uint32Array(624);
  private index = 624;

  /** @param seed integer in [0, 2^32 − 1], as `np.random.RandomState(seed)`. */
  constructor(seed: number) {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 · prev + i (mod 2^32), split into 16-bit halves to stay exact.
      mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
  }

  /** The next 32-bit output (`genrand_int32`). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `randint(low, high)` for high − low ≤ 2^32: uniform in [low, high). */
  randint(low: number, high: number): number {
    const rng = high - low - 1;
    if (rng === 0) return low;
    let mask = rng;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      const v = (this.nextUint32() & mask) >>> 0;
      if (v <= rng) return low + v;
    }
  }

  /**
   * `random_sample()` (legacy `random_standard_uniform`, also `uniform(0, 1)`): a double in [0, 1)
   * from two 32-bit outputs, (a >>> 5) · 2^26 + (b >>> 6) over 2^53.
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** numpy's `random_interval(max)`: uniform in [0, max] by masked rejection (max < 2^32). */
  interval(max: number): number {
    return max === 0 ? 0 : this.randint(0, max + 1);
  }

  /**
   * `permutation(n)`: `arange(n)` shuffled by the legacy Fisher–Yates `shuffle` (for i = n − 1
   * down to 1, swap i with `random_interval(i)`).
   */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}

/** The integer seed behind a `randomState` (an `Rng` gives its next 32-bit draw). */
export function seedOf(randomState: SeedLike): number {
  return randomState instanceof Rng ? randomState.nextUint32() : randomState;
}

/** The splitter's xorshift state (`UINT32_t rand_r_state`), one per tree. */
export class RandR {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** `rand_int(low, high)`: low + our_rand_r() mod (high − low). */
  int(low: number, high: number): number {
    let s = this.state;
    if (s === 0) s = 1; // DEFAULT_SEED
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.state = s;
    const r = s % (RAND_R_MAX + 1);
    return low + (r % (high - low));
  }
}
