// Birth and the first weeks: the delivery, the newborn examination with any
// documented birth injury or Mongolian blue spot, and, for a few babies with a
// spot, a later practitioner who charts it as a bruise and a correction.
import { addDays } from './dates.ts';
import type { ChildLife } from './family.ts';
import { staff } from './people.ts';
import * as R from './rates.ts';
import type { RecordSpec } from './records.ts';
import { side, sideWord, siteWord } from './words.ts';

export function birth(life: ChildLife): void {
  const { rng, family, child } = life;
  const on = child.dob;
  const mode = rng.weighted(R.BIRTH_MODE);
  const injuries: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const mimics: string[] = [];
  if (mode === 'ventouse' && rng.chance(R.VENTOUSE_SCALP_MARKS)) {
    const cephalo = rng.chance(R.VENTOUSE_CEPHALOHAEMATOMA / R.VENTOUSE_SCALP_MARKS);
    injuries.push(cephalo ? { type: 'swelling', site: 'scalp', side: side(rng) } : { type: 'bruise', site: 'scalp', sizeMm: rng.int(20, 50) });
    notes.push(rng.pick([
      cephalo ? 'Cephalohaematoma right parietal from ventouse, documented birth injury, for observation.' : 'Chignon and bruising to scalp from ventouse cup - documented birth injury.',
      'Ventouse delivery (Kiwi): bruising to vertex at cup site. Birth injury explained to parents.',
      `Scalp bruising at site of ventouse application${cephalo ? ', small cephalohaematoma' : ''}. Documented as a birth injury.`,
    ]));
    mimics.push('ventouse birth injury');
  }
  if (mode === 'forceps' && rng.chance(R.FORCEPS_FACIAL_MARKS)) {
    const s = side(rng);
    injuries.push({ type: 'bruise', site: rng.pick(['cheek', 'cheek', 'forehead']), side: s, sizeMm: rng.int(10, 30) });
    notes.push(rng.pick([`Forceps marks ${sideWord(rng, s)} cheek, documented birth injury.`, 'Bruising to face from forceps blades, expected to settle.', 'Forceps marks to face noted at birth.']));
    mimics.push('forceps birth injury');
  }
  const modeWords = { spontaneous: 'SVD', caesarean: rng.pick(['LSCS', 'emergency caesarean section', 'elective caesarean section']), forceps: 'forceps delivery', ventouse: 'ventouse delivery' }[mode];
  const people = [life.childMention(), ...life.parents(on)];
  life.add({
    agency: 'hospital', kind: 'attendance', on, people, author: staff(rng, 'midwife'), mimics,
    body: { setting: 'inpatient', complaint: `birth: ${modeWords}`, ...(injuries.length ? { injuries, explanation: `birth injury (${modeWords})` } : {}), examination: 'complete', outcome: 'discharged-home' },
    narrative: `Born at ${rng.int(37, 41)}+${rng.int(0, 6)} weeks by ${modeWords}, ${rng.int(2600, 4300)}g. ${notes.join(' ')}${family.father ? ` ${rng.pick(['Father present at delivery.', 'Dad present.', 'Partner present throughout.'])}` : ''}`,
  });
  // The newborn physical examination within 72 hours documents birthmarks.
  const spotNoted = family.mongolianSpot && rng.chance(0.9);
  life.add({
    agency: 'hospital', kind: 'attendance', on: addDays(on, rng.int(0, 2)), people: [life.childMention(), life.motherMention()], author: staff(rng, 'neonatal practitioner'),
    body: { setting: 'inpatient', complaint: 'newborn and infant physical examination', examination: 'complete', outcome: 'discharged-home' },
    narrative: `NIPE: heart, hips, eyes, testes normal.${spotNoted ? ` ${rng.pick(['Mongolian blue spots over sacrum and buttocks, documented on body map.', 'Blue-grey birthmark (congenital dermal melanocytosis) lower back, recorded.', 'Mongolian blue spot sacral area noted and shown to parents.'])}` : ''}${injuries.length ? ' Birth marks as documented at delivery.' : ''}`,
    mimics: spotNoted ? ['Mongolian blue spot documented at birth'] : [],
  });
  if (family.mongolianSpot && rng.chance(R.SPOT_CHARTED_AS_BRUISE)) spotChartedAsBruise(life);
}

/** Someone who did not see the newborn record charts the spot as a bruise; a colleague corrects it. */
function spotChartedAsBruise(life: ChildLife): void {
  const { rng, child } = life;
  const on = addDays(child.dob, rng.int(14, 300));
  if (on > life.span.to || on < life.span.from) return;
  const agency = rng.pick(['gp', 'hv', 'hospital'] as const);
  const site = rng.pick(['back', 'buttock', 'buttock']);
  const setting = agency === 'hospital' ? 'emergency' : 'gp';
  const charted: RecordSpec = agency === 'hv'
    ? { agency, kind: 'visit', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'health visitor'), mimics: ['Mongolian spot charted as a bruise'],
      body: { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, access: 'inside', injuries: [{ type: 'bruise', site, sizeMm: rng.int(20, 60) }], observations: `Bluish ${siteWord(rng, site)} mark ?bruise, ${rng.pick(['mother unsure how', 'no injury known', 'mother says it has always been there'])}.` } }
    : { agency, kind: 'attendance', on, people: [life.childMention(), life.motherMention()], author: staff(rng, agency === 'gp' ? 'GP' : 'ED doctor'), mimics: ['Mongolian spot charted as a bruise'],
      body: { setting, complaint: rng.pick(['cough and cold', 'nappy rash', 'fever']), injuries: [{ type: 'bruise', site, sizeMm: rng.int(20, 60) }], explanation: rng.pick(['mother says present since birth', 'no injury known']), examination: 'complete' },
      narrative: `Incidental finding: blue-grey discolouration ${siteWord(rng, site)}, ?bruise.` };
  const first = life.add(charted);
  const fixedOn = addDays(on, rng.pick([0, 0, 1, 2, 5]));
  const correction = rng.pick([
    `Recorded in error: Mongolian blue spot, not a bruise. Documented at the newborn check.`,
    `Correction to entry of ${on}: the mark is a Mongolian blue spot present since birth, not bruising.`,
    `Reviewed with senior: congenital dermal melanocytosis (Mongolian spot), unchanged, not a bruise. Earlier entry amended.`,
    `Previous note of bruise to ${siteWord(rng, site)} was a Mongolian spot - entered in error.`,
  ]);
  if (rng.chance(0.3)) {
    // Amended in place: the agency sends a new version of the same record.
    const body = { ...(charted.body) };
    delete body.injuries;
    if (charted.kind === 'visit') body.observations = correction;
    life.amend(first, { ...charted, body, narrative: correction, mimics: ['Mongolian spot record amended in place'] });
    return;
  }
  life.add({
    agency, kind: charted.kind, on: fixedOn, people: [life.childMention(), life.motherMention()], author: staff(rng, agency === 'hv' ? 'health visitor' : 'paediatrician'),
    body: charted.kind === 'visit'
      ? { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, access: 'inside', observations: correction, ...(rng.chance(0.5) ? { injuries: [{ type: 'other', site }] } : {}) }
      : { setting: agency === 'hospital' ? 'outpatient' : 'gp', complaint: 'review of mark', examination: 'complete', ...(rng.chance(0.5) ? { injuries: [{ type: 'other', site }], explanation: 'Mongolian blue spot' } : {}) },
    narrative: correction, mimics: ['Mongolian spot correction'],
  });
}
