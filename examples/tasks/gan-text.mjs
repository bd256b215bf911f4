/**
 * Text generation with a GAN: a seeded synthetic grammar with number agreement ("the red cat sees a
 * small dog .", "these dogs sleep .") supplies the corpus; TextGan pretrains an LSTM generator by
 * maximum likelihood, pretrains a Kim-style CNN discriminator, then trains both adversarially through
 * the Gumbel-softmax relaxation (straight-through, temperature annealed 1 → 0.1). The grammar's own
 * parser checks every sample. Prints samples and the grammatical fraction of the untrained, the
 * MLE-pretrained and the adversarially trained generator, saves and reloads the model, and exits 1
 * when the trained fraction is below TARGET or not above the untrained one.
 *
 *   node examples/tasks/gan-text.mjs             # full run
 *   ML_QUICK=1 node examples/tasks/gan-text.mjs  # quick run (< 60 s on a quiet machine)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setBackend } from '@ml/core';
import { TextGan, agreementGrammar } from '@ml/gan';
import { QUICK, report } from './report.mjs';

// Knobs
const SEED = 0;
const CORPUS = 2000; // sentences drawn from the grammar
const PRETRAIN_STEPS = QUICK ? 60 : 150; // MLE steps of the generator
const DISCRIMINATOR_PRETRAIN_STEPS = QUICK ? 50 : 100;
const ADVERSARIAL_STEPS = QUICK ? 50 : 100;
const SAMPLES = 500; // samples scored per model
const TARGET = QUICK ? 0.6 : 0.85; // grammatical fraction the trained generator must reach

await setBackend('wasm');
const grammar = agreementGrammar();
console.log('corpus sample:', grammar.sample(3, SEED).map((s) => s.join(' ')).join(' | '));
const score = (samples) => grammar.grammaticalFraction(samples);
const distinct = (samples) => new Set(samples.map((s) => s.join(' '))).size;

const gan = new TextGan({ seed: SEED });
await gan.fit(grammar, { corpusSize: CORPUS, pretrainSteps: 0, discriminatorPretrainSteps: 0, adversarialSteps: 0 });
const untrained = score(await gan.sample(SAMPLES, { seed: 1 }));

let start = performance.now();
await gan.fit(grammar, { corpusSize: CORPUS, pretrainSteps: PRETRAIN_STEPS, discriminatorPretrainSteps: 0, adversarialSteps: 0 });
const mleSamples = await gan.sample(SAMPLES, { seed: 1 });
console.log(`MLE pretraining only (${PRETRAIN_STEPS} steps, ${((performance.now() - start) / 1000).toFixed(1)} s)`);

start = performance.now();
await gan.fit(grammar, {
  corpusSize: CORPUS,
  pretrainSteps: PRETRAIN_STEPS,
  discriminatorPretrainSteps: DISCRIMINATOR_PRETRAIN_STEPS,
  adversarialSteps: ADVERSARIAL_STEPS,
  onProgress: (p) => {
    if (p.phase === 'adversarial' && p.step % 25 === 0) {
      console.log(`  adversarial ${p.step}/${p.steps}: G ${p.generatorLoss.toFixed(3)}  D ${p.discriminatorLoss.toFixed(3)}  τ ${p.temperature.toFixed(2)}`);
    }
  },
});
const samples = await gan.sample(SAMPLES, { seed: 1 });
console.log(`MLE + discriminator pretraining + adversarial (${((performance.now() - start) / 1000).toFixed(1)} s)`);

const dir = await mkdtemp(join(tmpdir(), 'text-gan-'));
await gan.save(dir);
const loaded = await TextGan.load(dir);
const reloaded = await loaded.sample(SAMPLES, { seed: 1 });
await rm(dir, { recursive: true, force: true });
const same = JSON.stringify(reloaded) === JSON.stringify(samples);

console.log('\nsamples (✓ grammatical):');
for (const s of samples.slice(0, 10)) console.log(`  ${grammar.isGrammatical(s) ? '✓' : '✗'} ${s.join(' ')}`);
const trained = score(samples);
console.log(`\ngrammatical fraction of ${SAMPLES} samples:`);
console.log(`  untrained generator         ${untrained.toFixed(3)}`);
console.log(`  MLE pretrained              ${score(mleSamples).toFixed(3)}  (${distinct(mleSamples)} distinct)`);
console.log(`  + adversarial (Gumbel)      ${trained.toFixed(3)}  (${distinct(samples)} distinct)  target ${TARGET}`);
console.log(`saved and reloaded: ${same ? 'same samples' : 'DIFFERENT samples'}`);
gan.dispose();
loaded.dispose();
report({ metric: 'grammatical share of samples (text GAN)', value: trained, target: TARGET });
report({ metric: 'trained − untrained grammatical share', value: trained - untrained, target: 0.1 });
report({ metric: 'same samples after save/load (1 = yes)', value: same ? 1 : 0, target: 1 });
