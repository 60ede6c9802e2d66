// The child's page for a reader whose agency has only a limited relationship
// with the child (access/limited-view.ts): its own records, who else holds
// records, whom to contact, the alerts routed to it, and the way to ask for more.
import type { AlertView } from '../risk/lifecycle.ts';
import type { LimitedView } from '../access/limited-view.ts';
import { formatDate, formatNhs, SEVERITY_TAG, sentence } from './work-common.ts';

const KIND_NAME: Record<string, string> = {
  gp: 'GP practice', hospital: 'hospital', 'community-health': 'community health service', 'health-visiting': 'health visiting service',
  school: 'school', police: 'police force', 'social-care': "children's social care", housing: 'housing service', legal: 'legal service',
  prosecution: 'prosecution service', ambulance: 'ambulance service', other: 'other agency',
};

export function limitedPageModel(v: LimitedView & { alerts: AlertView[] }) {
  const contact = v.contact
    ? v.contact.kind === 'allocated-worker'
      ? `${v.contact.name}, the child's allocated worker, ${v.contact.agency}.`
      : `The duty team of ${v.contact.agency}.`
    : 'No lead agency is registered: ask your safeguarding lead.';
  return {
    personId: v.personId,
    name: v.name,
    facts: [
      ...(v.dob ? [{ key: { text: 'Date of birth' }, value: { text: formatDate(v.dob) } }] : []),
      ...(v.nhsNumber ? [{ key: { text: 'NHS number' }, value: { text: formatNhs(v.nhsNumber) } }] : []),
    ],
    howToSeeMore: v.howToSeeMore,
    othersHold: v.othersHold.map((h) => `${h.records} record${h.records === 1 ? '' : 's'} from a ${KIND_NAME[h.agencyKind] ?? h.agencyKind}`),
    contact,
    alerts: v.alerts.map((a) => ({ severity: sentence(a.severity), tag: SEVERITY_TAG[a.severity] ?? '', explanation: a.explanation })),
    records: v.ownRecords.map((e) => ({ on: formatDate(e.occurredOn), summary: e.summary, source: e.source })),
  };
}
