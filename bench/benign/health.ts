// Everyday health contacts of a benign child: health visiting's mandated
// reviews (with growth measured), immunisations, GP consultations for the
// usual illnesses, outpatient clinics, and appointments the child was not
// brought to at ordinary rates. What a practitioner finds on examining the
// child comes from exam.ts.
import { addDays, daysBetween, eachMonth } from './dates.ts';
import { examine } from './exam.ts';
import type { ChildLife } from './family.ts';
import { staff } from './people.ts';
import * as R from './rates.ts';
import { closing, mum, parentsWord } from './words.ts';

const inSpan = (life: ChildLife, on: string) => on >= life.span.from && on <= life.span.to;

/** Standard normal cumulative distribution (Zelen and Severo 26.2.17), for a centile from a z-score. */
function centile(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989423 * Math.exp((-z * z) / 2);
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return Math.round(1000 * (z > 0 ? 1 - p : p)) / 10;
}

/** UK-WHO median weight (kg) at an age in months, roughly (boys and girls together): enough for plausible figures. */
export const medianWeight = (months: number) => (months < 12 ? 3.4 + 0.75 * months - 0.026 * months * months : 9.6 + 0.2 * (months - 12));

/**
 * Weight as a z-score that drifts between measurements, correlation exp(-months apart / 30) (ASSUMED: about 0.7
 * over the ten months from the 6-8 week check to the first birthday, 0.55 over eighteen; no UK-WHO figure was
 * found): ordinary babies' centiles wander, big babies drift down towards the middle, and a few cross two
 * centile spaces, as NICE NG75 warns. Returns the measurement body for that day.
 */
export function weigh(life: ChildLife, on: string, setting: string): Record<string, unknown> {
  const last = life.weightZ;
  // Measurements are not always drawn in date order (an injected series): the distance in time is what counts.
  const gap = last ? Math.abs(daysBetween(last.on, on)) / 30.4 : 0;
  const rho = Math.exp(-gap / 30);
  const z = last ? rho * last.z + Math.sqrt(1 - rho * rho) * life.rng.normal() : life.rng.normal();
  life.weightZ = { z, on };
  const months = life.months(on);
  return { setting, weightKg: Math.round(medianWeight(months) * (1 + 0.11 * z) * 100) / 100, centiles: { weight: Math.min(99.6, Math.max(0.4, centile(z))) } };
}

function missed(life: ChildLife, on: string, service: string, agency: 'gp' | 'hospital' | 'hv'): void {
  life.add({
    agency, kind: 'appointment-missed', on, people: [life.childMention(), life.motherMention()], author: staff(life.rng, 'administrator'),
    body: { service, wasNotBrought: true }, mimics: ['missed appointment'],
    narrative: life.rng.pick(['WNB. Letter sent to rebook.', 'Was not brought. Mother phoned later, child unwell, rebooked.', 'DNA - rebooked.', 'Not brought; text reminder sent for next slot.', '']),
  });
}

/** The Healthy Child Programme contacts: new birth visit, 6-8 weeks, 9-12 months, 2-2.5 years. */
export function healthVisiting(life: ChildLife): void {
  const { rng } = life;
  const contacts: [string, number, boolean][] = [
    ['new birth visit', rng.int(10, 14), true], ['6-8 week review', rng.int(42, 60), rng.chance(0.6)],
    ['9-12 month review', rng.int(270, 365), rng.chance(0.4)], ['2-2.5 year review', rng.int(730, 900), rng.chance(0.3)],
  ];
  for (const [what, ageDays, atHome] of contacts) {
    let on = addDays(life.child.dob, ageDays);
    if (!inSpan(life, on) || !rng.chance(R.HV_CONTACT_REACHED)) continue;
    if (rng.chance(R.NOT_BROUGHT.healthVisiting) && !atHome) {
      missed(life, on, `health visiting ${what}`, 'hv');
      on = addDays(on, rng.int(7, 21));
      if (!inSpan(life, on)) continue;
    }
    if (atHome && rng.chance(R.HV_NO_REPLY)) {
      life.add({
        agency: 'hv', kind: 'visit', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'health visitor'), mimics: ['health visit no reply, seen later'],
        body: { purpose: 'health-visiting', announced: true, childSeen: false, childSeenAlone: false, access: 'no-reply', observations: rng.pick(['No reply. Card left, will rebook.', 'No answer at door, phoned mother - at hospital appointment, rebooked.', 'No reply, letter left.']) },
      });
      on = addDays(on, rng.int(2, 10));
      if (!inSpan(life, on)) continue;
    }
    const found = examine(life, on);
    const present = life.parents(on, 0.5);
    const father = present.some((m) => m.key === 'f');
    life.add({
      agency: 'hv', kind: 'visit', on, people: [life.childMention(), ...present, ...life.siblingMentions(on, 0.3)], author: staff(rng, 'health visitor'), mimics: found.mimics,
      body: {
        purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, ...(atHome ? { access: 'inside' } : {}),
        present: present.map((m) => m.key), ...(found.injuries.length ? { injuries: found.injuries } : {}),
        observations: `${what[0]!.toUpperCase()}${what.slice(1)}${atHome ? ' at home' : ' in clinic'} with ${parentsWord(rng, father)}. ${rng.pick(['Feeding well.', 'Weaning started.', 'Sleeping through most nights.', 'Developing as expected.', 'ASQ completed, within range.', 'Speech coming on.'])} ${found.notes.join(' ')}${closing(rng)}`.trim(),
      },
    });
    life.add({ agency: 'hv', kind: 'measurement', on, people: [life.childMention()], author: staff(rng, 'health visitor'), body: weigh(life, on, 'health-visiting'), mimics: ['growth measured'] });
  }
}

const ILLNESS = ['cough and cold', 'fever', 'ear pain', 'rash', 'eczema flare', 'vomiting and diarrhoea', 'wheeze', 'sore throat', 'conjunctivitis', 'constipation', 'headache', 'tummy ache', 'nappy rash', 'reflux'];
const GP_NARRATIVE = [
  (c: string, m: string) => `${m} reports ${c} for ${3 + (c.length % 4)} days. O/E alert, well hydrated. Safety-netting advice given.`,
  (c: string, m: string) => `${c[0]!.toUpperCase()}${c.slice(1)}. ${m} worried. Examined: chest clear, ENT NAD. Reassured.`,
  (c: string) => `Seen with ${c}. Obs normal. Plan: fluids, paracetamol, review if not settling.`,
  (c: string, m: string) => `${c}, brought by ${m.toLowerCase()}. Examination unremarkable. Rx as discussed.`,
];

/** GP consultations for illness, immunisations in infancy, and appointments not attended. */
export function generalPractice(life: ChildLife): void {
  const { rng, child } = life;
  const { from, to } = life.span;
  for (const weeks of [8, 12, 16, 52]) {
    const on = addDays(child.dob, weeks * 7 + rng.int(0, 14));
    if (!inSpan(life, on)) continue;
    if (rng.chance(R.NOT_BROUGHT.gp)) missed(life, addDays(on, -7), 'immunisations', 'gp');
    const found = examine(life, on);
    life.add({
      agency: 'gp', kind: 'attendance', on, people: [life.childMention(), ...life.parents(on, 0.3)], author: staff(rng, 'practice nurse'), mimics: found.mimics,
      body: { setting: 'gp', complaint: `${weeks === 52 ? 'one-year' : `${weeks}-week`} immunisations`, examination: found.injuries.length ? 'complete' : 'not-done', ...(found.injuries.length ? { injuries: found.injuries } : {}) },
      narrative: `Immunisations given as per schedule. ${found.notes.join(' ')}`.trim(),
    });
  }
  // Consultations: a Poisson count over the span, each on a uniform day.
  const days = daysBetween(from, to);
  if (days <= 0) return;
  for (const on of eachMonth(rng, from, to)) {
    const rate = (life.months(on) < 60 ? R.GP_PER_YEAR.underFive : R.GP_PER_YEAR.older) / 12;
    if (!rng.chance(rate)) continue;
    if (rng.chance(R.NOT_BROUGHT.gp)) {
      missed(life, on, 'GP appointment', 'gp');
      continue;
    }
    const complaint = rng.pick(ILLNESS);
    const found = examine(life, on);
    life.add({
      agency: 'gp', kind: 'attendance', on, people: [life.childMention(), ...life.parents(on, 0.2)], author: staff(rng, 'GP'), mimics: found.mimics,
      body: { setting: 'gp', complaint, examination: 'complete', ...(found.injuries.length ? { injuries: found.injuries, explanation: 'incidental finding' } : {}) },
      narrative: `${rng.pick(GP_NARRATIVE)(complaint, mum(rng))} ${found.notes.join(' ')}`.trim(),
    });
  }
  // Outpatient clinics (asthma, eczema, audiology...): a few children, some often.
  for (let d = 0; d < days; d += 60) {
    const on = addDays(from, d + rng.int(0, 59));
    if (on > to || !rng.chance(R.OUTPATIENT_PER_YEAR / 6)) continue;
    const clinic = rng.pick(['paediatric asthma clinic', 'dermatology', 'audiology', 'general paediatrics', 'orthoptics', 'allergy clinic']);
    if (rng.chance(R.NOT_BROUGHT.outpatient)) {
      missed(life, on, clinic, 'hospital');
      continue;
    }
    life.add({
      agency: 'hospital', kind: 'attendance', on, people: [life.childMention(), ...life.parents(on, 0.3)], author: staff(rng, 'consultant paediatrician'),
      body: { setting: 'outpatient', complaint: `${clinic} review`, examination: 'complete', outcome: 'discharged-home' },
      narrative: rng.pick(['Reviewed in clinic. Progress good. Continue current plan.', 'Seen with mother. Stable. Follow up 6 months.', 'Clinic review, no change to treatment.']),
    });
  }
  if (life.family.bleeding && rng.chance(0.8)) {
    const on = addDays(from, rng.int(0, Math.max(0, days)));
    life.add({
      agency: 'hospital', kind: 'attendance', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'haematologist'),
      body: { setting: 'outpatient', complaint: 'haematology review', examination: 'complete' }, mimics: ['bleeding disorder diagnosis'],
      narrative: `Haematology clinic: ${life.family.bleeding}, confirmed on testing. Bruising pattern discussed; letter to GP and health visitor.`,
    });
  }
}
