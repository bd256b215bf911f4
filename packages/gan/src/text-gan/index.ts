/** Text GAN: a seeded grammar, Gumbel-softmax, the LSTM generator, the CNN discriminator and the `TextGan` facade. */
export {
  ProbabilisticGrammar,
  PROBABILISTIC_GRAMMAR_DEFAULTS,
  type GrammarRule,
  type GrammarRules,
  type ProbabilisticGrammarOptions,
  type SentenceSource,
} from './probabilistic-grammar.js';
export { agreementGrammar, AGREEMENT_GRAMMAR_RULES } from './agreement-grammar.js';
export { gumbelSoftmax, gumbelNoise, GUMBEL_SOFTMAX_DEFAULTS, type GumbelSoftmaxOptions } from './gumbel-softmax.js';
export { TextGenerator, TEXT_GENERATOR_DEFAULTS, type TextGeneratorOptions, type GeneratorTokens, type GenerateOptions } from './text-generator.js';
export { TextDiscriminator, TEXT_DISCRIMINATOR_DEFAULTS, type TextDiscriminatorOptions } from './text-discriminator.js';
export {
  TextGan,
  TEXT_GAN_DEFAULTS,
  TEXT_GAN_FIT_DEFAULTS,
  TEXT_GAN_FORMAT_VERSION,
  type TextGanOptions,
  type TextGanFitOptions,
  type TextGanProgress,
  type TextGanSampleOptions,
} from './text-gan.js';
