/** The `@ml/core/optim` subpath: the same exports as the package entry's optim section. */
import '../backend/register-gradients.js';

export * from '../optim/index.js';
