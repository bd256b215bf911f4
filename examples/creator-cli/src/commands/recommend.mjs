/**
 * `ml-creator recommend --log <interactions.csv>`: personalised recommendations from an interaction
 * log with implicit ALS (@ml/recsys `ImplicitAls`, Hu, Koren & Volinsky 2008): each user's unseen items
 * ranked by the factor model. The CSV has a header; columns are found by name (user/viewer/customer,
 * item/video/product, rating/value/views/count/score, timestamp/time/date) or else by position
 * (user, item[, value[, timestamp]]). Repeated user–item pairs are summed. `--holdout` holds out one
 * interaction per user (the latest when timestamps exist, else a seeded random one), refits, and
 * reports precision@k and NDCG@k against a most-popular ranking.
 */
import { ImplicitAls, InteractionMatrix, evaluateRanking, leaveKOutSplit, ndcgAtK, precisionAtK, temporalSplit } from '@ml/recsys';
import { CliError } from '../errors.mjs';
import { readTextFile } from '../io.mjs';
import { parseCsv } from '../csv.mjs';

const NAMES = {
  user: ['user', 'user_id', 'userid', 'viewer', 'customer', 'reader', 'member', 'uid'],
  item: ['item', 'item_id', 'itemid', 'video', 'product', 'movie', 'article', 'post', 'song', 'iid'],
  value: ['rating', 'value', 'views', 'count', 'score', 'plays', 'clicks', 'weight'],
  timestamp: ['timestamp', 'time', 'ts', 'date', 'datetime'],
};

/** Reads the log into columns; errors name the file, line and column. */
export async function readInteractions(file) {
  const text = await readTextFile(file, 'recommend --log');
  const rows = parseCsv(text, file);
  if (rows.length < 2) throw new CliError(`recommend --log: ${file} must have a header line and at least one interaction; received ${rows.length} line(s)`);
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  if (header.length < 2) throw new CliError(`recommend --log: ${file} must have at least 2 columns (user,item[,rating[,timestamp]]); the header has ${header.length}: ${JSON.stringify(rows[0].fields.join(','))}`);
  if (header.some((h) => h !== '' && !Number.isNaN(Number(h)))) {
    throw new CliError(`recommend --log: ${file} line 1 must be a header such as "user,item,rating,timestamp"; received ${JSON.stringify(rows[0].fields.join(','))}`);
  }
  const find = (names, fallback) => {
    const i = header.findIndex((h) => names.includes(h));
    return i >= 0 ? i : fallback < header.length ? fallback : -1;
  };
  const cols = { user: find(NAMES.user, 0), item: find(NAMES.item, 1), value: find(NAMES.value, 2), timestamp: find(NAMES.timestamp, 3) };
  if (cols.user === cols.item) throw new CliError(`recommend --log: ${file}: could not tell the user column from the item column in header ${JSON.stringify(rows[0].fields.join(','))}`);
  const users = [];
  const items = [];
  const values = [];
  const timestamps = [];
  for (const { line, fields } of rows.slice(1)) {
    if (fields.length < header.length) throw new CliError(`recommend --log: ${file}, line ${line}: expected ${header.length} fields (${header.join(',')}); received ${fields.length}`);
    const user = fields[cols.user].trim();
    const item = fields[cols.item].trim();
    if (user === '' || item === '') throw new CliError(`recommend --log: ${file}, line ${line}: empty ${user === '' ? header[cols.user] : header[cols.item]}`);
    users.push(user);
    items.push(item);
    if (cols.value >= 0) {
      const v = Number(fields[cols.value]);
      if (fields[cols.value].trim() === '' || !Number.isFinite(v) || v < 0) {
        throw new CliError(`recommend --log: ${file}, line ${line}: column "${header[cols.value]}" must be a number >= 0; received ${JSON.stringify(fields[cols.value])}`);
      }
      values.push(v);
    }
    if (cols.timestamp >= 0) {
      const raw = fields[cols.timestamp].trim();
      const t = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw);
      if (!Number.isFinite(t)) throw new CliError(`recommend --log: ${file}, line ${line}: column "${header[cols.timestamp]}" must be a number or a date; received ${JSON.stringify(raw)}`);
      timestamps.push(t);
    }
  }
  const columns = { users, items, ...(cols.value >= 0 ? { values } : {}), ...(cols.timestamp >= 0 ? { timestamps } : {}) };
  return InteractionMatrix.fromColumns(columns, { kind: 'implicit', duplicates: 'sum' });
}

function fitModel(matrix, options) {
  return new ImplicitAls({ factors: options.factors, iterations: options.iterations, regularization: options.regularization, alpha: options.alpha, seed: options.seed }).fit(matrix);
}

/** Most-popular ranking of unseen items per user, for scale. */
function popularityScores(train, test, k) {
  const counts = train.itemCounts();
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const lists = [];
  const relevant = [];
  for (let u = 0; u < train.nUsers; u++) {
    const rel = Array.from(test.indices.subarray(test.indptr[u], test.indptr[u + 1]));
    if (rel.length === 0) continue;
    const seen = new Set(train.indices.subarray(train.indptr[u], train.indptr[u + 1]));
    lists.push(order.filter((i) => !seen.has(i)).slice(0, k));
    relevant.push(rel);
  }
  return { precision: precisionAtK(lists, relevant, k), ndcg: ndcgAtK(lists, relevant, k) };
}

export async function recommendCommand(options) {
  if (!options.log) throw new CliError('recommend: --log <interactions.csv> is required');
  const matrix = await readInteractions(options.log);
  const top = options.top;
  const summary = { log: options.log, users: matrix.nUsers, items: matrix.nItems, interactions: matrix.nnz };
  if (options.user !== undefined && !matrix.users.has(options.user)) {
    const sample = matrix.users.toArray().slice(0, 5).map(String).join(', ');
    throw new CliError(`recommend --user: unknown user ${JSON.stringify(options.user)} in ${options.log}; users include ${sample}`);
  }
  let holdout;
  if (options.holdout) {
    const hasTime = matrix.timestamps !== undefined && matrix.timestamps !== null;
    const { train, test } = hasTime ? temporalSplit(matrix, { k: 1, minTrain: 1 }) : leaveKOutSplit(matrix, { k: 1, minTrain: 1, seed: options.seed });
    const report = evaluateRanking(fitModel(train, options), test, top);
    holdout = { split: hasTime ? 'latest interaction per user' : 'one random interaction per user', k: top, heldOut: test.nnz, precision: report.precision, ndcg: report.ndcg, recall: report.recall, popularity: popularityScores(train, test, top) };
  }
  const model = fitModel(matrix, options);
  const users = options.user !== undefined ? [options.user] : matrix.users.toArray();
  const recommendations = users.map((user) => ({ user, items: model.recommend(user, top).map((r) => ({ item: r.item, score: r.score })) }));
  return { ...summary, model: { name: 'ImplicitAls', factors: options.factors, iterations: options.iterations }, ...(holdout ? { holdout } : {}), recommendations };
}

export function formatRecommendations(result) {
  const lines = [`${result.log}: ${result.users} users, ${result.items} items, ${result.interactions} user-item pairs; implicit ALS (${result.model.factors} factors)`];
  for (const r of result.recommendations) lines.push(`${r.user}: ${r.items.map((i) => `${i.item} (${i.score.toFixed(2)})`).join(', ') || '(nothing unseen)'}`);
  const h = result.holdout;
  if (h) {
    lines.push(`holdout (${h.split}, ${h.heldOut} held out): precision@${h.k} ${h.precision.toFixed(4)}, NDCG@${h.k} ${h.ndcg.toFixed(4)}, recall@${h.k} ${h.recall.toFixed(4)}`);
    lines.push(`  most-popular ranking for scale: precision@${h.k} ${h.popularity.precision.toFixed(4)}, NDCG@${h.k} ${h.popularity.ndcg.toFixed(4)}`);
  }
  return lines.join('\n');
}
