import { defineConfig } from 'vitest/config';

// One run over every package; each package's own vitest.config.ts names its project.
export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources, so tests need no build.
    conditions: ['source'],
  },
  test: {
    projects: ['packages/*', 'tests/*', 'examples/web', 'examples/creator-cli'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
