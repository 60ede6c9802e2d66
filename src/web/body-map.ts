// The injury body map: every injury site and side of the agency-record
// contract (records/types.ts) as a point on a front or back outline of a child,
// drawn as inline SVG with one marker per injury from every agency. Markers are
// coloured and shaped by agency (never colour alone), sized and shaded by how
// long before the latest injury shown they were recorded, and each has a
// <title>. The SVG is one image to assistive technology (role="img" with an
// aria-label); the page gives the same injuries as a table beside it.
// Text from records is escaped here (the SVG reaches the page as markup).
import type { Injury, InjurySite } from '../records/types.ts';
import { escapeHtml } from './html.ts';

export type BodyView = 'front' | 'back';

/**
 * Where a site is drawn, in the coordinates of one figure (200 wide, centre line x = 100). `dx` is how far
 * from the centre line a left or right injury goes; `paired` sites (eyelids, arms...) have no midline, so an
 * injury there with no side recorded is drawn on the child's right with a dashed outline, and said so.
 */
export interface BodySite {
  label: string;
  view: BodyView;
  x: number;
  y: number;
  dx: number;
  paired: boolean;
}

/** Every injury site of the contract. Exported so a form can draw a clickable map from the same geometry. */
export const BODY_SITES: Readonly<Record<InjurySite, BodySite>> = {
  scalp: { label: 'scalp', view: 'back', x: 100, y: 22, dx: 14, paired: false },
  forehead: { label: 'forehead', view: 'front', x: 100, y: 21, dx: 12, paired: false },
  eyelid: { label: 'eyelid', view: 'front', x: 100, y: 33, dx: 11, paired: true },
  subconjunctiva: { label: 'eye (subconjunctival)', view: 'front', x: 100, y: 38, dx: 11, paired: true },
  nose: { label: 'nose', view: 'front', x: 100, y: 45, dx: 3, paired: false },
  cheek: { label: 'cheek', view: 'front', x: 100, y: 50, dx: 18, paired: true },
  ear: { label: 'ear', view: 'front', x: 100, y: 40, dx: 30, paired: true },
  lip: { label: 'lip', view: 'front', x: 100, y: 56, dx: 5, paired: false },
  frenulum: { label: 'frenulum (inside the lip)', view: 'front', x: 100, y: 60, dx: 0, paired: false },
  'jaw-angle': { label: 'angle of the jaw', view: 'front', x: 100, y: 60, dx: 22, paired: true },
  chin: { label: 'chin', view: 'front', x: 100, y: 66, dx: 5, paired: false },
  neck: { label: 'neck', view: 'front', x: 100, y: 76, dx: 6, paired: false },
  chest: { label: 'chest', view: 'front', x: 100, y: 112, dx: 16, paired: false },
  abdomen: { label: 'abdomen', view: 'front', x: 100, y: 180, dx: 14, paired: false },
  back: { label: 'back', view: 'back', x: 100, y: 130, dx: 18, paired: false },
  buttock: { label: 'buttock', view: 'back', x: 100, y: 222, dx: 16, paired: true },
  genitals: { label: 'genitals', view: 'front', x: 100, y: 214, dx: 4, paired: false },
  shoulder: { label: 'shoulder', view: 'front', x: 100, y: 94, dx: 34, paired: true },
  'upper-arm': { label: 'upper arm', view: 'front', x: 100, y: 140, dx: 48, paired: true },
  forearm: { label: 'forearm', view: 'front', x: 100, y: 208, dx: 57, paired: true },
  hand: { label: 'hand', view: 'front', x: 100, y: 258, dx: 62, paired: true },
  thigh: { label: 'thigh', view: 'front', x: 100, y: 262, dx: 19, paired: true },
  knee: { label: 'knee', view: 'front', x: 100, y: 320, dx: 20, paired: true },
  shin: { label: 'shin', view: 'front', x: 100, y: 360, dx: 21, paired: true },
  foot: { label: 'foot', view: 'front', x: 100, y: 410, dx: 22, paired: true },
  spine: { label: 'spine', view: 'back', x: 100, y: 165, dx: 0, paired: false },
  ribs: { label: 'ribs', view: 'front', x: 100, y: 150, dx: 30, paired: true },
  skull: { label: 'skull', view: 'front', x: 100, y: 13, dx: 14, paired: false },
  'long-bone': { label: 'long bone (not said which)', view: 'back', x: 100, y: 290, dx: 19, paired: true },
  other: { label: 'another site', view: 'front', x: 100, y: 0, dx: 0, paired: false },
};

export const SITE_NAMES = Object.keys(BODY_SITES) as InjurySite[];

/** The drawing: two figures side by side, and a strip below them for injuries at no mapped site. */
export const FIGURE = { width: 200, backOffset: 220, viewWidth: 420, viewHeight: 500, elsewhereY: 478 } as const;

export interface SitePoint {
  view: BodyView | 'elsewhere';
  /** in the whole drawing's coordinates */
  x: number;
  y: number;
  /** false for a paired site with no side recorded (drawn on the child's right, dashed) */
  sideKnown: boolean;
}

const siteOf = (site: string): BodySite => BODY_SITES[site as InjurySite] ?? BODY_SITES.other;

/**
 * A site and side on the drawing. Seen from the front, the child's right is on the viewer's left; seen from
 * the back, on the viewer's right.
 */
export function sitePoint(site: string, side?: string): SitePoint {
  const s = siteOf(site);
  if (s === BODY_SITES.other) return { view: 'elsewhere', x: FIGURE.viewWidth / 2, y: FIGURE.elsewhereY, sideKnown: true };
  const offset = s.view === 'back' ? FIGURE.backOffset : 0;
  const sided = side === 'left' || side === 'right' ? side : s.paired ? 'right' : null;
  const toViewerLeft = (sided === 'right') === (s.view === 'front');
  const x = sided === null ? s.x : s.x + (toViewerLeft ? -s.dx : s.dx);
  return { view: s.view, x: offset + x, y: s.y, sideKnown: !(s.paired && side !== 'left' && side !== 'right') };
}

// ---- agencies: colour and shape ----

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle';
/** Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies; markers also have a dark outline. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;
export const SHAPES: readonly MarkerShape[] = ['circle', 'square', 'diamond', 'triangle'];

export interface AgencyStyle {
  agencyId: string;
  agencyName: string;
  colour: string;
  shape: MarkerShape;
  /** the colour in words, for the legend */
  colourName: string;
}
const COLOUR_NAMES = ['blue', 'vermilion', 'green', 'pink', 'orange', 'sky blue', 'black', 'yellow'];

/** A colour and shape per agency, in the order given: no two of the first 32 alike. */
export function agencyStyles(agencies: { id: string; name: string }[]): Map<string, AgencyStyle> {
  const out = new Map<string, AgencyStyle>();
  for (const a of agencies) {
    if (out.has(a.id)) continue;
    const i = out.size;
    out.set(a.id, { agencyId: a.id, agencyName: a.name, colour: PALETTE[i % 8]!, colourName: COLOUR_NAMES[i % 8]!, shape: SHAPES[(i + Math.floor(i / 8)) % 4]! });
  }
  return out;
}

// ---- age: how long before the latest injury shown ----

export interface AgeBand {
  key: 'recent' | 'weeks' | 'months' | 'older';
  label: string;
  radius: number;
  opacity: number;
}
export const AGE_BANDS: readonly (AgeBand & { withinDays: number })[] = [
  { key: 'recent', label: 'within 4 weeks of the latest injury', radius: 6, opacity: 1, withinDays: 28 },
  { key: 'weeks', label: '1 to 3 months before it', radius: 5.25, opacity: 0.8, withinDays: 91 },
  { key: 'months', label: '3 to 12 months before it', radius: 4.5, opacity: 0.55, withinDays: 365 },
  { key: 'older', label: 'more than a year before it', radius: 3.75, opacity: 0.35, withinDays: Infinity },
];

const dayNumber = (date: string) => Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);

export function ageBand(date: string, latest: string): AgeBand {
  const days = dayNumber(latest) - dayNumber(date);
  const band = AGE_BANDS.find((b) => days <= b.withinDays) ?? AGE_BANDS[AGE_BANDS.length - 1]!;
  const { withinDays: _, ...rest } = band;
  return rest;
}

// ---- drawing ----

/** One injury as the map needs it. */
export interface MapInjury {
  /** YYYY-MM-DD */
  date: string;
  agencyId: string;
  agencyName: string;
  source: string;
  type: string;
  site: string;
  side?: string;
  count?: number;
}

export function injuriesOf(entries: { occurredOn: string; agency: { id: string; name: string }; source: string; injuries: Injury[] }[]): MapInjury[] {
  return entries.flatMap((e) => e.injuries.map((i) => ({
    date: e.occurredOn, agencyId: e.agency.id, agencyName: e.agency.name, source: e.source, type: i.type, site: i.site,
    ...(i.side ? { side: i.side } : {}), ...(i.count ? { count: i.count } : {}),
  })));
}

const words = (s: string) => s.replace(/-/g, ' ');

/** "bruise to left eyelid", as the table and the markers say it. */
export function describeMapInjury(i: Pick<MapInjury, 'type' | 'site' | 'side' | 'count'>): string {
  const side = i.side ? `${i.side} ` : '';
  return `${injuryType(i)} to ${side}${siteLabel(i.site)}`;
}

/** "2 × bruise" */
export const injuryType = (i: Pick<MapInjury, 'type' | 'count'>) => `${i.count && i.count > 1 ? `${i.count} × ` : ''}${words(i.type)}`;
/** The site in words ("upper arm"); a site outside the contract as it came. */
export const siteLabel = (site: string) => (siteOf(site) === BODY_SITES.other && site !== 'other' ? words(site) : siteOf(site).label);

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

function shapeMarkup(shape: MarkerShape, x: number, y: number, r: number, attrs: string): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" ${attrs}`;
    case 'square': {
      const h = r * 0.9;
      return `<rect x="${fmt(x - h)}" y="${fmt(y - h)}" width="${fmt(2 * h)}" height="${fmt(2 * h)}" ${attrs}`;
    }
    case 'diamond': {
      const h = r * 1.2;
      return `<path d="M${fmt(x)} ${fmt(y - h)}L${fmt(x + h)} ${fmt(y)}L${fmt(x)} ${fmt(y + h)}L${fmt(x - h)} ${fmt(y)}Z" ${attrs}`;
    }
    case 'triangle': {
      const h = r * 1.25;
      return `<path d="M${fmt(x)} ${fmt(y - h)}L${fmt(x + h)} ${fmt(y + h * 0.8)}L${fmt(x - h)} ${fmt(y + h * 0.8)}Z" ${attrs}`;
    }
  }
}

/** A small picture of an agency's marker for the legend (decorative: the legend's words say it). */
export function swatch(style: Pick<AgencyStyle, 'colour' | 'shape'>, opts: { radius?: number; opacity?: number; dashed?: boolean } = {}): string {
  const r = opts.radius ?? 6;
  return `<svg class="tl-body-map__swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">${shapeMarkup(style.shape, 10, 10, r,
    `fill="${style.colour}" fill-opacity="${opts.opacity ?? 1}" stroke="#0b0c0c" stroke-width="1.5"${opts.dashed ? ' stroke-dasharray="3 2"' : ''}/>`)}</svg>`;
}

// The outline of a young child, front and back (drawn once; mirrored halves).
const mirror = (d: string) => d.replace(/(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)/g, (_, x: string, y: string) => `${fmt(200 - Number(x))} ${y}`);
const ARM = 'M56 92 Q46 100 44 130 L36 200 L32 246 L46 248 L52 204 L60 140 L66 118 Z';
const LEG = 'M67 216 L64 300 L66 402 L90 402 L94 300 L99 232 Z';
const BODY = [
  '<ellipse cx="100" cy="38" rx="29" ry="31"/>',
  '<path d="M92 66 L108 66 L108 84 L92 84 Z"/>',
  '<path d="M66 84 Q100 78 134 84 L146 96 Q140 150 134 220 L66 220 Q60 150 54 96 Z"/>',
  `<path d="${ARM}"/>`, `<path d="${mirror(ARM)}"/>`,
  '<ellipse cx="38" cy="258" rx="9" ry="12"/>', '<ellipse cx="162" cy="258" rx="9" ry="12"/>',
  `<path d="${LEG}"/>`, `<path d="${mirror(LEG)}"/>`,
  '<ellipse cx="78" cy="410" rx="14" ry="8"/>', '<ellipse cx="122" cy="410" rx="14" ry="8"/>',
].join('');
const FACE = '<ellipse cx="89" cy="35" rx="3.5" ry="2"/><ellipse cx="111" cy="35" rx="3.5" ry="2"/><path d="M93 56 Q100 60 107 56" fill="none"/>';
const SPINE = '<path d="M100 86 L100 212" fill="none" stroke-dasharray="4 3"/>';

function figure(view: BodyView): string {
  const x0 = view === 'back' ? FIGURE.backOffset : 0;
  const [leftLetter, rightLetter] = view === 'front' ? ['R', 'L'] : ['L', 'R'];
  return `<g transform="translate(${x0} 0)" class="tl-body-map__figure"><g fill="#f3f2f1" stroke="#505a5f" stroke-width="1.5">${BODY}</g>`
    + `<g fill="none" stroke="#505a5f" stroke-width="1.2">${view === 'front' ? FACE : SPINE}</g>`
    + `<text x="100" y="444" text-anchor="middle" font-size="14" font-weight="bold" fill="#0b0c0c">${view === 'front' ? 'Front' : 'Back'}</text>`
    + `<text x="10" y="110" font-size="13" fill="#505a5f">${leftLetter}</text><text x="182" y="110" font-size="13" fill="#505a5f">${rightLetter}</text></g>`;
}

const longDate = (iso: string) => {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

export interface BodyMapOptions {
  styles: Map<string, AgencyStyle>;
  /** the date markers' ages are reckoned from (default: the latest injury's) */
  latest?: string;
  id?: string;
}

/** The SVG: both figures, a strip for injuries at no mapped site, and a marker per injury, earliest drawn first. */
export function renderBodyMap(injuries: MapInjury[], opts: BodyMapOptions): string {
  const sorted = [...injuries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = opts.latest ?? sorted.at(-1)?.date ?? '';
  const agencies = new Set(sorted.map((i) => i.agencyId)).size;
  const label = sorted.length
    ? `Body map, front and back: ${sorted.length} ${sorted.length === 1 ? 'injury' : 'injuries'} recorded by ${agencies} ${agencies === 1 ? 'agency' : 'agencies'} from ${longDate(sorted[0]!.date)} to ${longDate(latest)}. The table below lists them.`
    : 'Body map, front and back: no injuries recorded in this period.';
  const placed = new Map<string, number>();
  let elsewhere = 0;
  const elsewhereCount = sorted.filter((i) => sitePoint(i.site).view === 'elsewhere').length;
  const markers = sorted.map((i) => {
    const p = sitePoint(i.site, i.side);
    let { x, y } = p;
    if (p.view === 'elsewhere') {
      // Rows along the strip below the figures.
      const n = elsewhere++;
      x = 120 + 16 * (n % 16);
      y = elsewhereCount > 16 ? FIGURE.elsewhereY - 8 + 16 * (Math.floor(n / 16) % 2) : FIGURE.elsewhereY;
    } else {
      // Injuries at the same point spiral out so that each stays visible.
      const key = `${x},${y}`;
      const k = placed.get(key) ?? 0;
      placed.set(key, k + 1);
      if (k > 0) {
        x += 6 * Math.sqrt(k) * Math.cos(k * 2.4);
        y += 6 * Math.sqrt(k) * Math.sin(k * 2.4);
      }
    }
    const style = opts.styles.get(i.agencyId) ?? { colour: '#505a5f', shape: 'circle' as const };
    const band = ageBand(i.date, latest);
    const title = `${longDate(i.date)}, ${i.agencyName}: ${describeMapInjury(i)}${p.sideKnown ? '' : ' (side not recorded)'} (${i.source})`;
    const attrs = `class="tl-body-map__marker" data-date="${escapeHtml(i.date)}" data-age="${band.key}" fill="${style.colour}" fill-opacity="${band.opacity}" stroke="#0b0c0c" stroke-width="1.5"${p.sideKnown ? '' : ' stroke-dasharray="3 2"'}><title>${escapeHtml(title)}</title></`;
    const tag = style.shape === 'circle' ? 'circle' : style.shape === 'square' ? 'rect' : 'path';
    return `${shapeMarkup(style.shape, x, y, band.radius, attrs)}${tag}>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="tl-body-map__svg"${opts.id ? ` id="${escapeHtml(opts.id)}"` : ''} viewBox="0 0 ${FIGURE.viewWidth} ${FIGURE.viewHeight}" font-family="'GDS Transport', arial, sans-serif" role="img" aria-label="${escapeHtml(label)}" focusable="false">`
    + figure('front') + figure('back')
    + `<rect x="40" y="458" width="340" height="38" rx="4" fill="none" stroke="#505a5f" stroke-dasharray="5 4"/>`
    + `<text x="48" y="482" font-size="12" fill="#505a5f">Elsewhere</text>`
    + `<g class="tl-body-map__markers">${markers.join('')}</g></svg>`;
}
