// PageRank on a seeded web-like graph, and TextRank summaries of an English and a Chinese article.
import { Rng } from '@ml/core';
import { Graph, pagerank, summarize } from '@ml/graph';

const PAGES = 2000;
const LINKS = 20000;

export async function runPageRank(log) {
  // Targets skewed towards low ids (floor(n·u³)): a few pages attract most links, as on the web.
  const rng = new Rng(42);
  const src = new Int32Array(LINKS);
  const dst = new Int32Array(LINKS);
  for (let i = 0; i < LINKS; i++) {
    src[i] = rng.int(PAGES);
    dst[i] = Math.floor(PAGES * rng.random() ** 3);
  }
  const graph = Graph.fromArrays(src, dst, { directed: true, numNodes: PAGES });
  const result = pagerank(graph, { alpha: 0.85 });
  const top = result.top(5);
  log(`PageRank on ${PAGES} pages / ${LINKS} links: converged=${result.converged} in ${result.iterations} iterations`);
  for (const [node, value] of top) log(`  page ${String(node).padStart(4)}  score ${value.toFixed(5)}`);
  const sum = Array.from(result.scores).reduce((a, b) => a + b, 0);
  return { task: 'PageRank (@ml/graph)', metric: `converged in ${result.iterations} it, sum ${sum.toFixed(6)}`, ok: result.converged && Math.abs(sum - 1) < 1e-9, target: 'converged, sums to 1' };
}

const ENGLISH = `Machine learning lets computers learn patterns from data instead of following hand-written rules.
A model is trained on examples and then makes predictions on new data.
Supervised learning uses labelled examples, such as emails marked as spam or not spam.
Unsupervised learning finds structure in unlabelled data, for example by clustering similar customers.
Deep learning uses neural networks with many layers and has transformed image and speech recognition.
Training a deep network needs a lot of data and computation, which is why GPUs matter.
Content creators use machine learning to summarise articles, caption images and recommend videos.`;

const CHINESE = `机器学习让计算机从数据中学习规律。
模型先在样本上训练，然后对新数据做出预测。
监督学习使用带标签的样本，例如标记为垃圾邮件的邮件。
无监督学习在没有标签的数据中发现结构，例如把相似的用户聚类。
深度学习使用多层神经网络，极大地推动了图像识别和语音识别。
内容创作者用机器学习自动摘要文章、为图片生成描述并推荐视频。`;

const englishTokens = (s) => s.toLowerCase().match(/[a-z]+/g) ?? [];
// Chinese has no spaces: each Han character is a token (what @ml/text's CJK splitting does).
const chineseTokens = (s) => Array.from(s).filter((c) => /\p{Script=Han}/u.test(c));

export async function runTextRank(log) {
  const out = [];
  for (const [name, text, tokenize, split] of [
    ['English', ENGLISH, englishTokens, /\n/],
    ['Chinese', CHINESE, chineseTokens, /\n/],
  ]) {
    const sentences = text.split(split).map((s) => s.trim()).filter(Boolean);
    const summary = summarize(sentences.map(tokenize), { count: 2 });
    log(`${name} summary (${summary.indices.length} of ${sentences.length} sentences):`);
    for (const i of summary.indices) log(`  ${sentences[i]}`);
    out.push(summary.indices.length);
  }
  return { task: 'TextRank summaries EN + ZH (@ml/graph)', metric: `${out.join(' + ')} sentences`, ok: out.every((n) => n === 2), target: '2 sentences each' };
}
