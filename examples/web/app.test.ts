/**
 * End-to-end tests of the browser app: vite builds it, node:http serves it (tests/browser/harness.ts),
 * and Debian's headless Chromium (playwright-core) drives it on WASM and on WebGPU (SwiftShader):
 * switch backend, summarise a sample text, drop a text file and a digit image (a DataTransfer on the
 * drop zones), train the CNN for a few steps (the loss curve must have one point per step and fall),
 * run PageRank (checked against networkx, fixtures/karate-pagerank.json) and k-means, and drop
 * unsupported files. A screenshot per backend goes to test-artifacts/web-<backend>.png.
 * Without /usr/bin/chromium the suite is skipped with the reason, unless ML_REQUIRE_BROWSER=1 (CI).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { Rng } from '@ml/core';
import { launchChromium, repoRoot, startServer } from '../../tests/browser/harness.js';
import karate from './fixtures/karate-pagerank.json';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.ML_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.ML_REQUIRE_BROWSER === '1';
const requireWebGpu = requireBrowser || (process.env.ML_REQUIRE_BACKENDS ?? '').split(',').includes('webgpu');

/**
 * Training per backend. WASM: the standard LeNet on the whole training split, 2 epochs of batch 32
 * (90 steps), then the held-out accuracy is checked. WebGPU on SwiftShader is software rendering:
 * the standard LeNet took 9-15 s per step of batch 32 on this loaded 2-core machine, so WebGPU trains
 * the small LeNet (16-32-64, no dropout) for 6 full-batch steps on 32 images (lr 0.01), where the
 * loss must fall at every step (wasm in Node, same settings: 2.31 2.28 2.23 2.20 2.15 2.10).
 */
const TRAIN = {
  wasm: { network: 'standard', images: 1438, epochs: 2, batch: 32, lr: 0.005 },
  webgpu: { network: 'small', images: 32, epochs: 6, batch: 32, lr: 0.01 },
} as const;
type Backend = keyof typeof TRAIN;

// ---------- inputs made in Node ----------

/** A minimal 8-bit grayscale PNG encoder (node:zlib), independent of the app's decoder. */
function encodeGrayPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // depth 8, grayscale, deflate, no filter, no interlace
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A held-out digit (the app's split: Rng(0).permutation, first 20%) drawn as a 64×64 PNG, dark ink
 * on white, 8× upscaled with a white margin: the app must invert, crop and shrink it back.
 */
function heldOutDigitPng(which: number): { png: Buffer; label: string } {
  const csv = gunzipSync(readFileSync(join(repoRoot, 'packages/vision/src/classifier/__fixtures__/digits.csv.gz'))).toString('utf8').trim().split('\n');
  const order = new Rng(0).permutation(csv.length);
  const row = csv[order[which] ?? 0]?.split(',').map(Number) ?? [];
  const size = 80;
  const pixels = new Uint8Array(size * size).fill(255);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) pixels[(y + 8) * size + x + 8] = 255 - Math.round(((row[(y >> 3) * 8 + (x >> 3)] ?? 0) / 16) * 255);
  return { png: encodeGrayPng(size, size, pixels), label: String(row[64]) };
}

interface DroppedFile {
  name: string;
  type: string;
  base64: string;
}

/** Dispatches a drop event carrying `files` (a DataTransfer built in the page) on `selector`. */
async function dropFiles(page: Page, selector: string, files: DroppedFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
  await dataTransfer.dispose();
}

const file = (name: string, type: string, bytes: Buffer | string): DroppedFile => ({ name, type, base64: Buffer.from(bytes).toString('base64') });

async function settled(page: Page, selector: string): Promise<string> {
  // 'attached': an output may be empty (and so invisible) when it settles.
  await page.waitForSelector(`${selector}:is([data-state="done"], [data-state="error"])`, { state: 'attached' });
  return (await page.getAttribute(selector, 'data-state')) ?? '';
}

// ---------- the suite ----------

if (!existsSync(CHROMIUM) && !requireBrowser) {
  describe.skip(`web app tests skipped: ${CHROMIUM} not found (apt-get install chromium; ML_CHROMIUM overrides the path)`, () => {
    it('runs the app in Chromium', () => undefined);
  });
} else if (!existsSync(CHROMIUM)) {
  describe('web app', () => {
    it('has Chromium', () => {
      throw new Error(`ML_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist (apt-get install chromium)`);
    });
  });
} else {
  describe('the web app in headless Chromium', () => {
    let outDir: string | undefined;
    let server: Server | undefined;
    let context: BrowserContext | undefined;
    let profile: string | undefined;
    let origin = '';

    beforeAll(async () => {
      outDir = mkdtempSync(join(tmpdir(), 'ml-web-app-'));
      const vite = await import('vite');
      await vite.build({ configFile: join(here, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
      ({ server, origin } = await startServer(outDir));
      ({ context, profile } = await launchChromium(CHROMIUM));
    });

    afterAll(async () => {
      await context?.close();
      if (server !== undefined) await new Promise<void>((resolve) => server?.close(() => resolve()));
      for (const dir of [outDir, profile]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    for (const backend of ['wasm', 'webgpu'] as const satisfies readonly Backend[]) {
      describe(backend, () => {
        let page: Page;
        const pageErrors: string[] = [];
        let unavailable: string | undefined;

        beforeAll(async () => {
          if (context === undefined) throw new Error('Chromium did not start');
          page = await context.newPage();
          page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
          page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`console.error: ${msg.text()}`); });
          page.on('response', (res) => { if (res.status() >= 400) pageErrors.push(`HTTP ${res.status()} for ${res.url()}`); });
          // Software WebGPU is slow: waits are bounded by the test timeout, not playwright's 30 s default.
          page.setDefaultTimeout(300_000);
          await page.goto(`${origin}/index.html`);
          await page.waitForSelector('body[data-ready="1"]');
        });

        afterAll(async () => {
          if (page === undefined) return;
          mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
          await page.screenshot({ path: join(repoRoot, 'test-artifacts', `web-${backend}.png`), fullPage: true });
          await page.close();
        });

        const skipIfUnavailable = (ctx: { skip(note?: string): void }): void => {
          if (unavailable !== undefined) ctx.skip(`WebGPU is unavailable in this Chromium: ${unavailable}`);
        };

        it('switches backend and shows it with its measured speed', async (ctx) => {
          await page.click(`button[data-backend="${backend}"]`);
          const state = await settled(page, '#backend-active');
          if (state === 'error') {
            const why = (await page.textContent('#backend-error')) ?? '';
            if (backend === 'webgpu' && !requireWebGpu) {
              unavailable = why;
              ctx.skip(`WebGPU is unavailable in this Chromium: ${why}`);
            }
            throw new Error(`switching to ${backend} failed in the page: ${why}`);
          }
          expect(await page.getAttribute('#backend-active', 'data-backend')).toBe(backend);
          expect(await page.textContent('#backend-active')).toContain(backend);
          expect(await page.textContent('#backend-speed')).toMatch(/matmul 256×256: [\d.]+ ms, [\d.]+ GFLOP\/s/);
          expect(await page.getAttribute(`button[data-backend="${backend}"]`, 'class')).toContain('active');
        });

        it('summarises the sample text, finds keywords and scores sentiment', async () => {
          await page.click('#text-sample-en');
          expect(await settled(page, '#text-output')).toBe('done');
          expect(await page.locator('#summary li').count()).toBe(3);
          const keywords = await page.locator('#keywords li').allTextContents();
          expect(keywords.length).toBe(8);
          expect(keywords).toContain('watch');
          const sentences = await page.locator('#sentiment-sentences li').allTextContents();
          const line = (start: string): string => sentences.find((s) => s.includes(start)) ?? `no scored sentence "${start}" in ${JSON.stringify(sentences)}`;
          expect(line('The tutorial on lighting was great')).toMatch(/^(\d+)% positive/);
          expect(Number(/^(\d+)%/.exec(line('The tutorial on lighting was great'))?.[1])).toBeGreaterThan(50);
          expect(Number(/^(\d+)%/.exec(line('Honestly the audio'))?.[1])).toBeLessThan(50);
          expect(await page.textContent('#sentiment-info')).toMatch(/trained in this page .* accuracy on 500 held-out generated clauses (9\d|100)\.\d%/);
        });

        it('analyses a dropped .txt file', async () => {
          const text = 'PageRank ranks web pages by their links. A page linked from important pages is important. ' +
            'The random surfer follows links and sometimes jumps. PageRank also ranks sentences in TextRank. The weather was nice.';
          await dropFiles(page, '#text-drop', [file('pagerank-notes.txt', 'text/plain', text)]);
          await page.waitForFunction(() => document.getElementById('text-source')?.textContent?.includes('pagerank-notes.txt'));
          expect(await settled(page, '#text-output')).toBe('done');
          expect(await page.inputValue('#text-input')).toBe(text);
          expect(await page.locator('#keywords li').allTextContents()).toContain('pages');
          const summary = await page.locator('#summary li').allTextContents();
          expect(summary).toHaveLength(3);
          expect(summary).not.toContain('The weather was nice.');
          for (const s of summary) expect(text).toContain(s);
        });

        it('reads a .txt file chosen with the file input (Chinese)', async () => {
          await page.setInputFiles('#text-file', join(here, 'samples', 'chinese-article.txt'));
          await page.waitForFunction(() => document.getElementById('text-source')?.textContent?.includes('chinese-article.txt'));
          expect(await settled(page, '#text-output')).toBe('done');
          expect(await page.locator('#summary li').count()).toBe(3);
          expect((await page.locator('#phrases').textContent()) ?? '').toContain('网页');
          expect(await page.textContent('#sentiment')).toContain('not available for Chinese');
        });

        it('trains the CNN: the live loss curve has a point per step and falls', async (ctx) => {
          skipIfUnavailable(ctx);
          const { network, images, epochs, batch, lr } = TRAIN[backend];
          await page.selectOption('#train-network', network);
          await page.fill('#train-images', String(images));
          await page.fill('#train-epochs', String(epochs));
          await page.fill('#train-batch', String(batch));
          await page.fill('#train-lr', String(lr));
          await page.click('#train-run');
          expect(await settled(page, '#train-status'), (await page.textContent('#image-error')) ?? '').toBe('done');
          const steps = Math.ceil(images / batch) * epochs;
          expect(await page.getAttribute('#loss-chart', 'data-steps')).toBe(String(steps));
          const losses = JSON.parse((await page.getAttribute('#loss-chart svg', 'data-values')) ?? '[]') as number[];
          expect(losses.length).toBe(steps);
          expect(losses.every(Number.isFinite)).toBe(true);
          const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
          // The first steps sit near ln 10 = 2.30 (ten classes); the last ones must be lower.
          if (backend === 'wasm') expect(mean(losses.slice(-4))).toBeLessThan(0.5 * mean(losses.slice(0, 2)));
          else {
            for (let i = 1; i < losses.length; i++) expect(losses[i], `step ${i + 1} of ${JSON.stringify(losses)}`).toBeLessThan(losses[i - 1] ?? NaN);
            expect(losses[losses.length - 1]).toBeLessThan((losses[0] ?? NaN) - 0.1);
          }
          const polyline = (await page.getAttribute('#loss-chart polyline', 'points')) ?? '';
          expect(polyline.trim().split(/\s+/).length).toBe(steps);
          expect(await page.textContent('#train-status')).toContain(`LeNet ${network === 'small' ? '16-32-64' : '32-64-128'} on ${backend}`);
          if (backend === 'wasm') expect(Number(await page.getAttribute('#train-status', 'data-accuracy'))).toBeGreaterThan(0.9);
        });

        it('classifies a dropped digit image', async (ctx) => {
          skipIfUnavailable(ctx);
          const digit = heldOutDigitPng(0);
          await dropFiles(page, '#image-drop', [file('digit.png', 'image/png', digit.png)]);
          expect(await settled(page, '#image-results'), (await page.textContent('#image-error')) ?? '').toBe('done');
          const label = await page.getAttribute('#image-results li:first-child', 'data-label');
          expect(label).toMatch(/^\d$/);
          expect(await page.textContent('#image-results li:first-child')).toMatch(/digit\.png: \d \(\d+%\)/);
          // After the full WASM training the held-out digit must be read correctly.
          if (backend === 'wasm') expect(label).toBe(digit.label);
        });

        it('classifies a digit drawn on the canvas', async (ctx) => {
          skipIfUnavailable(ctx);
          const box = await page.locator('#draw-canvas').boundingBox();
          if (box === null) throw new Error('the canvas is not visible');
          // A "1": one vertical stroke down the middle.
          await page.mouse.move(box.x + 80, box.y + 25);
          await page.mouse.down();
          for (let y = 25; y <= 135; y += 10) await page.mouse.move(box.x + 80, box.y + y);
          await page.mouse.up();
          await page.click('#draw-classify');
          expect(await settled(page, '#draw-result')).toBe('done');
          expect(await page.textContent('#draw-result')).toMatch(/^The drawing looks like a \d \(\d+%\)\.$/);
          await page.click('#draw-clear');
          await page.click('#draw-classify');
          expect(await settled(page, '#draw-result')).toBe('error');
          expect(await page.textContent('#image-error')).toContain('The picture has no visible strokes');
        });

        it('reports unsupported and corrupt files clearly', async () => {
          await dropFiles(page, '#image-drop', [file('notes.pdf', 'application/pdf', '%PDF-1.4\n1 0 obj\n')]);
          await page.waitForFunction(() => (document.getElementById('image-error')?.textContent ?? '') !== '');
          expect(await page.textContent('#image-error')).toContain('Unsupported file "notes.pdf" (application/pdf, 17 bytes): drop a .txt text file');
          await dropFiles(page, '#text-drop', [file('broken.png', 'image/png', 'this is not a PNG')]);
          await page.waitForFunction(() => (document.getElementById('text-error')?.textContent ?? '') !== '');
          expect(await page.textContent('#text-error')).toContain('"broken.png" is not a readable image');
          await dropFiles(page, '#image-drop', [file('anim.gif', 'image/gif', 'GIF89a\u0001\u0000\u0001\u0000')]);
          await page.waitForFunction(() => document.getElementById('image-error')?.textContent?.includes('anim.gif'));
          expect(await page.textContent('#image-error')).toContain('"anim.gif" is a GIF image: only PNG and JPEG images can be read.');
        });

        it('draws PageRank top nodes as bars (values match networkx)', async () => {
          await page.click('#pagerank-run');
          expect(await settled(page, '#pagerank-chart')).toBe('done');
          expect(await page.locator('#pagerank-chart rect.bar').count()).toBe(10);
          const bars = JSON.parse((await page.getAttribute('#pagerank-chart svg', 'data-values')) ?? '[]') as { label: string; value: number }[];
          const want = karate.top.slice(0, 10);
          expect(bars.map((b) => b.label)).toEqual(want.map((t) => `member ${t.member}`));
          bars.forEach((b, i) => expect(b.value).toBeCloseTo(want[i]?.pagerank ?? NaN, 5));
        });

        it('draws k-means clusters as a coloured scatter plot', async () => {
          await page.fill('#kmeans-k', '5');
          await page.fill('#kmeans-seed', '7');
          await page.click('#kmeans-run');
          await page.waitForFunction(() => document.querySelector('#kmeans-chart svg')?.getAttribute('aria-label')?.includes('k = 5'));
          expect(await settled(page, '#kmeans-chart')).toBe('done');
          expect(await page.locator('#kmeans-chart circle.point').count()).toBe(750);
          expect(await page.locator('#kmeans-chart path.centre').count()).toBe(5);
          expect(await page.getAttribute('#kmeans-chart svg', 'data-groups')).toBe('5');
          expect(Number(await page.getAttribute('#kmeans-chart', 'data-ari'))).toBeGreaterThan(0.9);
        });

        it('logged no errors', () => {
          expect(pageErrors).toEqual([]);
        });
      });
    }

    it('switches to the CPU backend too', async () => {
      if (context === undefined) throw new Error('Chromium did not start');
      const page = await context.newPage();
      try {
        await page.goto(`${origin}/index.html`);
        await page.waitForSelector('body[data-ready="1"]');
        await page.click('button[data-backend="cpu"]');
        expect(await settled(page, '#backend-active')).toBe('done');
        expect(await page.getAttribute('#backend-active', 'data-backend')).toBe('cpu');
        expect(await page.textContent('#backend-speed')).toMatch(/matmul 128×128: [\d.]+ ms, [\d.]+ GFLOP\/s/);
      } finally {
        await page.close();
      }
    });
  });
}
