import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { encodePng } from '../image/encode-png.js';
import { ImageDecodeError, type RawImage } from '../image/raw-image.js';
import { FrameFolder } from './frame-folder.js';
import { FfmpegNotFoundError, findFfmpeg, VideoFile } from './video-file.js';
import { PngStreamSplitter, RawFrameSplitter } from './png-stream.js';
import { openFrameSource } from './open-frame-source.js';
import { analyzeVideo } from './analyze-video.js';
import { syntheticVideo } from './__fixtures__/synthetic-video.js';
import { ArrayFrameSource, type FrameSource, type VideoFrame } from './video-frame.js';

let dir: string;

function noiseImage(seed: number, width = 5, height = 4): RawImage {
  const rng = new Rng(seed);
  return { width, height, channels: 3, data: Uint8Array.from({ length: width * height * 3 }, () => rng.int(256)) };
}

async function collect(source: FrameSource): Promise<VideoFrame[]> {
  const out: VideoFrame[] = [];
  for await (const f of source.frames()) out.push(f);
  return out;
}

/** An executable shell script standing in for ffmpeg: records its arguments, then runs `body`. */
async function fakeFfmpeg(name: string, body: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `#!/bin/sh\nprintf '%s\\n' "$@" > '${file}.args'\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ml-vision-video-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FrameFolder', () => {
  it('reads frames in natural order with timestamps from fps, ignoring other files', async () => {
    const folder = join(dir, 'frames');
    await mkdir(folder);
    const names = ['frame10.png', 'frame2.png', 'frame1.png', 'frame9.PNG'];
    for (const [i, n] of names.entries()) await writeFile(join(folder, n), encodePng(noiseImage(i)));
    await writeFile(join(folder, 'notes.txt'), 'not a frame');
    await mkdir(join(folder, 'sub.png'));
    const source = await FrameFolder.open(folder, { fps: 4 });
    expect(source.names).toEqual(['frame1.png', 'frame2.png', 'frame9.PNG', 'frame10.png']);
    const frames = await collect(source);
    expect(frames.map((f) => f.name)).toEqual(['frame1.png', 'frame2.png', 'frame9.PNG', 'frame10.png']);
    expect(frames.map((f) => f.time)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3]);
    expect(frames[3].image.data).toEqual(noiseImage(0).data); // frame10.png was written first
    expect((await source.frame(1)).image.data).toEqual(noiseImage(1).data);
    expect((await openFrameSource(folder, { fps: 4 })).path).toBe(folder);
  });

  it('names a missing folder, a file given as folder, an empty folder and a corrupt frame', async () => {
    await expect(FrameFolder.open(join(dir, 'nope'))).rejects.toThrow(/cannot list the frame folder '.*nope' \(it does not exist\)/);
    await writeFile(join(dir, 'file.txt'), 'x');
    await expect(FrameFolder.open(join(dir, 'file.txt'))).rejects.toThrow(/'.*file\.txt' \(it is not a folder\)/);
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'empty', 'readme.md'), '# no frames');
    await expect(FrameFolder.open(join(dir, 'empty'))).rejects.toThrow(/the frame folder '.*empty' holds no frames \(files ending in \.png, \.jpg, \.jpeg\)/);
    await expect(analyzeVideo(join(dir, 'empty'))).rejects.toThrow(/holds no frames/);
    await expect(analyzeVideo(join(dir, 'missing'))).rejects.toThrow(/cannot open '.*missing' \(it does not exist\); expected a folder of frames/);
    await expect(FrameFolder.open(dir, { fps: 0 })).rejects.toThrow(/'fps' must be a finite number > 0; received 0/);

    const bad = join(dir, 'corrupt');
    await mkdir(bad);
    for (let i = 0; i < 3; i++) await writeFile(join(bad, `f${i}.png`), encodePng(noiseImage(i)));
    await writeFile(join(bad, 'f3.png'), encodePng(noiseImage(3)).subarray(0, 40));
    const err = await analyzeVideo(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageDecodeError);
    expect((err as ImageDecodeError).file).toBe(join(bad, 'f3.png'));
    expect((err as Error).message).toContain('f3.png');
  });
});

describe('PNG and raw frame streams', () => {
  it('splits concatenated PNGs delivered in arbitrary pieces', () => {
    const pngs = [noiseImage(1), noiseImage(2, 7, 3), noiseImage(3)].map((img) => encodePng(img));
    const stream = new Uint8Array(pngs.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of pngs) {
      stream.set(p, o);
      o += p.length;
    }
    for (const piece of [1, 7, 64, stream.length]) {
      const splitter = new PngStreamSplitter('x.mp4');
      const out: Uint8Array[] = [];
      for (let s = 0; s < stream.length; s += piece) out.push(...splitter.push(stream.subarray(s, s + piece)));
      splitter.end();
      expect(out).toEqual(pngs);
    }
    const cut = new PngStreamSplitter('x.mp4');
    cut.push(stream.subarray(0, pngs[0].length + 20));
    expect(() => cut.end()).toThrow(/stream from 'x\.mp4' ended inside a PNG image \(20 bytes/);
    expect(() => new PngStreamSplitter('y.mp4').push(new Uint8Array(16))).toThrow(/'y\.mp4' is not a sequence of PNG images/);
    const raw = new RawFrameSplitter(6, 'z.mp4');
    expect(raw.push(Uint8Array.from([1, 2, 3, 4]))).toEqual([]);
    expect(raw.push(Uint8Array.from([5, 6, 7, 8, 9, 10, 11, 12, 13]))).toEqual([Uint8Array.from([1, 2, 3, 4, 5, 6]), Uint8Array.from([7, 8, 9, 10, 11, 12])]);
    expect(() => raw.end()).toThrow(/ended inside a frame \(1 of 6 bytes\)/);
  });
});

describe('VideoFile (ffmpeg)', () => {
  it('says ffmpeg is missing, naming the video and the alternatives', async () => {
    const video = join(dir, 'holiday.mp4');
    await writeFile(video, 'not really a video');
    const emptyBin = join(dir, 'empty-bin');
    await mkdir(emptyBin, { recursive: true });
    expect(await findFfmpeg({ env: { PATH: emptyBin } })).toBeNull();
    const err = await VideoFile.open(video, { env: { PATH: emptyBin } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegNotFoundError);
    expect((err as FfmpegNotFoundError).file).toBe(video);
    expect((err as Error).message).toMatch(/cannot read the video '.*holiday\.mp4': ffmpeg was not found \(searched PATH\)\. Install ffmpeg .* or pass a folder of frames/);
    await expect(analyzeVideo(video, { env: { PATH: emptyBin } })).rejects.toThrow(/holiday\.mp4.*Install ffmpeg/);
    await expect(VideoFile.open(video, { ffmpegPath: join(dir, 'holiday.mp4') })).rejects.toThrow(/'ffmpegPath' ".*holiday\.mp4" is not an executable file/);
    await expect(VideoFile.open(join(dir, 'gone.mp4'), { env: { PATH: emptyBin } })).rejects.toThrow(/cannot read the video '.*gone\.mp4' \(it does not exist\)/);
  });

  it('streams PNG frames from ffmpeg (a fake ffmpeg on PATH) with the expected arguments', async () => {
    const video = join(dir, 'clip.mp4');
    await writeFile(video, 'fake');
    const frames = [noiseImage(10), noiseImage(11), noiseImage(12)];
    for (const [i, f] of frames.entries()) await writeFile(join(dir, `p${i}.png`), encodePng(f));
    const bin = join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    const ffmpeg = join(bin, 'ffmpeg');
    await writeFile(ffmpeg, `#!/bin/sh\nprintf '%s\\n' "$@" > '${ffmpeg}.args'\ncat '${join(dir, 'p0.png')}' '${join(dir, 'p1.png')}' '${join(dir, 'p2.png')}'\n`);
    await chmod(ffmpeg, 0o755);
    expect(await findFfmpeg({ env: { PATH: `${join(dir, 'empty-bin')}:${bin}` } })).toBe(ffmpeg);
    const source = await openFrameSource(video, { fps: 2, env: { PATH: `${bin}:${process.env.PATH ?? ''}` } });
    expect(source).toBeInstanceOf(VideoFile);
    const got = await collect(source);
    expect((await readFile(`${ffmpeg}.args`, 'utf8')).trim().split('\n')).toEqual(['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', video, '-vf', 'fps=2', '-f', 'image2pipe', '-vcodec', 'png', '-']);
    expect(got.map((f) => f.name)).toEqual(['frame_000000', 'frame_000001', 'frame_000002']);
    expect(got.map((f) => f.time)).toEqual([0, 0.5, 1]);
    got.forEach((f, i) => expect(f.image).toEqual(frames[i]));
    // Stopping early ends the stream cleanly.
    for await (const f of source.frames()) {
      expect(f.index).toBe(0);
      break;
    }
  });

  it('reads raw RGB24 frames of a given size', async () => {
    const frames = [noiseImage(20, 4, 2), noiseImage(21, 4, 2)];
    const raw = new Uint8Array(48);
    raw.set(frames[0].data, 0);
    raw.set(frames[1].data, 24);
    await writeFile(join(dir, 'frames.rgb'), raw);
    const ffmpeg = await fakeFfmpeg('ffmpeg-raw', `cat '${join(dir, 'frames.rgb')}'`);
    const video = join(dir, 'clip.mp4');
    const source = await VideoFile.open(video, { ffmpegPath: ffmpeg, size: [4, 2], fps: 5 });
    const got = await collect(source);
    expect(got.map((f) => f.image)).toEqual(frames);
    expect((await readFile(`${ffmpeg}.args`, 'utf8')).trim().split('\n')).toEqual(['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', video, '-vf', 'fps=5,scale=4:2', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  });

  it('reports ffmpeg failures, truncated streams and videos without frames', async () => {
    const video = join(dir, 'broken.mkv');
    await writeFile(video, 'x');
    const failing = await fakeFfmpeg('ffmpeg-fail', `echo '${video}: Invalid data found when processing input' >&2\nexit 1`);
    await expect(collect(await VideoFile.open(video, { ffmpegPath: failing }))).rejects.toThrow(/ffmpeg failed on '.*broken\.mkv' \(exit code 1\): .*Invalid data found when processing input/);
    await writeFile(join(dir, 'half.png'), encodePng(noiseImage(5)).subarray(0, 50));
    const truncated = await fakeFfmpeg('ffmpeg-trunc', `cat '${join(dir, 'half.png')}'`);
    await expect(collect(await VideoFile.open(video, { ffmpegPath: truncated }))).rejects.toThrow(/ended inside a PNG image/);
    const silent = await fakeFfmpeg('ffmpeg-none', 'exit 0');
    await expect(collect(await VideoFile.open(video, { ffmpegPath: silent }))).rejects.toThrow(/ffmpeg produced no frames from '.*broken\.mkv'/);
  });

  it('analyses a video end to end through ffmpeg (keyframes fetched by a second pass)', async () => {
    const { frames } = syntheticVideo([['beach', 6], ['night', 6]], 5);
    const files = frames.map((_, i) => join(dir, `v${i}.png`));
    for (const [i, f] of frames.entries()) await writeFile(files[i], encodePng(f));
    const ffmpeg = await fakeFfmpeg('ffmpeg-video', `cat ${files.map((f) => `'${f}'`).join(' ')}`);
    const keyframeDir = join(dir, 'keys');
    const result = await analyzeVideo(join(dir, 'clip.mp4'), { ffmpegPath: ffmpeg, fps: 3, keyframe: 'first', keyframeDir });
    expect(result.boundaries).toEqual([6]);
    expect(result.shots.map((s) => [s.start, s.end, s.keyframe.name])).toEqual([[0, 5, 'frame_000000'], [6, 11, 'frame_000006']]);
    expect(result.shots[1].endTime).toBe(4);
    const { decodeImage } = await import('../image/decode-image.js');
    expect(decodeImage(await readFile(join(keyframeDir, 'frame_000006.png')))).toEqual(frames[6]);
    expect(result.shots[0].keyframe.file).toBe(join(keyframeDir, 'frame_000000.png'));
  });
});

describe('ArrayFrameSource', () => {
  it('serves frames from memory', async () => {
    const s = new ArrayFrameSource([noiseImage(1), noiseImage(2)], { fps: 2, names: ['a', 'b'] });
    expect((await collect(s)).map((f) => [f.name, f.time])).toEqual([['a', 0], ['b', 0.5]]);
    expect(() => new ArrayFrameSource([noiseImage(1)], { names: [] })).toThrow(/'names' must have one name per image \(1\); received 0/);
  });
});
