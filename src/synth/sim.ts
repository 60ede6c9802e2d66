// The running state of one household while its records are written month by
// month: a queue of things due to happen (follow-up visits, conferences…), the
// agencies' views of its people, which school each child attends and whether
// social care has the family open. Records are collected as drafts; the
// generator sorts each month's drafts by date and only then numbers them.
import type { MentionRole, PersonMention, RecordBody, RecordKind } from '../records/types.ts';
import { agencyInfo, serving, type Directory } from './agencies.ts';
import { addressAt, childrenOn, motherOf, partnerOn, type Household, type TruthPerson } from './households.ts';
import { createView, writeMention, type MentionExtras, type View, type ViewContext } from './mentions.ts';
import type { Rng } from './random.ts';
import type { AbuseCase, PlannedCase } from './abuse-cases.ts';

export interface Draft {
  day: number;
  agency: string;
  refPrefix: string;
  kind: RecordKind;
  certainty: 'documented' | 'approximate';
  people: PersonMention[];
  /** Truth label of each mention, in the same order as `people`. */
  labels: string[];
  body: RecordBody;
  narrative?: string;
  /** The injected abuse case this record belongs to (benchmarks only; see abuse.ts). */
  abuse?: AbuseCase;
}

export interface World {
  noise: number;
  startDay: number;
  endDay: number;
  dir: Directory;
  /** Drafts of the month being generated. */
  drafts: Draft[];
  nextLocalId: (agency: string) => number;
}

/** A social-care episode open for some of the household's children. */
export interface Episode {
  children: TruthPerson[];
  stage: 'referral' | 'assessment' | 'section-47' | 'plan' | 'child-in-need';
  /** Agencies involved, for strategy discussions and conferences. */
  referrer: string;
  planVisitsDue?: number;
  reviews: number;
}

interface Pending {
  day: number;
  seq: number;
  run: () => void;
}

export class HouseholdSim {
  /** Each person's views, by person index then agency id. */
  private readonly views: Map<string, View>[] = [];
  /** Current school (agency id) of each pupil, by truth label. */
  readonly schools = new Map<string, string>();
  episode: Episode | undefined;
  /** Injected abuse cases in this household (none unless the `abuse` option is set). */
  cases: PlannedCase[] = [];
  /** Index of the next household event (move, partner change, birth) not yet acted on. */
  eventCursor = 0;
  private pending: Pending[] = [];
  private seq = 0;
  private readonly viewCtx: ViewContext;

  constructor(readonly hh: Household, readonly world: World, readonly rng: Rng, readonly noiseRng: Rng) {
    this.viewCtx = { rng: noiseRng, noise: world.noise, periodStart: world.startDay, nextLocalId: world.nextLocalId };
  }

  /** Schedules `run` for `day`; anything after the end of the period never happens. */
  at(day: number, run: () => void): void {
    if (day > this.world.endDay) return;
    this.pending.push({ day, seq: this.seq++, run });
  }

  /** Runs everything due before `windowEnd`, earliest first; what runs may schedule more. */
  drain(windowEnd: number): void {
    for (;;) {
      let best = -1;
      for (let i = 0; i < this.pending.length; i++) {
        const p = this.pending[i]!;
        if (p.day >= windowEnd) continue;
        const b = best < 0 ? undefined : (this.pending[best]!);
        if (!b || p.day < b.day || (p.day === b.day && p.seq < b.seq)) best = i;
      }
      if (best < 0) return;
      const [next] = this.pending.splice(best, 1);
      next?.run();
    }
  }

  // ---- who serves the family ----

  catchmentOn(day: number): number {
    return addressAt(this.hh, day).catchment;
  }

  gpOn(day: number): string {
    return serving(this.world.dir.gps, this.catchmentOn(day));
  }

  hospitalOn(day: number, second = false): string {
    return serving(this.world.dir.hospitals, this.catchmentOn(day), second ? 2 : 1);
  }

  primaryFor(catchment: number): string {
    return serving(this.world.dir.primaries, catchment, 3);
  }

  secondaryFor(catchment: number): string {
    return serving(this.world.dir.secondaries, catchment, 4);
  }

  // ---- writing people down ----

  view(agency: string, p: TruthPerson, day: number): View {
    let byAgency = this.views[p.index];
    if (!byAgency) this.views[p.index] = byAgency = new Map();
    let v = byAgency.get(agency);
    if (!v) {
      v = createView(this.viewCtx, agencyInfo(this.world.dir, agency), p, day);
      byAgency.set(agency, v);
    }
    return v;
  }

  /** The agency has just confirmed the person's current details (a registration or change-of-address form). */
  confirm(agency: string, p: TruthPerson, day: number): void {
    this.view(agency, p, day).synced = day;
  }

  cast(agency: string, day: number): Cast {
    return new Cast(this, agency, day);
  }

  record(d: Omit<Draft, 'people' | 'labels' | 'certainty'> & { cast: Cast; certainty?: Draft['certainty'] }): void {
    const draft: Draft = {
      day: d.day, agency: d.agency, refPrefix: d.refPrefix, kind: d.kind, certainty: d.certainty ?? 'documented',
      people: d.cast.people, labels: d.cast.labels, body: d.body,
    };
    if (d.narrative !== undefined) draft.narrative = d.narrative;
    if (d.abuse !== undefined) draft.abuse = d.abuse;
    this.world.drafts.push(draft);
  }

  mention(agency: string, p: TruthPerson, day: number, key: string, role: MentionRole, extras?: MentionExtras): PersonMention {
    const v = this.view(agency, p, day);
    return writeMention(this.viewCtx, this.hh, agencyInfo(this.world.dir, agency), v, p, day, key, role, extras);
  }
}

/** The people on one record, with their keys and truth labels. */
export class Cast {
  readonly people: PersonMention[] = [];
  readonly labels: string[] = [];
  private readonly keys = new Map<string, string>();

  constructor(private readonly sim: HouseholdSim, private readonly agency: string, private readonly day: number) {}

  /** Adds a person once (a second add returns the existing key). */
  add(p: TruthPerson, key: string, role: MentionRole, extras?: MentionExtras): string {
    const existing = this.keys.get(p.label);
    if (existing !== undefined) return existing;
    this.keys.set(p.label, key);
    this.people.push(this.sim.mention(this.agency, p, this.day, key, role, extras));
    this.labels.push(p.label);
    return key;
  }

  keyOf(p: TruthPerson): string | undefined {
    return this.keys.get(p.label);
  }

  /**
   * A child as subject with the adults at home (mother, and her partner when
   * `partner`) and optionally the brothers and sisters living there. Returns the
   * keys of the mother and partner.
   */
  family(child: TruthPerson, opts: { partner?: boolean; siblings?: boolean; lives?: boolean } = {}): { m: string; p?: string } {
    const hh = this.sim.hh;
    const lives = opts.lives ? ({ livesWithSubject: 'yes' } as const) : {};
    this.add(child, 'child', 'subject');
    const m = this.add(motherOf(hh), 'm', 'parent', { relationship: 'mother', ...lives });
    const out: { m: string; p?: string } = { m };
    const partner = opts.partner ? partnerOn(hh, this.day) : undefined;
    if (partner) {
      out.p = partner.kind === 'father'
        ? this.add(partner, 'f', 'parent', { relationship: 'father', ...lives })
        : this.add(partner, 'p', 'partner-of-parent', { relationship: "mother's partner", ...lives });
    }
    if (opts.siblings) {
      let n = 0;
      for (const s of childrenOn(hh, this.day)) {
        if (s !== child) this.add(s, `sib${++n}`, 'sibling', { relationship: s.sex === 'male' ? 'brother' : 'sister', ...lives });
      }
    }
    return out;
  }
}
