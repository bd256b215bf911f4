/** Thrown when a requested tensor backend cannot be used; the message says why and what is available. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  /** The backend that was asked for. */
  readonly requested: string;
  /** Why it is unavailable. */
  readonly reason: string;
  constructor(requested: string, reason: string, available: readonly string[]) {
    super(
      `Backend '${requested}' is unavailable: ${reason}. Available backends: ` +
        (available.length > 0 ? available.map((b) => `'${b}'`).join(', ') : 'none'),
    );
    this.requested = requested;
    this.reason = reason;
  }
}
