/** The `@ml/core/io` subpath: the same exports as the package entry's io section. */
import '../backend/register-gradients.js';

export * from '../io/index.js';
