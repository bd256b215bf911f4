/**
 * The generator `nn` draws from when a layer or initialiser gets no `seed` (PyTorch's global
 * generator, `torch.manual_seed`). It starts from seed 0, so a program that never seeds is still
 * reproducible; pass `seed` to a constructor for independence from construction order.
 */
import { Rng, type SeedLike } from '../random/rng.js';

let globalRng = new Rng(0);

/** Reseeds the generator used when no `seed` is given (PyTorch's `torch.manual_seed`). */
export function manualSeed(seed: number): void {
  globalRng = new Rng(seed);
}

/** `Rng.from(seed)`, or the global generator when `seed` is undefined. Internal to `nn`. */
export function resolveRng(seed: SeedLike | undefined): Rng {
  return seed === undefined ? globalRng : Rng.from(seed);
}
