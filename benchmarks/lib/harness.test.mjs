// Tests of the harness pieces that do not measure anything (no assertion depends on timing).
// Run: cd benchmarks && node --test lib/
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { measure } from './measure.mjs';
import { markdownTable, updateResults } from './results-md.mjs';
import { summarize } from './stats.mjs';

test('summarize gives median, min, max and quartiles (numpy linear quantiles)', () => {
  const s = summarize([5, 1, 4, 2, 3]);
  assert.deepEqual(s, { reps: 5, median: 3, min: 1, max: 5, q1: 2, q3: 4 });
  const even = summarize([4, 1, 3, 2]);
  assert.equal(even.median, 2.5);
  assert.equal(even.q1, 1.75);
  assert.equal(even.q3, 3.25);
});

test('summarize rejects an empty sample list, naming the argument', () => {
  assert.throws(() => summarize([]), /'samples' must be a non-empty array/);
});

test('measure awaits and disposes every output of every call, and honours minReps', async () => {
  const made = [];
  const fakeTensor = () => {
    const t = { read: false, disposed: false, data: async () => { t.read = true; return new Float32Array(1); }, dispose: () => { t.disposed = true; } };
    made.push(t);
    return t;
  };
  const step = async () => [fakeTensor(), fakeTensor()];
  const out = await measure(step, { warmupMs: 0, minWarmup: 2, targetMs: 0, minReps: 4, maxReps: 10 });
  assert.equal(out.warmupCalls, 2);
  assert.equal(out.samples.length, 4);
  assert.equal(made.length, 2 * (1 + 2 + 4));
  assert.ok(made.every((t) => t.read && t.disposed));
});

test('measure stops at maxReps', async () => {
  const out = await measure(async () => [], { warmupMs: 0, minWarmup: 0, targetMs: 1e9, minReps: 1, maxReps: 5 });
  assert.equal(out.samples.length, 5);
});

test('updateResults replaces a workload section in place and keeps the others', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'bench-')), 'RESULTS.md');
  updateResults(path, 'a', '## a\nALPHA-1');
  updateResults(path, 'b', '## b\nBETA');
  updateResults(path, 'a', '## a\nALPHA-2');
  const text = readFileSync(path, 'utf8');
  assert.ok(text.startsWith('# Benchmark results'));
  assert.ok(!text.includes('ALPHA-1'));
  assert.ok(text.indexOf('ALPHA-2') < text.indexOf('BETA'), 'section a keeps its place before b');
  assert.equal(text.match(/<!-- workload:a:start -->/g).length, 1);
});

test('markdownTable escapes pipes', () => {
  assert.equal(markdownTable(['x'], [['a|b']]), '| x |\n| --- |\n| a\\|b |');
});
