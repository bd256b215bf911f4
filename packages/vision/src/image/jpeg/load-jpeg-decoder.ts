/**
 * The exact JPEG decoder: libjpeg-turbo's decompressor as built into mozjpeg, compiled to
 * WebAssembly and shipped inside the `@jsquash/jpeg` npm package (Squoosh's codec; the `.wasm` file
 * is in the package, nothing is downloaded). It decodes with libjpeg's defaults, as Pillow does:
 * the "islow" integer IDCT, "fancy" (triangular) chroma upsampling and libjpeg's fixed-point
 * YCbCr → RGB, so its pixels equal Pillow's.
 *
 * The WebAssembly module is compiled once and instantiated synchronously, so `decodeImage` stays
 * synchronous: in Node.js the module is read from the installed package on first use; in a browser
 * call `await loadJpegDecoder(url)` once before decoding JPEGs.
 *
 * libjpeg reports a fatal error by `exit()`, which the Emscripten runtime turns into a thrown
 * exception without unwinding the WebAssembly stack or freeing the decoder's memory (measured: one
 * instance fails after about 70 such errors). So after any error the instance is discarded and the
 * next decode starts a fresh one from the compiled module (about 4 ms).
 */
import mozjpegFactory from '@jsquash/jpeg/codec/dec/mozjpeg_dec.js';

/** Where `loadJpegDecoder` gets libjpeg-turbo's WebAssembly: a compiled module, its bytes, or a URL to fetch them from. */
export type JpegDecoderSource = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string;

/** What the Emscripten module of `@jsquash/jpeg` exposes once it is instantiated. */
interface MozJpegModule {
  decode(data: Uint8Array, preserveOrientation: boolean): { width: number; height: number; data: Uint8ClampedArray } | null;
  HEAPU8?: Uint8Array;
}

interface MozJpegOptions {
  noInitialRun: boolean;
  print(line: string): void;
  printErr(line: string): void;
  instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void): WebAssembly.Exports;
}

interface Instance {
  module: MozJpegModule;
  /** libjpeg's warning and error lines of the current decode. */
  messages: string[];
}

/** Discard an instance whose heap has grown past this (it never shrinks), so a huge image does not pin its memory. */
const MAX_RETAINED_HEAP = 256 * 1024 * 1024;

let compiled: WebAssembly.Module | undefined;
let current: Instance | undefined;

function instantiate(wasm: WebAssembly.Module): Instance {
  const messages: string[] = [];
  const options: MozJpegOptions = {
    noInitialRun: true,
    print: (line) => messages.push(line),
    printErr: (line) => messages.push(line),
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(wasm, imports);
      receive(instance);
      return instance.exports;
    },
  };
  // With a synchronous `instantiateWasm`, the Emscripten runtime initialises before the factory
  // returns and adds its exports (`decode`) to the options object itself (MODULARIZE mode).
  const ready = (mozjpegFactory as unknown as (o: MozJpegOptions) => Promise<MozJpegModule>)(options);
  ready.catch(() => undefined);
  const module = options as unknown as MozJpegModule;
  if (typeof module.decode !== 'function') throw new Error('loadJpegDecoder: the @jsquash/jpeg module did not initialise synchronously (unexpected package version?)');
  return { module, messages };
}

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/** The decoder's `.wasm` bytes from the installed `@jsquash/jpeg`, read synchronously; undefined outside Node.js. */
function readWasmInNode(): Uint8Array | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (typeof proc?.versions?.node !== 'string' || typeof proc.getBuiltinModule !== 'function') return undefined;
  const { createRequire } = proc.getBuiltinModule('node:module') as { createRequire(from: string): { resolve(id: string): string } };
  const { readFileSync } = proc.getBuiltinModule('node:fs') as { readFileSync(path: string): Uint8Array };
  return readFileSync(createRequire(import.meta.url).resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'));
}

/**
 * Loads libjpeg-turbo's WebAssembly decoder, which `decodeImage` uses for JPEG files. Needed once in
 * a browser, before the first JPEG decode (pass the URL of `mozjpeg_dec.wasm` from
 * `@jsquash/jpeg/codec/dec/`, e.g. with Vite `import url from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm?url'`,
 * or its bytes); optional in Node.js, where it is read from the installed package when omitted.
 * Calling it again replaces the decoder.
 */
export async function loadJpegDecoder(source?: JpegDecoderSource): Promise<void> {
  let wasm: WebAssembly.Module;
  if (source === undefined) {
    const bytes = readWasmInNode();
    if (bytes === undefined) throw new TypeError("loadJpegDecoder: outside Node.js 'source' is required: the URL (or bytes) of @jsquash/jpeg/codec/dec/mozjpeg_dec.wasm");
    wasm = await WebAssembly.compile(bytes as BufferSource);
  } else if (source instanceof WebAssembly.Module) wasm = source;
  else if (source instanceof ArrayBuffer || source instanceof Uint8Array) wasm = await WebAssembly.compile(source as BufferSource);
  else if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`loadJpegDecoder: cannot fetch '${String(source)}' (HTTP ${response.status})`);
    wasm = await WebAssembly.compile(await response.arrayBuffer());
  } else {
    throw new TypeError(`loadJpegDecoder: 'source' must be a WebAssembly.Module, bytes, a URL or a string; received ${source === null ? 'null' : typeof source}`);
  }
  const instance = instantiate(wasm);
  compiled = wasm;
  current = instance;
}

/** Whether the exact JPEG decoder is ready (in Node.js it loads itself on first use, so this only says whether that happened). */
export function isJpegDecoderLoaded(): boolean {
  return compiled !== undefined;
}

/** Thrown by `decodeJpegRgba` when libjpeg-turbo rejects the file; the message is libjpeg's. */
export class JpegLibError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JpegLibError';
  }
}

function ensureInstance(): Instance | undefined {
  if (current !== undefined) return current;
  if (compiled === undefined) {
    const bytes = readWasmInNode();
    if (bytes === undefined) return undefined;
    compiled = new WebAssembly.Module(bytes as BufferSource);
  }
  current = instantiate(compiled);
  return current;
}

/**
 * Decodes JPEG `bytes` with libjpeg-turbo to RGBA (grayscale is repeated into R, G and B), or
 * returns undefined when the decoder is not loaded (a browser before `loadJpegDecoder`).
 * @throws {JpegLibError} with libjpeg's messages for a file it rejects, and for a truncated file
 * (libjpeg only warns "Premature end of JPEG file" and pads the image with gray; Pillow refuses it).
 */
export function decodeJpegRgba(bytes: Uint8Array): { width: number; height: number; data: Uint8ClampedArray } | undefined {
  const instance = ensureInstance();
  if (instance === undefined) return undefined;
  instance.messages.length = 0;
  let result: ReturnType<MozJpegModule['decode']>;
  try {
    result = instance.module.decode(bytes, false);
  } catch (cause) {
    current = undefined;
    const what = instance.messages.length > 0 ? instance.messages.join('; ') : (cause as Error)?.message ?? String(cause);
    throw new JpegLibError(what);
  }
  const heap = instance.module.HEAPU8?.length ?? 0;
  if (heap > MAX_RETAINED_HEAP) current = undefined;
  if (result === null || result === undefined) throw new JpegLibError(instance.messages.join('; ') || 'decoding failed');
  if (instance.messages.some((m) => m.startsWith('Premature end of JPEG file'))) throw new JpegLibError(instance.messages.join('; '));
  return result;
}
