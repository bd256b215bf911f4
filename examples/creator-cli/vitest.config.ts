import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  resolve: sharedResolve,
  test: {
    ...sharedTest,
    name: 'creator-cli',
    include: ['test/**/*.test.ts'],
  },
});
