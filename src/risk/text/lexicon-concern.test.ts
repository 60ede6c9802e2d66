// Every concern code: phrases in practitioners' style that must say it, and near misses that must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { says } from './test-reading.ts';
import type { SignalCode } from './vocabulary.ts';

const TABLE: Record<string, { code: SignalCode; yes: string[]; no: string[] }> = {
  injury: {
    code: 'injury',
    yes: ['O/E 2cm bruise to left cheek.', 'Small burn on the back of the hand.', 'X-ray shows # radius.', 'Spiral fracture of the right femur.', 'Laceration to the scalp, glued.', 'Marks on her upper arms.', 'Black eye on arrival at school.', 'Scalded by hot tea.'],
    no: ['Seen for a chest infection.', 'Mum is on a burner phone.', 'Gained good marks in maths.', 'Attended for immunisations.'],
  },
  patterned: {
    code: 'patterned-injury',
    yes: ['Fingertip bruises to both upper arms.', 'Four grip marks around the thigh.', 'A loop mark on his back.', 'Linear bruising across the buttocks.', 'Slap mark on cheek with outline of fingers.', 'Circular burns, about 8 mm, consistent with cigarette.', 'Belt marks to the legs.'],
    no: ['Single bruise to the shin.', 'Hand washing advice given.', 'Grip strength normal.'],
  },
  immersion: {
    code: 'immersion-pattern',
    yes: ['Sock distribution scald to both feet.', 'Glove and stocking pattern of burns.', 'Symmetrical scalds to both legs.', 'Clear tide line at mid-calf.', 'Sharply demarcated margins, sparing of the soles.', 'Doughnut sparing of the buttocks.'],
    no: ['Splash scald to the chest from a kettle.', 'Wearing odd socks again.'],
  },
  absent: {
    code: 'explanation-absent',
    yes: ["Mum doesn't know how it happened.", 'Father does not know how the bruise was caused.', 'No explanation given for the marks.', 'Parents unable to explain the injury.', 'Unsure how the burn occurred.', 'No account given of the fracture.', 'Unexplained bruising to the ear.', 'Mum is not sure how he got it.', 'She said "I don\'t know".'],
    no: ['Mum explained he fell off the trampoline.', 'Explanation consistent with the injury.', 'Knows how to use the inhaler.'],
  },
  unsuitable: {
    code: 'explanation-unsuitable',
    yes: ['Injuries not consistent with the history given.', 'Bruising inconsistent with a fall from a sofa.', 'Extensive for the fall described.', 'A roll from the bed would not explain a skull fracture.', 'Mechanism does not fit the injury.', 'Developmentally implausible for a 3 month old.'],
    no: ['Injury consistent with the explanation.', 'History is clear and plausible.'],
  },
  changed: {
    code: 'explanation-changed',
    yes: ['Mother gave a different account to the ED doctor.', 'The account changed between the GP and the hospital.', 'Conflicting explanations from the parents.', 'Story kept changing during the interview.', 'Later said instead that he fell down the stairs.'],
    no: ['The same account was given to each professional.', 'Dressing changed by the nurse.'],
  },
  delayed: {
    code: 'delayed-presentation',
    yes: ['Brought to ED three days later.', 'Delay in seeking medical attention.', 'Injury occurred 2 days ago.', 'Bruising appears several days old.', 'Not brought in until the following week.', 'X-ray shows a healing fracture of the rib.'],
    no: ['Brought straight to ED by ambulance.', 'Review in 2 days.'],
  },
  hunger: {
    code: 'hunger',
    yes: ['Arrives at school hungry.', 'Seen taking food from other children.', 'Staff report food-seeking at lunch.', 'Hoarding food in his bedroom.', 'Asking staff for food every morning.', 'Had no breakfast again.', 'Eating from the bins in the playground.'],
    no: ['Eats a good breakfast at home.', 'Food diary reviewed with the dietitian.'],
  },
  hygiene: {
    code: 'poor-hygiene',
    yes: ['Clothes dirty and too small.', 'Smells strongly of urine.', 'Head lice again.', 'Unkempt and unwashed.', 'Soiled nappy, not changed for hours.', 'Wearing the same clothes all week.'],
    no: ['Clean and appropriately dressed.', 'Hygiene advice leaflet about handwashing given.'],
  },
  untreated: {
    code: 'untreated-need',
    yes: ['Extensive tooth decay.', 'Dental abscess left untreated.', 'Not registered with a dentist.', 'Inhaler not given at home.', 'Glasses broken since the summer.', 'Infected eczema on both arms.', 'Grandmother says mum won\'t let her take him to the GP.', 'Mum refused to let her be seen by the GP.'],
    no: ['Dental check-up up to date.', 'Eczema well controlled with emollients.', 'The surgery will not let us book online, so mum will bring him to the doctor on Monday.'],
  },
  growth: {
    code: 'faltering-growth',
    yes: ['Weight has dropped from the 50th to the 9th centile.', 'Failure to thrive.', 'Faltering growth noted by HV.', 'Very thin and pale.', 'Not gaining weight despite feeding advice.', 'Weight below the 0.4th centile.'],
    no: ['Growing well along the 50th centile.', 'Weight gain appropriate.'],
  },
  home: {
    code: 'poor-home-conditions',
    yes: ['Home conditions were poor.', 'No food in the fridge.', 'Dog faeces on the kitchen floor.', 'No heating in the flat.', 'Children sleeping on the floor.', 'Squalid home.', 'Too few beds for the four children.', 'Inadequate sleeping arrangements for the baby.'],
    no: ['Home warm, clean and tidy.', 'Moved to a new flat.', 'Beds for all the children; new bedding bought.'],
  },
  emotional: {
    code: 'emotional-harm',
    yes: ['Flinched when the teacher raised her hand.', 'Appears frightened of his stepfather.', 'Withdrawn and tearful in class.', 'Shut in his room for hours as a punishment.', 'Called him stupid in front of staff.', 'Said she does not want to go home.', 'Witnessed domestic abuse at home.'],
    no: ['Happy and settled in class.', 'Referral rejected by the team.'],
  },
  interaction: {
    code: 'poor-interaction',
    yes: ['Little warmth between mother and baby.', 'Handled the baby roughly during the nappy change.', 'Mum ignored the baby crying throughout the visit.', 'Hostile towards the child.', 'Bottle propped in the cot.', 'Mum did not interact with the baby.'],
    no: ['Warm and attentive interaction.', 'Mum responded to the baby\'s cues.'],
  },
  disclosure: {
    code: 'disclosure',
    yes: ['Rory disclosed that his stepdad hits him.', 'Told her teacher that mummy hit her with a belt.', 'Made an allegation against the mother\'s partner.', 'She said daddy kicked her.'],
    no: ['Told the teacher about her weekend.', 'Said she had a nice holiday.'],
  },
  notSeen: {
    code: 'child-not-seen',
    yes: ['Children not seen.', 'Baby was asleep upstairs.', 'No reply at the door.', 'Refused entry by the father.', 'Spoke to mum on the doorstep.', 'Unable to see the child.', 'Visit cancelled by mother.', 'Father answered but would not let us in.', 'Mum slammed the door on the worker.'],
    no: ['Child seen and spoken to alone.', 'Bruising not seen on examination.', 'Mother let me in and showed me the bedrooms.'],
  },
  violent: {
    code: 'violent-adult',
    yes: ['Partner has a history of violence.', 'Previous convictions for assault.', 'Known perpetrator of domestic abuse.', 'Discussed at MARAC.', 'Arrested for GBH last year.', "Records show the stepfather's conviction for wounding in 2015.", 'He was convicted of cruelty to a child.'],
    no: ['Partner works as a bus driver.', 'Police attended a noise complaint.', 'Convicted of a driving offence in 2019.'],
  },
  newAdult: {
    code: 'new-adult',
    yes: ['Mum has a new partner.', "Mother's boyfriend has moved in.", 'Unknown male present during the visit.', 'A lodger is staying at the address.'],
    no: ['Father lives at home, as since the birth.', 'Grandmother visits weekly.'],
  },
  notBrought: {
    code: 'not-brought',
    yes: ['Was not brought to the paediatric clinic.', 'DNA x2.', 'Did not attend the eye clinic.', 'Missed immunisation appointments.', 'WNB to dental.'],
    no: ['Attended with mum.', 'DNA testing offered.'],
  },
};

for (const [name, { code, yes, no }] of Object.entries(TABLE)) {
  test(`lexicon ${code} (${name}): phrases that say it`, () => {
    for (const text of yes) assert.equal(says(text, code), 'yes', text);
  });
  test(`lexicon ${code} (${name}): near misses that do not`, () => {
    for (const text of no) assert.notEqual(says(text, code), 'yes', text);
  });
}

test('disclosure: the everyday sense (a pregnancy, a new partner) is not a disclosure of harm', () => {
  assert.notEqual(says('Late disclosure of her pregnancy at 30 weeks.', 'disclosure'), 'yes');
  assert.notEqual(says('Any new partner must be disclosed to probation.', 'disclosure'), 'yes');
  assert.equal(says('Disclosed that her stepfather hurts her.', 'disclosure'), 'yes');
  assert.equal(says('Rory disclosed to the school nurse today.', 'disclosure'), 'yes'); // a sibling disclosing
});

test('words with an everyday sense are read only where they mean harm', () => {
  assert.notEqual(says('Unexplained absences from school this term.', 'explanation-absent'), 'yes');
  assert.notEqual(says('Mum is not sure how she feels about the pregnancy.', 'explanation-absent'), 'yes');
  assert.equal(says('Mum is not sure how the bruise happened.', 'explanation-absent'), 'yes');
  assert.notEqual(says('Mother has had low mood since the birth.', 'emotional-harm'), 'yes');
  assert.notEqual(says('Known offender for shoplifting.', 'violent-adult'), 'yes');
  assert.notEqual(says('Blue mark above the left eye.', 'birthmark'), 'yes');
  assert.notEqual(says('Dental appointment cancelled by mum.', 'child-not-seen'), 'yes');
  assert.equal(says('Dental appointment cancelled by mum.', 'not-brought'), 'yes');
});

test('more of the ways practitioners write it', () => {
  const more: [string, SignalCode][] = [
    ['Bruising on both upper arms in keeping with being grabbed.', 'patterned-injury'],
    ['Four oval bruises on the upper arm.', 'patterned-injury'],
    ['Seen rummaging in the bins for food.', 'hunger'],
    ['The history given by father differs from that given by mother.', 'explanation-changed'],
    ['Initially said he fell down the stairs, later said his brother pushed him.', 'explanation-changed'],
    ['Parents report he "must have climbed into the bath".', 'explanation-absent'],
    ['Mother described the baby as "a little devil".', 'poor-interaction'],
    ['Says the baby cries on purpose to wind her up.', 'poor-interaction'],
    ['HV noted poor eye contact between mum and baby.', 'poor-interaction'],
    ['Teacher concerned about her weight: looks gaunt.', 'faltering-growth'],
    ['Weight on the 0.4th centile.', 'faltering-growth'],
    ['Child missed three consecutive dental appointments.', 'not-brought'],
    ['Mum spoke to the social worker through the letterbox.', 'child-not-seen'],
  ];
  for (const [text, code] of more) assert.equal(says(text, code), 'yes', `${text} (${code})`);
});

test('clinical headings with no answer are absent explanations', () => {
  for (const text of ['Hx: nil.', 'Mechanism - unknown.', 'Account: not known.', 'No trauma reported.']) assert.equal(says(text, 'explanation-absent'), 'yes', text);
  assert.notEqual(says('Hx: fell from the swing at the park.', 'explanation-absent'), 'yes');
});

test('a site is not a pattern, and an accident is not a disclosure', () => {
  assert.notEqual(says('Finger injury from a car door.', 'patterned-injury'), 'yes');
  assert.notEqual(says('Hand burns from the oven door.', 'patterned-injury'), 'yes');
  assert.equal(says('Iron-shaped burn on the back.', 'patterned-injury'), 'yes');
  assert.notEqual(says('Dad says he was hit by a football.', 'disclosure'), 'yes');
  assert.notEqual(says('Mum reports hit by the swing at the park.', 'disclosure'), 'yes');
  assert.equal(says('She said she was hit by her stepdad.', 'disclosure'), 'yes');
});

test('a guess is not a disclosure; relatives kept away from the child are a child not seen', () => {
  assert.notEqual(says('Mum says sibling may have grabbed it.', 'disclosure'), 'yes');
  assert.equal(says('Grandmother worried: not allowed to see the children since the summer.', 'child-not-seen'), 'yes');
});

test('harm to a thing is not a disclosure', () => {
  assert.notEqual(says('Dad says sibling pushed the bouncer over.', 'disclosure'), 'yes');
  assert.equal(says('Says his brother pushed him off the bed.', 'disclosure'), 'yes');
  assert.equal(says('Told the nurse that mum hurt her arm.', 'disclosure'), 'yes');
});

test("an adult's fear is not the child's; a smell of cannabis is not the state of the home (BOARD: N)", () => {
  assert.equal(says('Foster carers report they are frightened of him.', 'emotional-harm'), 'no');
  assert.equal(says('Mum is very anxious about the court hearing.', 'emotional-harm'), 'no');
  assert.equal(says('Staff noted she was frightened of her stepfather.', 'emotional-harm'), 'yes');
  assert.equal(says('Child appears frightened when dad collects her.', 'emotional-harm'), 'yes');
  assert.notEqual(says('Strong smell of cannabis in the flat.', 'poor-home-conditions'), 'yes');
});
