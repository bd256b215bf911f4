/**
 * A faster implementation of a kernel tfjs-backend-wasm already has: `wrap` receives tfjs's own
 * kernel function (for the cases the replacement does not handle) and returns the new one.
 */
import type { KernelFunc } from '@tensorflow/tfjs-core';

export interface KernelReplacement {
  /** The kernel replaced, e.g. 'MaxPoolGrad'. */
  kernelName: string;
  /** Builds the replacement around tfjs's kernel function, which it calls for cases it leaves alone. */
  wrap: (original: KernelFunc) => KernelFunc;
}
