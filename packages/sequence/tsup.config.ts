import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Keep class and function names: errors and saved JSON name classes by `constructor.name`, which
  // esbuild would otherwise rename (`_TfidfVectorizer`) for classes with static members.
  keepNames: true,
  external: ['@ml/core', '@ml/text'],
});
