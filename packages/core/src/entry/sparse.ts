/** The `@ml/core/sparse` subpath: the same exports as the package entry's sparse section. */
import '../backend/register-gradients.js';

export * from '../sparse/index.js';
