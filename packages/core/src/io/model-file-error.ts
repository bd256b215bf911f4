/** Thrown when a model folder, or a file in it, is missing or unreadable; `path` names it. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  /** The folder or file at fault. */
  readonly path: string;
  constructor(message: string, path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}
