// A young child left without the supervision their age needs: "found asleep downstairs, unsupervised, both
// parents out", "children left home alone", "no adult present". Working Together (2023) defines neglect as
// including a failure to "ensure adequate supervision", and NICE CG89 (1.3) lists a lack of supervision
// appropriate to the child's age among the features of neglect to consider. How young: the NSPCC's guidance
// to parents ("Leaving your child home alone") says babies, toddlers and very young children should never be
// left alone, and that children under 12 are rarely mature enough to be left alone for long; the law sets no
// age. So:
// - under 5: NICE's "consider" (CONSIDER_WEIGHT, LR 2.5);
// - 5 to 11: half of it (LR 1.6), as the guidance is softer there;
// - 12 and over, or no age known: not raised (a teenager at home alone is ordinary).
// What a practitioner found (a visit finding the baby alone) weighs so; what a neighbour, relative or caller
// reports and no professional has yet seen weighs half, as community-concerns-closed weighs a concern raised by
// the community (and that rule weighs it again if it keeps being raised and closed).
// The words are read in records about the child, with negation ("was not left unsupervised") and a moment out
// of sight ("for a few minutes") set aside by the lexicon (text/lexicon-supervision.ts). One term per record;
// the finding cites the phrase.
import { ageAt } from '../../household/derive.ts';
import { describeAge } from '../age.ts';
import { CG89, GRADE_ONLY } from '../citations.ts';
import { aboutChild } from '../facts.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';
import { basisOf, readSignals, setAsideNote } from '../words.ts';

export const NEVER_ALONE_UNDER_YEARS = 5;
export const RARELY_ALONE_UNDER_YEARS = 12;
/** Who reports it without a professional having seen it: half the weight. */
const HEARSAY: ReadonlySet<string> = new Set(['neighbour', 'public', 'relative']);
const SOURCE = `HM Government, Working Together to Safeguard Children (2023), definition of neglect ("ensure adequate supervision"); ${CG89}, 1.3 (consider); NSPCC, Leaving your child home alone; ${GRADE_ONLY}`;

export const leftUnsupervised: Rule = {
  id: 'left-unsupervised',
  version: 1,
  title: 'A young child left without supervision (neglect)',
  source: SOURCE,
  evaluate(p) {
    const years = p.dob ? ageAt(p.dob, p.asOf) : null;
    if (years === null || years >= RARELY_ALONE_UNDER_YEARS) return null;
    const byAge = years < NEVER_ALONE_UNDER_YEARS ? CONSIDER_WEIGHT : CONSIDER_WEIGHT / 2;
    const readings = p.today.filter((r) => aboutChild(r, p.personId)).map((r) => ({ r, read: readSignals(r, ['inadequate-supervision']) }));
    const found = readings.filter((x) => x.read.found.length).map(({ r, read }) => {
      // A practitioner's own finding first: it is the stronger evidence.
      const signal = read.found.find((s) => !HEARSAY.has(s.attribution ?? '')) ?? read.found[0]!;
      return { r, signal, weight: HEARSAY.has(signal.attribution ?? '') ? byAge / 2 : byAge };
    });
    if (!found.length) return null;
    const terms: Term[] = found.map(({ r, signal, weight }) => ({ label: 'a young child left without supervision', weight, source: SOURCE, evidence: r.source,
      basis: `${basisOf(signal)}${HEARSAY.has(signal.attribution ?? '') ? ` (reported by ${signal.attribution}, not seen by a professional)` : ''}` }));
    const weight = Math.max(...found.map((x) => x.weight));
    return {
      severity: weight >= CONSIDER_WEIGHT ? 'medium' : 'low',
      terms,
      evidence: found.map((x) => x.r.source),
      explanation: `${p.name} (${describeAge(p.dob, p.asOf) ?? `${years} years old`}) left without supervision: ${terms.map((t) => `${t.evidence} ${t.basis}`).join('; ')}. `
        + `Working Together (2023) counts a failure to ensure adequate supervision as neglect; ${years < NEVER_ALONE_UNDER_YEARS ? 'a child this young should never be left alone' : 'a child under 12 is rarely ready to be left alone for long'}.`
        + setAsideNote(readings.flatMap((x) => x.read.setAside)),
    };
  },
};
