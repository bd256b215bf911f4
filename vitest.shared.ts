/**
 * Settings every package's vitest project shares, whether it runs from the root (`npm test`) or
 * alone (`pnpm --filter @ml/<name> test`).
 */
export const sharedResolve = {
  // Workspace packages resolve to their TypeScript sources, so tests need no build.
  conditions: ['source'],
};

export const sharedTest = {
  // Software WebGPU (SwiftShader) and a loaded 2-core machine are slow; nothing asserts on time.
  testTimeout: 120_000,
  hookTimeout: 120_000,
};
