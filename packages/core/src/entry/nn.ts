/** The `@ml/core/nn` subpath: the same exports as the package entry's nn section. */
import '../backend/register-gradients.js';

export * from '../nn/index.js';
