/**
 * Argument checks shared by the wasm convolution-gradient kernels, and the forward convolution's
 * geometry (`backend_util.computeConv2DInfo`) they all derive from.
 */
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';

type Pair = number | [number, number];
type Padding = 'valid' | 'same' | number | backend_util.ExplicitPadding;

/** What a convolution-gradient kernel knows about the forward convolution it differentiates. */
export interface ConvGradSpec {
  /** Kernel name, used in error messages. */
  kernel: string;
  /** The forward input's shape. */
  xShape: readonly number[];
  /** The forward filter's shape. */
  filterShape: readonly number[];
  /** The forward output gradient. */
  dy: TensorInfo;
  /** The other float32 input (x or filter), checked for dtype and rank. */
  other: { name: string; info: TensorInfo };
  strides: Pair;
  dilations: Pair;
  pad: Padding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  depthwise: boolean;
  dataFormat: 'NHWC' | 'NCHW';
}

function checkPair(kernel: string, name: string, value: Pair): void {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(`${kernel}: '${name}' must be a positive integer or two of them; received ${JSON.stringify(value)}`);
  }
}

function checkShape(kernel: string, name: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.length !== 4 || !shape.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new Error(`${kernel}: '${name}' must be 4 non-negative integers; received ${JSON.stringify(shape)}`);
  }
}

function checkFloat4D(kernel: string, name: string, info: TensorInfo): void {
  if (info.dtype !== 'float32') {
    throw new Error(`${kernel}: '${name}' must be float32; received ${info.dtype}`);
  }
  if (info.shape.length !== 4) {
    throw new Error(`${kernel}: '${name}' must be rank 4; received shape [${info.shape.join(', ')}]`);
  }
}

/**
 * Validates the attributes and inputs of a convolution-gradient kernel and returns the forward
 * convolution's geometry.
 * @throws {Error} naming the argument, what was expected and what was received.
 */
export function checkedConvInfo(spec: ConvGradSpec): backend_util.Conv2DInfo {
  const { kernel } = spec;
  if (spec.dataFormat !== 'NHWC' && spec.dataFormat !== 'NCHW') {
    throw new Error(`${kernel}: 'dataFormat' must be 'NHWC' or 'NCHW'; received ${JSON.stringify(spec.dataFormat)}`);
  }
  checkPair(kernel, 'strides', spec.strides);
  checkPair(kernel, 'dilations', spec.dilations);
  checkShape(kernel, spec.other.name === 'x' ? 'filterShape' : 'inputShape', spec.other.name === 'x' ? spec.filterShape : spec.xShape);
  checkFloat4D(kernel, 'dy', spec.dy);
  checkFloat4D(kernel, spec.other.name, spec.other.info);
  const inChannels = spec.dataFormat === 'NHWC' ? spec.xShape[3] : spec.xShape[1];
  if (spec.filterShape[2] !== inChannels) {
    throw new Error(
      `${kernel}: the filter's input channels (filterShape[2]) must equal the input's channels; ` +
        `received filter shape [${spec.filterShape.join(', ')}] for input shape [${spec.xShape.join(', ')}]`,
    );
  }
  const info = backend_util.computeConv2DInfo(
    spec.xShape as [number, number, number, number],
    spec.filterShape as [number, number, number, number],
    spec.strides,
    spec.dilations,
    spec.pad,
    spec.dimRoundingMode,
    spec.depthwise,
    backend_util.convertConv2DDataFormat(spec.dataFormat),
  );
  if (info.outShape.join(',') !== spec.dy.shape.join(',')) {
    throw new Error(
      `${kernel}: 'dy' must have the forward convolution's output shape [${info.outShape.join(', ')}]; ` +
        `received [${spec.dy.shape.join(', ')}]`,
    );
  }
  return info;
}
