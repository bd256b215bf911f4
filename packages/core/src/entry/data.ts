/** The `@ml/core/data` subpath: the same exports as the package entry's data section. */
import '../backend/register-gradients.js';

export * from '../data/index.js';
