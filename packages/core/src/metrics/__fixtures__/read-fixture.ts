/** Test helper: reads metrics.json (written by scripts/fixtures/metrics_fixture.py) and restores non-finite numbers. */
import { readFileSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture shapes are checked by the tests that read them
export type Json = any;

function revive(_key: string, value: unknown): unknown {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

let cache: Json;

/** The parsed fixture, with "NaN" / "Infinity" / "-Infinity" turned back into numbers. */
export function readMetricsFixture(): Json {
  cache ??= JSON.parse(readFileSync(new URL('./metrics.json', import.meta.url), 'utf8'), revive);
  return cache;
}
