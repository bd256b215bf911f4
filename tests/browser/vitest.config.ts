import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const core = (path: string): string => fileURLToPath(new URL(`../../packages/core/src/${path}`, import.meta.url));

export default defineProject({
  resolve: {
    // tests/browser is not a workspace package: point it at @ml/core's sources directly.
    alias: [
      { find: /^@ml\/core\/testing$/, replacement: core('testing/index.ts') },
      { find: /^@ml\/core$/, replacement: core('index.ts') },
    ],
  },
  test: {
    name: 'browser',
    include: ['**/*.test.ts'],
    // Software WebGPU in a headless browser is slow; nothing here asserts on time.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
