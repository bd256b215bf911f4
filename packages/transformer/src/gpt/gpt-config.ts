/** Configuration of a GPT-2-style decoder-only language model (Hugging Face `GPT2Config` names in camelCase). */
import { checkPositiveInt, checkProbability } from '../internal/args.js';

export interface GptConfig {
  /** Vocabulary size (HF `vocab_size`). */
  vocabSize: number;
  /** Longest context in tokens (HF `n_positions`). @default 1024 */
  nPositions?: number;
  /** Width (HF `n_embd`). @default 768 */
  nEmbd?: number;
  /** Transformer blocks (HF `n_layer`). @default 12 */
  nLayer?: number;
  /** Attention heads (HF `n_head`). @default 12 */
  nHead?: number;
  /** Feed-forward width (HF `n_inner`). @default 4·nEmbd */
  nInner?: number;
  /** Dropout on embeddings, attention weights and residual branches while training. @default 0.1 */
  dropout?: number;
  /** LayerNorm epsilon (HF `layer_norm_epsilon`). @default 1e-5 */
  layerNormEpsilon?: number;
  /** Feed-forward activation: GPT-2 uses the tanh approximation of GELU (`gelu_new`). @default 'gelu_tanh' */
  activation?: 'gelu' | 'gelu_tanh' | 'relu';
  /** Share the token embedding with the output projection (HF `tie_word_embeddings`). @default true */
  tieWordEmbeddings?: boolean;
}

export const GPT_CONFIG_DEFAULTS = {
  nPositions: 1024,
  nEmbd: 768,
  nLayer: 12,
  nHead: 12,
  dropout: 0.1,
  layerNormEpsilon: 1e-5,
  activation: 'gelu_tanh',
  tieWordEmbeddings: true,
} as const;

export type ResolvedGptConfig = Required<GptConfig>;

/** Fills defaults and validates; errors name the field. */
export function resolveGptConfig(config: GptConfig): ResolvedGptConfig {
  const where = 'GptConfig';
  if (config === null || typeof config !== 'object') throw new TypeError(`${where}: expected an object with at least 'vocabSize'; received ${String(config)}`);
  const c = { ...GPT_CONFIG_DEFAULTS, ...config };
  checkPositiveInt(c.vocabSize, 'vocabSize', where);
  checkPositiveInt(c.nPositions, 'nPositions', where);
  checkPositiveInt(c.nEmbd, 'nEmbd', where);
  checkPositiveInt(c.nLayer, 'nLayer', where);
  checkPositiveInt(c.nHead, 'nHead', where);
  if (c.nEmbd % c.nHead !== 0) throw new RangeError(`${where}: 'nEmbd' must be divisible by 'nHead'; received nEmbd=${c.nEmbd}, nHead=${c.nHead}`);
  const nInner = config.nInner ?? 4 * c.nEmbd;
  checkPositiveInt(nInner, 'nInner', where);
  checkProbability(c.dropout, 'dropout', where);
  if (!['gelu', 'gelu_tanh', 'relu'].includes(c.activation)) {
    throw new RangeError(`${where}: 'activation' must be 'gelu', 'gelu_tanh' or 'relu'; received ${JSON.stringify(c.activation)}`);
  }
  return { ...c, nInner };
}
