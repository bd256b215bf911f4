/**
 * `BatchNorm2d` (PyTorch's `torch.nn.BatchNorm2d`) on channels-last input `[N, H, W, C]`
 * (PyTorch: `[N, C, H, W]`). See `BatchNormBase` for the statistics.
 */
import { BatchNormBase, type BatchNormOptions } from '../internal/batch-norm-base.js';

export type BatchNorm2dOptions = BatchNormOptions;

export class BatchNorm2d extends BatchNormBase {
  protected readonly inputRanks = [4];
  protected readonly layoutName = '[N, H, W, C] (NHWC)';

  constructor(numFeatures: number, options: BatchNorm2dOptions = {}) {
    super(numFeatures, options, 'BatchNorm2d');
  }
}
