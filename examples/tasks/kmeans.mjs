/**
 * k-means on seeded Gaussian blobs (the guide's clustering task): generates BLOBS clusters of points
 * in 2-D, fits KMeans (k-means++ init, several restarts), prints inertia and the adjusted Rand index
 * against the true blob of each point, and writes a scatter plot of the clusters and centres as SVG.
 * Exits 1 when the adjusted Rand index is below TARGET.
 *
 *   node examples/tasks/kmeans.mjs [out.svg]   (default: <tmpdir>/ml-kmeans-blobs.svg)
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Rng, adjustedRandScore } from '@ml/core';
import { KMeans } from '@ml/classical';
import { QUICK, report } from './report.mjs';

const BLOBS = 5;
const POINTS_PER_BLOB = 200;
const SPREAD = 1.2; // standard deviation of each blob
const BOX = 12; // blob centres uniform in [-BOX, BOX]²
const SEED = 3;
const TARGET = 0.9; // adjusted Rand index to reach (1 = the true blobs exactly)
const out = process.argv[2] ?? join(os.tmpdir(), 'ml-kmeans-blobs.svg');

const rng = new Rng(SEED);
// Blob centres uniform in the box, redrawn while closer than MIN_GAP to an earlier one, so the blobs
// are separable and the true grouping is the best one k-means can find.
const MIN_GAP = 6 * SPREAD;
const centres = [];
while (centres.length < BLOBS) {
  const c = [rng.uniform(-BOX, BOX), rng.uniform(-BOX, BOX)];
  if (centres.every((o) => Math.hypot(o[0] - c[0], o[1] - c[1]) >= MIN_GAP)) centres.push(c);
}
const X = [];
const truth = [];
for (let b = 0; b < BLOBS; b++) {
  for (let i = 0; i < POINTS_PER_BLOB; i++) {
    X.push([rng.normal(centres[b][0], SPREAD), rng.normal(centres[b][1], SPREAD)]);
    truth.push(b);
  }
}

const km = new KMeans({ nClusters: BLOBS, nInit: 10, randomState: SEED }).fit(X);
const ari = adjustedRandScore(truth, km.labels);
console.log(`k-means on ${X.length} points in ${BLOBS} blobs: ${km.nIter} iterations, inertia ${km.inertia.toFixed(1)}`);
console.log(`adjusted Rand index vs the true blobs: ${ari.toFixed(4)} (target ≥ ${TARGET})`);

// Scatter plot: one colour per found cluster, centres as black crosses.
const W = 480;
const pad = 20;
const xs = X.map((p) => p[0]);
const ys = X.map((p) => p[1]);
const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
const sx = (v) => (pad + ((v - x0) / (x1 - x0)) * (W - 2 * pad)).toFixed(1);
const sy = (v) => (W - pad - ((v - y0) / (y1 - y0)) * (W - 2 * pad)).toFixed(1);
const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const dots = X.map((p, i) => `<circle cx="${sx(p[0])}" cy="${sy(p[1])}" r="2.5" fill="${colours[km.labels[i] % colours.length]}" fill-opacity="0.7"/>`);
const crosses = km.clusterCenters.map(([cx, cy]) => `<path d="M${sx(cx) - 6},${sy(cy)}h12M${sx(cx)},${sy(cy) - 6}v12" stroke="black" stroke-width="2.5"/>`);
writeFileSync(
  out,
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}" viewBox="0 0 ${W} ${W}">\n` +
    `<rect width="100%" height="100%" fill="white"/>\n<text x="${pad}" y="14" font-family="sans-serif" font-size="12">KMeans k=${BLOBS}, ARI ${ari.toFixed(3)}</text>\n` +
    `${dots.join('\n')}\n${crosses.join('\n')}\n</svg>\n`,
);
console.log(`scatter plot written to ${out}`);
report({ metric: 'adjusted Rand index vs the true blobs', value: ari, target: TARGET });
