/** Backend selection for the commands that run tensors. */
import { setBackend } from '@ml/core';
import { CliError } from './errors.mjs';

export const BACKENDS = ['auto', 'wasm', 'webgpu', 'cpu'];

/** Sets the tfjs backend (`--backend`, default wasm); returns its name. */
export async function useBackend(name = 'wasm') {
  if (!BACKENDS.includes(name)) throw new CliError(`--backend must be one of ${BACKENDS.join(', ')}; received ${JSON.stringify(name)}`);
  try {
    const info = await setBackend(name);
    return info.name;
  } catch (err) {
    throw new CliError(`--backend ${name}: ${err.message}`);
  }
}
