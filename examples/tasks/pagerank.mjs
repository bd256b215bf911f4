/**
 * Ranks the pages of a synthetic web site with PageRank and prints the top pages, then ranks them
 * again personalised to one section (topic-sensitive PageRank) and with HITS.
 *
 * The site: a home page, section index pages, articles that link to their section, to the home
 * page and to a few other articles (preferring popular ones), and orphan pages nobody links to,
 * some with no links out (dangling). Built from a seeded generator, so every run is the same.
 *
 *   node examples/tasks/pagerank.mjs
 * Exits 1 when the home page is not ranked first or PageRank does not converge.
 */
import { Rng } from '@ml/core';
import { Graph, hits, pagerank, personalizedPageRank } from '@ml/graph';
import { report } from './report.mjs';

const SECTIONS = ['news', 'sport', 'science', 'culture'];
const ARTICLES_PER_SECTION = 250;
const LINKS_PER_ARTICLE = 6;
const ORPHANS = 40;
const SEED = 7;
const TOP = 8;

const rng = new Rng(SEED);
const edges = [];
const articles = [];
for (const section of SECTIONS) {
  edges.push(['/', `/${section}/`], [`/${section}/`, '/']);
  for (let i = 0; i < ARTICLES_PER_SECTION; i++) {
    const page = `/${section}/${i}`;
    articles.push(page);
    edges.push([`/${section}/`, page], [page, `/${section}/`], [page, '/']);
  }
}
for (const page of articles) {
  for (let j = 0; j < LINKS_PER_ARTICLE; j++) {
    // Skewed choice: low-numbered articles (older, more linked) are picked more often.
    const target = articles[Math.floor(articles.length * rng.random() ** 2)];
    if (target !== page) edges.push([page, target]);
  }
}
for (let i = 0; i < ORPHANS; i++) {
  const page = `/archive/${i}`;
  if (i % 2 === 0) edges.push([page, articles[rng.int(articles.length)]]);
  else edges.push([articles[rng.int(articles.length)], page]); // linked to, links nowhere: dangling
}

const web = Graph.fromEdges(edges);
console.log(`site: ${web.numNodes} pages, ${web.numEdges} links (parallel links summed as weights)`);

const rank = pagerank(web, { alpha: 0.85, tol: 1e-10, maxIter: 200 });
console.log(`\nPageRank: converged=${rank.converged} after ${rank.iterations} iterations`);
for (const [page, score] of rank.top(TOP)) console.log(`  ${score.toFixed(5)}  ${page}`);

const science = personalizedPageRank(web, [`/science/`], { tol: 1e-10, maxIter: 200 });
console.log('\nPersonalised to /science/:');
for (const [page, score] of science.top(TOP)) console.log(`  ${score.toFixed(5)}  ${page}`);

const { hubs, authorities } = hits(web, { maxIter: 500 });
console.log(`\nHITS (converged=${hubs.converged}): best hub ${hubs.top(1)[0][0]}, best authority ${authorities.top(1)[0][0]}`);

// The home page is linked from every article and section: it must rank first, and the iteration converge.
const homeRank = rank.top(web.numNodes).findIndex(([page]) => page === '/') + 1;
report({ metric: "rank of the home page '/' (PageRank)", value: rank.converged ? homeRank : Infinity, target: 1, higherIsBetter: false });
