/**
 * Thrown when a fitted attribute or method of a forecaster or scaler is used before `fit`. It is an
 * `@ml/text` `NotFittedError` (one class to catch across the packages) with a message that fits
 * series rather than documents. Internal to `timeseries`.
 */
import { NotFittedError as TextNotFittedError } from '@ml/text';

export class NotFittedError extends TextNotFittedError {
  constructor(model: string, what: string) {
    super(model);
    this.message = `${model}: '${what}' needs a fitted model; call fit() with a series first`;
  }
}
