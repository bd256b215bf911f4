/**
 * Text generation with a small GPT (@ml/transformer): train a byte-level BPE tokenizer (@ml/text) and
 * a 2-layer GPT on a seeded, generated corpus of short "weather report" sentences, print the held-out
 * perplexity next to a unigram model's, then stream a top-p sampled continuation token by token.
 * Exits 1 when the held-out perplexity is above TARGET_PPL.
 *
 *   node examples/tasks/text-generation.mjs
 */
import { AdamW, Rng, crossEntropy, setBackend, tf } from '@ml/core';
import { ByteLevelBpeTokenizer } from '@ml/text';
import { Gpt, generate } from '@ml/transformer';
import { QUICK, report } from './report.mjs';

const SEED = 3;
const CONTEXT = 32;
const STEPS = 150;
const BATCH = 16;
const TARGET_PPL = 1.6; // held-out perplexity per BPE token the model must reach (the corpus's floor is ≈ 1.26)

// A seeded corpus: each sentence follows a template, with words that agree (sunny → warm, snow → cold).
const CITIES = ['paris', 'lima', 'oslo', 'cairo', 'tokyo', 'quito', 'perth', 'dakar'];
const DAYS = ['monday', 'tuesday', 'friday', 'sunday'];
const WEATHER = [
  { sky: 'sunny', temp: ['warm', 'hot'], advice: 'bring a hat' },
  { sky: 'rainy', temp: ['cool', 'mild'], advice: 'bring an umbrella' },
  { sky: 'snowy', temp: ['cold', 'freezing'], advice: 'wear a coat' },
  { sky: 'windy', temp: ['cool', 'fresh'], advice: 'hold on to your hat' },
];
function sentence(rng) {
  const w = WEATHER[rng.int(WEATHER.length)];
  return `on ${DAYS[rng.int(DAYS.length)]} ${CITIES[rng.int(CITIES.length)]} will be ${w.sky} and ${w.temp[rng.int(2)]}, so ${w.advice}.`;
}

await setBackend('wasm');
const rng = new Rng(SEED);
const train = Array.from({ length: 3000 }, () => sentence(rng));
const heldOut = Array.from({ length: 200 }, () => sentence(rng));
const t0 = performance.now();
const tokenizer = ByteLevelBpeTokenizer.train(train, { vocabSize: 320, minFrequency: 2, specialTokens: ['<|endoftext|>'] });
const eot = tokenizer.tokenToId('<|endoftext|>');
const stream = (texts) => texts.flatMap((s) => [...tokenizer.encode(s, null, { addSpecialTokens: false }).ids, eot]);
const trainIds = stream(train);
const heldIds = stream(heldOut);
console.log(`tokenizer: ${tokenizer.vocabSize} tokens; corpus ${trainIds.length} training tokens, ${heldIds.length} held out`);

const model = new Gpt({ vocabSize: tokenizer.vocabSize, nPositions: CONTEXT, nEmbd: 64, nLayer: 2, nHead: 4, dropout: 0 }, { seed: SEED });
const opt = new AdamW(model.parameters(), { lr: 3e-3, weightDecay: 0.01 });
const windows = (ids, starts) => {
  const x = starts.map((s) => ids.slice(s, s + CONTEXT));
  const y = starts.map((s) => ids.slice(s + 1, s + CONTEXT + 1));
  return [tf.tensor2d(x, [starts.length, CONTEXT], 'int32'), tf.tensor2d(y, [starts.length, CONTEXT], 'int32')];
};
for (let step = 1; step <= STEPS; step++) {
  const [x, y] = windows(trainIds, Array.from({ length: BATCH }, () => rng.int(trainIds.length - CONTEXT - 1)));
  const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x), y));
  opt.step(grads);
  if (step % 50 === 0 || step === STEPS) console.log(`step ${step}: loss ${(await value.data())[0].toFixed(3)}`);
  tf.dispose([x, y, value, ...Object.values(grads)]);
}

// Held-out perplexity: exp(mean cross-entropy) over non-overlapping windows.
model.eval();
const starts = [];
for (let s = 0; s + CONTEXT + 1 <= heldIds.length; s += CONTEXT) starts.push(s);
const [hx, hy] = windows(heldIds, starts);
const loss = tf.tidy(() => crossEntropy(model.forward(hx), hy));
const ppl = Math.exp((await loss.data())[0]);
tf.dispose([hx, hy, loss]);
const counts = new Float64Array(tokenizer.vocabSize).fill(1);
for (const id of trainIds) counts[id] += 1;
const total = counts.reduce((a, b) => a + b, 0);
const unigram = Math.exp(-heldIds.slice(1).reduce((a, id) => a + Math.log(counts[id] / total), 0) / (heldIds.length - 1));
// The generator draws 8 bits per sentence (4 days × 8 cities × 4 skies × 2 temperatures): the best possible perplexity.
const floor = Math.pow(2, (8 * heldOut.length) / heldIds.length);
console.log(`held-out perplexity: ${ppl.toFixed(2)} (best possible ${floor.toFixed(2)}, unigram model ${unigram.toFixed(1)}; target <= ${TARGET_PPL})`);

// Stream a top-p sample, printing each token's text as soon as it is chosen.
const prompt = 'on friday oslo will be';
const promptIds = tokenizer.encode(prompt, null, { addSpecialTokens: false }).ids;
process.stdout.write(`\nsample (top-p 0.9, temperature 0.8): ${prompt}`);
const out = [];
await generate(model, promptIds, {
  maxNewTokens: 24,
  doSample: true,
  topP: 0.9,
  temperature: 0.8,
  seed: SEED,
  eosTokenId: eot,
  onToken: (id) => {
    const before = tokenizer.decode(out);
    out.push(id);
    if (id !== eot) process.stdout.write(tokenizer.decode(out).slice(before.length));
  },
});
console.log(`\n\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
opt.dispose();
model.dispose();
report({ metric: 'held-out perplexity per BPE token (GPT)', value: ppl, target: TARGET_PPL, higherIsBetter: false });
