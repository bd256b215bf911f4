/**
 * English → Chinese-style toy translation with a transformer encoder–decoder (@ml/transformer).
 *
 * A seeded generator writes parallel sentences such as "the big cat eats the fish today" →
 * "今天大猫吃鱼": English words become Chinese words, articles disappear, the time word moves to the
 * front, and "not" becomes 不 before the verb. English is split on spaces, Chinese into characters
 * (its BLEU is character BLEU, as usual for Chinese). Trains `TransformerSeq2Seq` with label-smoothed
 * cross-entropy, prints held-out BLEU for greedy decoding and beam search, and a few translations with
 * their n-best lists. Exits 1 when greedy BLEU is below TARGET_BLEU.
 *
 *   node examples/tasks/translation.mjs
 */
import { AdamW, Rng, corpusBleu, setBackend, tf } from '@ml/core';
import { TransformerSeq2Seq, translate } from '@ml/transformer';
import { QUICK, report } from './report.mjs';

const SEED = 5;
const STEPS = 220;
const BATCH = 32;
const TARGET_BLEU = 90;

const NOUNS = { cat: '猫', dog: '狗', teacher: '老师', student: '学生', fish: '鱼', rice: '米饭', book: '书', tea: '茶', bird: '鸟' };
const ADJS = { big: '大', small: '小', old: '老', red: '红' };
const VERBS = { eats: '吃', sees: '看见', likes: '喜欢', buys: '买', draws: '画' };
const TIMES = { today: '今天', yesterday: '昨天', tomorrow: '明天', '': '' };
const pick = (rng, obj) => {
  const keys = Object.keys(obj);
  return keys[rng.int(keys.length)];
};

function pair(rng) {
  const np = () => {
    const adj = rng.random() < 0.4 ? pick(rng, ADJS) : null;
    const noun = pick(rng, NOUNS);
    return { en: ['the', ...(adj ? [adj] : []), noun], zh: (adj ? ADJS[adj] : '') + NOUNS[noun] };
  };
  const subj = np();
  const obj = np();
  const verb = pick(rng, VERBS);
  const not = rng.random() < 0.25;
  const time = pick(rng, TIMES);
  const en = [...subj.en, ...(not ? ['does', 'not'] : []), not ? verb.replace(/s$/, '') : verb, ...obj.en, ...(time ? [time] : [])];
  const zh = TIMES[time] + subj.zh + (not ? '不' : '') + VERBS[verb] + obj.zh;
  return { en, zh: Array.from(zh) };
}

// Vocabularies: 0 pad, 1 BOS, 2 EOS, then the words / characters.
function vocabulary(sentences) {
  const itos = ['<pad>', '<s>', '</s>', ...new Set(sentences.flat())];
  return { itos, stoi: new Map(itos.map((w, i) => [w, i])) };
}

await setBackend('wasm');
const t0 = performance.now();
const rng = new Rng(SEED);
const seen = new Set();
const test = [];
while (test.length < 100) {
  const p = pair(rng);
  if (!seen.has(p.en.join(' '))) (seen.add(p.en.join(' ')), test.push(p));
}
const trainPair = () => {
  for (;;) {
    const p = pair(rng);
    if (!seen.has(p.en.join(' '))) return p; // held-out sentences never appear in training
  }
};
// The generator's full vocabularies (every word can appear), from a large sample.
const sample = Array.from({ length: 5000 }, () => pair(new Rng(rng.int(1e9))));
const en = vocabulary(sample.map((p) => p.en));
const zh = vocabulary(sample.map((p) => p.zh));
const ids = (v, words) => words.map((w) => v.stoi.get(w));
console.log(`vocabularies: ${en.itos.length} English words, ${zh.itos.length} Chinese characters`);

const model = new TransformerSeq2Seq(
  { srcVocabSize: en.itos.length, tgtVocabSize: zh.itos.length, dModel: 64, nHead: 4, numEncoderLayers: 2, numDecoderLayers: 2, dimFeedforward: 128, dropout: 0, maxLength: 24 },
  { seed: SEED },
);
const opt = new AdamW(model.parameters(), { lr: 2e-3, weightDecay: 0 });
for (let step = 1; step <= STEPS; step++) {
  const pairs = Array.from({ length: BATCH }, trainPair);
  const batch = model.makeBatch(pairs.map((p) => ids(en, p.en)), pairs.map((p) => ids(zh, p.zh)));
  const { value, grads } = tf.variableGrads(() => model.loss(batch, { labelSmoothing: 0.1 }));
  opt.step(grads);
  if (step % 50 === 0 || step === STEPS) console.log(`step ${step}: label-smoothed loss ${(await value.data())[0].toFixed(3)}`);
  tf.dispose([value, ...Object.values(grads), ...Object.values(batch)]);
}

const sources = test.map((p) => ids(en, p.en));
const refs = test.map((p) => [p.zh]);
const toZh = (t) => t.tokens.map((i) => zh.itos[i]);
const greedy = await translate(model, sources);
const greedyBleu = corpusBleu(greedy.map(toZh), refs).score * 100;
const beam = await translate(model, sources, { numBeams: 4, numReturnSequences: 3, lengthPenalty: 1 });
const beamBleu = corpusBleu(beam.map(toZh), refs).score * 100;
console.log(`held-out character BLEU: greedy ${greedyBleu.toFixed(1)}, beam search (4 beams) ${beamBleu.toFixed(1)} (target >= ${TARGET_BLEU})\n`);
for (let i = 0; i < 4; i++) {
  console.log(`${test[i].en.join(' ')}\n  reference ${test[i].zh.join('')}`);
  for (const h of beam[i].sequences) console.log(`  ${h.score.toFixed(3).padStart(7)}  ${toZh(h).join('')}`);
}
console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
opt.dispose();
model.dispose();
report({ metric: 'held-out character BLEU (transformer, greedy)', value: greedyBleu, target: TARGET_BLEU });
