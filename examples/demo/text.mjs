// @ml/text: TF-IDF with scikit-learn's semantics on English and Chinese, and a WordPiece tokenizer
// trained on the spot that splits Chinese the way BERT does (the guide's space-splitting gets one token).
import { TfidfVectorizer, WordPieceTokenizer, cjkTokenize, ENGLISH_STOP_WORDS } from '@ml/text';

const DOCS = [
  'The camera captures sharp video even in low light.',
  'Battery life is short and the camera lens scratches easily.',
  'Great video stabilisation, great battery, great value.',
  '人工智能很有趣，机器学习改变了视频创作。',
  '这款相机的电池续航很短。',
];

export async function runText(log) {
  // Chinese has no spaces: a CJK-aware analyzer keeps each Han character (and, optionally, bigrams).
  const analyzer = (doc) => cjkTokenize(doc.toLowerCase(), { bigrams: true }).filter((t) => /[\p{L}\p{N}]{2,}|\p{Script=Han}/u.test(t) && !ENGLISH_STOP_WORDS.has(t));
  const tfidf = new TfidfVectorizer({ analyzer });
  const X = tfidf.fitTransform(DOCS);
  const names = tfidf.getFeatureNamesOut();
  log(`TF-IDF: ${X.shape[0]} documents × ${X.shape[1]} features, ${X.nnz} non-zeros (CSR)`);
  for (let d = 0; d < DOCS.length; d++) {
    const row = X.getRow(d);
    const top = Array.from(row.indices, (j, k) => [names[j], row.data[k]]).sort((a, b) => b[1] - a[1]).slice(0, 3);
    log(`  doc ${d}: ${top.map(([t, v]) => `${t} ${v.toFixed(3)}`).join(', ')}`);
  }
  const wordpiece = WordPieceTokenizer.train(DOCS, { vocabSize: 200 });
  const text = '人工智能很有趣';
  const tokens = wordpiece.tokenize(text);
  log(`"${text}".split(' ') gives ${text.split(' ').length} token; WordPiece gives ${tokens.length}: ${tokens.join(' ')}`);
  const enc = wordpiece.encode('The camera is great', '相机续航很短');
  log(`pair encoding: ${enc.tokens.join(' ')}`);
  const ok = tokens.length === 7 && X.shape[0] === DOCS.length;
  return { task: 'TF-IDF + WordPiece, EN + ZH (@ml/text)', metric: `${X.shape[1]} features; 7 chars → ${tokens.length} tokens`, ok, target: 'one token per Han char' };
}
