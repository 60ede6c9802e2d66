// Where the child lived, over time, from the records that mention them.
//
// - Every record that gives the child's address is an observation of their home on that date.
// - Placements override it: from `placed-away` until `returned-home` (or the next placement),
//   the child's home is the carer's household at the carer's address, whatever other agencies
//   still have on file (they usually keep the family address during a placement).
// - A `moved-address` during a placement moves the placement; outside one it is an ordinary observation.
// - An address seen again after the child has moved on is taken as a stale entry on an agency
//   system, not a move back: records lag behind moves far more often than families return.
// - Periods run from their first observation until the next period starts; the last one is
//   open-ended (the child is taken to live there still) and reports the last record as `to`.
import { moreSpecific, parseHome, sameHome, type Home } from './address.ts';
import type { EvidenceRecord } from './evidence.ts';
import type { PersonMention } from '../records/types.ts';

export interface Segment {
  home: Home | null;
  from: string;
  /** first day of the next segment; null for the last (open-ended) one */
  until: string | null;
  sources: string[];
  placement?: { source: string; carer: PersonMention | null; carerId: number | null };
}

interface Observation { on: string; source: string; home: Home }
interface Window { from: string; until: string | null; home: Home | null; source: string; endSource?: string; carer: PersonMention | null; carerId: number | null }

const childKeys = (r: EvidenceRecord, childId: number) =>
  r.document.people.filter((p) => r.personOf[p.key] === childId);

export function placementWindows(records: EvidenceRecord[], childId: number): Window[] {
  const out: Window[] = [];
  let open = null as Window | null;
  for (const r of records) {
    if (r.document.kind !== 'placement') continue;
    const b = r.document.body as { subject?: string; with?: string; change?: string };
    if (!b.subject || r.personOf[b.subject] !== childId) continue;
    const carer = r.document.people.find((p) => p.key === b.with);
    const child = r.document.people.find((p) => p.key === b.subject)!;
    const previous: Window | null = open;
    const moving: Window | null = b.change === 'moved-address' ? previous : null;
    if (b.change !== 'placed-away' && b.change !== 'returned-home' && !moving) continue;
    // Any of these ends the placement in force (a same-day round trip leaves nothing).
    if (previous && previous.from < r.occurredOn) out.push({ ...previous, until: r.occurredOn, endSource: r.source });
    open = null;
    if (b.change === 'placed-away') {
      // With no carer named the child is still away; where is unknown.
      open = { from: r.occurredOn, until: null, home: parseHome(carer?.address), source: r.source, carer: carer ?? null,
        carerId: carer ? (r.personOf[carer.key] ?? null) : null };
    } else if (moving) {
      open = { from: r.occurredOn, until: null, home: parseHome(carer ? carer.address : child.address), source: r.source,
        carer: carer ?? moving.carer, carerId: carer ? (r.personOf[carer.key] ?? null) : moving.carerId };
    }
  }
  if (open) out.push(open);
  return out;
}

const inWindow = (on: string, w: Window) => on >= w.from && (w.until === null || on < w.until);

/** The child's homes in time order (records must be sorted by occurredOn). */
export function homeTimeline(records: EvidenceRecord[], childId: number): Segment[] {
  const observations: Observation[] = [];
  for (const r of records) {
    for (const c of childKeys(r, childId)) {
      const home = parseHome(c.address);
      if (home) observations.push({ on: r.occurredOn, source: r.source, home });
    }
  }
  const windows = placementWindows(records, childId);

  // The family home, leaving out sightings at the carer's address during a placement.
  const base: { home: Home; from: string; until: string | null }[] = [];
  const superseded: Home[] = [];
  for (const o of observations) {
    if (windows.some((w) => inWindow(o.on, w) && sameHome(o.home, w.home))) continue;
    const current = base.at(-1);
    if (current && sameHome(current.home, o.home)) {
      current.home = moreSpecific(current.home, o.home);
      continue;
    }
    if (superseded.some((h) => sameHome(h, o.home))) continue; // stale, see above
    if (current) {
      superseded.push(current.home);
      current.until = o.on;
    }
    base.push({ home: o.home, from: o.on, until: null });
  }

  // Cut the family-home periods around the placements, then put the placements in.
  const segments: Segment[] = [];
  for (const b of base) {
    let pieces: { from: string; until: string | null; after?: Window }[] = [{ from: b.from, until: b.until }];
    for (const w of windows) {
      pieces = pieces.flatMap((p) => {
        const overlaps = (p.until === null || w.from < p.until) && (w.until === null || p.from < w.until);
        if (!overlaps) return [p];
        const out: typeof pieces = [];
        if (p.from < w.from) out.push({ from: p.from, until: w.from, ...(p.after ? { after: p.after } : {}) });
        if (w.until !== null && (p.until === null || w.until < p.until)) out.push({ from: w.until, until: p.until, after: w });
        return out;
      });
    }
    for (const p of pieces) {
      segments.push({ home: b.home, from: p.from, until: p.until, sources: p.after?.endSource ? [p.after.endSource] : [] });
    }
  }
  for (const w of windows) {
    segments.push({ home: w.home, from: w.from, until: w.until, sources: [w.source], placement: { source: w.source, carer: w.carer, carerId: w.carerId } });
  }
  segments.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  // Each segment lasts until the next begins; the last stays open.
  segments.forEach((s, i) => (s.until = segments[i + 1]?.from ?? null));

  // A set per segment beside its list: a home of many years has hundreds of sources.
  const cited = new Map(segments.map((s) => [s, new Set(s.sources)]));
  for (const o of observations) {
    const s = segments[segmentAt(segments, o.on)];
    if (s && sameHome(s.home, o.home) && !cited.get(s)!.has(o.source)) {
      s.sources.push(o.source);
      cited.get(s)!.add(o.source);
    }
  }
  return segments;
}

/** Index of the segment holding a date, or -1 before the first. */
export function segmentAt(segments: Segment[], on: string): number {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.from <= on) return i;
  return -1;
}
