/**
 * `ProbabilisticGrammar`: a probabilistic context-free grammar (PCFG; Jurafsky & Martin, "Speech and
 * Language Processing", 3rd ed. draft, appendix C) over word tokens, with a seeded sentence sampler
 * and a recogniser. Used to make synthetic corpora whose grammaticality can be checked exactly, e.g.
 * to measure how often a text GAN's samples are grammatical.
 *
 * Symbols that have rules are nonterminals; every other symbol is a terminal (a token). Sampling
 * expands the start symbol top-down, picking each rule with probability proportional to its weight.
 * Recognition is a memoised top-down parse: `ends(A, i)` is the set of positions j such that A
 * derives tokens[i..j); a sentence is grammatical when `ends(start, 0)` holds its length. It needs a
 * grammar without left recursion (checked at construction) and runs in polynomial time thanks to the
 * memo table; it is a real parser of the rules, not a lookup of sampled sentences.
 */
import { Rng, type SeedLike } from '@ml/core';

/** One rule `lhs → rhs` with its (unnormalised) weight. */
export interface GrammarRule {
  /** Right-hand side: nonterminals and terminal tokens, in order (empty for ε). */
  rhs: readonly string[];
  /** Relative probability among the rules of the same left-hand side (> 0). @default 1 */
  weight?: number;
}

/** Rules by left-hand side. A bare string array is a rule of weight 1. */
export type GrammarRules = Readonly<Record<string, readonly (GrammarRule | readonly string[])[]>>;

/** Options of {@link ProbabilisticGrammar}. */
export interface ProbabilisticGrammarOptions {
  /** The start symbol. @default 'S' */
  start?: string;
  /** Largest derivation depth when sampling (guards against runaway recursion). @default 50 */
  maxDepth?: number;
}

/** Defaults of {@link ProbabilisticGrammarOptions}. */
export const PROBABILISTIC_GRAMMAR_DEFAULTS = { start: 'S', maxDepth: 50 } as const satisfies Required<ProbabilisticGrammarOptions>;

/** What a text GAN can be fitted on in place of sentences: a sampler (and optionally a checker). */
export interface SentenceSource {
  /** `n` sentences as token arrays, reproducible from `seed`. */
  sample(n: number, seed?: SeedLike): string[][];
}

interface NormalisedRule {
  rhs: readonly string[];
  weight: number;
}

export class ProbabilisticGrammar implements SentenceSource {
  readonly start: string;
  readonly maxDepth: number;
  readonly #rules = new Map<string, NormalisedRule[]>();

  constructor(rules: GrammarRules, options: ProbabilisticGrammarOptions = {}) {
    const where = 'ProbabilisticGrammar';
    const o = { ...PROBABILISTIC_GRAMMAR_DEFAULTS, ...options };
    if (typeof rules !== 'object' || rules === null) throw new TypeError(`${where}: 'rules' must be an object of rule lists; received ${String(rules)}`);
    for (const [lhs, list] of Object.entries(rules)) {
      if (!Array.isArray(list) || list.length === 0) throw new Error(`${where}: 'rules.${lhs}' must be a non-empty array of rules; received ${JSON.stringify(list)}`);
      this.#rules.set(
        lhs,
        list.map((r, i) => {
          const rule = Array.isArray(r) ? { rhs: r as readonly string[], weight: 1 } : (r as GrammarRule);
          const weight = rule.weight ?? 1;
          if (!Array.isArray(rule.rhs) || !rule.rhs.every((s) => typeof s === 'string' && s !== '')) {
            throw new Error(`${where}: 'rules.${lhs}[${i}].rhs' must be an array of non-empty strings; received ${JSON.stringify(rule.rhs)}`);
          }
          if (!(weight > 0) || !Number.isFinite(weight)) throw new Error(`${where}: 'rules.${lhs}[${i}].weight' must be a finite number > 0; received ${String(weight)}`);
          return { rhs: rule.rhs.slice(), weight };
        }),
      );
    }
    if (!this.#rules.has(o.start)) throw new Error(`${where}: 'start' must name a nonterminal with rules; received '${o.start}'`);
    if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1) throw new Error(`${where}: 'maxDepth' must be an integer >= 1; received ${String(o.maxDepth)}`);
    this.start = o.start;
    this.maxDepth = o.maxDepth;
    this.#checkNoLeftRecursion(where);
  }

  /** Whether `symbol` is a nonterminal (has rules). */
  isNonterminal(symbol: string): boolean {
    return this.#rules.has(symbol);
  }

  /** Every terminal token the rules can produce, sorted by code point. */
  terminals(): string[] {
    const out = new Set<string>();
    for (const list of this.#rules.values()) for (const r of list) for (const s of r.rhs) if (!this.#rules.has(s)) out.add(s);
    return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** `n` sentences sampled top-down from the start symbol; same seed, same sentences. */
  sample(n: number, seed: SeedLike = 0): string[][] {
    if (!Number.isInteger(n) || n < 0) throw new Error(`ProbabilisticGrammar.sample: 'n' must be an integer >= 0; received ${String(n)}`);
    const rng = Rng.from(seed);
    const out: string[][] = [];
    for (let i = 0; i < n; i++) {
      const tokens: string[] = [];
      this.#expand(this.start, rng, tokens, 0);
      out.push(tokens);
    }
    return out;
  }

  /** Whether the start symbol derives exactly `tokens` (see the file header for the parser). */
  isGrammatical(tokens: readonly string[]): boolean {
    const memo = new Map<string, Set<number>>();
    const ends = (symbol: string, i: number): Set<number> => {
      const rules = this.#rules.get(symbol);
      if (rules === undefined) return tokens[i] === symbol ? new Set([i + 1]) : new Set();
      const key = `${symbol}\u0000${i}`;
      const cached = memo.get(key);
      if (cached !== undefined) return cached;
      const result = new Set<number>();
      memo.set(key, result); // no left recursion: never read before it is complete
      for (const rule of rules) {
        let frontier = new Set([i]);
        for (const s of rule.rhs) {
          const next = new Set<number>();
          for (const p of frontier) for (const e of ends(s, p)) next.add(e);
          frontier = next;
          if (frontier.size === 0) break;
        }
        for (const e of frontier) result.add(e);
      }
      return result;
    };
    return ends(this.start, 0).has(tokens.length);
  }

  /** Fraction of `sentences` that are grammatical (0 for an empty list). */
  grammaticalFraction(sentences: readonly (readonly string[])[]): number {
    if (sentences.length === 0) return 0;
    return sentences.filter((s) => this.isGrammatical(s)).length / sentences.length;
  }

  #expand(symbol: string, rng: Rng, out: string[], depth: number): void {
    const rules = this.#rules.get(symbol);
    if (rules === undefined) {
      out.push(symbol);
      return;
    }
    if (depth >= this.maxDepth) throw new Error(`ProbabilisticGrammar.sample: derivation deeper than 'maxDepth' = ${this.maxDepth} at '${symbol}'`);
    const rule = rules[rng.categorical(rules.map((r) => r.weight))];
    if (rule === undefined) throw new Error(`ProbabilisticGrammar.sample: internal error, no rule drawn for '${symbol}'`);
    for (const s of rule.rhs) this.#expand(s, rng, out, depth + 1);
  }

  /** Throws if some nonterminal can derive a string starting with itself (the parser would loop). */
  #checkNoLeftRecursion(where: string): void {
    // Nullable nonterminals first, so A → B A with B ⇒ ε counts as left recursion too.
    const nullable = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const [lhs, rules] of this.#rules) {
        if (!nullable.has(lhs) && rules.some((r) => r.rhs.every((s) => nullable.has(s)))) {
          nullable.add(lhs);
          changed = true;
        }
      }
    }
    const leftCorners = (lhs: string): string[] => {
      const out: string[] = [];
      for (const r of this.#rules.get(lhs) ?? []) {
        for (const s of r.rhs) {
          if (this.#rules.has(s)) out.push(s);
          if (!nullable.has(s)) break;
        }
      }
      return out;
    };
    for (const a of this.#rules.keys()) {
      const seen = new Set<string>();
      const stack = leftCorners(a);
      while (stack.length > 0) {
        const s = stack.pop() as string;
        if (s === a) throw new Error(`${where}: 'rules' are left-recursive at '${a}'; rewrite them without left recursion`);
        if (seen.has(s)) continue;
        seen.add(s);
        stack.push(...leftCorners(s));
      }
    }
  }
}
