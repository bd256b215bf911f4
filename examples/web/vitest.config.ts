import { defineProject } from 'vitest/config';
import { sharedResolve } from '../../vitest.shared.js';

export default defineProject({
  resolve: sharedResolve,
  test: {
    name: 'web',
    include: ['*.test.ts', 'src/**/*.test.ts'],
    // Headless Chromium with software WebGPU on a loaded machine is slow; nothing asserts on time.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
