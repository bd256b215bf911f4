/** The `@ml/core/losses` subpath: the same exports as the package entry's losses section. */
import '../backend/register-gradients.js';

export * from '../losses/index.js';
