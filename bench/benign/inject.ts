// Patterns the evidence base names, added to otherwise benign children: each
// is a pattern (NICE CG89, the serious case review analyses, the Children's
// Wellbeing and Schools Act), not a case. Each injection lists the records that
// make the pattern, so the bench can check that an alert cites them.
import { addDays, daysBetween } from './dates.ts';
import { PERIOD, type ChildLife } from './family.ts';
import { adultDob, home, person, staff } from './people.ts';
import type { BuiltRecord, Mention } from './records.ts';
import { medianWeight } from './health.ts';
import { side } from './words.ts';

export const PATTERNS = [
  'sock-scald', 'grip-bruises-hunger', 'ear-bruise-non-mobile', 'fracture-non-ambulant', 'faltering-growth-missed',
  'sibling-disclosure', 'violent-adult-joins', 'not-seen-on-visits', 'home-education-during-s47',
] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface Injection {
  pattern: Pattern;
  /** the day of the first record that makes the pattern */
  firstDate: string;
  /** `agency/ref` of the records that make the pattern: an alert detects it by citing one of them */
  records: string[];
  description: string;
}

/** Child's age in days at the pattern's first record, and how long the pattern runs. */
const AGES: Record<Pattern, { min: number; max: number; runs: number }> = {
  'sock-scald': { min: 400, max: 1400, runs: 1 },
  'grip-bruises-hunger': { min: 1470, max: 1760, runs: 30 },
  'ear-bruise-non-mobile': { min: 60, max: 150, runs: 1 },
  'fracture-non-ambulant': { min: 50, max: 200, runs: 1 },
  'faltering-growth-missed': { min: 150, max: 420, runs: 200 },
  'sibling-disclosure': { min: 800, max: 3600, runs: 2 },
  'violent-adult-joins': { min: 200, max: 4000, runs: 40 },
  'not-seen-on-visits': { min: 400, max: 3600, runs: 40 },
  'home-education-during-s47': { min: 2200, max: 5000, runs: 12 },
};

const MARGIN = 30;

function dobRange(p: Pattern): { from: string; to: string } {
  const a = AGES[p];
  return { from: addDays(PERIOD.start, MARGIN - a.max), to: addDays(PERIOD.end, -MARGIN - a.runs - a.min) };
}

/** The day the pattern starts: at an age it needs, inside the period with room for the whole pattern. */
function startDay(p: Pattern, life: ChildLife): string {
  const a = AGES[p];
  const lo = Math.max(a.min, daysBetween(life.child.dob, addDays(PERIOD.start, MARGIN)));
  const hi = Math.min(a.max, daysBetween(life.child.dob, addDays(PERIOD.end, -MARGIN - a.runs)));
  return addDays(life.child.dob, life.rng.int(lo, Math.max(lo, hi)));
}

const add = (life: ChildLife, out: BuiltRecord[], spec: Parameters<ChildLife['add']>[0]) => out.push(life.add({ ...spec, mimics: ['injected'] }));

type Builder = (life: ChildLife, on: string, out: BuiltRecord[]) => string;

const BUILD: Record<Pattern, Builder> = {
  'sock-scald': (life, on, out) => {
    const { rng } = life;
    add(life, out, {
      agency: 'hospital', kind: 'attendance', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'ED registrar'),
      body: { setting: 'emergency', complaint: rng.pick(['burns to both feet', 'sore feet, blistering', 'scalds to feet']), injuries: [{ type: 'scald', site: 'foot', side: 'left' }, { type: 'scald', site: 'foot', side: 'right' }],
        explanation: rng.pick(["don't know", 'mother does not know how it happened', "I don't know, he was fine at bedtime", 'not sure, did not see']), examination: 'complete', outcome: 'admitted' },
      narrative: `Presented ${rng.int(2, 4)} days after the injury. ${rng.pick(['Symmetrical full-thickness scalds to both feet in a sock distribution with a clear tide-line, no splash marks.', 'Bilateral glove-and-stocking pattern scalds to feet and ankles, sharply demarcated, sparing of the soles.'])} Account: ${rng.pick(["mum doesn't know", 'not known'])}.`,
    });
    return 'delayed symmetrical sock-distribution immersion scald, account "don\'t know"';
  },
  'grip-bruises-hunger': (life, on, out) => {
    const { rng } = life;
    for (const d of [0, rng.int(8, 15)]) {
      add(life, out, {
        agency: 'school', kind: 'concern', on: addDays(on, d), people: [life.childMention(), life.motherMention()], author: staff(rng, 'nursery teacher'),
        body: { category: 'neglect', reportedBy: 'professional', description: rng.pick(['Arrives hungry most mornings; seen taking food from other children\'s lunch boxes. Staff now giving breakfast.', 'Very hungry again, ate three portions at lunch and hid bread in her coat.', 'Asking staff for food; says there was no tea last night.']) },
      });
    }
    const day = addDays(on, rng.int(20, 28));
    add(life, out, {
      agency: 'school', kind: 'concern', on: day, people: [life.childMention(), life.motherMention()], author: staff(rng, 'designated safeguarding lead'),
      body: { category: 'physical', reportedBy: 'professional', description: 'Four oval fingertip bruises on each upper arm, in a grip pattern, seen when changing for PE. Child would not say how.' },
    });
    add(life, out, {
      agency: 'gp', kind: 'attendance', on: addDays(day, 1), people: [life.childMention(), life.motherMention()], author: staff(rng, 'GP'),
      body: { setting: 'gp', complaint: 'bruises on arms (school concern)', injuries: [{ type: 'bruise', site: 'upper-arm', side: 'left', count: 4, patterned: true }, { type: 'bruise', site: 'upper-arm', side: 'right', count: 4, patterned: true }],
        explanation: rng.pick(['mother says rough play with cousins', "don't know"]), examination: 'complete' },
      narrative: 'Fingertip-pattern bruises both upper arms consistent with gripping. Thin child, weight 2nd centile.',
    });
    return 'patterned grip bruises on a 4-year-old after repeated hunger at school';
  },
  'ear-bruise-non-mobile': (life, on, out) => {
    const { rng } = life;
    const s = side(rng);
    add(life, out, {
      agency: 'hv', kind: 'visit', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'health visitor'),
      body: { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, access: 'inside', injuries: [{ type: 'bruise', site: 'ear', side: s, sizeMm: rng.int(5, 15) }],
        observations: `Bruise to ${s} ear. ${rng.pick(['Mother says caught it on the cot bars.', 'Mother not sure how.', 'Says sibling may have grabbed it.'])} Not yet rolling.` },
    });
    return 'bruise on the ear of a baby not yet mobile';
  },
  'fracture-non-ambulant': (life, on, out) => {
    const { rng } = life;
    add(life, out, {
      agency: 'hospital', kind: 'attendance', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'ED doctor'),
      body: { setting: 'emergency', complaint: rng.pick(['not moving leg, crying on nappy change', 'swollen arm, irritable']), injuries: [{ type: 'fracture', site: rng.pick(['long-bone', 'upper-arm', 'thigh']), side: side(rng) }],
        explanation: rng.pick(['no history of injury', 'no trauma reported', 'none']), examination: 'complete', outcome: 'admitted' },
      narrative: 'X-ray: fracture. No history of trauma offered. Not yet rolling.',
    });
    return 'a fracture in an infant not yet mobile, with no explanation';
  },
  'faltering-growth-missed': (life, on, out) => {
    const { rng } = life;
    const centiles = [50, 25, 9, 2, 0.4];
    const z = [0, -0.67, -1.34, -2.05, -2.65];
    const steps = rng.int(3, 4);
    for (let i = 0; i <= steps; i++) {
      const day = addDays(on, i * 50);
      const weightKg = Math.round(medianWeight(life.months(day)) * (1 + 0.11 * z[i]!) * 100) / 100;
      add(life, out, { agency: 'hv', kind: 'measurement', on: day, people: [life.childMention()], author: staff(rng, 'health visitor'),
        body: { setting: 'health-visiting', weightKg, centiles: { weight: centiles[i] } } });
      if (i > 0 && i < steps) {
        add(life, out, { agency: rng.pick(['hv', 'hospital'] as const), kind: 'appointment-missed', on: addDays(day, rng.int(15, 30)), people: [life.childMention(), life.motherMention()], author: staff(rng, 'administrator'),
          body: { service: rng.pick(['weight review clinic', 'paediatric dietitian', 'health visitor weight check']), wasNotBrought: true } });
      }
    }
    return `weight falling across ${steps} centile spaces, with appointments not brought to`;
  },
  'sibling-disclosure': (life, on, out) => {
    const { rng } = life;
    const older = person(life.ids, rng, life.family.group, rng.chance(0.5) ? 'female' : 'male', addDays(life.child.dob, -rng.int(5, 8) * 365), life.child.family);
    const sib: Mention = { key: 's', person: older, role: 'subject', home: life.homeOn() };
    const child: Mention = { ...life.childMention(), role: 'sibling', relationship: rng.pick(['brother', 'sister', 'younger sibling']) };
    const who = life.family.father ? 'dad' : "mum's boyfriend";
    const text = rng.pick([`Told form tutor that ${who} hits them with a belt and hits the little one too; scared to go home.`, `Disclosed that ${who} beats her and her younger sibling when he has been drinking.`, `Said ${who} punched him and that the baby gets hit "all the time".`]);
    add(life, out, { agency: 'school', kind: 'concern', on, people: [sib, child, life.motherMention()], author: staff(rng, 'designated safeguarding lead'), body: { category: 'physical', reportedBy: 'child', description: text } });
    add(life, out, { agency: 'school', kind: 'referral', on: addDays(on, rng.int(0, 1)), people: [sib, child, life.motherMention()], author: staff(rng, 'designated safeguarding lead'), body: { to: 'ind-csc', urgency: 'immediate', reportedBy: 'child', reason: `Disclosure by older sibling: ${text}` } });
    return "an older sibling's disclosure of being hit, naming the younger child too";
  },
  'violent-adult-joins': (life, on, out) => {
    const { rng, family } = life;
    const man = person(life.ids, rng, family.group, 'male', adultDob(rng, on, 23, 45));
    const ex = person(life.ids, rng, family.group, 'female', adultDob(rng, on, 20, 40));
    const before: Mention = { key: 'p', person: man, role: 'alleged-perpetrator', home: home(rng) };
    add(life, out, { agency: 'police', kind: 'police-action', on: addDays(on, -rng.int(200, 700)), people: [before, { key: 'v', person: ex, role: 'other', relationship: 'victim (former partner)' }], author: staff(rng, 'detective constable'),
      body: { action: rng.pick(['arrest', 'charge']), suspect: 'p', offence: rng.pick(['assault occasioning actual bodily harm (domestic)', 'grievous bodily harm on former partner', 'common assault and strangulation (domestic)']) } });
    if (family.father) {
      life.add({ agency: 'hv', kind: 'household-change', on: addDays(on, -60), people: [life.childMention(), life.motherMention(), { ...life.fatherMention()!, lives: 'no' }], author: staff(rng, 'health visitor'), body: { person: 'f', change: 'moved-out' }, narrative: 'Parents separated; father moved out, sees the children at weekends.', mimics: ['injected'] });
    }
    life.partner = { person: man, from: on };
    family.father = null;
    add(life, out, { agency: rng.pick(['hv', 'school', 'gp'] as const), kind: 'household-change', on, people: [life.childMention(), life.motherMention(), life.partnerMention(on)!], author: staff(rng, 'practitioner'),
      body: { person: 'p', change: 'moved-in' }, narrative: rng.pick(["Mother's new partner has moved in.", 'New boyfriend living at the address.']) });
    return 'a new adult with a police history of violence joins the household';
  },
  'not-seen-on-visits': (life, on, out) => {
    const { rng } = life;
    life.add({ agency: 'socialCare', kind: 'concern', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'duty social worker'), mimics: ['injected'],
      body: { category: 'neglect', reportedBy: rng.pick(['neighbour', 'relative']), description: rng.pick(['Child not seen outside for weeks; shouting heard.', 'Relative worried: not allowed to see the child since the summer.']) } });
    const visits: [string, string][] = [['no-reply', 'No reply; curtains drawn, TV on.'], ['doorstep', 'Mother spoke on the doorstep, said the child was asleep, would not let us in.'], ['no-reply', 'No reply again, card left.'], ['refused', 'Mother refused entry; said the child is at grandmother\'s.']];
    visits.forEach(([access, note], i) => add(life, out, {
      agency: 'socialCare', kind: 'visit', on: addDays(on, 5 + i * rng.int(6, 9)), people: [life.childMention(), life.motherMention()], author: staff(rng, 'social worker'),
      body: { purpose: 'statutory', announced: i % 2 === 1, childSeen: false, childSeenAlone: false, access, observations: note },
    }));
    return 'a child open to social care not seen on repeated visits (no reply, doorstep, refused)';
  },
  'home-education-during-s47': (life, on, out) => {
    const { rng } = life;
    life.add({ agency: 'school', kind: 'referral', on, people: [life.childMention(), life.motherMention()], author: staff(rng, 'designated safeguarding lead'), mimics: ['injected'],
      body: { to: 'ind-csc', urgency: 'within-24h', reportedBy: 'child', reason: 'Child told teacher he is hit at home with a slipper; red marks on his leg.' } });
    add(life, out, { agency: 'socialCare', kind: 'strategy-discussion', on: addDays(on, 1), people: [life.childMention(), life.motherMention()], author: staff(rng, 'team manager'),
      body: { agencies: ['ind-csc', 'ind-police', 'ind-school'], decision: 'section-47' } });
    add(life, out, { agency: 'education', kind: 'education', on: addDays(on, rng.int(3, 10)), people: [life.childMention(), life.motherMention()], author: staff(rng, 'elective home education officer'),
      body: { change: 'withdrawn-home-education', school: 'Ind Academy', note: rng.pick(['Parent has written to deregister to home educate.', 'Removed from roll for elective home education at parent\'s request.']) } });
    return 'withdrawn to home education while a section 47 enquiry is open';
  },
};

export const inject = {
  dobRange,
  apply(pattern: Pattern, life: ChildLife): Injection {
    const on = startDay(pattern, life);
    const out: BuiltRecord[] = [];
    const description = BUILD[pattern](life, on, out);
    const records = out.map((r) => r.evidence.source);
    const firstDate = out.map((r) => r.evidence.occurredOn).sort()[0]!;
    return { pattern, firstDate, records, description };
  },
};
