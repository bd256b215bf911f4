#!/usr/bin/env node
/**
 * A scripted tour of `ml-creator` on the bundled samples (samples/): an English and a Chinese
 * article, a view log, a small PNG scene, and a folder of PNG shapes and a two-shot frame folder
 * generated into a temp folder. Each step runs the
 * real CLI (in this process, through `run`) and prints its output; exits 1 if a step fails.
 *
 *   node examples/creator-cli/demo.mjs
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './src/cli.mjs';
import { writeShapes, writeTwoShotFrames } from './samples/make-shapes.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const sample = (name) => join(here, 'samples', name);
const dir = await mkdtemp(join(tmpdir(), 'ml-creator-demo-'));
const shapes = join(dir, 'shapes');
const model = join(dir, 'shapes-model');

const steps = [
  ['summarize', sample('article-en.txt'), '--sentences', '2'],
  ['summarize', sample('article-zh.txt'), '--sentences', '2'],
  ['keywords', sample('article-en.txt'), '--top', '6'],
  ['keywords', sample('article-zh.txt'), '--top', '6'],
  ['sentiment', 'The pasta was delicious and the staff were lovely. Sadly the dessert was stale.'],
  ['ask', 'Why are the streets around gardens cooler?', '--context', sample('article-en.txt')],
  ['recommend', '--log', sample('interactions.csv'), '--user', 'u07', '--top', '5', '--holdout'],
  ['classify-images', shapes, '--epochs', '15', '--save', model],
  ['classify-images', join(shapes, 'triangle'), '--model', model, '--top', '2'],
];
steps.push(
  ['video-summary', join(dir, 'frames'), '--fps', '2', '--keyframes', join(dir, 'keyframes')],
  ['upscale', sample('scene.png'), '--out', join(dir, 'scene-x2.png'), '--steps', '30'],
);

let failed = 0;
const t0 = performance.now();
try {
  await writeShapes(shapes, { perClass: 40, size: 32, seed: 5 });
  await writeTwoShotFrames(join(dir, 'frames'), { perShot: 6 });
  for (const args of steps) {
    console.log(`\n$ ml-creator ${args.map((a) => (a.startsWith(dir) ? a.replace(dir, '$TMP') : a.startsWith(here) ? a.slice(here.length) : /\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
    const lines = [];
    // Long outputs are cut to their first 3 and last 6 lines.
    const code = await run(args, { stdout: { write: (s) => lines.push(...s.replace(/\n$/, '').split('\n')) }, stderr: process.stderr });
    console.log((lines.length > 10 ? [...lines.slice(0, 3), `… (${lines.length - 9} lines)`, ...lines.slice(-6)] : lines).join('\n'));
    if (code !== 0) failed++;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`\nml-creator demo: ${steps.length - failed} of ${steps.length} commands succeeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exitCode = failed === 0 ? 0 : 1;
