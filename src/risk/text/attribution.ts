// Who the text says is the source of what it reports. Serious case reviews keep finding that what relatives,
// neighbours, siblings and children said was discounted (Brandon et al.; the Child Safeguarding Practice Review
// Panel's reports), so the reader keeps who said it: "brother disclosed" is a sibling's word, "mother says" a
// parent's, "an anonymous caller reported" the public's. What the writer saw themselves has no attribution (null).
//
// A reporting frame is a person word before a reporting verb ("his sister told the teacher that …", "mum doesn't
// know how …"), after "by"/"from"/"according to"/"per" ("raised by a neighbour", "call from a member of the
// public"), a possessive ("grandmother's account"), or a trailing ", mum said". A frame speaks for the rest of
// its sentence up to "but", "however" or ";" (what follows those is the writer again).
import type { Attribution } from './vocabulary.ts';
import type { PersonMention } from '../../records/types.ts';
import { roleWords, wordAttribution } from './who.ts';

export interface Frame {
  /** offset in the sentence where the frame's words start ("Mum says", "Disclosure by older sibling") */
  start: number;
  /** offset where they end */
  end: number;
  /** a frame at the end of the sentence speaks for what comes before it */
  trailing: boolean;
  /** "mum doesn't know how", "dad is unsure": a frame about the account, which speaks only for explanation codes */
  accountOnly: boolean;
  who: Attribution;
}

const PREFIX = String.raw`(?:(?:dr\.?|pc|dc|ds|sgt|mr\.?|mrs\.?|ms\.?|miss|the|a|an|his|her|their|its|[a-z]+'s|older|younger|elder|eldest|big|little|teenage|teenaged|maternal|paternal|half|step|great|biological|birth|twin|adult|new|foster|next[ -]door|anonymous|health|social|support|family|school|class|nursery|police|youth|key|members? of the|another|one|other|same|child's|children's|both)[ -]+)`;
const WHO = String.raw`(${PREFIX}*(?:[a-z][a-z'-]*))`;
const BETWEEN = String.raw`(?:\s+(?:(?:has|have|had|is|was|were|are|does|did|do|could|would|can|should)(?:n't)?|not|never|also|then|later|again|now|subsequently|initially|reportedly|apparently|allegedly|previously|today|yesterday|recently|spontaneously|openly|first|immediately|cannot|to|been|being|able|unable|herself|himself|themselves|independently|clearly|further|tearfully|quietly|very|quite|really|always|still))*`;
const VERBS = String.raw`(?:said|says|say|saying|told|tells|tell|telling|reported|reports|report|reporting|replied|replies|disclosed|discloses|disclose|disclosing|alleged|alleges|allege|alleging|stated|states|state|claimed|claims|claim|explained|explains|explain|described|describes|describe|informed|informs|inform|mentioned|mentions|mention|raised|raises|raise|called|calls|rang|rings|phoned|phones|contacted|contacts|complained|complains|expressed|expresses|shared|shares|confided|confides|admitted(?= that)|admits(?= that)|denied|denies|deny|know|knows|knew|recall|recalls|remember|remembers|unsure|sure|heard|hears|saw|sees|noticed|notices|witnessed|witnesses|worried|concerned|believes|believed|thinks|thought|feels|felt|added|insisted|insists|maintains|maintained|gave|gives|asked|asks|wrote|writes|emailed|texted|messaged|indicated|indicates|agreed|accepted|acknowledged|confirmed|confirms|shouted|cried|whispered)`;

const LEADING = new RegExp(String.raw`(?<![A-Za-z'])${WHO}${BETWEEN}\s+(${VERBS})(?![A-Za-z])`, 'gi');
const ACCOUNT_VERBS = /^(?:know|knows|knew|recall|recalls|remember|remembers|unsure|sure|explain|explains|explained)$/i;
const PASSIVE = new RegExp(String.raw`(?:disclosure|disclosures|allegation|allegations|report|reports|concerns?|referral|reported|raised|disclosed|alleged|said|told|stated|made|received|referred|called|witnessed|seen|noticed|heard|observed|shared|expressed|described|mentioned|passed on|relayed|rung in|phoned in)(?:\s+to\s+(?:the\s+|a\s+|his\s+|her\s+)?[a-z]+)?\s+by\s+${WHO}`, 'gi');
const FROM = new RegExp(String.raw`(?:referral|call|phone call|telephone call|report|concerns?|information|allegation|disclosure|message|email|letter|contact|complaint|text|calls)\s+(?:was\s+|were\s+|has been\s+)?(?:received\s+|made\s+)?from\s+${WHO}`, 'gi');
const ACCORDING = new RegExp(String.raw`(?:according to|per|in the words of)\s+${WHO}`, 'gi');
const POSSESSIVE = new RegExp(String.raw`(?<![A-Za-z'])${WHO}'s\s+(?:own\s+)?(?:account|report|concerns?|view|version|explanation|allegation|disclosure|story|words|statement|evidence|description|call|referral)`, 'gi');
const ANONYMOUS = /anonymous(?:ly)?\s+(?:call|caller|referral|referrer|report|letter|tip|contact|information|message|email|source|telephone)|\banonymously\b/gi;
const TRAILING = new RegExp(String.raw`[,"]\s*(?:(?:said|says|reports|reported|explained|according to|per)\s+${WHO}|${WHO}\s+(?:said|says|reports|reported|stated|states|explained|told \w+|added|claimed|claims))\s*["']?\s*[.!]?\s*["']?\s*$`, 'i');
const HARD_BREAK = /;|\bbut\b|\bhowever\b|\balthough\b|\bwhereas\b/i;

/** Every reporting frame in a sentence (offsets relative to it). */
export function framesIn(sentence: string, people: readonly PersonMention[]): Frame[] {
  const frames: Frame[] = [];
  const names = roleWords(people);
  const add = (start: number, end: number, phrase: string, trailing: boolean, verb = ''): void => {
    const who = wordAttribution(phrase, names);
    if (who !== undefined) frames.push({ start, end, trailing, accountOnly: ACCOUNT_VERBS.test(verb), who });
  };
  for (const pattern of [LEADING, PASSIVE, FROM, ACCORDING, POSSESSIVE]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence); m; m = pattern.exec(sentence)) {
      // The frame starts where its words start: "Disclosure by older sibling" speaks for its own "Disclosure".
      add(m.index, m.index + m[0].length, m[1]!, false, pattern === LEADING ? m[2] ?? '' : '');
    }
  }
  ANONYMOUS.lastIndex = 0;
  for (let m = ANONYMOUS.exec(sentence); m; m = ANONYMOUS.exec(sentence)) {
    frames.push({ start: m.index, end: m.index + m[0].length, trailing: false, accountOnly: false, who: 'public' });
  }
  const tail = TRAILING.exec(sentence);
  if (tail) {
    const phrase = tail[1] ?? tail[2]!;
    add(tail.index, tail.index + tail[0].length, phrase, true);
  }
  return frames.sort((a, b) => a.start - b.start);
}

/**
 * The attribution of a phrase at [start, end) in the sentence: the nearest frame before it (or the frame it is
 * part of) with no "but"/"however"/";" between, else a trailing frame after it, else undefined (the caller then
 * uses the record's own reportedBy, or null).
 */
export function attributionAt(sentence: string, frames: readonly Frame[], start: number, code: string): Attribution | undefined {
  let chosen: Frame | undefined;
  const aboutAccount = code.startsWith('explanation-');
  for (const frame of frames) {
    if (frame.trailing || frame.start > start || (frame.accountOnly && !aboutAccount)) continue;
    if (HARD_BREAK.test(sentence.slice(frame.end, start))) continue;
    chosen = frame;
  }
  if (chosen) return chosen.who;
  for (const frame of frames) {
    if (frame.trailing && frame.start >= start && !HARD_BREAK.test(sentence.slice(start, frame.start))) return frame.who;
  }
  return undefined;
}
