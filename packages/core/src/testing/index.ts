/**
 * Test helpers for `@ml/*` packages and their users: run a suite on every backend with explained
 * skips, compare tensors with tolerances, and check for tensor leaks.
 * @packageDocumentation
 */
export { describeBackends, planBackends, type BackendPlan } from './backends.js';
export { assertClose, maxRelativeError, type CloseOptions } from './assert-close.js';
export { assertNoLeaks } from './leaks.js';
