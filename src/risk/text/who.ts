// Which kind of person a word names: "brother" a sibling, "nan" a relative, "HV" a professional. Names are looked
// up among the record's own people ("Amy told her teacher" is the child when Amy is the record's subject).
import type { MentionRole, PersonMention } from '../../records/types.ts';
import type { Attribution } from './vocabulary.ts';

const WORDS: Record<string, Attribution> = {};
function words(who: Attribution, list: string): void {
  for (const w of list.split(/\s+/)) if (w) WORDS[w] = who;
}
words('child', 'child childs children kid kids pupil pupils student boy girl yp cyp son daughter toddler subject');
words('sibling', 'brother brothers sister sisters sibling siblings twin bro sis');
// "M", "F", "Mo", "Fa" for mother and father in clinical notes ("M reports").
words('parent', 'm f mo fa mother mum mom mummy mommy mam mama father dad daddy papa parent parents stepfather stepmother stepdad stepmum step-father step-mother step-dad step-mum guardian carer carers partner boyfriend girlfriend husband wife');
words('relative', 'grandmother grandfather grandma grandpa granny grandad granddad nan nana nanna gran grandparent grandparents aunt auntie aunty uncle cousin cousins relative relatives niece nephew mgm pgm mgf pgf in-law');
words('neighbour', 'neighbour neighbours neighbor neighbors');
words('public', 'public mop caller passer-by passerby bystander referrer shopkeeper friend friends stranger');
words('professional', 'teacher teachers hv sw gp doctor dr nurse midwife paediatrician pediatrician consultant registrar officer officers police pc dc ps paramedic paramedics ambulance staff keyworker dsl headteacher head practitioner clinician therapist dentist senco professional professionals worker workers childminder visitor lead manager school nursery hospital clinic ta');
// The writer speaking of themselves.
words(null, 'i we');

/** Modifiers that change who the head word is: a foster carer is a professional, a family friend the public. */
const OVERRIDES: [RegExp, Attribution][] = [
  [/\bfoster\s+carers?$/, 'professional'],
  [/\bfamily\s+(?:friend|friends)$/, 'public'],
  [/\bmembers?\s+of\s+the\s+public$/, 'public'],
  [/\b(?:grand|great)[ -]?(?:mother|father|mum|dad|parent)s?$/, 'relative'],
  [/\bhalf[ -](?:brother|sister)s?$/, 'sibling'],
  [/\bstep[ -](?:brother|sister)s?$/, 'sibling'],
];

const ROLE_ATTRIBUTION: Partial<Record<MentionRole, Attribution>> = {
  subject: 'child',
  sibling: 'sibling',
  parent: 'parent',
  carer: 'parent',
  'partner-of-parent': 'parent',
  relative: 'relative',
  'next-of-kin': 'relative',
  'family-friend': 'public',
  professional: 'professional',
};

/** Given names (and family names when only one person has them) of the record's people, to who they are. */
export function roleWords(people: readonly PersonMention[]): Map<string, Attribution> {
  const names = new Map<string, Attribution>();
  const familyCount = new Map<string, number>();
  for (const p of people) {
    const family = p.name.family?.toLowerCase();
    if (family) familyCount.set(family, (familyCount.get(family) ?? 0) + 1);
  }
  for (const p of people) {
    const who = ROLE_ATTRIBUTION[p.role] ?? (p.relationship ? wordAttribution(p.relationship, new Map()) : undefined);
    if (who === undefined) continue;
    const given = p.name.given?.toLowerCase().split(/\s+/)[0];
    if (given) names.set(given, who);
    const family = p.name.family?.toLowerCase();
    if (family && familyCount.get(family) === 1) names.set(family, who);
  }
  // Police records speak of "the suspect" ("Suspect says his son is …"): when one person is the alleged
  // perpetrator, the word is who they are to the child (a father is a parent).
  const accused = people.filter((p) => p.role === 'alleged-perpetrator' && p.relationship);
  const as = accused.length === 1 ? wordAttribution(accused[0]!.relationship!, new Map()) : undefined;
  if (as !== undefined) names.set('suspect', as);
  return names;
}

/** The attribution a person phrase names, or undefined when it names no one we can place (pronouns, things). */
export function wordAttribution(phrase: string, names: ReadonlyMap<string, Attribution>): Attribution | undefined {
  const text = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [pattern, who] of OVERRIDES) if (pattern.test(text)) return who;
  // "Dr Shah said", "PC Evans reported": the title says who; "Mrs Pell" is whoever Pell is in the record.
  if (/^(?:dr|pc|dc|ds|sgt)\.?\s+\S/.test(text)) return 'professional';
  const head = (text.split(' ').at(-1) ?? '').replace(/'s$/, '');
  if (names.has(head)) return names.get(head);
  if (!Object.hasOwn(WORDS, head)) return undefined;
  // "anonymous caller", "health visitor", "police officer": the modifier says who a generic head word is.
  if (/^anonymous\b/.test(text)) return 'public';
  if (/^(?:health|social|support|youth|key|school|nursery|police)\b/.test(text) && head !== 'friend') return 'professional';
  return WORDS[head];
}
