/**
 * `ml-creator video-summary <frames-folder|video>`: shots, keyframes and (with `--classifier`) shot
 * labels from @ml/vision's `analyzeVideo` (colour-histogram shot boundaries; a video file is decoded by
 * ffmpeg), printed with `formatTimeline`.
 */
import * as vision from '@ml/vision';
import { useBackend } from '../backend.mjs';
import { CliError } from '../errors.mjs';
import { statOrNull } from '../io.mjs';

export async function videoSummaryCommand(source, options) {
  const { analyzeVideo, formatTimeline } = vision;
  if (typeof analyzeVideo !== 'function' || typeof formatTimeline !== 'function') {
    throw new CliError('video-summary: this build of @ml/vision does not export analyzeVideo/formatTimeline yet (rebuild the packages)');
  }
  if ((await statOrNull(source)) === null) throw new CliError(`video-summary <source>: not found: ${source} (expected a folder of frames or a video file)`);
  let classifier = null;
  if (options.classifier) {
    if ((await statOrNull(`${options.classifier}/config.json`)) === null) {
      throw new CliError(`--classifier: ${options.classifier}/config.json not found; expected a folder saved by "ml-creator classify-images <folder> --save <dir>"`);
    }
    await useBackend(options.backend);
    try {
      classifier = await vision.ImageClassifier.load(options.classifier);
    } catch (err) {
      throw new CliError(`--classifier ${options.classifier}: ${err.message}`, { cause: err });
    }
  }
  try {
    const analysis = await analyzeVideo(source, { fps: options.fps, keyframeDir: options.keyframes ?? null, classifier });
    return { ...analysis, timeline: formatTimeline(analysis) };
  } catch (err) {
    throw new CliError(`video-summary ${source}: ${err.message}`, { cause: err });
  } finally {
    classifier?.dispose();
  }
}

export function formatVideoSummary(result) {
  const written = result.shots.filter((s) => s.keyframe?.file).map((s) => s.keyframe.file);
  return `${result.timeline}${written.length > 0 ? `\nkeyframes written: ${written.join(', ')}` : ''}`;
}
