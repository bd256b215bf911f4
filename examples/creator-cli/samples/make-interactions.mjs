/**
 * Regenerates samples/interactions.csv: a seeded view log of 60 viewers and 40 videos in 4 topics
 * (each viewer prefers one topic; 8–14 videos each; views 1–3; increasing timestamps).
 *
 *   node examples/creator-cli/samples/make-interactions.mjs
 */
import { writeFileSync } from 'node:fs';
import { Rng } from '@ml/core';

const rng = new Rng(11);
const TOPICS = ['cooking', 'travel', 'gaming', 'music'];
const VIDEOS = 40;
const lines = ['user,item,views,timestamp'];
for (let u = 0; u < 60; u++) {
  const liked = rng.int(TOPICS.length);
  const weights = Array.from({ length: VIDEOS }, (_, v) => (v % TOPICS.length === liked ? 10 : 1));
  const n = 8 + rng.int(7);
  const seen = new Set();
  let t = 1_700_000_000 + rng.int(1000);
  while (seen.size < n) {
    const v = rng.categorical(weights);
    if (seen.has(v)) continue;
    seen.add(v);
    lines.push(`u${String(u).padStart(2, '0')},${TOPICS[v % TOPICS.length]}-${String(v).padStart(2, '0')},${1 + rng.int(3)},${(t += 60 + rng.int(3600))}`);
  }
}
writeFileSync(new URL('./interactions.csv', import.meta.url), `${lines.join('\n')}\n`);
