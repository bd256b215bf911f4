/**
 * A small English grammar with subject–verb and determiner–noun number agreement ("the red cat sees
 * a small dog .", "these dogs sleep ."), 30 terminals, sentences of 4 to 8 tokens. Random word
 * sequences are almost never grammatical, and plausible-looking ones often break agreement
 * ("a dogs sleeps ."), so the fraction of grammatical samples measures what a generator learned.
 */
import { ProbabilisticGrammar, type GrammarRules } from './probabilistic-grammar.js';

/** The rules of {@link agreementGrammar} (start symbol 'S'). */
export const AGREEMENT_GRAMMAR_RULES: GrammarRules = {
  S: [['NP_SG', 'VP_SG', '.'], ['NP_PL', 'VP_PL', '.']],
  NP: [['NP_SG'], ['NP_PL']],
  NP_SG: [{ rhs: ['DET_SG', 'N_SG'], weight: 3 }, { rhs: ['DET_SG', 'ADJ', 'N_SG'], weight: 2 }],
  NP_PL: [{ rhs: ['DET_PL', 'N_PL'], weight: 3 }, { rhs: ['DET_PL', 'ADJ', 'N_PL'], weight: 2 }],
  VP_SG: [{ rhs: ['TV_SG', 'NP'], weight: 3 }, { rhs: ['IV_SG'], weight: 2 }],
  VP_PL: [{ rhs: ['TV_PL', 'NP'], weight: 3 }, { rhs: ['IV_PL'], weight: 2 }],
  DET_SG: [['the'], ['a'], ['this'], ['every']],
  DET_PL: [['the'], ['some'], ['these'], ['many']],
  ADJ: [['red'], ['small'], ['big'], ['old']],
  N_SG: [['cat'], ['dog'], ['bird'], ['fox']],
  N_PL: [['cats'], ['dogs'], ['birds'], ['foxes']],
  TV_SG: [['sees'], ['chases'], ['likes']],
  TV_PL: [['see'], ['chase'], ['like']],
  IV_SG: [['sleeps'], ['runs']],
  IV_PL: [['sleep'], ['run']],
};

/** The agreement grammar of this file as a {@link ProbabilisticGrammar}. */
export function agreementGrammar(): ProbabilisticGrammar {
  return new ProbabilisticGrammar(AGREEMENT_GRAMMAR_RULES);
}
