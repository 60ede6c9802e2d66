// The rest of a benign child's contact with services: referrals to children's
// social care that end in no further action (some after a section 47 enquiry
// that finds nothing), police contacts that are not about harm, school
// attendance, elective home education, and a parent's new partner moving in.
// Social-care records name the resident father only some of the time.
import { addDays, eachMonth, yearsOld } from './dates.ts';
import type { ChildLife } from './family.ts';
import { adultDob, person, staff } from './people.ts';
import * as R from './rates.ts';
import type { AgencyName, Mention } from './records.ts';

const REFERRALS: { from: AgencyName; reportedBy: string; reason: string[]; category: string }[] = [
  { from: 'police', reportedBy: 'professional', category: 'emotional', reason: ['Police attended verbal argument between parents, no offences disclosed, children asleep upstairs.', 'Noise complaint by neighbour; police attended, parents arguing over money, no injuries, children well.'] },
  { from: 'school', reportedBy: 'professional', category: 'neglect', reason: ['Attendance has dropped this term; mother recently bereaved and struggling.', 'Child has said there is not much food at home at the end of the month; family known to be on a low income.'] },
  { from: 'hv', reportedBy: 'professional', category: 'unknown', reason: ['Mother low in mood postnatally, requesting support with the baby; good bond observed.', 'Housing disrepair (damp) affecting the baby\'s chest; family asking for help with the landlord.'] },
  { from: 'socialCare', reportedBy: 'neighbour', category: 'neglect', reason: ['Neighbour reports children heard crying late at night and left alone.', 'Anonymous caller says the children are often out on the street unsupervised.'] },
  { from: 'socialCare', reportedBy: 'relative', category: 'unknown', reason: ['Grandmother worried mother is not coping since the separation.', 'Aunt concerned about the state of the flat after a flood.'] },
  { from: 'gp', reportedBy: 'professional', category: 'unknown', reason: ['Parent asking for support with the child\'s behaviour and sleep; possible ADHD.', 'Carer stress: sibling with complex needs, family asking for respite.'] },
];

const OUTCOMES = [
  'Assessment completed. Home conditions good, children well cared for, no concerns about parenting. No further action; signposted to early help.',
  'Visited: children seen and spoken to, happy and settled. Concerns not substantiated. Case closed, no further action.',
  'Single assessment: needs met by universal services. Closed with advice. NFA.',
  'Family engaged well. Referral to family hub for parenting support; no role for social care. Closed.',
];

/** The people a social-care record names: the child and mother always, the resident father only sometimes. */
function socialCarePeople(life: ChildLife, on: string, namesFather: boolean): Mention[] {
  const f = life.fatherMention();
  const p = life.partnerMention(on);
  return [life.childMention(), life.motherMention(), ...(f && namesFather ? [f] : []), ...(p && namesFather ? [p] : []), ...life.siblingMentions(on)];
}

function referral(life: ChildLife, on: string): void {
  const { rng } = life;
  const r = rng.pick(REFERRALS);
  const namesFather = rng.chance(R.SOCIAL_CARE_NAMES_FATHER);
  const mimics = life.family.father && !namesFather ? ['referral NFA', 'resident father not named by social care'] : ['referral NFA'];
  const reason = rng.pick(r.reason);
  if (r.from !== 'socialCare') {
    life.add({
      agency: r.from, kind: 'referral', on, people: [life.childMention(), ...life.parents(on)], author: staff(rng, 'safeguarding lead'), mimics,
      body: { to: 'ind-csc', reason, urgency: 'routine', reportedBy: r.reportedBy },
    });
  } else {
    life.add({
      agency: 'socialCare', kind: 'concern', on, people: socialCarePeople(life, on, namesFather), author: staff(rng, 'duty social worker'), mimics,
      body: { category: r.category, description: reason, reportedBy: r.reportedBy },
    });
  }
  let day = addDays(on, rng.int(2, 10));
  if (rng.chance(R.SECTION_47_SHARE_OF_REFERRALS)) {
    life.add({
      agency: 'socialCare', kind: 'strategy-discussion', on: addDays(on, 1), people: socialCarePeople(life, on, namesFather), author: staff(rng, 'team manager'), mimics,
      body: { agencies: ['ind-csc', 'ind-police', 'ind-gp'], decision: 'section-47' },
      narrative: 'Strategy discussion: threshold met for section 47 enquiries to establish facts. Joint visit.',
    });
    day = addDays(on, rng.int(2, 5));
  }
  life.add({
    agency: 'socialCare', kind: 'visit', on: day, people: socialCarePeople(life, day, namesFather), author: staff(rng, 'social worker'), mimics,
    body: { purpose: 'statutory', announced: rng.chance(0.6), childSeen: true, childSeenAlone: yearsOld(life.child.dob, day) >= 4 && rng.chance(0.7), access: 'inside', observations: rng.pick(OUTCOMES) },
  });
  const end = addDays(day, rng.int(5, 30));
  if (end <= life.span.to && rng.chance(0.5)) {
    life.add({
      agency: 'socialCare', kind: 'enquiry-outcome', on: end, people: socialCarePeople(life, end, namesFather), author: staff(rng, 'team manager'), mimics,
      body: { substantiated: false, decision: 'no-further-action' }, narrative: rng.pick(OUTCOMES),
    });
  }
}

function policeContact(life: ChildLife, on: string): void {
  const { rng } = life;
  const what = rng.pick([
    { action: 'incident-attended', offence: 'burglary (dwelling)', text: 'Family victims of burglary overnight; crime reference issued, crime prevention advice.' },
    { action: 'incident-attended', offence: 'missing person', text: 'Teenage son reported missing after school, found at a friend\'s house two hours later, safe and well.' },
    { action: 'incident-attended', offence: 'road traffic collision', text: 'Family car shunted at lights; no injuries. Details exchanged.' },
    { action: 'investigation-opened', offence: 'criminal damage', text: 'Car window smashed outside the home; no suspects.' },
  ]);
  life.add({
    agency: 'police', kind: 'police-action', on, people: [{ ...life.motherMention(), role: 'other', relationship: 'victim' }], author: staff(rng, 'police constable'), mimics: ['police contact, not about harm'],
    body: { action: what.action, offence: what.offence }, narrative: what.text,
  });
}

function school(life: ChildLife): void {
  const { rng } = life;
  for (let year = 2022; year <= 2024; year++) {
    const on = `${year}-${rng.pick(['11', '12', '01', '03'])}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const day = on < `${year}-09-01` ? `${year + 1}${on.slice(4)}` : on;
    const age = yearsOld(life.child.dob, day);
    if (age < 5 || age >= 16 || day < life.span.from || day > life.span.to) continue;
    if (rng.chance(R.PERSISTENT_ABSENCE * 0.5)) {
      const percent = rng.int(78, 89);
      life.add({
        agency: 'school', kind: 'education', on: day, people: [life.childMention(), life.motherMention()], author: staff(rng, 'attendance officer'), mimics: ['persistent absence'],
        body: { change: 'attendance-concern', school: 'Ind Primary', attendancePercent: percent, note: rng.pick([`Attendance ${percent}%, mostly illness and a family holiday.`, 'Repeated short illnesses (asthma). Meeting with parents held, plan agreed.', 'Anxiety about school; parents working with the SENCo.']) },
      });
    }
    if (rng.chance(R.HOME_EDUCATION_PER_YEAR)) {
      life.add({
        agency: 'education', kind: 'education', on: day, people: [life.childMention(), ...life.parents(day)], author: staff(rng, 'elective home education officer'), mimics: ['elective home education, no enquiry'],
        body: { change: 'withdrawn-home-education', school: 'Ind Academy', note: rng.pick(['Parents\' philosophical choice; suitable education plan seen.', 'Withdrawn after bullying; EHE officer visited, provision suitable.', 'Anxiety-based school avoidance; parents home educating with tutor support.']) },
      });
      return;
    }
  }
}

/** A mother's new partner moving in (not known to police for anything), recorded by health visiting or housing. */
function newPartner(life: ChildLife, on: string): void {
  const { rng, family } = life;
  if (family.father || life.partner) return;
  const p = person(life.ids, rng, family.group, 'male', adultDob(rng, on, 22, 45));
  life.partner = { person: p, from: on };
  const mention: Mention = { key: 'p', person: p, role: 'partner-of-parent', relationship: "mother's partner", lives: 'yes', home: life.homeOn() };
  life.add({
    agency: rng.pick(['hv', 'gp', 'school'] as const), kind: 'household-change', on, people: [life.childMention(), life.motherMention(), mention], author: staff(rng, 'practitioner'),
    mimics: ['new partner moves in (no history)'],
    body: { person: 'p', change: 'moved-in' }, narrative: rng.pick(['Mother\'s partner has moved in; works locally, good relationship with the children.', 'New partner living at the address since last month, mother happy.', 'Mum reports her boyfriend has moved in.']),
  });
}

export function services(life: ChildLife): void {
  const { rng } = life;
  const { from, to } = life.span;
  for (const on of eachMonth(rng, from, to)) {
    if (rng.chance(R.REFERRAL_PER_YEAR / 12)) referral(life, on);
    if (rng.chance(R.POLICE_CONTACT_PER_YEAR / 12)) policeContact(life, on);
    if (rng.chance(R.NEW_PARTNER_PER_YEAR / 12)) newPartner(life, on);
  }
  school(life);
}
