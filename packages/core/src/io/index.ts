/** safetensors reading and writing, tfjs tensor conversion, and model folder / bytes persistence. */
export { readSafetensors, type ReadSafetensorsOptions } from './read-safetensors.js';
export { writeSafetensors } from './write-safetensors.js';
export { toTensor } from './to-tensor.js';
export { fromTensor, type FromTensorOptions } from './from-tensor.js';
export { stateDictTensors, type HasStateDict } from './state-dict-tensors.js';
export { SafetensorsError } from './safetensors-error.js';
export { SAFETENSORS_DTYPES, type SafetensorsDtype } from './safetensors-dtype.js';
export type { SafetensorsData, SafetensorsFile, SafetensorsInput, SafetensorsInputs, SafetensorsTensor } from './safetensors-types.js';
export { saveModelFiles } from './save-model-files.js';
export { loadModelFiles } from './load-model-files.js';
export { packModel } from './pack-model.js';
export { unpackModel } from './unpack-model.js';
export { ModelFileError } from './model-file-error.js';
export { MODEL_FILE_NAMES } from './model-file-names.js';
export type { ModelConfig, ModelFilesInput, LoadedModelFiles } from './model-files-types.js';
