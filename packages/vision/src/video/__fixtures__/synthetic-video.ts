/**
 * Seeded synthetic "videos" for the video tests: shots of three scene types (beach, forest, night)
 * with per-shot colour jitter, per-pixel noise and a moving object, so consecutive frames of a shot
 * differ a little and shots differ a lot. The cuts are known.
 */
import { Rng } from '@ml/core';
import type { RawImage } from '../../image/raw-image.js';

export const SCENES = ['beach', 'forest', 'night'] as const;
export type Scene = (typeof SCENES)[number];

export const WIDTH = 32;
export const HEIGHT = 24;

/** Per-shot appearance: colours jittered, object start position. */
export interface ShotStyle {
  scene: Scene;
  /** Sky at the bottom (for beach): same colours, different layout. */
  flip: boolean;
  colors: [number, number, number][];
  x0: number;
  y0: number;
}

export function shotStyle(scene: Scene, rng: Rng, flip = false): ShotStyle {
  const base: Record<Scene, [number, number, number][]> = {
    beach: [[100, 170, 230], [230, 200, 140], [250, 230, 60]], // sky, sand, sun
    forest: [[40, 120, 50], [90, 60, 30], [60, 150, 60]], // leaves, trunks, light leaves
    night: [[15, 20, 50], [230, 230, 210], [30, 30, 70]], // sky, moon, haze
  };
  const colors = base[scene].map((c) => c.map((v) => Math.max(0, Math.min(255, v + rng.int(31) - 15))) as [number, number, number]);
  return { scene, flip, colors, x0: 4 + rng.int(WIDTH - 8), y0: 3 + rng.int(6) };
}

/** Frame `t` of a shot with style `s`: noise ±`noise` on every channel, the object moves 1 px per frame. */
export function renderFrame(s: ShotStyle, t: number, rng: Rng, noise = 12): RawImage {
  const data = new Uint8Array(WIDTH * HEIGHT * 3);
  const [c0, c1, c2] = s.colors;
  const ox = (s.x0 + t) % WIDTH;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      let c = c0;
      if (s.scene === 'beach') {
        const yy = s.flip ? HEIGHT - 1 - y : y;
        c = yy < HEIGHT * 0.6 ? c0 : c1;
        const dx = x - ox;
        const dy = yy - s.y0;
        if (dx * dx + dy * dy <= 9) c = c2;
      } else if (s.scene === 'forest') {
        c = y < 6 ? c2 : c0;
        if ((x - ox + WIDTH) % 10 < 3 && y >= 6) c = c1; // trunks every 10 px
      } else {
        c = y > HEIGHT - 5 ? c2 : c0;
        const dx = x - ox;
        const dy = y - s.y0;
        if (dx * dx + dy * dy <= 16) c = c1;
      }
      const i = (y * WIDTH + x) * 3;
      for (let k = 0; k < 3; k++) data[i + k] = Math.max(0, Math.min(255, c[k] + rng.int(2 * noise + 1) - noise));
    }
  }
  return { width: WIDTH, height: HEIGHT, channels: 3, data };
}

/** A video of `shots` ([scene, length, flip?]; flip: the previous shot's colours upside down) and the indices where shots 2… start. */
export function syntheticVideo(shots: readonly (readonly [Scene, number, boolean?])[], seed: number): { frames: RawImage[]; cuts: number[]; labels: Scene[] } {
  const rng = new Rng(seed);
  const frames: RawImage[] = [];
  const cuts: number[] = [];
  const labels: Scene[] = [];
  let prev: ShotStyle | undefined;
  for (const [scene, length, flip] of shots) {
    if (frames.length > 0) cuts.push(frames.length);
    const style = flip === true && prev !== undefined ? { ...prev, flip: true } : shotStyle(scene, rng);
    prev = style;
    for (let t = 0; t < length; t++) frames.push(renderFrame(style, t, rng));
    labels.push(scene);
  }
  return { frames, cuts, labels };
}

/** `perScene` single frames of every scene type (fresh styles and positions) with labels, for training. */
export function sceneImages(perScene: number, seed: number): { images: RawImage[]; labels: number[] } {
  const rng = new Rng(seed);
  const images: RawImage[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perScene; i++) {
    SCENES.forEach((scene, c) => {
      images.push(renderFrame(shotStyle(scene, rng), rng.int(WIDTH), rng));
      labels.push(c);
    });
  }
  return { images, labels };
}
