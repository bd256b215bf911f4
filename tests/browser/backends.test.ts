/**
 * @ml/core in a real browser: the page bundles @ml/core from source, and headless Chromium runs the
 * shared workload on wasm, WebGPU (SwiftShader) and cpu. Every number is compared with the cpu backend
 * in Node. Without /usr/bin/chromium the suite is skipped with the reason, unless ML_REQUIRE_BROWSER=1
 * (CI), where that is a failure.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { BackendName } from '@ml/core';
import { maxRelativeError } from '@ml/core/testing';
import { buildPage, launchChromium, repoRoot, startServer } from './harness.js';
import { PART_NAMES, runWorkload, type WorkloadResult } from './workload.js';

const CHROMIUM = process.env.ML_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.ML_REQUIRE_BROWSER === '1';
const requireWebGpu = requireBrowser || (process.env.ML_REQUIRE_BACKENDS ?? '').split(',').includes('webgpu');
const BACKENDS: BackendName[] = ['wasm', 'webgpu', 'cpu'];
const RTOL = 1e-4;

if (!existsSync(CHROMIUM) && !requireBrowser) {
  describe.skip(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium; ML_CHROMIUM overrides the path)`, () => {
    it('runs @ml/core in Chromium', () => undefined);
  });
} else if (!existsSync(CHROMIUM)) {
  describe('browser', () => {
    it('has Chromium', () => {
      throw new Error(`ML_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist (apt-get install chromium)`);
    });
  });
} else {
  describe('@ml/core in headless Chromium', () => {
    let reference: WorkloadResult;
    let pageDir: string | undefined;
    let server: Server | undefined;
    let context: BrowserContext | undefined;
    let profile: string | undefined;
    let page: Page;
    let origin: string;
    const pageErrors: string[] = [];
    const results = new Map<BackendName, WorkloadResult>();
    const measured: string[] = [];

    beforeAll(async () => {
      reference = await runWorkload('cpu');
      for (const name of PART_NAMES) {
        const part = reference.parts[name];
        if (part === undefined || 'error' in part) throw new Error(`the cpu reference in Node failed at ${name}: ${JSON.stringify(part)}`);
      }
      pageDir = await buildPage();
      ({ server, origin } = await startServer(pageDir));
      ({ context, profile } = await launchChromium(CHROMIUM));
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(`console.error: ${msg.text()} (${msg.location().url})`);
      });
      page.on('response', (res) => {
        if (res.status() >= 400) pageErrors.push(`HTTP ${res.status()} for ${res.url()}`);
      });
      await page.goto(`${origin}/index.html`);
      await page.waitForSelector('body[data-ready="1"]');
    });

    afterAll(async () => {
      console.log(`browser: max relative error vs cpu in Node: ${measured.join('; ')}`);
      try {
        if (context !== undefined && page !== undefined) {
          mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
          await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'browser-backends.png'), fullPage: true });
        }
      } finally {
        await context?.close();
        if (server !== undefined) await new Promise<void>((resolve) => server?.close(() => resolve()));
        for (const dir of [pageDir, profile]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      }
    });

    for (const backend of BACKENDS) {
      describe(backend, () => {
        beforeAll(async () => {
          const result = await page.evaluate(
            ([b, wasmPaths]) => (window as unknown as { ml: { run(b: string, p: string): Promise<WorkloadResult> } }).ml.run(b, wasmPaths),
            [backend, `${origin}/wasm/`] as const,
          );
          results.set(backend, result);
        });

        it('is selected by setBackend in the page', (ctx) => {
          const setup = results.get(backend)?.setup;
          if (setup !== undefined && 'error' in setup && backend === 'webgpu' && !requireWebGpu) {
            ctx.skip(`WebGPU is unavailable in this Chromium: ${setup.error}`);
          }
          expect(setup, `page errors: ${pageErrors.join('\n')}`).toMatchObject({ name: backend });
        });

        for (const name of PART_NAMES) {
          it(`${name} matches the cpu backend in Node (relative error < ${RTOL})`, async (ctx) => {
            const result = results.get(backend);
            if (result === undefined) throw new Error('the page returned nothing');
            if ('error' in result.setup) {
              if (backend === 'webgpu' && !requireWebGpu) ctx.skip(`WebGPU unavailable: ${result.setup.error}`);
              throw new Error(`setBackend('${backend}') failed in the page: ${result.setup.error}`);
            }
            const got = result.parts[name];
            const want = reference.parts[name];
            if (got === undefined || 'error' in got) throw new Error(`${name} on ${backend} failed in the page: ${got?.error ?? 'no result'}`);
            if (want === undefined || 'error' in want) throw new Error(`no cpu reference for ${name}`);
            expect(got.values.length).toBe(want.values.length);
            expect(got.values.every(Number.isFinite)).toBe(true);
            const err = await maxRelativeError(got.values, want.values);
            measured.push(`${backend}/${name} ${err.toExponential(1)}`);
            expect(err, `${name} on ${backend}: max relative error ${err}`).toBeLessThan(RTOL);
          });
        }

        it('trains: the loss falls over the SGD steps', () => {
          const losses = results.get(backend)?.parts.trainLosses;
          if (losses === undefined || 'error' in losses) return; // reported by the trainLosses test above
          expect(losses.values[losses.values.length - 1]).toBeLessThan(losses.values[0]);
        });

        it('leaks no tensors', (ctx) => {
          const result = results.get(backend);
          if (result === undefined || 'error' in result.setup) return; // reported above
          // tfjs itself leaks the tape's tensors when a gradient throws: only a clean run says anything.
          const failed = PART_NAMES.filter((name) => { const p = result.parts[name]; return p === undefined || 'error' in p; });
          if (failed.length > 0) ctx.skip(`not measurable: ${failed.join(', ')} failed (reported above)`);
          expect(result.leaked).toBe(0);
        });
      });
    }

    it('the page logged no errors', () => {
      expect(pageErrors).toEqual([]);
    });
  });
}
