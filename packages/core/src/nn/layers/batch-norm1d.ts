/**
 * `BatchNorm1d` (PyTorch's `torch.nn.BatchNorm1d`) on channels-last input `[N, C]` or `[N, L, C]`
 * (PyTorch: `[N, C]` or `[N, C, L]`). See `BatchNormBase` for the statistics.
 */
import { BatchNormBase, type BatchNormOptions } from '../internal/batch-norm-base.js';

export type BatchNorm1dOptions = BatchNormOptions;

export class BatchNorm1d extends BatchNormBase {
  protected readonly inputRanks = [2, 3];
  protected readonly layoutName = '[N, C] or [N, L, C] (channels last)';

  constructor(numFeatures: number, options: BatchNorm1dOptions = {}) {
    super(numFeatures, options, 'BatchNorm1d');
  }
}
