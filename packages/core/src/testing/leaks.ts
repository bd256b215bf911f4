/** Tensor leak checks: a block must leave the engine's tensor count where it found it. */
import { memory } from '@tensorflow/tfjs-core';

/**
 * Runs `fn` and throws if it changed the number of live tensors.
 * `fn`'s own returned tensors count as leaks: dispose them inside it.
 */
export async function assertNoLeaks(fn: () => unknown | Promise<unknown>, label = 'block'): Promise<void> {
  const before = memory().numTensors;
  await fn();
  const after = memory().numTensors;
  if (after !== before) {
    throw new Error(`${label} leaked tensors: ${before} live before, ${after} after (${after - before > 0 ? '+' : ''}${after - before})`);
  }
}
