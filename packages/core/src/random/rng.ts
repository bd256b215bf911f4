/**
 * The seeded random number generator used by every stochastic API of `@ml/*`.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021; https://prng.di.unimi.it/xoshiro128starstar.c), 128-bit state, period
 * 2^128 − 1, all 32-bit integer arithmetic so it is fast and exact in JavaScript. The state is seeded
 * from a 32-bit seed through SplitMix32 so nearby seeds give unrelated streams. Doubles take 53 bits
 * from two outputs; normals use the Marsaglia polar method. Same seed ⇒ same sequence on every
 * platform.
 */

/** Accepted wherever randomness is needed: a seed or a generator instance. */
export type SeedLike = number | Rng;

function checkSeed(seed: number, what: string): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`${what}: 'seed' must be an integer in [0, 2^32 - 1]; received ${String(seed)}`);
  }
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;
  /** The seed this generator started from. */
  readonly seed: number;

  /** @param seed integer in [0, 2^32 − 1]. */
  constructor(seed: number) {
    checkSeed(seed, 'Rng');
    this.seed = seed;
    let x = seed >>> 0;
    const next = (): number => {
      // SplitMix32 (Vigna's 32-bit variant of SplitMix64's finaliser, constants from MurmurHash3).
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Returns `seed` itself when it is an `Rng`, else a new generator seeded with it. */
  static from(seed: SeedLike): Rng {
    return seed instanceof Rng ? seed : new Rng(seed);
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) {
      throw new RangeError(`Rng.int: 'n' must be an integer in [1, 2^32]; received ${String(n)}`);
    }
    if (n === 0x100000000) return this.nextUint32();
    // Lemire-style rejection on the low range keeps every value equally likely.
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const r = this.nextUint32();
      if (r < limit) return r % n;
    }
  }

  /** A standard normal draw (mean 0, variance 1), Marsaglia polar method. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return mean + std * v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return mean + std * u * m;
  }

  /** Fills `out` with uniform draws in [low, high) and returns it. */
  fillUniform<T extends Float32Array | Float64Array>(out: T, low = 0, high = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.random();
    return out;
  }

  /** Fills `out` with normal draws and returns it. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /**
   * Normal draws truncated to [mean − 2·std, mean + 2·std] by redrawing, as
   * `torch.nn.init.trunc_normal_` with its default bounds.
   */
  fillTruncatedNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    for (let i = 0; i < out.length; i++) {
      let z: number;
      do z = this.normal();
      while (z < -2 || z > 2);
      out[i] = mean + std * z;
    }
    return out;
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0 … n−1. */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Rng.permutation: 'n' must be a non-negative integer; received ${String(n)}`);
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * An index drawn from the (unnormalised, non-negative) weights.
   * @throws {RangeError} when the weights are empty, negative, NaN or sum to zero.
   */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(`Rng.categorical: 'weights[${i}]' must be finite and >= 0; received ${String(w)}`);
      }
      total += w;
    }
    if (!(total > 0)) throw new RangeError(`Rng.categorical: 'weights' must sum to > 0; received sum ${total}`);
    let r = this.random() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    // Rounding can leave r at 0 after the loop: return the last index with positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** A fresh generator whose stream is independent of this one's next draws (seeded from it). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
