/** The `@ml/core/metrics` subpath: the same exports as the package entry's metrics section. */
import '../backend/register-gradients.js';

export * from '../metrics/index.js';
