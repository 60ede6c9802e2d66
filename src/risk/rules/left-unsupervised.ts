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
// What a practitioner found (a visit finding the baby alone), or the child or a parent said, is weighed. What a
// neighbour, relative or caller reports and no professional has yet seen is told to the worker (low) but not
// weighed here: community-concerns-closed weighs the community's concerns when they are raised again after
// being closed (Brandon et al.), and one report, unseen, is not yet the practitioner's evidence. Who reported
// it: the record's `reportedBy`, else the words' attribution ("neighbour says").
// The words are read in records about the child, with negation ("was not left unsupervised") and a moment out
// of sight ("for a few minutes") set aside by the lexicon (text/lexicon-supervision.ts). One term per record;
// the finding cites the phrase.
import { ageAt, type EvidenceRecord } from '../../household/derive.ts';
import { describeAge } from '../age.ts';
import { CG89, GRADE_ONLY } from '../citations.ts';
import { aboutChild } from '../facts.ts';
import type { Signal } from '../text/vocabulary.ts';
import type { Rule, Term } from '../types.ts';
import { CONSIDER_WEIGHT } from '../weigh.ts';
import { basisOf, readSignals, setAsideNote } from '../words.ts';
import { TELLS_NEWS } from './injured-on-plan.ts';

export const NEVER_ALONE_UNDER_YEARS = 5;
export const RARELY_ALONE_UNDER_YEARS = 12;
/** Reporters whose word alone, unseen by a professional, is told but not weighed. */
const COMMUNITY: ReadonlySet<string> = new Set(['neighbour', 'public', 'relative', 'member-of-public', 'anonymous']);
const SOURCE = `HM Government, Working Together to Safeguard Children (2023), definition of neglect ("ensure adequate supervision"); ${CG89}, 1.3 (consider); NSPCC, Leaving your child home alone; ${GRADE_ONLY}`;

/** Who the record says reported what it says: its `reportedBy`, else the words' attribution. */
function reporter(r: EvidenceRecord, signal: Signal): string | null {
  return (r.document.body as { reportedBy?: string }).reportedBy ?? signal.attribution;
}

export const leftUnsupervised: Rule = {
  id: 'left-unsupervised',
  version: 1,
  title: 'A young child left without supervision (neglect)',
  source: SOURCE,
  evaluate(p) {
    const years = p.dob ? ageAt(p.dob, p.asOf) : null;
    if (years === null || years >= RARELY_ALONE_UNDER_YEARS) return null;
    const weight = years < NEVER_ALONE_UNDER_YEARS ? CONSIDER_WEIGHT : CONSIDER_WEIGHT / 2;
    // What a conference or court record recounts of the past is not new today (injured-on-plan.ts TELLS_NEWS).
    const readings = p.today.filter((r) => aboutChild(r, p.personId) && TELLS_NEWS.has(r.kind)).map((r) => ({ r, read: readSignals(r, ['inadequate-supervision']) }));
    const found = readings.filter((x) => x.read.found.length).map(({ r, read }) => {
      // A finding a professional made (or the child or a parent told) before a report from the community.
      const signal = read.found.find((s) => !COMMUNITY.has(reporter(r, s) ?? '')) ?? read.found[0]!;
      const by = reporter(r, signal);
      return { r, signal, community: COMMUNITY.has(by ?? '') ? by : null };
    });
    if (!found.length) return null;
    const weighed = found.filter((x) => !x.community);
    const terms: Term[] = weighed.map(({ r, signal }) => ({ label: 'a young child left without supervision', weight, source: SOURCE, evidence: r.source, basis: basisOf(signal) }));
    return {
      severity: !terms.length ? 'low' : weight >= CONSIDER_WEIGHT ? 'medium' : 'low',
      ...(terms.length ? { terms } : {}),
      evidence: found.map((x) => x.r.source),
      explanation: `${p.name} (${describeAge(p.dob, p.asOf) ?? `${years} years old`}) left without supervision: ${found.map((x) => `${x.r.source} ${basisOf(x.signal)}${x.community ? ` (reported by ${x.community}, not yet seen by a professional: told, not weighed)` : ''}`).join('; ')}. `
        + `Working Together (2023) counts a failure to ensure adequate supervision as neglect; ${years < NEVER_ALONE_UNDER_YEARS ? 'a child this young should never be left alone' : 'a child under 12 is rarely ready to be left alone for long'}.`
        + setAsideNote(readings.flatMap((x) => x.read.setAside)),
    };
  },
};
