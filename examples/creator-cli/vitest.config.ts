import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  resolve: sharedResolve,
  test: {
    ...sharedTest,
    name: 'creator-cli',
    include: ['test/**/*.test.ts'],
    // Each test spawns several `node bin/ml-creator.mjs` processes, several at once; at load ≈ 17 on
    // 2 cores one test took 87 s, so allow more than the shared 120 s. Nothing asserts on time.
    testTimeout: 300_000,
  },
});
