/**
 * The app's wiring: the backend switch, the three panels, drag-and-drop. Every action marks its
 * output element with `data-state` = running | done | error, which the end-to-end tests wait on.
 */
import { tf, type BackendName } from '@ml/core';
import { ImageClassifier, ImageDecodeError, sniffImageFormat } from '@ml/vision';
import { kmeansBlobs, karatePageRank } from './analytics.js';
import { switchBackend } from './backend.js';
import { barChart, lineChart, scatterChart } from './charts.js';
import { NETWORKS, decodeFile, loadDigits, toDigitTensor, trainDigits, type DigitsData, type NetworkSize } from './digits.js';
import { SENTIMENT_SETUP, SentimentModel } from './sentiment.js';
import { analyzeText } from './text.js';
import englishSample from '../samples/creator-article.txt?raw';
import chineseSample from '../samples/chinese-article.txt?raw';

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `job` with `target` marked running, then done or error (the error text goes to `errorEl`). */
async function task(target: HTMLElement, errorEl: HTMLElement, job: () => Promise<void>): Promise<void> {
  target.dataset.state = 'running';
  errorEl.textContent = '';
  try {
    await job();
    target.dataset.state = 'done';
  } catch (err) {
    target.dataset.state = 'error';
    errorEl.textContent = message(err);
    console.warn(err);
  }
}

const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

// ---------- backend switch ----------
let classifier: ImageClassifier | undefined;
let busy = Promise.resolve();
/** Tensor work runs one job at a time, so a backend switch never lands in the middle of training. */
function exclusive(job: () => Promise<void>): Promise<void> {
  const next = busy.then(job, job);
  busy = next.catch(() => undefined);
  return next;
}

async function selectBackend(name: BackendName): Promise<void> {
  const active = $('backend-active');
  await task(active, $('backend-error'), async () => {
    active.textContent = `switching to ${name}…`;
    // The trained network's weights live on the old backend: start again on the new one.
    classifier?.dispose();
    classifier = undefined;
    if ($('train-status').dataset.state === 'done') $('train-status').textContent = 'backend changed: train again';
    const status = await switchBackend(name);
    active.textContent = `${status.name}${status.adapter !== undefined ? ` (${status.adapter})` : ''}`;
    active.dataset.backend = status.name;
    $('backend-speed').textContent = `matmul ${status.n}×${status.n}: ${status.msPerMatmul.toFixed(2)} ms, ${status.gflops.toFixed(2)} GFLOP/s (measured here, mean of ${status.reps})`;
    for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-backend]')) b.classList.toggle('active', b.dataset.backend === status.name);
  });
  if (active.dataset.state === 'error') active.textContent = `${tf.getBackend()} (unchanged)`;
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-backend]')) {
  button.addEventListener('click', () => void exclusive(() => selectBackend((button.dataset.backend ?? 'wasm') as BackendName)));
}

// ---------- text ----------
let sentiment: SentimentModel | undefined;
const textInput = $<HTMLTextAreaElement>('text-input');

async function analyse(): Promise<void> {
  await task($('text-output'), $('text-error'), async () => {
    const text = textInput.value;
    if (text.trim() === '') throw new RangeError('There is no text: paste some, load a sample or drop a .txt file.');
    const result = analyzeText(text);
    $('summary').replaceChildren(...result.summary.map((i) => Object.assign(document.createElement('li'), { textContent: result.sentences[i] ?? '' })));
    $('keywords').replaceChildren(...result.keywords.map((k) => Object.assign(document.createElement('li'), { textContent: k.token, title: `TextRank score ${k.score.toFixed(4)}` })));
    $('phrases').textContent = result.phrases.length > 0 ? `Key phrases: ${result.phrases.join(', ')}` : '';
    if (result.chinese) {
      $('sentiment').textContent = 'Sentiment: not available for Chinese text (the classifier was trained on English clauses only).';
      $('sentiment').dataset.score = '';
      $('sentiment-sentences').replaceChildren();
    } else {
      sentiment ??= SentimentModel.train();
      const scored = sentiment.score(result.sentences).filter((s) => s.positive !== null);
      const sentenceItems = scored.map((s) => {
        const li = document.createElement('li');
        const p = s.positive ?? 0.5;
        li.className = p >= 0.5 ? 'pos' : 'neg';
        li.textContent = `${(p * 100).toFixed(0)}% positive: ${s.sentence}`;
        return li;
      });
      $('sentiment-sentences').replaceChildren(...sentenceItems);
      if (scored.length === 0) {
        $('sentiment').textContent = 'Sentiment: unknown (no sentence uses a word the classifier knows).';
        $('sentiment').dataset.score = '';
      } else {
        const mean = scored.reduce((s, x) => s + (x.positive ?? 0), 0) / scored.length;
        $('sentiment').textContent = `Sentiment: ${mean >= 0.5 ? 'positive' : 'negative'} (mean P(positive) ${mean.toFixed(2)} over ${scored.length} of ${result.sentences.length} sentences with sentiment words)`;
        $('sentiment').dataset.score = mean.toFixed(4);
      }
      $('sentiment-info').textContent =
        `Sentiment model: logistic regression on TF-IDF word 1–2-grams, trained in this page (${sentiment.trainMs.toFixed(0)} ms) on ${SENTIMENT_SETUP.train} generated review clauses ` +
        `such as "the plot was not good" (16 positive and 16 negative adjectives, negations); accuracy on ${SENTIMENT_SETUP.test} held-out generated clauses ${(sentiment.heldOutAccuracy * 100).toFixed(1)}%. ` +
        'It only knows those adjectives: sentences without one are not scored.';
    }
  });
}

$('text-run').addEventListener('click', () => void analyse());
$('text-sample-en').addEventListener('click', () => { textInput.value = englishSample; $('text-source').textContent = 'English sample'; void analyse(); });
$('text-sample-zh').addEventListener('click', () => { textInput.value = chineseSample; $('text-source').textContent = 'Chinese sample'; void analyse(); });
textInput.value = englishSample;

// ---------- images ----------
let digits: DigitsData | undefined;
const lossChart = $('loss-chart');

async function train(): Promise<void> {
  const status = $('train-status');
  await task(status, $('image-error'), async () => {
    status.textContent = 'loading the digits…';
    digits ??= await loadDigits();
    const images = Number($<HTMLInputElement>('train-images').value);
    const epochs = Number($<HTMLInputElement>('train-epochs').value);
    if (!(Number.isInteger(images) && images >= 32)) throw new RangeError(`training images must be an integer ≥ 32; received ${$<HTMLInputElement>('train-images').value}`);
    if (!(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError(`epochs must be an integer ≥ 1; received ${$<HTMLInputElement>('train-epochs').value}`);
    const batchSize = Number($<HTMLInputElement>('train-batch').value);
    const lr = Number($<HTMLInputElement>('train-lr').value);
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batch must be an integer ≥ 1; received ${$<HTMLInputElement>('train-batch').value}`);
    if (!(lr > 0 && lr <= 0.1)) throw new RangeError(`learning rate must be in (0, 0.1]; received ${$<HTMLInputElement>('train-lr').value}`);
    classifier?.dispose();
    const size = $<HTMLSelectElement>('train-network').value;
    if (!(size in NETWORKS)) throw new RangeError(`network must be one of ${Object.keys(NETWORKS).join(', ')}; received ${size}`);
    const network = NETWORKS[size as NetworkSize];
    classifier = new ImageClassifier({ architecture: 'lenet', seed: 1, network });
    const clf = classifier;
    status.textContent = `training LeNet on ${tf.getBackend()}…`;
    const report = await trainDigits(clf, digits, { images, epochs, batchSize, lr }, async (losses) => {
      lineChart(lossChart, losses, { title: `training loss (cross-entropy) per step, ${tf.getBackend()}` });
      status.textContent = `training LeNet on ${tf.getBackend()}: step ${losses.length}, loss ${losses[losses.length - 1]?.toFixed(3) ?? '?'}`;
      await nextFrame();
    });
    lossChart.dataset.steps = String(report.losses.length);
    status.textContent =
      `LeNet ${network.filters.join('-')}-${network.hidden} on ${tf.getBackend()}: ${report.losses.length} steps (${Math.min(images, digits.trainIndices.length)} images × ${epochs} epochs, batch ${batchSize}, Adam lr ${lr}), ` +
      `${report.msPerStep.toFixed(1)} ms per step; held-out accuracy ${(report.accuracy * 100).toFixed(1)}% on ${report.testSize} digits`;
    status.dataset.accuracy = report.accuracy.toFixed(4);
  });
}

$('train-run').addEventListener('click', () => void exclusive(train));

function fitted(): ImageClassifier {
  if (classifier === undefined || !(classifier.classNames.length > 0)) throw new Error('Train the CNN first (press Train), then classify images.');
  return classifier;
}

async function classify(tensor: tf.Tensor4D): Promise<{ label: string; probability: number }> {
  try {
    const [p] = await fitted().predict(tensor);
    if (p === undefined) throw new Error('no prediction');
    return p;
  } finally {
    tensor.dispose();
  }
}

async function classifyImages(files: readonly File[]): Promise<void> {
  const list = $('image-results');
  await task(list, $('image-error'), async () => {
    fitted();
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const li = document.createElement('li');
      const img = document.createElement('img');
      img.src = URL.createObjectURL(file);
      img.alt = file.name;
      const caption = document.createElement('span');
      li.append(img, caption);
      list.prepend(li);
      try {
        const p = await classify(toDigitTensor(decodeFile(bytes, file.name)));
        caption.textContent = `${file.name}: ${p.label} (${(p.probability * 100).toFixed(0)}%)`;
        li.dataset.label = p.label;
      } catch (err) {
        caption.textContent = `${file.name}: ${message(err)}`;
        li.dataset.label = '';
        throw err instanceof ImageDecodeError ? new Error(`Cannot read "${file.name}" as an image: ${err.message}`) : err;
      }
    }
  });
}

// drawing canvas
const canvas = $<HTMLCanvasElement>('draw-canvas');
const ctx = canvas.getContext('2d');
function clearCanvas(): void {
  if (ctx === null) return;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
}
clearCanvas();
let drawing = false;
canvas.addEventListener('pointerdown', (e) => { drawing = true; ctx?.beginPath(); ctx?.moveTo(e.offsetX, e.offsetY); });
canvas.addEventListener('pointermove', (e) => {
  if (!drawing || ctx === null) return;
  ctx.lineWidth = 14;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#000';
  ctx.lineTo(e.offsetX, e.offsetY);
  ctx.stroke();
});
for (const ev of ['pointerup', 'pointerleave'] as const) canvas.addEventListener(ev, () => { drawing = false; });
$('draw-clear').addEventListener('click', () => { clearCanvas(); $('draw-result').textContent = ''; });
$('draw-classify').addEventListener('click', () => void exclusive(async () => {
  const out = $('draw-result');
  await task(out, $('image-error'), async () => {
    if (ctx === null) throw new Error('This browser has no 2D canvas.');
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const p = await classify(toDigitTensor({ width, height, channels: 4, data: new Uint8Array(data.buffer.slice(0)) }));
    out.textContent = `The drawing looks like a ${p.label} (${(p.probability * 100).toFixed(0)}%).`;
    out.dataset.label = p.label;
  });
}));

// ---------- files: drop and choose ----------
const TEXT_EXT = /\.(txt|text|md)$/i;

/** Routes files by content: text to the text panel, PNG/JPEG to the image panel, anything else is an error. */
async function handleFiles(files: readonly File[], errorEl: HTMLElement): Promise<void> {
  errorEl.textContent = '';
  const images: File[] = [];
  for (const file of files) {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const format = sniffImageFormat(head);
    if (format === 'png' || format === 'jpeg') {
      images.push(file);
    } else if (format !== 'unknown') {
      errorEl.textContent = `"${file.name}" is a ${format.toUpperCase()} image: only PNG and JPEG images can be read.`;
    } else if (file.type.startsWith('image/') || /\.(png|jpe?g)$/i.test(file.name)) {
      errorEl.textContent = `"${file.name}" is not a readable image: its bytes do not start with a PNG or JPEG signature (corrupt or mislabelled file).`;
    } else if (file.type === 'text/plain' || (file.type === '' && TEXT_EXT.test(file.name)) || TEXT_EXT.test(file.name)) {
      const text = await file.text();
      if (text.includes('\u0000')) {
        errorEl.textContent = `"${file.name}" is not a text file (it holds binary data). Drop a UTF-8 .txt file.`;
        continue;
      }
      textInput.value = text;
      $('text-source').textContent = `from ${file.name} (${file.size} bytes)`;
      await analyse();
    } else {
      errorEl.textContent =
        `Unsupported file "${file.name}" (${file.type || 'unknown type'}, ${file.size} bytes): ` +
        'drop a .txt text file for the text panel, or a PNG or JPEG image for the image panel.';
    }
  }
  if (images.length > 0) await exclusive(() => classifyImages(images));
}

function dropZone(zone: HTMLElement, input: HTMLInputElement, errorEl: HTMLElement): void {
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void handleFiles(Array.from(e.dataTransfer?.files ?? []), errorEl);
  });
  input.addEventListener('change', () => {
    void handleFiles(Array.from(input.files ?? []), errorEl);
    input.value = '';
  });
}
dropZone($('text-drop'), $<HTMLInputElement>('text-file'), $('text-error'));
dropZone($('image-drop'), $<HTMLInputElement>('image-file'), $('image-error'));
// A file dropped elsewhere on the page must not navigate away from it.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

// ---------- charts ----------
function runPageRank(): void {
  const target = $('pagerank-chart');
  void task(target, $('pagerank-info'), async () => {
    const r = karatePageRank(10);
    barChart(target, r.top.map((t) => ({ label: t.label, value: t.value })), { title: 'PageRank, top 10 members' });
    $('pagerank-info').textContent = `${r.nodes} nodes, ${r.edges} edges; power iteration ${r.converged ? 'converged' : 'did NOT converge'} in ${r.iterations} iterations.`;
  });
}

function runKMeans(): void {
  const target = $('kmeans-chart');
  void task(target, $('kmeans-info'), async () => {
    const k = Number($<HTMLInputElement>('kmeans-k').value);
    const seed = Number($<HTMLInputElement>('kmeans-seed').value);
    if (!(Number.isInteger(k) && k >= 2 && k <= 10)) throw new RangeError(`clusters must be an integer in [2, 10]; received ${$<HTMLInputElement>('kmeans-k').value}`);
    if (!(Number.isInteger(seed) && seed >= 0)) throw new RangeError(`seed must be a non-negative integer; received ${$<HTMLInputElement>('kmeans-seed').value}`);
    const t0 = performance.now();
    const r = kmeansBlobs(k, 150, seed);
    const ms = performance.now() - t0;
    scatterChart(target, r.points, r.labels, { title: `k-means, k = ${k}: ${r.points.length} points`, markers: r.centres });
    target.dataset.ari = r.ari.toFixed(4);
    $('kmeans-info').textContent = `${r.iterations} iterations, inertia ${r.inertia.toFixed(1)}, adjusted Rand index vs the true blobs ${r.ari.toFixed(3)} (${ms.toFixed(0)} ms, @ml/classical KMeans, 5 restarts).`;
  });
}

$('pagerank-run').addEventListener('click', runPageRank);
$('kmeans-run').addEventListener('click', runKMeans);

// ---------- start ----------
runPageRank();
runKMeans();
// WASM first: available everywhere and the fastest software backend; WebGPU is one click away.
void exclusive(() => selectBackend('wasm')).then(() => {
  document.body.dataset.ready = '1';
});
