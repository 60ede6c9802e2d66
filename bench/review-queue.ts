// The review queue on the synthetic population (src/synth): how many pairs the
// linker leaves for a practitioner per 1,000 mentions, when a population's
// records arrive through the product's one ingest path (repo.ingest: validation,
// storage, linking, alerts) in the order they happened. A review queue nobody
// can keep up with is no answer to linkage, so the figure is set beside what a
// team could work through (below). Run by `npm run bench:linkage`
// (bench/linkage.bench.ts); the truth of the population (who each mention
// really is) scores the links and each review, and is never shown to the linker.
//
// Counted:
// - created: every link_review row, one per pair the linker could not decide;
// - open at the end: those still undecided whose two mentions are still in two
//   people (a later record may have joined them already), as the queue shows them
//   (identity/decisions.ts, openReviews);
// - the pairs of people behind the open ones: the same two people can be queued
//   again by every new record about one of them, and a queue that showed each
//   pair once would hold this many;
// - by kind, from the explanation each review carries (link-plan.ts);
// - truly one person: the share of reviews whose pair the truth says is one person
//   (a review that is almost always "yes" or always "no" is a threshold to move);
// - pairwise link precision and recall of the people at the end.
// What a team could keep up with, stated as assumptions (not measured): England
// has about 12.0 million children (ONS mid-2023 estimates) in 153 local
// authorities, about 78,000 each; the synthetic population's children generate
// the records such a population's agencies would send (src/synth/rates.ts);
// a reviewer reading two mentions with the weights explained field by field
// takes about 3 minutes a pair. From these, reviews a working day for one
// authority and the hours of a practitioner's time they take.
import { sql } from 'kysely';
import { Repository } from '../src/app/repository.ts';
import type { Actor } from '../src/shared/actor.ts';
import { openDb } from '../src/db/connect.ts';
import { occurredInstant } from '../src/records/dates.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../src/app/load.ts';
import { mentionId, type AgencyRecord } from '../src/records/types.ts';
import { generateScenario, synthPeriod } from '../src/synth/generate.ts';

export const CHILDREN_PER_AUTHORITY = 78_000;
export const MINUTES_PER_REVIEW = 3;
const WORKING_DAYS_A_YEAR = 253;

/** Which of the linker's review reasons (link-plan.ts) a review's explanation gives. */
export function reviewKind(why: string): string {
  if (why.startsWith('also matches another person')) return 'matches two people who cannot be joined';
  if (/^match weight \S+, but it matches \d+ people/.test(why)) return 'matches several people: which one';
  if (/^match weight \S+ \(probability/.test(why)) return 'uncertain match weight';
  if (why.startsWith('shares ')) return 'shared identifier, not joined';
  if (why.startsWith('matches this person strongly')) return 'strong match vetoed by another mention';
  if (why.startsWith('possibly the same child under another name')) return 'possibly the same child under another name';
  return 'other';
}

export interface ReviewQueueResult {
  seed: number;
  children: number;
  years: number;
  batch: number;
  records: number;
  stored: number;
  mentions: number;
  people: number;
  truePeople: number;
  ingestSeconds: number;
  reviewsCreated: number;
  reviewsOpenAtEnd: number;
  openPairsOfPeople: number;
  reviewsPer1000Mentions: number;
  openReviewsPer1000Mentions: number;
  openPairsOfPeoplePer1000Mentions: number;
  byKind: Record<string, { reviews: number; trulyOnePerson: number }>;
  reviewsTrulyOnePerson: number;
  reviewShareTrulyOnePerson: number;
  linkPrecision: number;
  linkRecall: number;
  mentionsPerChildYear: number;
  authority: {
    children: number;
    mentionsPerWorkingDay: number;
    reviewsPerWorkingDay: number;
    openReviewsPerWorkingDay: number;
    reviewerHoursPerWorkingDay: number;
    assumptions: string;
  };
}

const operator: Actor = { kind: 'operator', name: 'bench' };
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function pairsOf(clusters: Iterable<string[]>): Set<string> {
  const out = new Set<string>();
  for (const c of clusters) {
    const s = [...new Set(c)].sort();
    for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) out.add(`${s[i]}\u0000${s[j]}`);
  }
  return out;
}

export async function measureReviewQueue(opts: { seed: number; children: number; batch: number; log: (msg: string) => void }): Promise<ReviewQueueResult> {
  const scenario = generateScenario({ seed: opts.seed, children: opts.children });
  const period = synthPeriod({});
  const years = (Date.parse(period.end) - Date.parse(period.start)) / (365.25 * 86_400_000);
  const records = inTimeOrder(scenario.records);
  opts.log(`review queue: ${opts.children} synthetic children, ${records.length} records, batches of ${opts.batch}`);
  const db = await openDb({ kind: 'pglite', memory: true });
  try {
    let clock = new Date(0);
    const repo = new Repository(db, { clock: () => clock });
    await registerAgencies(repo, operator, scenario.agencies);
    const t0 = performance.now();
    let lastLog = t0;
    const results = await ingestInBatches(repo, operator, records, {
      batchSize: opts.batch,
      // Each batch is ingested "as of" its last record, as an agency sends what it has recorded so far.
      beforeBatch: (batch) => {
        const t = occurredInstant((batch.at(-1) as AgencyRecord).occurredAt);
        if (!Number.isNaN(t.getTime()) && t > clock) clock = t;
      },
      onProgress: (done, total) => {
        if (performance.now() - lastLog > 15_000) { lastLog = performance.now(); opts.log(`  ${done}/${total} records`); }
      },
    });
    const ingestSeconds = (performance.now() - t0) / 1000;
    const stored = results.filter((r) => r.status === 'stored').length;

    const labelled = (await sql<{ id: number; person_id: number; agency_id: string; ref: string; key: string }>`
      select m.id, pm.person_id, r.agency_id, r.ref, m.key
      from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id`.execute(db.kysely)).rows;
    const labelOf = new Map(labelled.map((m) => [Number(m.id), mentionId(m.agency_id, m.ref, m.key)]));
    const truthOf = new Map<string, string>();
    for (const [who, ms] of Object.entries(scenario.truth!.people)) for (const m of ms) truthOf.set(m, who);
    const clusters = new Map<number, string[]>();
    for (const m of labelled) clusters.set(Number(m.person_id), [...(clusters.get(Number(m.person_id)) ?? []), labelOf.get(Number(m.id))!]);
    const reported = pairsOf(clusters.values());
    const truePairs = pairsOf(Object.values(scenario.truth!.people));
    let correct = 0;
    for (const p of reported) if (truePairs.has(p)) correct++;

    const reviews = (await sql<{ id: number; mention_id: number; candidate_mention_id: number; why: string; open: boolean; a: number | null; b: number | null }>`
      select v.id, v.mention_id, v.candidate_mention_id, v.evidence->>'why' as why, a.person_id as a, b.person_id as b,
        (a.person_id is not null and b.person_id is not null and a.person_id <> b.person_id
          and not exists (select 1 from link_decision d where d.review_id = v.id)) as open
      from link_review v
      left join person_mention a on a.mention_id = v.mention_id
      left join person_mention b on b.mention_id = v.candidate_mention_id`.execute(db.kysely)).rows;
    const byKind: ReviewQueueResult['byKind'] = {};
    let trulyOne = 0;
    for (const r of reviews) {
      const a = truthOf.get(labelOf.get(Number(r.mention_id)) ?? '');
      const b = truthOf.get(labelOf.get(Number(r.candidate_mention_id)) ?? '');
      const same = a !== undefined && a === b;
      if (same) trulyOne++;
      const k = (byKind[reviewKind(r.why)] ??= { reviews: 0, trulyOnePerson: 0 });
      k.reviews++;
      if (same) k.trulyOnePerson++;
    }
    const open = reviews.filter((r) => r.open).length;
    const openPairs = new Set(reviews.filter((r) => r.open).map((r) => [Number(r.a), Number(r.b)].sort((x, y) => x - y).join('-'))).size;
    const mentions = labelled.length;
    const per1000 = (n: number) => round((n / mentions) * 1000);
    const mentionsPerChildYear = mentions / (opts.children * years);
    const mentionsPerDay = (mentionsPerChildYear * CHILDREN_PER_AUTHORITY) / WORKING_DAYS_A_YEAR;
    const reviewsPerDay = (mentionsPerDay * reviews.length) / mentions;
    return {
      seed: opts.seed, children: opts.children, years: round(years), batch: opts.batch,
      records: records.length, stored, mentions, people: clusters.size, truePeople: Object.keys(scenario.truth!.people).length,
      ingestSeconds: round(ingestSeconds, 1),
      reviewsCreated: reviews.length, reviewsOpenAtEnd: open, openPairsOfPeople: openPairs,
      reviewsPer1000Mentions: per1000(reviews.length), openReviewsPer1000Mentions: per1000(open), openPairsOfPeoplePer1000Mentions: per1000(openPairs),
      byKind, reviewsTrulyOnePerson: trulyOne, reviewShareTrulyOnePerson: reviews.length ? round(trulyOne / reviews.length, 3) : 0,
      linkPrecision: reported.size ? round(correct / reported.size, 4) : 1, linkRecall: truePairs.size ? round(correct / truePairs.size, 4) : 1,
      mentionsPerChildYear: round(mentionsPerChildYear),
      authority: {
        children: CHILDREN_PER_AUTHORITY,
        mentionsPerWorkingDay: Math.round(mentionsPerDay),
        reviewsPerWorkingDay: round(reviewsPerDay, 1),
        openReviewsPerWorkingDay: round((mentionsPerDay * open) / mentions, 1),
        reviewerHoursPerWorkingDay: round((reviewsPerDay * MINUTES_PER_REVIEW) / 60, 1),
        assumptions: `an authority of ${CHILDREN_PER_AUTHORITY.toLocaleString('en-GB')} children (England: about 12.0 million children, ONS mid-2023, in 153 local authorities) whose agencies send what the synthetic population's do, over ${WORKING_DAYS_A_YEAR} working days a year; ${MINUTES_PER_REVIEW} minutes a review`,
      },
    };
  } finally {
    await db.close();
  }
}
