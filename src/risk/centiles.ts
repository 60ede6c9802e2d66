// Centiles on the UK-WHO growth charts as distances. The chart's centile lines (0.4th, 2nd, 9th, 25th,
// 50th, 75th, 91st, 98th, 99.6th) are two thirds of a standard deviation apart (RCPCH, UK-WHO growth
// charts: guidance for health professionals, 2009), so the number of "centile spaces" between two
// centiles is the difference of their z-scores over 2/3. NICE NG75 (Faltering growth, 2017: faltering
// growth after the early days of life) speaks in those spaces.

/** The UK-WHO chart lines, for explanations. */
export const CENTILE_LINES = [0.4, 2, 9, 25, 50, 75, 91, 98, 99.6] as const;
export const SPACE_SD = 2 / 3;
/** A centile read off a chart is rounded: a fall this close to a whole number of spaces counts as it. */
export const READING_TOLERANCE_SPACES = 0.05;

/** The z-score of a centile (0–100): the inverse of the standard normal distribution (Acklam's approximation, error < 1.2e-9). */
export function zOfCentile(centile: number): number {
  const p = Math.min(Math.max(centile / 100, 1e-6), 1 - 1e-6);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -zOfCentile(100 - centile);
  const q = p - 0.5;
  const r = q * q;
  return (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Where a recorded centile sits on the chart, in standard deviations. The lines' names are rounded (the
 * "2nd" line is at -2 SD, the 2.3rd centile; the "0.4th" at -2.67 SD, the 0.38th), and practitioners record
 * the line's name, so a centile named like a line is placed on it, and one between two lines in proportion
 * (by z-score) between them. Beyond the outer lines, by z-score.
 */
export function chartZ(centile: number): number {
  const z = zOfCentile(centile);
  const lines = CENTILE_LINES.map((c, i) => ({ z: zOfCentile(c), chart: (i - 4) * SPACE_SD }));
  const first = lines[0]!;
  const last = lines.at(-1)!;
  if (z <= first.z) return first.chart + (z - first.z);
  if (z >= last.z) return last.chart + (z - last.z);
  const i = lines.findIndex((l) => l.z >= z);
  const [lo, hi] = [lines[i - 1]!, lines[i]!];
  return lo.chart + ((z - lo.z) / (hi.z - lo.z)) * (hi.chart - lo.chart);
}

/** Centile spaces fallen from one centile to another (negative for a rise). */
export function spacesFallen(from: number, to: number): number {
  return (chartZ(from) - chartZ(to)) / SPACE_SD;
}

/**
 * NG75's fall that raises concern, from the birthweight centile: 1 or more centile spaces below the 9th,
 * 2 or more from the 9th to the 91st, 3 or more above the 91st.
 */
export function spacesOfConcern(birthCentile: number): 1 | 2 | 3 {
  return birthCentile < 9 ? 1 : birthCentile <= 91 ? 2 : 3;
}

/** NG75: a weight below the 2nd centile for age raises concern whatever the birthweight. */
export const LOW_WEIGHT_CENTILE = 2;
