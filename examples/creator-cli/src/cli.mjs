/**
 * `ml-creator`: the command-line creator toolkit. `run(argv)` parses the arguments with commander,
 * runs one command, prints text (or JSON with --json) on stdout and returns the exit code: 0, or 1
 * with a one-line `ml-creator: …` message on stderr (the stack too with --verbose).
 */
import { Command, CommanderError, Option } from 'commander';
import { BACKENDS } from './backend.mjs';
import { CliError, positiveInt } from './errors.mjs';

const VERSION = '0.1.0';

/** Parses a number option within [min, max]. */
function number(name, value, { min = -Infinity, max = Infinity } = {}) {
  const n = Number(value);
  if (value === undefined || String(value).trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new CliError(`${name} must be a number from ${min} to ${max}; received ${JSON.stringify(value)}`);
  }
  return n;
}

function common(cmd) {
  return cmd.option('--json', 'print machine-readable JSON on stdout').option('--verbose', 'print stack traces on errors');
}

function backendOption() {
  return new Option('--backend <name>', 'tensor backend').choices(BACKENDS).default('wasm');
}

const HELP_EXAMPLES = `
Examples:
  ml-creator summarize article.txt --sentences 3
  ml-creator keywords article.txt --top 8
  ml-creator sentiment "The food was great but the service was slow."
  ml-creator ask "Who shares seeds?" --context article.txt
  ml-creator recommend --log views.csv --user u01 --top 5 --holdout
  ml-creator classify-images photos/ --save model/   (then: classify-images new/ --model model/)
  ml-creator upscale small.png --scale 2 --out big.png
  ml-creator video-summary frames/ --keyframes keyframes/`;

/**
 * Runs the CLI on `argv` (without `node` and the script). `io` carries the output streams
 * (`stdout`, `stderr`: objects with `write`); returns the exit code.
 */
export async function run(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  const out = (text) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const log = (text) => io.stderr.write(`${text}\n`);
  let exitCode = 0;
  const emit = (options, result, format) => out(options.json ? JSON.stringify(result, null, 2) : format(result));

  const program = new Command('ml-creator')
    .description('A creator toolkit on the command line: summaries, keywords, sentiment, question answering, recommendations, image classification, upscaling and video summaries, all computed locally with the @ml packages.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', HELP_EXAMPLES);

  common(program.command('summarize').argument('<file>', 'a UTF-8 text file (English or Chinese)'))
    .description('extractive summary with TextRank: the most central sentences, in text order')
    .option('-n, --sentences <n>', 'sentences to keep', '3')
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['auto', 'en', 'zh']).default('auto'))
    .action(async (file, o) => {
      const { summarizeCommand, formatSummary } = await import('./commands/summarize.mjs');
      emit(o, await summarizeCommand(file, { sentences: positiveInt('--sentences', o.sentences), lang: o.lang }), formatSummary);
    });

  common(program.command('keywords').argument('<file>', 'a UTF-8 text file (English or Chinese)'))
    .description('keywords and key phrases with TextRank (co-occurrence graph + PageRank)')
    .option('-k, --top <n>', 'keywords to list', '10')
    .option('--window <n>', 'co-occurrence window in tokens (>= 2)', '3')
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['auto', 'en', 'zh']).default('auto'))
    .action(async (file, o) => {
      const { keywordsCommand, formatKeywords } = await import('./commands/keywords.mjs');
      emit(o, await keywordsCommand(file, { top: positiveInt('--top', o.top), window: positiveInt('--window', o.window, { min: 2 }), lang: o.lang }), formatKeywords);
    });

  common(program.command('sentiment').argument('[file|text]', 'a text file, or the text itself in quotes'))
    .description('per-sentence and overall sentiment (English) from a trained TF-IDF + logistic regression classifier')
    .option('--model <dir>', 'a model folder saved with --train ... --save <dir> (default: the built-in model)')
    .option('--model-dir <dir>', 'where the built-in model is cached (default: $XDG_CACHE_HOME/ml-creator/sentiment-v1)')
    .option('--train <tsv>', 'train a model on your own "label<TAB>text" file (header line first; labels must include "positive")')
    .option('--save <dir>', 'with --train: folder to save the trained model to')
    .action(async (input, o) => {
      const { sentimentCommand, formatSentiment } = await import('./commands/sentiment.mjs');
      emit(o, await sentimentCommand(input, o, log), formatSentiment);
    });

  common(program.command('ask').argument('<question>', 'the question, in quotes'))
    .description('extractive question answering over a text: a BERT QA model with --model, else sentence retrieval')
    .requiredOption('-c, --context <file>', 'the text to answer from')
    .option('--model <dir>', 'a Hugging Face BertForQuestionAnswering folder (config.json, model.safetensors, vocab.txt)')
    .option('-k, --top <n>', 'answers to list', '1')
    .addOption(new Option('--lang <lang>', 'language of the context (retrieval)').choices(['auto', 'en', 'zh']).default('auto'))
    .option('--max-seq-length <n>', 'BERT window length in tokens', '384')
    .option('--doc-stride <n>', 'tokens shared by consecutive windows', '128')
    .option('--max-answer-length <n>', 'longest answer in tokens', '30')
    .addOption(backendOption())
    .action(async (question, o) => {
      const { askCommand, formatAnswer } = await import('./commands/ask.mjs');
      const options = {
        ...o,
        top: positiveInt('--top', o.top),
        maxSeqLength: positiveInt('--max-seq-length', o.maxSeqLength, { min: 8 }),
        docStride: positiveInt('--doc-stride', o.docStride, { min: 0 }),
        maxAnswerLength: positiveInt('--max-answer-length', o.maxAnswerLength),
      };
      emit(o, await askCommand(question, options), formatAnswer);
    });

  common(program.command('recommend'))
    .description('recommendations from an interaction log (user,item[,rating[,timestamp]] CSV with a header) with implicit ALS')
    .requiredOption('-l, --log <csv>', 'the interaction log')
    .option('-u, --user <id>', 'recommend for this user only (default: every user)')
    .option('-k, --top <n>', 'items per user (and k of precision@k / NDCG@k)', '10')
    .option('--holdout', 'hold out one interaction per user and report precision@k and NDCG@k')
    .option('--factors <n>', 'latent factors (small logs need few)', '8')
    .option('--iterations <n>', 'ALS sweeps', '15')
    .option('--regularization <x>', 'L2 regularisation', '0.1')
    .option('--alpha <x>', 'confidence scale: c = 1 + alpha * value', '2')
    .option('--seed <n>', 'random seed', '0')
    .action(async (o) => {
      const { recommendCommand, formatRecommendations } = await import('./commands/recommend.mjs');
      const options = {
        ...o,
        top: positiveInt('--top', o.top),
        factors: positiveInt('--factors', o.factors),
        iterations: positiveInt('--iterations', o.iterations),
        regularization: number('--regularization', o.regularization, { min: 0 }),
        alpha: number('--alpha', o.alpha, { min: 0 }),
        seed: positiveInt('--seed', o.seed, { min: 0 }),
      };
      emit(o, await recommendCommand(options), formatRecommendations);
    });

  common(program.command('classify-images').argument('<folder>', 'class sub-folders to train on, or images to classify with --model'))
    .description('train an image classifier on a folder of class sub-folders, or classify a folder of images with --model')
    .option('--model <dir>', 'classify with this saved model instead of training')
    .option('--save <dir>', 'after training, save the model here')
    .option('--epochs <n>', 'training epochs', '15')
    .option('--size <px>', 'images are resized to size×size', '24')
    .addOption(new Option('--architecture <name>', 'network').choices(['lenet', 'vgg', 'resnet']).default('lenet'))
    .option('--validation-split <x>', 'fraction held out for validation', '0.2')
    .option('--batch-size <n>', 'images per step', '16')
    .option('--lr <x>', 'Adam learning rate', '0.003')
    .option('--no-augment', 'no random flips and shifts while training')
    .option('-k, --top <n>', 'labels listed per image (with --model)', '3')
    .option('--seed <n>', 'random seed', '0')
    .addOption(backendOption())
    .action(async (folder, o) => {
      const { classifyImagesCommand, formatClassifyImages } = await import('./commands/classify-images.mjs');
      const options = {
        ...o,
        epochs: positiveInt('--epochs', o.epochs),
        size: positiveInt('--size', o.size, { min: 8, max: 512 }),
        validationSplit: number('--validation-split', o.validationSplit, { min: 0, max: 0.9 }),
        batchSize: positiveInt('--batch-size', o.batchSize),
        lr: number('--lr', o.lr, { min: 1e-8, max: 10 }),
        top: positiveInt('--top', o.top),
        seed: positiveInt('--seed', o.seed, { min: 0 }),
      };
      const result = await classifyImagesCommand(folder, options);
      emit(o, result, formatClassifyImages);
      if (result.errors?.length > 0) {
        const first = result.errors[0];
        log(`ml-creator: ${result.errors.length} of ${result.errors.length + result.predictions.length} images could not be read; first: ${first.error}`);
        exitCode = 1;
      }
    });

  common(program.command('upscale').argument('<image>', 'a PNG or JPEG image'))
    .description("super-resolution with an SrResNet (@ml/gan): --model, else @ml/gan's pretrained model if shipped, else one learnt from the image itself (zero-shot)")
    .addOption(new Option('-s, --scale <n>', 'enlargement factor').choices(['2', '4']).default('2'))
    .option('-o, --out <file>', 'output PNG (default: <image>-x<scale>.png)')
    .option('--model <dir>', 'an SrResNet folder (config.json + model.safetensors) saved by @ml/gan or --save-model')
    .option('--zero-shot', "learn from the image itself even when @ml/gan ships a pretrained model")
    .option('--steps <n>', 'zero-shot training steps', '150')
    .option('--save-model <dir>', 'learn zero-shot (as --zero-shot) and save that model here')
    .option('--seed <n>', 'random seed', '0')
    .addOption(backendOption())
    .action(async (image, o) => {
      const { upscaleCommand, formatUpscale } = await import('./commands/upscale.mjs');
      const options = { ...o, scale: Number(o.scale), steps: positiveInt('--steps', o.steps), seed: positiveInt('--seed', o.seed, { min: 0 }) };
      emit(o, await upscaleCommand(image, options), formatUpscale);
    });

  common(program.command('video-summary').argument('<source>', 'a folder of frames (PNG/JPEG, natural order) or a video file (needs ffmpeg)'))
    .description('split a video into shots with keyframes (and labels with --classifier)')
    .option('--classifier <dir>', 'label shots with an image classifier saved by classify-images --save')
    .option('--keyframes <dir>', 'write each shot\'s keyframe here as PNG')
    .option('--fps <n>', 'frames per second of the frame folder (or sampling rate of a video)', '10')
    .addOption(backendOption())
    .action(async (source, o) => {
      const { videoSummaryCommand, formatVideoSummary } = await import('./commands/video-summary.mjs');
      emit(o, await videoSummaryCommand(source, { ...o, fps: number('--fps', o.fps, { min: 0.001, max: 1000 }) }), formatVideoSummary);
    });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 1;
    }
    const verbose = argv.includes('--verbose');
    const message = String(err?.message ?? err).split('\n')[0];
    log(`ml-creator: ${message}`);
    if (verbose && err?.stack) log(err.stack);
    return 1;
  }
}

