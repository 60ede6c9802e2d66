// Drift: a statutory step of the child-protection process missed. The case
// "can slip into drift" between the conference and the core group, and reviews
// find plans that did not change as a child kept being injured (Brandon et al.,
// triennial analyses of serious case reviews). The clocks are those of statutory/process.ts
// (Working Together to Safeguard Children, 2023), on England's working days.
// The rule wakes on the day after each deadline, so a deadline missed is
// raised on the day it is missed, whether or not anything else is recorded.
// - a conference, core group, review, visit or seeing the child alone due within 2 working days: low
//   (near: time to act before it is missed)
// - a missed conference, core group, review, statutory visit, or the child not seen alone: medium
// - an agency absent from two meetings (core groups, conferences) about the child in a row: medium
// - a plan not looked at again after a new injury, a decision ending protection (a return home, a plan
//   ending, no further action, no proceedings) not signed off by a manager by the next working day, or the
//   same step missed three times running
//   (drift, not one late meeting): high
// Steps whose completion the agency-record contract cannot show (the referral decision, the
// assessment) are shown in the process view but not raised here: no record is not proof of no work.
import { addDays } from '../../statutory/calendar.ts';
import { deriveProcess, nearFrom, type Deadline, type Step } from '../../statutory/process.ts';
import type { Rule, Severity } from '../types.ts';

const RAISED: ReadonlySet<Step> = new Set(['initial-conference', 'first-core-group', 'core-group', 'first-review', 'review', 'visit', 'seen-alone', 'replan-after-injury', 'sign-off', 'first-cin-visit', 'cin-visit']);
const family = (s: Step) => s.replace(/^first-/, '');

/** How many deadlines of d's step, up to and including d, were missed one after another. */
function runOf(deadlines: readonly Deadline[], d: Deadline): number {
  const same = deadlines.filter((x) => family(x.step) === family(d.step) && x.due <= d.due);
  let run = 0;
  for (let i = same.length - 1; i >= 0 && same[i]!.status === 'missed'; i--) run++;
  return run;
}

export const statutoryDrift: Rule = {
  id: 'statutory-drift',
  version: 1,
  title: 'A statutory step of the child-protection process missed',
  source: 'HM Government, Working Together to Safeguard Children (2023), chapter 2; Brandon et al., triennial analyses of serious case reviews',
  wakeDays(records, childId, agencyKinds, signOffs) {
    const last = records.reduce((m, r) => (r.occurredOn > m ? r.occurredOn : m), '');
    return deriveProcess(records, childId, last, { agencyKinds, signOffs }).deadlines.filter((d) => !d.metBy && RAISED.has(d.step))
      .flatMap((d) => [nearFrom(d.due), addDays(d.due, 1)]);
  },
  evaluate(p) {
    const process = deriveProcess(p.records, p.personId, p.asOf, { agencyKinds: p.agencyKinds, signOffs: p.signOffs });
    const missed = process.deadlines.filter((d) => d.status === 'missed' && RAISED.has(d.step));
    const absences = process.absences;
    const near = process.deadlines.filter((d) => d.near && RAISED.has(d.step));
    if (!missed.length && !absences.length && !near.length) return null;
    if (!missed.length && !absences.length) {
      return {
        severity: 'low',
        evidence: [...new Set(near.map((d) => d.startedBy))],
        facts: near.map((d) => `near:${d.step}@${d.due}`),
        explanation: near.map((d) => `${p.name}: "${d.what}" is due by ${d.due} (clock started by ${d.startedBy}). Rule: ${d.rule}.`).join(' '),
      };
    }
    if (!missed.length) {
      return {
        severity: 'medium',
        evidence: [...new Set(absences.flatMap((a) => a.meetings))],
        facts: absences.map((a) => `absent:${a.agency}@${a.meetings.at(-1)}`),
        explanation: absences.map((a) => `${a.agency} has been absent from ${a.meetings.length} meetings about ${p.name} in a row (${a.meetings.join(', ')}): its part of the plan is not being done.`).join(' '),
      };
    }
    // Only what was missed up to yesterday's due dates is new today; all of it stays in the finding.
    const newest = missed.filter((d) => addDays(d.due, 1) === p.asOf);
    const shown = newest.length ? newest : missed.slice(-1);
    const inARow = (d: Deadline) => runOf(process.deadlines, d) >= 3;
    const severity: Severity = shown.some((d) => d.step === 'replan-after-injury' || d.step === 'sign-off' || inARow(d)) ? 'high' : 'medium';
    return {
      severity,
      evidence: [...new Set([...missed.map((d) => d.startedBy), ...absences.flatMap((a) => a.meetings)])],
      facts: [...missed.map((d) => `${d.step}@${d.due}`), ...absences.map((a) => `absent:${a.agency}@${a.meetings.at(-1)}`)],
      explanation: shown.map((d) => `${p.name}: "${d.what}" was due by ${d.due} (clock started by ${d.startedBy}) and has not happened.${inARow(d) ? ' It is the third or more missed in a row.' : ''} Rule: ${d.rule}.`).join(' ')
        + (missed.length > shown.length ? ` ${missed.length} statutory steps missed in all.` : '')
        + absences.map((a) => ` ${a.agency} has been absent from ${a.meetings.length} meetings in a row (${a.meetings.join(', ')}).`).join(''),
    };
  },
};
