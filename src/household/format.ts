// A household as plain text for the command line: homes, then members, then the wider network.
// People children's social care has not recorded are marked loudly: that gap is the point.
import type { Household, HouseholdMember, NetworkPerson } from './derive.ts';

export const NOT_RECORDED = "NOT RECORDED BY CHILDREN'S SOCIAL CARE";

export function formatHousehold(h: Household): string {
  const out: string[] = [`${h.name}${h.dob ? ` (born ${h.dob})` : ''}: household over time`, '', 'Homes:'];
  if (h.addresses.length === 0) out.push('  no address recorded');
  for (const a of h.addresses) {
    const where = [a.address, a.postcode].filter(Boolean).join(' ') || 'address not recorded';
    out.push(`  ${a.from} to ${a.to}  ${where}${a.placedWith ? `  (placed with ${a.placedWith.name})` : ''}`);
    out.push(`    seen in: ${a.evidence.join(', ') || 'no record gives this address'}`);
  }
  out.push('', 'Household members:');
  if (h.members.length === 0) out.push('  nobody linked to the home');
  for (const m of h.members) out.push(...member(m));
  out.push('', 'Wider network (named with the child, not linked to the home):');
  if (h.network.length === 0) out.push('  nobody');
  for (const n of h.network) out.push(...networkPerson(n));
  return out.join('\n') + '\n';
}

function who(p: HouseholdMember | NetworkPerson): string {
  const words = [...p.relationships, ...p.roles.filter((r) => !p.relationships.includes(r))];
  const id = p.personId !== null ? `person ${p.personId}` : `unlinked mention ${p.mention}`;
  return `${p.name} [${id}]${words.length ? ` (${words.join('; ')})` : ''}`;
}

function socialCare(p: HouseholdMember | NetworkPerson): string {
  return p.knownToSocialCare
    ? `known to children's social care: ${p.socialCareRecords.join(', ')}`
    : `${NOT_RECORDED}: ${p.notKnownToSocialCare}`;
}

function member(m: HouseholdMember): string[] {
  const age = m.ageAtFrom !== null ? `; aged ${m.ageAtFrom} when first seen` : '';
  const periods = m.periods.map((p) => (p.from === p.to ? p.from : `${p.from} to ${p.to}`)).join('; ');
  return [
    `  ${who(m)}`,
    `    at the home: ${periods}${m.current ? ' (still there, as far as the records show)' : ''}${age}`,
    `    ${socialCare(m)}`,
    ...m.evidence.map((e) => `    ${e.occurredOn} ${e.source} ${e.why}: ${e.note}`),
    ...m.contrary.map((e) => `    but ${e.occurredOn} ${e.source} ${e.why}: ${e.note}`),
  ];
}

function networkPerson(n: NetworkPerson): string[] {
  return [`  ${who(n)}`, `    ${socialCare(n)}`, ...n.evidence.map((e) => `    ${e.occurredOn} ${e.source} ${e.why}: ${e.note}`)];
}
