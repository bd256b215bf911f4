import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeImage } from '../decode-image.js';
import { ImageDecodeError } from '../raw-image.js';

// Reference: scripts/fixtures/vision_image_io.py (Pillow 9.4 / libjpeg-turbo 2.1).
const DIR = join(__dirname, '..', '__fixtures__');
const FIX = JSON.parse(readFileSync(join(DIR, 'image-io.json'), 'utf8')) as { decode: Record<string, { pixels: number[] }> };
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));
const wasmPath = createRequire(import.meta.url).resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm');

const exact = (name: string, data: Uint8Array): boolean => {
  const ref = FIX.decode[name].pixels;
  return data.length === ref.length && data.every((v, i) => v === ref[i]);
};

describe('libjpeg-turbo decoder lifecycle', () => {
  it('survives many corrupt files in a row (each error discards the WebAssembly instance)', () => {
    // One Emscripten instance breaks after about 70 libjpeg errors (its stack and heap are not
    // unwound by exit()); 150 errors would crash a decoder that kept its instance.
    const full = bytes('odd420.jpg');
    const cut = full.slice(0, 400);
    for (let i = 0; i < 150; i++) expect(() => decodeImage(cut, { name: `cut-${i}.jpg` })).toThrow(ImageDecodeError);
    expect(exact('odd420.jpg', decodeImage(full).data)).toBe(true);
  });

  it('libjpeg warnings are not printed to the console', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(() => decodeImage(bytes('rgb.jpg').slice(0, 300), { name: 'cut.jpg' })).toThrow(/Premature end of JPEG file/);
      expect(spy).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
  });

  it("outside Node.js (simulated): 'auto' falls back to jpeg-js, 'libjpeg-turbo' throws until loadJpegDecoder(source), then both decode exactly", async () => {
    vi.resetModules();
    const loader = await import('./load-jpeg-decoder.js');
    const fresh = await import('../decode-image.js');
    const proc = process as unknown as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    const asBrowser = <T>(f: () => T): T => {
      proc.getBuiltinModule = undefined; // what readWasmInNode looks for: absent in browsers
      try {
        return f();
      } finally {
        proc.getBuiltinModule = original;
      }
    };
    expect(loader.isJpegDecoderLoaded()).toBe(false);
    asBrowser(() => {
      expect(() => fresh.decodeImage(bytes('rgb420.jpg'), { name: 'a.jpg', jpegDecoder: 'libjpeg-turbo' })).toThrow(/cannot decode the JPEG 'a\.jpg': the libjpeg-turbo decoder is not loaded; outside Node\.js call 'await loadJpegDecoder\(url\)' first/);
      // 'auto' (the default) falls back to jpeg-js, which needs nothing loaded.
      const viaJpegJs = fresh.decodeImage(bytes('rgb420.jpg'), { jpegDecoder: 'jpeg-js' });
      expect(exact('rgb420.jpg', viaJpegJs.data)).toBe(false);
      expect(Array.from(fresh.decodeImage(bytes('rgb420.jpg')).data)).toEqual(Array.from(viaJpegJs.data));
    });
    proc.getBuiltinModule = undefined;
    const noSource = loader.loadJpegDecoder();
    proc.getBuiltinModule = original;
    await expect(noSource).rejects.toThrow(/outside Node\.js 'source' is required/);
    await expect(loader.loadJpegDecoder(42 as unknown as URL)).rejects.toThrow(/'source' must be a WebAssembly\.Module, bytes, a URL or a string; received number/);
    // A URL, as a browser passes one (Node's fetch reads data: URLs).
    const url = `data:application/wasm;base64,${readFileSync(wasmPath).toString('base64')}`;
    await loader.loadJpegDecoder(url);
    expect(loader.isJpegDecoderLoaded()).toBe(true);
    asBrowser(() => {
      for (const name of ['rgb420.jpg', 'progressive420.jpg', 'gray.jpg']) {
        expect(exact(name, fresh.decodeImage(bytes(name)).data)).toBe(true);
        expect(exact(name, fresh.decodeImage(bytes(name), { jpegDecoder: 'libjpeg-turbo' }).data)).toBe(true);
      }
      // After an error the instance is rebuilt from the module compiled from that URL.
      expect(() => fresh.decodeImage(bytes('rgb.jpg').slice(0, 300), { name: 'cut.jpg' })).toThrow(/'cut\.jpg' is a corrupt or truncated JPEG/);
      expect(exact('odd422.jpg', fresh.decodeImage(bytes('odd422.jpg')).data)).toBe(true);
    });
    // Bytes and a compiled module work too.
    await loader.loadJpegDecoder(readFileSync(wasmPath));
    await loader.loadJpegDecoder(new WebAssembly.Module(readFileSync(wasmPath)));
    expect(exact('restart420.jpg', fresh.decodeImage(bytes('restart420.jpg')).data)).toBe(true);
  });
});
