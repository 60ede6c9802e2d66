// Runs every rule over a child's picture as it stood on each day something was
// recorded about them (and each day a rule must look again because a deadline
// passed), oldest first. A rule "fires" on a day when it finds
// something it had not found before: a first finding, new evidence, or a higher
// severity. The firings are a function of the set of records alone (sorted by
// date, then by `agency/ref`), so the order in which agencies' records arrive
// never changes them.
import { deriveHousehold, type EvidenceRecord, type Household } from '../household/derive.ts';
import { RULES } from './rules/index.ts';
import { moreSevere } from './facts.ts';
import type { ChildPicture, Finding, Firing, Rule } from './types.ts';
import { weighFirings } from './weigh.ts';

export { RULES, RISK_RULES, PROCESS_RULES } from './rules/index.ts';

const byDateThenSource = (a: EvidenceRecord, b: EvidenceRecord) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0;

export function evaluateChild(
  personId: number,
  evidence: EvidenceRecord[],
  opts: {
    agencyKinds: Record<string, string>;
    rules?: readonly Rule[];
    /** look no further than this day (YYYY-MM-DD): the day the alerts are refreshed; default the newest record's day */
    until?: string;
    /** managers' sign-offs of decisions ending protection (`agency/ref` -> day); none by default */
    signOffs?: ReadonlyMap<string, string>;
  },
): Firing[] {
  const rules = opts.rules ?? RULES;
  const signOffs = opts.signOffs ?? new Map<string, string>();
  const records = [...evidence].sort(byDateThenSource);
  if (!records.length) return [];
  const socialCareAgencies = new Set(Object.entries(opts.agencyKinds).filter(([, k]) => k === 'social-care').map(([id]) => id));
  const whole = deriveHousehold({ personId, records, socialCareAgencies });
  const firings: Firing[] = [];
  const found = new Map<string, Finding>();
  // The days to look: every day with a record, and the days rules wake on (a deadline passing), up to the
  // newest record or, when later, the day the alerts are refreshed.
  const newest = records[records.length - 1]!.occurredOn;
  const last = opts.until && opts.until > newest ? opts.until : newest;
  const days = [...new Set([
    ...records.map((r) => r.occurredOn),
    ...rules.flatMap((rule) => rule.wakeDays?.(records, personId, opts.agencyKinds, signOffs) ?? []).filter((d) => d <= last),
  ])].sort();
  let end = 0;
  for (const asOf of days) {
    const start = end;
    while (end < records.length && records[end]!.occurredOn === asOf) end++;
    const upto = records.slice(0, end);
    let household: Household | null = null;
    const picture: ChildPicture = {
      personId,
      name: whole.name,
      dob: whole.dob,
      asOf,
      records: upto,
      today: records.slice(start, end),
      // Derived only when a rule asks: most days no rule needs the household.
      get household() {
        household ??= deriveHousehold({ personId, records: upto, socialCareAgencies });
        return household;
      },
      agencyKinds: opts.agencyKinds,
      signOffs,
    };
    for (const rule of rules) {
      const found1 = rule.evaluate(picture);
      if (!found1) continue;
      const f = { ...found1, evidence: [...new Set(found1.evidence)] };
      const before = found.get(rule.id);
      const fresh = !before || moreSevere(f.severity, before.severity) || f.evidence.some((e) => !before.evidence.includes(e))
        || (f.facts ?? []).some((x) => !(before.facts ?? []).includes(x));
      if (!fresh) continue;
      firings.push({ ...f, rule: rule.id, ruleVersion: rule.version, ruleSource: rule.source, personId, at: asOf });
      found.set(rule.id, {
        ...f,
        severity: before && moreSevere(before.severity, f.severity) ? before.severity : f.severity,
        evidence: [...new Set([...(before?.evidence ?? []), ...f.evidence])],
        facts: [...new Set([...(before?.facts ?? []), ...(f.facts ?? [])])],
      });
    }
  }
  return weighFirings(firings);
}
