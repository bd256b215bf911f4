/** The file names of a model folder, as Hugging Face lays one out. */
export const MODEL_FILE_NAMES = { config: 'config.json', weights: 'model.safetensors' } as const;
