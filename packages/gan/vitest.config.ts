import { defineProject } from 'vitest/config';
import { sharedResolve, sharedTest } from '../../vitest.shared.js';

export default defineProject({
  resolve: sharedResolve,
  test: {
    ...sharedTest,
    name: 'gan',
    include: ['src/**/*.test.ts'],
  },
});
