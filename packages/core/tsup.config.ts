import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    ...Object.fromEntries(
      ['nn', 'optim', 'losses', 'train', 'data', 'metrics', 'io', 'sparse', 'wasm'].map((n) => [`entry/${n}`, `src/entry/${n}.ts`]),
    ),
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Keep class and function names: errors and saved JSON name classes by `constructor.name`, which
  // esbuild would otherwise rename (`_TfidfVectorizer`) for classes with static members.
  keepNames: true,
  splitting: true,
  // tfjs-core's gradient registrations are extensionless ESM that plain Node cannot import: bundle
  // them (they register into tfjs-core's global registry, shared by every copy).
  noExternal: [/@tensorflow\/tfjs-core\/dist\/register_all_gradients/],
  external: ['webgpu', 'vitest'],
});
