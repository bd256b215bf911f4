/**
 * `PngStreamSplitter`: cuts a byte stream of concatenated PNG files (ffmpeg's `-f image2pipe
 * -vcodec png` output) into one PNG per frame by walking the chunk structure (length, type, data,
 * CRC) up to each `IEND`. Bytes arrive in arbitrary pieces; only the unfinished frame is buffered.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class PngStreamSplitter {
  #buffer = new Uint8Array(0);
  /** Where the next chunk header starts, relative to the buffer (0: expecting a signature). */
  #pos = 0;
  /** Bytes consumed before the buffer (for messages). */
  #offset = 0;
  readonly #name: string;

  /** @param name the stream's source, for error messages */
  constructor(name = '<stream>') {
    this.#name = name;
  }

  /** Adds bytes and returns the PNG files completed by them. */
  push(bytes: Uint8Array): Uint8Array[] {
    if (bytes.length > 0) {
      const merged = new Uint8Array(this.#buffer.length + bytes.length);
      merged.set(this.#buffer);
      merged.set(bytes, this.#buffer.length);
      this.#buffer = merged;
    }
    const out: Uint8Array[] = [];
    for (;;) {
      const b = this.#buffer;
      if (this.#pos === 0) {
        if (b.length < 8) break;
        for (let i = 0; i < 8; i++) {
          if (b[i] !== SIGNATURE[i]) throw new Error(`PngStreamSplitter: the stream from '${this.#name}' is not a sequence of PNG images (no PNG signature at byte ${this.#offset})`);
        }
        this.#pos = 8;
      }
      if (b.length < this.#pos + 8) break;
      const length = ((b[this.#pos] << 24) | (b[this.#pos + 1] << 16) | (b[this.#pos + 2] << 8) | b[this.#pos + 3]) >>> 0;
      const type = String.fromCharCode(b[this.#pos + 4], b[this.#pos + 5], b[this.#pos + 6], b[this.#pos + 7]);
      const end = this.#pos + 12 + length;
      if (b.length < end) break;
      this.#pos = end;
      if (type === 'IEND') {
        out.push(b.slice(0, end));
        this.#buffer = b.slice(end);
        this.#offset += end;
        this.#pos = 0;
      }
    }
    return out;
  }

  /** Call at the end of the stream; throws when a PNG was cut off. */
  end(): void {
    if (this.#buffer.length > 0) throw new Error(`PngStreamSplitter: the stream from '${this.#name}' ended inside a PNG image (${this.#buffer.length} bytes after byte ${this.#offset})`);
  }
}

/** Cuts a raw byte stream into frames of exactly `frameBytes` bytes. */
export class RawFrameSplitter {
  #buffer = new Uint8Array(0);
  readonly #frameBytes: number;
  readonly #name: string;

  constructor(frameBytes: number, name = '<stream>') {
    this.#frameBytes = frameBytes;
    this.#name = name;
  }

  /** Adds bytes and returns the frames completed by them. */
  push(bytes: Uint8Array): Uint8Array[] {
    const merged = new Uint8Array(this.#buffer.length + bytes.length);
    merged.set(this.#buffer);
    merged.set(bytes, this.#buffer.length);
    const out: Uint8Array[] = [];
    let s = 0;
    for (; s + this.#frameBytes <= merged.length; s += this.#frameBytes) out.push(merged.slice(s, s + this.#frameBytes));
    this.#buffer = merged.slice(s);
    return out;
  }

  /** Call at the end of the stream; throws when the last frame is incomplete. */
  end(): void {
    if (this.#buffer.length > 0) throw new Error(`RawFrameSplitter: the stream from '${this.#name}' ended inside a frame (${this.#buffer.length} of ${this.#frameBytes} bytes)`);
  }
}
