// NICE CG89's "suspect" features of fractures and scalds, weighed by the systematic reviews behind them.
// - Fractures: suspect a fracture in a child under 18 months without a confirmed accidental cause, and one at
//   any age without a suitable explanation; rib and metaphyseal fractures and multiple fractures, or fractures
//   of different ages, whatever the account (Kemp 2008: rib fractures had the highest probability of abuse,
//   0.71, and "multiple fractures were more common in cases of abuse"). Kemp's probabilities apply to young
//   children (most abusive fractures are in infants and toddlers, most accidental ones at school age): from 3
//   years a fracture weighs only as NICE's "consider", and fires only without a suitable explanation.
// - Scalds: an immersion pattern (glove or sock distribution, symmetry, clear upper margins, buttocks,
//   perineum or both feet) is the pattern of intentional scalds (Maguire 2008); delay in seeking help adds.
// Context: a fall witnessed by a professional or another independent adult is a confirmed accidental cause
// (not for rib or metaphyseal fractures); osteogenesis imperfecta lowers a fracture's weight, saying so.
// Under 18 months, the "suspect" anchor is for a baby not yet mobile, or a fracture with no account or an
// unsuitable one: a single fracture of a child the records show mobile (a toddler's fracture of the tibia, a
// collar bone), with an account given and not found unsuitable, weighs its own Kemp 2008 ratio, which is
// NICE's "consider" range (medium: a practitioner sees it), not "suspect". A professional's documented
// assessment that the fracture fits the account lowers it further, never cancels it, and never for rib,
// metaphyseal or multiple fractures.
import type { EvidenceRecord } from '../../household/derive.ts';
import type { Injury } from '../../records/types.ts';
import { boneDisorder, said, type Context, type Mobility } from '../injury-context.ts';
import type { Severity, Term } from '../types.ts';
import {
  ASSESSED_CONSISTENT_LOWERS, ASSESSED_CONSISTENT_SOURCE, BONE_DISORDER_LOWERS, CONSIDER_WEIGHT, DELAY_WEIGHT, FRACTURE_WEIGHTS, IMMERSION_WEIGHT, KEMP_2008, KEMP_2014_BURNS, LEVENTHAL_2008,
  MAGUIRE_2008, METAPHYSEAL_WEIGHT, MULTIPLE_FRACTURES_WEIGHT, NICE_CG89, NICE_SUSPECT_WEIGHT,
} from './physical-weights.ts';

export interface PhysicalFeature {
  feature: string;
  severity: Severity;
  terms: Term[];
}

const KEMP_TYPE: Partial<Record<string, keyof typeof FRACTURE_WEIGHTS>> = { ribs: 'rib', skull: 'skull', 'upper-arm': 'humerus', thigh: 'femur' };
const METAPHYSEAL = /\b(metaphys\w*|corner fracture|bucket[- ]handle)\b/i;
const OLD = /\b(old|healing|healed|callus|weeks?|months?|different ages?)\b/i;

/** The record's text names a metaphyseal fracture (a classic metaphyseal lesion). */
const metaphysealIn = (r: EvidenceRecord) => said(r, 'injury').find((s) => METAPHYSEAL.test(s.phrase)) ?? null;

/** What the caller read of the child and the account, for the fractures of one record. */
export interface FractureContext {
  /** the account is absent or unsuitable */
  unexplained: boolean;
  /** an account was given (the record's explanation), and it is not absent or unsuitable */
  accountGiven: boolean;
  mobility: Mobility;
  /** a professional's documented assessment that the injury fits the account */
  assessed: Context | null;
}

/** Fracture features of one record. */
export function fractureFeatures(r: EvidenceRecord, injuries: readonly Injury[], months: number | null, fx: FractureContext, context: readonly EvidenceRecord[], childId: number): PhysicalFeature[] {
  const { unexplained } = fx;
  const fractures = injuries.filter((i) => i.type === 'fracture');
  const metaphyseal = metaphysealIn(r);
  if (!fractures.length && !metaphyseal) return [];
  const young = months !== null && months < 36;
  const infant = months !== null && months < 18;
  const terms: Term[] = [];
  const basis = (i: Injury) => `injuries[${injuries.indexOf(i)}]: fracture, ${i.site}${i.ageEstimate ? `, ${i.ageEstimate}` : ''}`;
  const count = fractures.reduce((n, i) => n + (i.count ?? 1), 0);
  const ages = new Set(fractures.map((i) => (i.ageEstimate ?? '').toLowerCase()).filter(Boolean));
  const differentAges = ages.size > 1 || (fractures.some((i) => OLD.test(i.ageEstimate ?? '')) && fractures.some((i) => !OLD.test(i.ageEstimate ?? '')));
  const specific = fractures.some((i) => i.site === 'ribs') || !!metaphyseal || count > 1 || differentAges;
  // A mobile child under 18 months, one fracture, an account given and not found unsuitable: "consider", not "suspect".
  // Mobile as the records say it (a milestone written down), not as assumed from age alone.
  const mobileWithAccount = infant && !specific && fx.mobility.mobile === true && fx.mobility.source !== undefined && fx.accountGiven && !unexplained;
  for (const i of fractures) {
    const kind = KEMP_TYPE[i.site] ?? 'other';
    // Kemp's ratios are against other young children with a fracture; under 18 months NICE CG89 says suspect
    // a fracture without a confirmed accidental cause or a suitable account, so the weight is at least the
    // "suspect" anchor, unless the child is mobile and an account was given.
    const weight = young ? Math.max(FRACTURE_WEIGHTS[kind], infant && !mobileWithAccount ? NICE_SUSPECT_WEIGHT : 0) : CONSIDER_WEIGHT;
    terms.push({ label: young ? `a ${kind === 'other' ? '' : `${kind} `}fracture in a child under ${infant ? '18 months' : '3'}` : 'a fracture', weight,
      source: young ? `${KEMP_2008}; ${LEVENTHAL_2008}${infant && !mobileWithAccount ? `; ${NICE_CG89}` : ''}` : NICE_CG89, evidence: r.source,
      basis: basis(i) + (mobileWithAccount ? `; ${fx.mobility.phrase ? `mobility: "${fx.mobility.phrase}" (${fx.mobility.source})` : fx.mobility.basis}; account given: "${(r.document.body as { explanation?: string }).explanation ?? ''}"` : '') });
  }
  if (metaphyseal) terms.push({ label: 'a metaphyseal fracture', weight: METAPHYSEAL_WEIGHT, source: KEMP_2008, evidence: r.source, basis: `${metaphyseal.field}: "${metaphyseal.phrase}"` });
  if (count > 1 || differentAges) {
    terms.push({ label: differentAges ? 'fractures of different ages' : 'multiple fractures', weight: MULTIPLE_FRACTURES_WEIGHT, source: KEMP_2008, evidence: r.source,
      basis: fractures.map(basis).join('; ') });
  }
  const witnessed = said(r, 'witnessed-accident')[0];
  if (witnessed && !specific) {
    // A confirmed accidental cause: NICE's condition is not met.
    return [];
  }
  if (!infant && !specific && !unexplained) return [];
  const bone = boneDisorder(context, childId, r.occurredOn);
  if (bone) terms.push({ label: 'osteogenesis imperfecta or another bone disorder diagnosed', weight: BONE_DISORDER_LOWERS, source: `${KEMP_2008} (alternative explanations); judgement`, evidence: bone.source, basis: `${bone.field}: "${bone.phrase}"` });
  const assessed = specific || unexplained ? null : fx.assessed;
  if (assessed) terms.push({ label: 'a professional assessed the injury as fitting the account', weight: ASSESSED_CONSISTENT_LOWERS, source: ASSESSED_CONSISTENT_SOURCE, evidence: assessed.source, basis: `${assessed.field}: "${assessed.phrase}"` });
  const lowered = [
    bone ? `a bone disorder is recorded, "${bone.phrase}", ${bone.source}` : '',
    assessed ? `a professional assessed it as fitting the account, "${assessed.phrase}", ${assessed.source}` : '',
  ].filter(Boolean);
  const what = [
    mobileWithAccount ? `a fracture in a mobile child under 18 months, with an account given (${fx.mobility.basis}): to consider, not to suspect` : '',
    infant && !mobileWithAccount ? 'a fracture in a child under 18 months with no confirmed accidental cause' : '',
    fractures.some((i) => i.site === 'ribs') ? 'a rib fracture' : '', metaphyseal ? 'a metaphyseal fracture' : '',
    differentAges ? 'fractures of different ages' : count > 1 ? 'multiple fractures' : '',
    !infant && !specific ? 'a fracture without a suitable explanation' : '',
  ].filter(Boolean).join(', ');
  return [{ feature: what + (lowered.length ? ` (lowered: ${lowered.join('; ')})` : ''), severity: lowered.length || mobileWithAccount ? 'medium' : 'high', terms }];
}

const SCALD = (i: Injury) => i.type === 'scald' || i.type === 'burn';
const IMMERSION_SITES = new Set(['buttock', 'genitals', 'foot', 'hand']);

/** Scald features of one record: an immersion pattern (structured or in words), a delay in seeking help. */
export function scaldFeatures(r: EvidenceRecord, injuries: readonly Injury[]): PhysicalFeature[] {
  const scalds = injuries.filter(SCALD);
  const words = said(r, 'immersion-pattern')[0];
  const delay = said(r, 'delayed-presentation')[0];
  const out: PhysicalFeature[] = [];
  const bothSides = (site: string) => {
    const here = scalds.filter((i) => i.site === site);
    return (here.some((i) => i.side === 'left') && here.some((i) => i.side === 'right')) || here.some((i) => (i.count ?? 1) > 1);
  };
  const structured = scalds.filter((i) => i.type === 'scald' && (['buttock', 'genitals'].includes(i.site) || (IMMERSION_SITES.has(i.site) && bothSides(i.site))));
  const scaldInWords = words && (scalds.length > 0 || said(r, 'injury').some((s) => /\b(scald|burn)/i.test(s.phrase)));
  if (structured.length || scaldInWords) {
    out.push({
      feature: 'a scald in an immersion pattern (glove or sock distribution, symmetrical, buttocks or perineum)',
      severity: 'high',
      terms: [{ label: 'an immersion scald pattern', weight: IMMERSION_WEIGHT, source: `${MAGUIRE_2008}; ${KEMP_2014_BURNS}`, evidence: r.source,
        basis: scaldInWords ? `${words.field}: "${words.phrase}"` : structured.map((i) => `injuries[${injuries.indexOf(i)}]: scald, ${i.site}${i.side ? `, ${i.side}` : ''}`).join('; ') }],
    });
  }
  if (delay && (injuries.length || said(r, 'injury').length)) {
    out.push({ feature: 'a delay in seeking help for the injury', severity: 'medium',
      terms: [{ label: 'delayed presentation', weight: DELAY_WEIGHT, source: `${NICE_CG89}; ${MAGUIRE_2008}`, evidence: r.source, basis: `${delay.field}: "${delay.phrase}"` }] });
  }
  return out;
}
