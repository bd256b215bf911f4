/**
 * `PngStreamSplitter`: cuts a byte stream of concatenated PNG files (ffmpeg's `-f image2pipe
 * -vcodec png` output) into one PNG per frame by walking the chunk structure (length, type, data,
 * CRC) up to each `IEND`. Bytes arrive in arbitrary pieces; only the unfinished frame is buffered
 * (in a buffer that grows by doubling, so a large frame arriving in many pieces is copied O(1) times).
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A growable byte buffer (capacity doubles, so appending n bytes costs O(n) overall). */
class ByteQueue {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  append(data: Uint8Array): void {
    if (this.length + data.length > this.bytes.length) {
      let capacity = this.bytes.length;
      while (capacity < this.length + data.length) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** Removes and returns the first `n` bytes (a copy). */
  take(n: number): Uint8Array {
    const out = this.bytes.slice(0, n);
    this.bytes.copyWithin(0, n, this.length);
    this.length -= n;
    return out;
  }
}

export class PngStreamSplitter {
  readonly #queue = new ByteQueue();
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
    const q = this.#queue;
    q.append(bytes);
    const out: Uint8Array[] = [];
    for (;;) {
      const b = q.bytes;
      if (this.#pos === 0) {
        if (q.length < 8) break;
        for (let i = 0; i < 8; i++) {
          if (b[i] !== SIGNATURE[i]) throw new Error(`PngStreamSplitter: the stream from '${this.#name}' is not a sequence of PNG images (no PNG signature at byte ${this.#offset})`);
        }
        this.#pos = 8;
      }
      if (q.length < this.#pos + 8) break;
      const length = ((b[this.#pos] << 24) | (b[this.#pos + 1] << 16) | (b[this.#pos + 2] << 8) | b[this.#pos + 3]) >>> 0;
      const type = String.fromCharCode(b[this.#pos + 4], b[this.#pos + 5], b[this.#pos + 6], b[this.#pos + 7]);
      const end = this.#pos + 12 + length;
      if (q.length < end) break;
      this.#pos = end;
      if (type === 'IEND') {
        out.push(q.take(end));
        this.#offset += end;
        this.#pos = 0;
      }
    }
    return out;
  }

  /** Call at the end of the stream; throws when a PNG was cut off. */
  end(): void {
    if (this.#queue.length > 0) throw new Error(`PngStreamSplitter: the stream from '${this.#name}' ended inside a PNG image (${this.#queue.length} bytes after byte ${this.#offset})`);
  }
}

/** Cuts a raw byte stream into frames of exactly `frameBytes` bytes. */
export class RawFrameSplitter {
  readonly #queue = new ByteQueue();
  readonly #frameBytes: number;
  readonly #name: string;

  constructor(frameBytes: number, name = '<stream>') {
    this.#frameBytes = frameBytes;
    this.#name = name;
  }

  /** Adds bytes and returns the frames completed by them. */
  push(bytes: Uint8Array): Uint8Array[] {
    this.#queue.append(bytes);
    const out: Uint8Array[] = [];
    while (this.#queue.length >= this.#frameBytes) out.push(this.#queue.take(this.#frameBytes));
    return out;
  }

  /** Call at the end of the stream; throws when the last frame is incomplete. */
  end(): void {
    if (this.#queue.length > 0) throw new Error(`RawFrameSplitter: the stream from '${this.#name}' ended inside a frame (${this.#queue.length} of ${this.#frameBytes} bytes)`);
  }
}
