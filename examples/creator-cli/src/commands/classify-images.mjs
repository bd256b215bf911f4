/**
 * `ml-creator classify-images <folder>`:
 * - without `--model`: the folder has one sub-folder per class (Keras' flow_from_directory layout);
 *   trains @ml/vision's ImageClassifier (LeNet by default) on `1 - validationSplit` of it, prints the
 *   validation accuracy and confusion matrix and, with `--save <dir>`, saves the model
 *   (config.json + model.safetensors).
 * - with `--model <dir>`: classifies every PNG/JPEG under the folder (recursively) with the saved
 *   model and prints the top-k labels and probabilities. Unreadable images are listed, the others
 *   still classified, and the exit code is 1.
 */
import { readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { ImageClassifier, ImageFolder, compose, randomFlip, randomShift, readImage } from '@ml/vision';
import { useBackend } from '../backend.mjs';
import { CliError } from '../errors.mjs';
import { progressBar, requireDirectory, statOrNull } from '../io.mjs';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** Image files under `dir`, sorted. */
export async function listImages(dir) {
  const out = [];
  const walk = async (d) => {
    const entries = (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

function imageError(err) {
  if (err?.name === 'ImageDecodeError') return new CliError(err.message, { cause: err });
  return err;
}

async function train(folder, options) {
  const classDirs = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  if (classDirs.length < 2) {
    throw new CliError(`classify-images ${folder}: expected one sub-folder per class (at least 2) to train on, or --model <dir> to classify; found ${classDirs.length} sub-folder(s)`);
  }
  const split = options.validationSplit;
  const common = { targetSize: [options.size, options.size], rescale: 1 / 255, interpolation: 'area', classMode: 'sparse', validationSplit: split };
  let trainSet;
  let validSet;
  try {
    trainSet = await ImageFolder.fromDirectory(folder, { ...common, subset: 'training' });
    validSet = split > 0 ? await ImageFolder.fromDirectory(folder, { ...common, subset: 'validation' }) : null;
  } catch (err) {
    throw new CliError(`classify-images ${folder}: ${err.message}`, { cause: err });
  }
  if (trainSet.length === 0) throw new CliError(`classify-images ${folder}: the class folders hold no PNG/JPEG images`);
  if (validSet !== null && validSet.length === 0) throw new CliError(`classify-images ${folder}: --validation-split ${split} leaves no validation images; add images or raise it`);
  const clf = new ImageClassifier({ architecture: options.architecture, seed: options.seed, network: options.architecture === 'lenet' ? { filters: [16, 32], hidden: 64 } : {} });
  const bar = progressBar(options, options.epochs, 'training');
  try {
    await clf.fit(trainSet, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      lr: options.lr,
      validationData: validSet,
      augmentation: options.augment ? compose([randomFlip(), randomShift({ width: 0.1, height: 0.1 })]) : null,
      callbacks: [{ onEpochEnd: (logs) => bar.increment(`loss ${Number(logs.loss ?? NaN).toFixed(3)}`) }],
    });
  } catch (err) {
    throw imageError(err);
  } finally {
    bar.stop();
  }
  const history = clf.history.loss.map((loss, e) => ({ epoch: e + 1, loss, valAccuracy: clf.history.valMetrics?.accuracy?.[e] ?? null }));
  const evaluation = validSet ? await clf.evaluate(validSet).catch((err) => Promise.reject(imageError(err))) : null;
  if (options.save) await clf.save(options.save);
  clf.dispose();
  return {
    mode: 'train',
    folder,
    classes: trainSet.classNames,
    trainImages: trainSet.length,
    validationImages: validSet?.length ?? 0,
    architecture: options.architecture,
    epochs: options.epochs,
    history,
    validationAccuracy: evaluation?.accuracy ?? null,
    confusionMatrix: evaluation?.confusionMatrix ?? null,
    savedTo: options.save ?? null,
  };
}

async function classify(folder, options) {
  const modelDir = options.model;
  if ((await statOrNull(modelDir)) === null) throw new CliError(`--model: folder not found: ${modelDir}`);
  if ((await statOrNull(join(modelDir, 'config.json'))) === null) throw new CliError(`--model: ${join(modelDir, 'config.json')} not found; expected a folder saved by "ml-creator classify-images <folder> --save <dir>"`);
  let clf;
  try {
    clf = await ImageClassifier.load(modelDir);
  } catch (err) {
    throw new CliError(`--model ${modelDir}: ${err.message}`, { cause: err });
  }
  const files = await listImages(folder);
  if (files.length === 0) throw new CliError(`classify-images ${folder}: no PNG/JPEG images found`);
  const predictions = [];
  const errors = [];
  const bar = progressBar(options, files.length, 'classifying');
  try {
    for (const file of files) {
      bar.increment();
      let image;
      try {
        image = await readImage(file);
      } catch (err) {
        errors.push({ file: relative(folder, file), error: err.message });
        continue;
      }
      const [p] = await clf.predict([image], { topK: options.top });
      predictions.push({ file: relative(folder, file), label: p.label, probability: p.probability, top: p.top.map((t) => ({ label: t.label, probability: t.probability })) });
    }
  } finally {
    bar.stop();
    clf.dispose();
  }
  return { mode: 'classify', folder, model: modelDir, predictions, errors };
}

export async function classifyImagesCommand(folder, options) {
  await requireDirectory(folder, 'classify-images <folder>');
  const backend = await useBackend(options.backend);
  const result = options.model ? await classify(folder, options) : await train(folder, options);
  return { backend, ...result };
}

export function formatClassifyImages(result) {
  const lines = [];
  if (result.mode === 'train') {
    lines.push(`classes [${result.classes.join(', ')}]: ${result.trainImages} training, ${result.validationImages} validation images; ${result.architecture}, ${result.epochs} epochs on ${result.backend}`);
    for (const h of result.history) lines.push(`epoch ${h.epoch}: loss ${h.loss.toFixed(4)}${h.valAccuracy === null ? '' : `  validation accuracy ${h.valAccuracy.toFixed(3)}`}`);
    if (result.validationAccuracy !== null) {
      lines.push(`validation accuracy: ${result.validationAccuracy.toFixed(3)}`);
      lines.push('confusion matrix (rows: true class):');
      result.confusionMatrix.forEach((row, i) => lines.push(`  ${result.classes[i].padEnd(12)} ${row.map((v) => String(v).padStart(4)).join('')}`));
    }
    lines.push(result.savedTo ? `model saved to ${result.savedTo}` : 'model not saved (pass --save <dir> to keep it)');
  } else {
    for (const p of result.predictions) lines.push(`${p.file}: ${p.top.map((t) => `${t.label} ${(100 * t.probability).toFixed(1)}%`).join(', ')}`);
  }
  return lines.join('\n');
}
