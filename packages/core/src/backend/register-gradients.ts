/**
 * Registers every gradient that tfjs-core defines.
 *
 * tfjs-core keeps its gradient registry on the global object, so registering from here serves every
 * copy of tfjs-core in the process. The deep import below is ESM without file extensions, which plain
 * Node ESM cannot load; tsup therefore bundles it into `dist` (see `tsup.config.ts`), while vitest and
 * browser bundlers resolve it directly.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

import { getGradient, registerGradient, zerosLike, type Tensor } from '@tensorflow/tfjs-core';

/**
 * Comparison kernels whose gradient tfjs-core 4.22 leaves unregistered (it registers GreaterEqual's
 * only). Their outputs are piecewise constant in both inputs, so the gradient is zero almost
 * everywhere. Without these, a second derivative through an op whose gradient uses a comparison
 * throws "gradient function not found for Greater" — e.g. `tf.leakyRelu` (its gradient is
 * `where(greater(x, 0), dy, alpha·dy)`), hence `LeakyReLU` under a gradient penalty or R1.
 */
const COMPARISON_KERNELS = ['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual'] as const;
for (const kernelName of COMPARISON_KERNELS) {
  if (getGradient(kernelName) != null) continue; // a newer tfjs-core defines it
  registerGradient({
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy: Tensor | Tensor[], saved: Tensor[]) => {
      const [a, b] = saved as [Tensor, Tensor];
      return { a: () => zerosLike(a), b: () => zerosLike(b) };
    },
  });
}
