// Phrases for how a decision that ends or declines protection was reached: what a reviewer asks of a closure.
// Sources of the wording:
// - Brandon M et al., Analysing child deaths and serious injury through abuse and neglect (DCSF 2008) and the
//   triennial analyses since: the "rule of optimism" (Dingwall, Eekelaar and Murray, 1983) and "start again
//   syndrome", where a parent's word that things have changed ("the relationship is over") closes a case.
// - Child Safeguarding Practice Review Panel, The myth of invisible men (2021), and Ofsted, Ages of concern (2011):
//   men in the household not identified, not checked, not spoken to.
// - Working Together to Safeguard Children (2023): an assessment sees the child; the reviews' "children not seen".
// Each phrase is the writer's record of a fact about the decision; who said it (a parent's word or a checked fact)
// is the reader's attribution, and the rule decides what counts (rules/closed-unresolved.ts).
import type { CodeLexicon } from './lexicon-types.ts';
import type { DecisionSignal } from './vocabulary.ts';

const ADULT = String.raw`(?:partner|boyfriend|girlfriend|man|male|adult|lodger|step-?(?:father|dad|mother|mum)|visitor|husband|fianc[eé]e?|ex-?partner)`;
const CHECKED = String.raw`(?:identified|checked|named|known|obtained|established|confirmed|recorded|verified|asked about|spoken to|seen|met|assessed|traced)`;

export const DECISION_LEXICON: Record<DecisionSignal, CodeLexicon> = {
  'risk-said-gone': {
    says: [
      /(?:the |their |her |his |this )?relationship (?:is|was|has|had) (?:now |since |already )?(?:been )?(?:over|ended|finished)/,
      /(?:ended|finished|ends|end) (?:the|their|her|his|this) relationship/,
      /(?:have|has|had) (?:now |since )?(?:separated|split up|broken up)/,
      /(?:are|is|were|was) (?:now )?(?:separated|no longer together|no longer a couple)/,
      /no longer (?:together|in a relationship|a couple|in contact|living together|seeing (?:him|her|each other|the \w+))/,
      new RegExp(String.raw`(?:he|she|${ADULT}|father|dad) (?:has|had) (?:now |since |already )?(?:left|moved out|gone)(?: the (?:home|address|property|flat|house|family home))?`),
      /(?:has|have|had) (?:no|not had any) (?:further |more )?contact with (?:him|her|the (?:ex-?partner|father|perpetrator|alleged perpetrator))/,
      /not (?:seeing|in contact with|with) (?:him|her) any ?more/,
    ],
  },
  'not-visited': {
    says: [
      /(?:home |planned |statutory |the |a )?visits? (?:to (?:the )?(?:home|child|family) )?(?:was |were |has been |had been |is )?(?:cancelled|canceled|stood down|not (?:made|carried out|completed|undertaken|done|arranged|held))/,
      /(?:closed|concluded|completed|decided|ended|assessed|agreed) without (?:a |any )?(?:home )?visit/,
      /(?:child|children|baby|infant|him|her|them) (?:was |were |has |have |had )?(?:not|never) (?:been )?visited/,
      /(?:overturned|reversed|cancelled|canceled|withdrew|withdrawn|rescinded) (?:the )?(?:decision|plan|agreement) to visit/,
      /(?:decision|plan|agreement) to visit (?:was |has been )?(?:overturned|reversed|cancelled|canceled|withdrawn|rescinded)/,
      /no (?:home )?visit (?:was |has been )?(?:made|undertaken|carried out|completed|arranged)/,
    ],
  },
  'adult-unchecked': {
    says: [
      new RegExp(String.raw`${ADULT}(?:'s)?(?: (?:name|identity|details|name and details|full name|date of birth))? (?:was |were |is |are |has |had |have )?(?:been )?(?:not|never) (?:been )?(?:yet )?${CHECKED}`),
      new RegExp(String.raw`(?:name|identity|details|date of birth) (?:of|for) (?:the |her |his |their |mother's |mum's |father's )?(?:new )?${ADULT} (?:was |were |is |are )?(?:not|never|un)(?: )?(?:known|obtained|taken|recorded|given|established|confirmed)`),
      new RegExp(String.raw`(?:did not|didn't|failed to|unable to|not able to|declined to|refused to|would not|wouldn't) (?:identify|check|name|give|provide|obtain|share|disclose) (?:the |her |his |their )?(?:new )?${ADULT}(?:'s)?`),
      new RegExp(String.raw`(?:no|without) (?:police |background |agency |safeguarding |PNC |DBS )?checks? (?:on|of|into|about|were|was|have been|has been|made|completed|undertaken)`),
      new RegExp(String.raw`(?:unknown|unidentified|unnamed|unchecked) ${ADULT}`),
      new RegExp(String.raw`identity (?:of (?:the |her |his |mother's )?(?:new )?${ADULT} )?(?:is |was |remains )?(?:unknown|not known|not established)`),
    ],
  },
};
