/**
 * End-to-end tests of the `ml-creator` bin: every command runs through `node bin/ml-creator.mjs` on
 * small inputs (the bin imports the built @ml/* packages, so build first), with --json output parsed,
 * errors for missing files, bad formats and corrupt images, and --help.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'ml-creator.mjs');
const samples = join(root, 'samples');
const tmp = mkdtempSync(join(tmpdir(), 'ml-creator-test-'));
const cache = join(tmp, 'cache');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, XDG_CACHE_HOME: cache }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function json<T>(args: string[]): Promise<T> {
  const r = await cli([...args, '--json']);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('ml-creator:'))).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** A failing run: exit code 1, one `ml-creator:` line matching `pattern`, no stack trace. */
async function fails(args: string[], pattern: RegExp): Promise<Run> {
  const r = await cli(args);
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ml-creator: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

const CORRUPT_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The text, sentiment, QA and recommendation tests are independent and run concurrently (each spawns
// processes, so this mostly overlaps their start-up); the image tests share a trained model and run
// in order.
describe.concurrent('ml-creator', () => {
  it('prints help for the program and for each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['summarize', 'keywords', 'sentiment', 'ask', 'recommend', 'classify-images', 'upscale', 'video-summary']) expect(top.stdout).toContain(c);
    const sub = await cli(['recommend', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/--log <csv>/);
    expect(sub.stdout).toMatch(/--holdout/);
    expect(sub.stdout).toMatch(/--json/);
    const bad = await cli(['summarize']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/missing required argument 'file'/);
  });

  it('summarizes English and Chinese text with TextRank', async () => {
    const en = await json<{ language: string; totalSentences: number; sentences: { index: number; text: string }[] }>(['summarize', join(samples, 'article-en.txt'), '--sentences', '2']);
    expect(en.language).toBe('en');
    expect(en.totalSentences).toBe(11);
    expect(en.sentences).toHaveLength(2);
    expect(en.sentences[0]!.index).toBeLessThan(en.sentences[1]!.index);
    const zh = await json<{ language: string; totalSentences: number; sentences: { text: string }[] }>(['summarize', join(samples, 'article-zh.txt')]);
    expect(zh.language).toBe('zh');
    expect(zh.totalSentences).toBe(11);
    expect(zh.sentences).toHaveLength(3);
    expect(zh.sentences.every((s) => s.text.endsWith('。'))).toBe(true);
    const text = await cli(['summarize', join(samples, 'article-en.txt')]);
    expect(text.stdout).toMatch(/\(3 of 11 sentences, TextRank, language en\)/);
  });

  it('reports a missing file, a directory and a binary file by name', async () => {
    await fails(['summarize', join(tmp, 'nope.txt')], /summarize <file>: file not found: .*nope\.txt/);
    await fails(['keywords', tmp], /expected a text file, but .* is a directory/);
    writeFileSync(join(tmp, 'binary.txt'), new Uint8Array([1, 0, 2, 0]));
    await fails(['keywords', join(tmp, 'binary.txt')], /looks binary/);
    const verbose = await cli(['summarize', join(tmp, 'nope.txt'), '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('extracts keywords in English and Chinese', async () => {
    const en = await json<{ keywords: { keyword: string; score: number }[]; phrases: { phrase: string }[] }>(['keywords', join(samples, 'article-en.txt'), '--top', '5']);
    expect(en.keywords).toHaveLength(5);
    expect(en.keywords[0]!.keyword).toBe('garden');
    expect(en.phrases.map((p) => p.phrase)).toContain('community garden');
    const zh = await json<{ keywords: { keyword: string }[]; phrases: { phrase: string }[] }>(['keywords', join(samples, 'article-zh.txt'), '--top', '8']);
    expect(zh.keywords[0]!.keyword).toBe('花园');
    expect(zh.phrases.map((p) => p.phrase)).toContain('社区花园');
  });

  it('classifies sentiment per sentence with the trained model, cached after first use', async () => {
    type Sentiment = { model: { trainedNow: boolean; heldOutAccuracy: number; dir: string }; overall: { label: string; positive: number }; sentences: { label: string; positive: number }[] };
    const first = await json<Sentiment>(['sentiment', 'The staff were friendly and the food was delicious. The room was dirty and the shower was broken.']);
    expect(first.model.trainedNow).toBe(true);
    expect(first.model.dir).toBe(join(cache, 'ml-creator', 'sentiment-v1'));
    expect(existsSync(join(first.model.dir, 'sentiment-model.json'))).toBe(true);
    // Held-out accuracy of the shipped corpus split (measured 0.786; words alone gave 0.71).
    expect(first.model.heldOutAccuracy).toBeGreaterThan(0.75);
    expect(first.sentences.map((s) => s.label)).toEqual(['positive', 'negative']);
    expect(first.overall.label).toBe('mixed');
    writeFileSync(join(tmp, 'review.txt'), 'I love this blender. It is powerful, quiet and easy to clean.');
    const second = await json<Sentiment>(['sentiment', join(tmp, 'review.txt')]);
    expect(second.model.trainedNow).toBe(false);
    expect(second.overall.label).toBe('positive');
    expect(second.overall.positive).toBeGreaterThan(0.6);
    await fails(['sentiment', join(tmp, 'missing-review.txt')], /file not found: .*missing-review\.txt/);
    // A damaged cache is retrained, not fatal.
    writeFileSync(join(first.model.dir, 'sentiment-model.json'), '{"format":');
    const third = await cli(['sentiment', 'Great value.', '--json']);
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/is unreadable; retraining/);
    expect((JSON.parse(third.stdout) as Sentiment).model.trainedNow).toBe(true);
  });

  it('trains a sentiment model on a user corpus, saves it and loads it with --model', async () => {
    const rows = ['label\ttext'];
    for (let i = 0; i < 30; i++) rows.push(`positive\tsuperb lovely thing number ${i}`, `negative\tawful broken thing number ${i}`);
    writeFileSync(join(tmp, 'mine.tsv'), `${rows.join('\n')}\n`);
    const trained = await json<{ heldOutAccuracy: number; savedTo: string }>(['sentiment', '--train', join(tmp, 'mine.tsv'), '--save', join(tmp, 'my-model')]);
    expect(trained.heldOutAccuracy).toBe(1);
    const used = await json<{ model: { dir: string }; overall: { label: string } }>(['sentiment', 'awful and broken', '--model', join(tmp, 'my-model')]);
    expect(used.model.dir).toBe(join(tmp, 'my-model'));
    expect(used.overall.label).toBe('negative');
    writeFileSync(join(tmp, 'bad.tsv'), 'label\ttext\npositive fine without a tab\n');
    await fails(['sentiment', '--train', join(tmp, 'bad.tsv'), '--save', join(tmp, 'x')], /bad\.tsv, line 2: expected "label<TAB>text"/);
    await fails(['sentiment', 'hello', '--model', join(tmp, 'no-model')], /--model: folder not found/);
  });

  it('answers questions by sentence retrieval without a model', async () => {
    const r = await json<{ method: string; answers: { answer: string; score: number }[] }>(['ask', 'Who shares seeds and tools with beginners?', '--context', join(samples, 'article-en.txt')]);
    expect(r.method).toBe('sentence-retrieval');
    expect(r.answers[0]!.answer).toMatch(/experienced gardeners share seeds/);
    const zh = await json<{ answers: { answer: string }[] }>(['ask', '花园为什么能让街道凉爽？', '--context', join(samples, 'article-zh.txt')]);
    expect(zh.answers[0]!.answer).toMatch(/吸收热量/);
    const text = await cli(['ask', 'Who shares seeds?', '--context', join(samples, 'article-en.txt')]);
    expect(text.stdout).toMatch(/sentence retrieval/);
    await fails(['ask', 'Why?', '--context', join(tmp, 'nothing.txt')], /ask --context: file not found/);
  });

  it('answers with a BERT QA folder end to end (tiny random model saved with saveBert)', async () => {
    const dir = join(tmp, 'tiny-bert');
    mkdirSync(dir);
    const context = readFileSync(join(samples, 'article-en.txt'), 'utf8');
    const { writeTinyBertQa } = (await import('./tiny-bert.mjs')) as { writeTinyBertQa: (d: string, c: string[]) => Promise<void> };
    await writeTinyBertQa(dir, context.split('\n'));
    // maxPositionEmbeddings is 64: the 300-token context runs in several windows.
    const r = await json<{ method: string; answers: { answer: string; start: number; end: number; score: number }[]; warnings: string[] }>(['ask', 'Who shares seeds?', '--context', join(samples, 'article-en.txt'), '--model', dir, '--max-seq-length', '64', '--doc-stride', '16', '--top', '2']);
    expect(r.method).toBe('bert-span');
    expect(r.warnings).toEqual([]);
    expect(r.answers).toHaveLength(2);
    for (const a of r.answers) {
      expect(a.start).toBeGreaterThanOrEqual(0);
      expect(a.end).toBeGreaterThan(a.start);
      expect(a.end).toBeLessThanOrEqual(context.length);
      expect(context.slice(a.start, a.end)).toBe(a.answer);
      expect(Number.isFinite(a.score)).toBe(true);
    }
    await fails(['ask', 'Who?', '--context', join(samples, 'article-en.txt'), '--model', tmp], /config\.json not found; expected a Hugging Face BertForQuestionAnswering folder/);
  });

  it('recommends unseen items from an interaction log and evaluates a holdout', async () => {
    const log = join(samples, 'interactions.csv');
    type Recs = { users: number; items: number; recommendations: { user: string; items: { item: string }[] }[]; holdout: { precision: number; ndcg: number; popularity: { ndcg: number } } };
    const r = await json<Recs>(['recommend', '--log', log, '--user', 'u01', '--top', '5', '--holdout']);
    expect(r.users).toBe(60);
    expect(r.items).toBe(40);
    expect(r.recommendations).toHaveLength(1);
    const seen = new Set(readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('u01,')).map((l) => l.split(',')[1]));
    const items = r.recommendations[0]!.items.map((i) => i.item);
    expect(items).toHaveLength(5);
    expect(items.filter((i) => seen.has(i))).toEqual([]);
    expect(r.holdout.precision).toBeGreaterThan(0);
    // Implicit ALS ranks the held-out (latest) item better than a most-popular list (0.233 vs 0.173 measured).
    expect(r.holdout.ndcg).toBeGreaterThan(r.holdout.popularity.ndcg);
    const all = await json<Recs>(['recommend', '--log', log, '--top', '3']);
    expect(all.recommendations).toHaveLength(60);
    writeFileSync(join(tmp, 'bad.csv'), 'user,item,rating\nalice,film,5\nbob,film,lots\n');
    await fails(['recommend', '--log', join(tmp, 'bad.csv')], /bad\.csv, line 3: column "rating" must be a number >= 0; received "lots"/);
    writeFileSync(join(tmp, 'noheader.csv'), '1,2,3\n4,5,6\n');
    await fails(['recommend', '--log', join(tmp, 'noheader.csv')], /line 1 must be a header/);
    await fails(['recommend', '--log', log, '--user', 'nobody'], /unknown user "nobody"/);
    await fails(['recommend', '--log', join(tmp, 'none.csv')], /recommend --log: file not found/);
  });

  describe.sequential('images', () => {
    const shapes = join(tmp, 'shapes');
    const modelDir = join(tmp, 'shapes-model');
    beforeAll(async () => {
      const { writeShapes } = (await import('../samples/make-shapes.mjs')) as { writeShapes: (d: string, o: object) => Promise<void> };
      await writeShapes(shapes, { perClass: 40, size: 32, seed: 5 });
    });

    it('trains on class folders, saves, and classifies with --model (a corrupt image is reported by name)', async () => {
      const trained = await json<{ classes: string[]; validationAccuracy: number; savedTo: string; history: unknown[] }>(['classify-images', shapes, '--epochs', '12', '--save', modelDir]);
      expect(trained.classes).toEqual(['circle', 'square', 'triangle']);
      expect(trained.history).toHaveLength(12);
      expect(trained.validationAccuracy).toBeGreaterThan(0.6); // chance is 1/3
      expect(existsSync(join(modelDir, 'config.json'))).toBe(true);
      const batch = join(tmp, 'to-classify');
      mkdirSync(batch);
      copyFileSync(join(shapes, 'circle', '000.png'), join(batch, 'a.png'));
      copyFileSync(join(shapes, 'square', '000.png'), join(batch, 'b.png'));
      writeFileSync(join(batch, 'broken.png'), CORRUPT_PNG);
      const r = await cli(['classify-images', batch, '--model', modelDir, '--top', '2', '--json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { predictions: { file: string; top: { label: string; probability: number }[] }[]; errors: { file: string; error: string }[] };
      expect(out.predictions.map((p) => p.file)).toEqual(['a.png', 'b.png']);
      for (const p of out.predictions) {
        expect(p.top).toHaveLength(2);
        expect(p.top[0]!.probability).toBeGreaterThanOrEqual(p.top[1]!.probability);
      }
      expect(out.errors.map((e) => e.file)).toEqual(['broken.png']);
      expect(r.stderr.trim()).toMatch(/^ml-creator: 1 of 3 images could not be read; first: .*broken\.png/);
    });

    it('names a corrupt image met while training, and a folder without classes', async () => {
      const bad = join(tmp, 'bad-shapes');
      for (const c of ['one', 'two']) {
        mkdirSync(join(bad, c), { recursive: true });
        for (let i = 0; i < 3; i++) copyFileSync(join(shapes, 'circle', `00${i}.png`), join(bad, c, `${i}.png`));
      }
      writeFileSync(join(bad, 'two', 'zz-corrupt.png'), CORRUPT_PNG);
      await fails(['classify-images', bad, '--epochs', '1', '--validation-split', '0'], /zz-corrupt\.png/);
      await fails(['classify-images', join(shapes, 'circle')], /expected one sub-folder per class/);
      await fails(['classify-images', join(tmp, 'no-such-folder')], /classify-images <folder>: folder not found/);
    });

    it('upscales ×2 with a zero-shot SrResNet, saves it and reuses it with --model', async () => {
      const out = join(tmp, 'scene-x2.png');
      const sr = join(tmp, 'sr-model');
      // 8 steps keep the test short: it checks the pipeline, not the quality (150 steps: 33.79 vs 33.32 dB).
      const r = await json<{ method: string; outputSize: number[]; selfCheck: { modelPsnr: number; bicubicPsnr: number } }>(['upscale', join(samples, 'scene.png'), '--out', out, '--zero-shot', '--steps', '8', '--save-model', sr]);
      expect(r.method).toBe('zero-shot');
      expect(r.outputSize).toEqual([128, 128]);
      expect(r.selfCheck.bicubicPsnr).toBeGreaterThan(25);
      expect(Math.abs(r.selfCheck.modelPsnr - r.selfCheck.bicubicPsnr)).toBeLessThan(3); // the bicubic skip keeps an undertrained model near bicubic
      const png = readFileSync(out);
      expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      const again = await json<{ method: string; outputSize: number[] }>(['upscale', join(samples, 'scene.png'), '--out', join(tmp, 'again.png'), '--model', sr]);
      expect(again.method).toBe('model');
      expect(again.outputSize).toEqual([128, 128]);
      // Without --model: @ml/gan's shipped pretrained model when the package has one, else zero-shot.
      const shipped = existsSync(join(root, '..', '..', 'packages', 'gan', 'models', 'srresnet-x2', 'config.json'));
      const plain = await json<{ method: string; outputSize: number[]; selfCheck: { modelPsnr: number; bicubicPsnr: number } }>(['upscale', join(samples, 'scene.png'), '--out', join(tmp, 'plain.png'), '--steps', '8']);
      expect(plain.method).toBe(shipped ? 'pretrained' : 'zero-shot');
      expect(plain.outputSize).toEqual([128, 128]);
      // The shipped model beats bicubic on the sample (33.65 vs 33.32 dB measured).
      if (shipped) expect(plain.selfCheck.modelPsnr).toBeGreaterThan(plain.selfCheck.bicubicPsnr);
    });

    it('upscale reports a missing file, a corrupt image, a bad scale and a bad model folder', async () => {
      await fails(['upscale', join(tmp, 'missing.png')], /upscale <image>: file not found: .*missing\.png/);
      writeFileSync(join(tmp, 'corrupt.png'), CORRUPT_PNG);
      await fails(['upscale', join(tmp, 'corrupt.png')], /corrupt\.png/);
      const bad = await cli(['upscale', join(samples, 'scene.png'), '--scale', '3']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--scale.*'3' is invalid/);
      await fails(['upscale', join(samples, 'scene.png'), '--model', tmp], /--model: .*config\.json not found; expected an SrResNet folder/);
      await fails(['upscale', join(samples, 'scene.png'), '--model', tmp, '--zero-shot'], /--model cannot be combined with --zero-shot/);
    });

    it('summarises a frame folder into shots with keyframes and classifier labels', async () => {
      const frames = join(tmp, 'frames');
      const { writeTwoShotFrames } = (await import('../samples/make-shapes.mjs')) as { writeTwoShotFrames: (d: string, o: object) => Promise<void> };
      await writeTwoShotFrames(frames, { perShot: 6 });
      const keyframes = join(tmp, 'keyframes');
      type Analysis = { frameCount: number; boundaries: number[]; shots: { start: number; end: number; label?: string; confidence?: number; keyframe: { name: string; file?: string } }[]; timeline: string };
      const r = await json<Analysis>(['video-summary', frames, '--fps', '2', '--keyframes', keyframes]);
      expect(r.frameCount).toBe(12);
      expect(r.boundaries).toEqual([6]);
      expect(r.shots.map((s) => [s.start, s.end])).toEqual([[0, 5], [6, 11]]);
      for (const s of r.shots) expect(existsSync(join(keyframes, s.keyframe.name))).toBe(true);
      expect(r.timeline).toMatch(/12 frames at 2 fps \(00:06\.0\), 2 shots/);
      const labelled = await json<Analysis>(['video-summary', frames, '--fps', '2', '--classifier', modelDir]);
      for (const s of labelled.shots) {
        expect(['circle', 'square', 'triangle']).toContain(s.label);
        expect(s.confidence).toBeGreaterThan(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }
      writeFileSync(join(frames, 'frame_0007.png'), CORRUPT_PNG);
      await fails(['video-summary', frames], /frame_0007\.png/);
      await fails(['video-summary', join(tmp, 'no-frames')], /video-summary <source>: not found/);
      writeFileSync(join(tmp, 'clip.mp4'), 'not a video');
      await fails(['video-summary', join(tmp, 'clip.mp4')], /clip\.mp4.*(ffmpeg|video)/);
    });
  });
});
