// Accidents that bring benign children to the emergency department, and the
// fractures of ordinary childhood (a forearm broken in a fall, a toddler's
// fracture, a collar bone), each with the account and the witnesses a
// practitioner writes down; children with osteogenesis imperfecta break bones
// more easily. Rates from rates.ts (Cooper 2004 for fractures).
import { addDays, eachMonth, yearsOld } from './dates.ts';
import { examine } from './exam.ts';
import type { ChildLife } from './family.ts';
import { staff } from './people.ts';
import * as R from './rates.ts';
import type { Rng } from './random.ts';
import { dad, mum, side, sideWord } from './words.ts';

interface Accident {
  complaint: string;
  injuries: Record<string, unknown>[];
  explanation: string;
  narrative: string;
  mimic: string;
  followUp?: boolean;
}

const witness = (rng: Rng, who: string[]) => rng.pick([` Witnessed by ${rng.pick(who)}.`, ` ${rng.pick(who)[0]!.toUpperCase()}${rng.pick(who).slice(1)} saw it happen.`, ` Seen by ${rng.pick(who)}.`, '']);

function infantAccident(rng: Rng, life: ChildLife, on: string): Accident {
  const mobile = life.mobility(on) !== 'premobile';
  const s = side(rng);
  return rng.pick<Accident>([
    { complaint: 'fall from bed', injuries: [{ type: rng.pick(['swelling', 'bruise']), site: rng.pick(['forehead', 'scalp']), side: s, sizeMm: rng.int(10, 30) }],
      explanation: rng.pick(['rolled off the parents\' bed onto carpet', 'rolled off the changing mat on the bed', 'rolled off the sofa while mother fetched a nappy']),
      narrative: `Fall approx ${rng.int(40, 70)}cm onto ${rng.pick(['carpet', 'laminate'])}. Cried immediately, no LOC, feeding since. ${rng.pick(['Small swelling', 'Bruise'])} ${sideWord(rng, s)} forehead. NICE head injury: no CT indicated.${witness(rng, ['mother', 'father', 'grandmother'])}`, mimic: 'infant fall from bed' },
    { complaint: 'head bump', injuries: [{ type: 'bruise', site: 'forehead', sizeMm: rng.int(8, 20) }],
      explanation: rng.pick(['older brother dropped a toy on him', 'sibling pushed the bouncer over', 'hit head on cot side']),
      narrative: `Minor head injury. Alert, GCS 15, no vomiting. ${mobile ? 'Crawling.' : ''} Discharged with head injury advice.`, mimic: 'infant minor head injury' },
    { complaint: 'ingestion', injuries: [], explanation: 'swallowed a small amount of dishwasher tablet, seen by mother', narrative: 'Toxbase checked. Observed 4 hours, well. Safety advice.', mimic: 'ED, no injury' },
    { complaint: 'trapped finger', injuries: [{ type: 'swelling', site: 'hand', side: s }], explanation: 'finger caught in a drawer', narrative: 'Finger swollen, full movement. No x-ray needed.', mimic: 'ED minor injury' },
  ]);
}

function toddlerAccident(rng: Rng): Accident {
  const s = side(rng);
  return rng.pick<Accident>([
    { complaint: 'head injury', injuries: [{ type: 'bruise', site: 'forehead', sizeMm: rng.int(10, 35) }], explanation: rng.pick(['ran into the corner of the coffee table', 'fell off the sofa onto the floor', 'tripped on the step at nursery', 'fell in the park']),
      narrative: `Large egg on forehead. No LOC, playing in department.${witness(rng, ['mum', 'dad', 'nursery staff', 'grandad'])}`, mimic: 'toddler forehead bump' },
    { complaint: 'cut lip', injuries: [{ type: 'laceration', site: 'lip', sizeMm: rng.int(3, 10) }], explanation: 'fell against the table, caught lip on teeth', narrative: 'Small lip laceration, not through vermilion border. Steri-strips not needed. Frenulum intact.', mimic: 'toddler cut lip' },
    { complaint: 'scald', injuries: [{ type: 'scald', site: rng.pick(['chest', 'forearm', 'shoulder']), side: s, sizeMm: rng.int(20, 60) }],
      explanation: rng.pick(['pulled a cup of tea off the table', 'knocked a hot drink over himself']),
      narrative: `Superficial partial-thickness scald, irregular edges with splash marks, ${rng.int(1, 2)}% TBSA. Cooled under tap 20 min at home.${witness(rng, ['mother', 'father', 'aunt'])} Consistent with account.`, mimic: 'accidental spill scald', followUp: true },
    { complaint: 'pulled elbow', injuries: [], explanation: 'pulled up by the hand when stumbling', narrative: 'Not using arm. Reduced in department, using arm after.', mimic: 'ED, no injury' },
    { complaint: 'fall from climbing frame', injuries: [{ type: 'abrasion', site: rng.pick(['knee', 'chin', 'hand']), side: s }], explanation: 'fell off the climbing frame at the park', narrative: 'Grazes cleaned. Walking normally.', mimic: 'ED minor injury' },
    { complaint: 'dog bite', injuries: [{ type: 'bite', site: rng.pick(['hand', 'forearm']), side: s }], explanation: 'bitten by grandmother\'s dog', narrative: 'Superficial puncture wounds. Co-amoxiclav. Dog known to family.', mimic: 'ED minor injury' },
  ]);
}

function schoolAgeAccident(rng: Rng): Accident {
  const s = side(rng);
  return rng.pick<Accident>([
    { complaint: 'ankle injury', injuries: [{ type: 'swelling', site: 'foot', side: s }], explanation: rng.pick(['went over on it playing football', 'twisted it in PE']), narrative: 'Ottawa rules negative. Soft tissue injury. RICE.', mimic: 'ED minor injury' },
    { complaint: 'head injury', injuries: [{ type: 'head-injury', site: 'forehead' }], explanation: rng.pick(['clash of heads in the playground', 'hit by a football', 'fell off scooter']), narrative: `No LOC. Neuro obs normal. Discharged.${witness(rng, ['a teacher', 'lunchtime supervisor', 'his mother'])}`, mimic: 'ED minor injury' },
    { complaint: 'fall from bike', injuries: [{ type: 'abrasion', site: rng.pick(['knee', 'hand', 'forearm']), side: s }, { type: 'bruise', site: rng.pick(['knee', 'shin', 'thigh']), side: s }], explanation: 'came off bike on the pavement', narrative: 'Gravel rash cleaned and dressed.', mimic: 'ED minor injury' },
    { complaint: 'finger injury', injuries: [{ type: 'swelling', site: 'hand', side: s }], explanation: 'caught a netball awkwardly', narrative: 'Sprain, no bony injury. Buddy strapping.', mimic: 'ED minor injury' },
    { complaint: 'laceration', injuries: [{ type: 'laceration', site: rng.pick(['chin', 'forehead', 'knee']), sizeMm: rng.int(10, 30) }], explanation: rng.pick(['fell on the edge of a step', 'slipped at the swimming pool']), narrative: 'Glued. Wound care advice.', mimic: 'ED minor injury' },
  ]);
}

function fractureOf(rng: Rng, life: ChildLife, on: string): Accident {
  const age = yearsOld(life.child.dob, on);
  const s = side(rng);
  const oi = life.family.brittleBones ? ` Known osteogenesis imperfecta${rng.chance(0.5) ? ' type I, under the bone clinic' : ''}.` : '';
  if (age < 1.5 && life.mobility(on) === 'walking' && rng.chance(0.6)) {
    return { complaint: 'limping, not weight bearing', injuries: [{ type: 'fracture', site: 'long-bone', side: s }], explanation: rng.pick(['tripped while running at nursery', 'twisted leg coming down the slide on dad\'s lap']),
      narrative: `Toddler's fracture (undisplaced spiral fracture distal tibia) on x-ray.${witness(rng, ['nursery staff', 'father', 'mother'])}${oi}`, mimic: 'toddler\'s fracture, witnessed', followUp: true };
  }
  if (age < 4) {
    return { complaint: 'injury to collar bone', injuries: [{ type: 'fracture', site: 'shoulder', side: s }], explanation: rng.pick(['fell off the sofa onto outstretched arm', 'fell from the bunk-bed ladder', 'fell off the trampoline']),
      narrative: `Midshaft clavicle fracture. Broad arm sling.${witness(rng, ['mother', 'older sister', 'father'])}${oi}`, mimic: 'accidental fracture under 4, witnessed', followUp: true };
  }
  const where = rng.pick(['in the school playground', 'on the trampoline at home', 'off the monkey bars', 'playing rugby', 'off a scooter', 'roller skating']);
  return { complaint: 'wrist injury', injuries: [{ type: 'fracture', site: 'forearm', side: s }], explanation: `fell onto outstretched hand ${where}`,
    narrative: `${rng.pick(['Buckle fracture distal radius', 'Greenstick fracture radius and ulna', 'Distal radius fracture, minimal angulation'])}. ${rng.pick(['Cast applied', 'Splint'])}. Fracture clinic.${witness(rng, ['a teacher', 'friends', 'coach', 'his father', 'her mother'])}${oi}`,
    mimic: 'school-age forearm fracture, witnessed', followUp: true };
}

function attend(life: ChildLife, on: string, a: Accident): void {
  const { rng } = life;
  const found = examine(life, on);
  life.add({
    agency: 'hospital', kind: 'attendance', on, people: [life.childMention(), ...life.parents(on, 0.4)], author: staff(rng, 'ED doctor'), mimics: [a.mimic, ...found.mimics],
    body: { setting: 'emergency', complaint: a.complaint, ...(a.injuries.length || found.injuries.length ? { injuries: [...a.injuries, ...found.injuries] } : {}), explanation: a.explanation, examination: 'complete', outcome: 'discharged-home' },
    narrative: `${rng.pick([`${mum(rng)} reports`, 'Hx:', 'Per parent:', `${dad(rng)} says`])} ${a.explanation}. ${a.narrative} ${found.notes.join(' ')}`.trim(),
  });
  if (a.followUp && rng.chance(0.7)) {
    const next = addDays(on, rng.int(5, 12));
    if (next <= life.span.to) {
      life.add({
        agency: rng.chance(0.7) ? 'hospital' : 'gp', kind: 'attendance', on: next, people: [life.childMention(), life.motherMention()], author: staff(rng, 'clinician'), mimics: [`${a.mimic} (follow-up)`],
        body: { setting: 'outpatient', complaint: `review of ${a.complaint}`, injuries: a.injuries, explanation: a.explanation, examination: 'complete' },
        narrative: rng.pick(['Healing well. Discharged.', 'Review: progressing as expected.', 'Seen in fracture clinic, cast changed.', 'Dressing clinic, healing.']),
      });
    }
  }
}

export function accidents(life: ChildLife): void {
  const { rng } = life;
  const { from, to } = life.span;
  for (const on of eachMonth(rng, from, to)) {
    const age = yearsOld(life.child.dob, on);
    const month = 1 / 12;
    const injuryRate = age < 1 ? 0.15 : age < 5 ? 0.3 : R.ED_INJURY_PER_YEAR;
    if (rng.chance(injuryRate * month)) attend(life, on, age < 1 ? infantAccident(rng, life, on) : age < 5 ? toddlerAccident(rng) : schoolAgeAccident(rng));
    const fractures = R.fractureRate(age, life.child.sex) * (life.family.brittleBones ? 25 : 1);
    if (rng.chance(fractures * month)) attend(life, on, fractureOf(rng, life, on));
    if (rng.chance((age < 1 ? R.ED_ILLNESS_PER_YEAR.infant : R.ED_ILLNESS_PER_YEAR.child) * month)) {
      const found = examine(life, on);
      life.add({
        agency: 'hospital', kind: 'attendance', on, people: [life.childMention(), ...life.parents(on, 0.4)], author: staff(rng, 'ED nurse practitioner'), mimics: found.mimics,
        body: { setting: 'emergency', complaint: rng.pick(['fever', 'breathing difficulty', 'vomiting', 'rash', 'croup']), examination: 'complete', outcome: 'discharged-home', ...(found.injuries.length ? { injuries: found.injuries, explanation: 'incidental' } : {}) },
        narrative: `${rng.pick(['Viral illness, well on review.', 'Croup, dexamethasone given.', 'Bronchiolitis, feeding adequately, home.', 'Gastroenteritis, tolerated fluid challenge.'])} ${found.notes.join(' ')}`.trim(),
      });
    }
  }
}
