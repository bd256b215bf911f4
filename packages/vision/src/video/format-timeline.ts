/** `formatTimeline`: a `VideoAnalysis` as readable text, one line per shot. */
import type { VideoAnalysis } from './analyze-video.js';

/** `mm:ss.t` (or `h:mm:ss.t` from one hour), tenths of a second rounded. */
export function formatTimestamp(seconds: number): string {
  if (!(typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)) throw new RangeError(`formatTimestamp: 'seconds' must be a finite number >= 0; received ${String(seconds)}`);
  const tenths = Math.round(seconds * 10);
  const h = Math.floor(tenths / 36000);
  const m = Math.floor((tenths % 36000) / 600);
  const s = (tenths % 600) / 10;
  const mmss = `${String(m).padStart(2, '0')}:${s.toFixed(1).padStart(4, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/**
 * A header line and one line per shot, e.g.
 * `00:00.0–00:03.2  shot 1  keyframe frame_0004.png  label: beach (0.93)`.
 */
export function formatTimeline(result: VideoAnalysis): string {
  if (result === null || typeof result !== 'object' || !Array.isArray(result.shots)) throw new TypeError(`formatTimeline: 'result' must be what analyzeVideo returns; received ${result === null ? 'null' : typeof result}`);
  const lines = [`${result.source}: ${result.frameCount} frames at ${result.fps} fps (${formatTimestamp(result.duration)}), ${result.shots.length} shot${result.shots.length === 1 ? '' : 's'}`];
  const width = String(result.shots.length).length;
  result.shots.forEach((shot, i) => {
    let line = `${formatTimestamp(shot.startTime)}–${formatTimestamp(shot.endTime)}  shot ${String(i + 1).padEnd(width)}  keyframe ${shot.keyframe.name}`;
    if (shot.label !== undefined && shot.confidence !== undefined) line += `  label: ${shot.label} (${shot.confidence.toFixed(2)})`;
    lines.push(line);
  });
  return lines.join('\n');
}
