/** A one-line progress bar for terminals: redrawn in place with `\r`, quiet when not a TTY. */

/** The part of a writable stream the bar needs (Node's `process.stdout`, or a test double). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class ProgressBar {
  private lastDraw = -1;

  /** @param stream where to draw; nothing is drawn unless `stream.isTTY`. */
  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly label: string,
  ) {}

  /** Whether this bar draws anything. */
  get active(): boolean {
    return this.stream.isTTY === true;
  }

  /** Redraws for `done` of `total` with a trailing status such as the running loss. */
  update(done: number, status: string): void {
    if (!this.active) return;
    // Redraw at most ~100 times per bar: drawing on every step costs more than tiny steps do.
    const bucket = Math.floor((done / Math.max(1, this.total)) * 100);
    if (bucket === this.lastDraw && done !== this.total) return;
    this.lastDraw = bucket;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - this.label.length - status.length - 20));
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(`\r${this.label} ${bar} ${done}/${this.total} ${status}\u001b[K`);
  }

  /** Ends the line, leaving the final state on screen. */
  finish(status: string): void {
    if (!this.active) return;
    this.lastDraw = -1;
    this.update(this.total, status);
    this.stream.write('\n');
  }
}
