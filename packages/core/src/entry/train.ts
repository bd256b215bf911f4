/** The `@ml/core/train` subpath: the same exports as the package entry's train section. */
import '../backend/register-gradients.js';

export * from '../train/index.js';
