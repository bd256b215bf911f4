/**
 * Registers every gradient that tfjs-core defines.
 *
 * tfjs-core keeps its gradient registry on the global object, so registering from here serves every
 * copy of tfjs-core in the process. The deep import below is ESM without file extensions, which plain
 * Node ESM cannot load; tsup therefore bundles it into `dist` (see `tsup.config.ts`), while vitest and
 * browser bundlers resolve it directly.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
