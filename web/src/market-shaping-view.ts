/**
 * Market shaping: the pure parts of /market/shaping, the commissioners' view of the local market
 * from the support plans people have agreed (aggregates only, never a name). What
 * GET /api/market/shaping sends, the sentences, the rows of the tables and the geometry of the
 * charts. No DOM, no fetch.
 *
 *   shapingPaths.page(28)                 // '/market/shaping?unmet_after_days=28'
 *   declineSentence(d)                    // '2 people use it today, against 5 a year ago (60% fewer).'
 *   trendBars(d.trend)                    // five bars, a year ago to today
 *   demandRows(s)                         // one row per kind of support anyone uses, or used
 *   concentrationRows(s)                  // providers' concentration, the highest HHI first
 *   hhiBars(s.concentration)              // the chart of the most concentrated markets
 *   payBandRows(w)                        // the PA workforce's pay bands, small counts withheld
 */

import { formatPence } from './money';

export interface MovedTo {
  label: string;
  people: number;
}

export interface DecliningService {
  service_id: string;
  what: string;
  provider_name: string;
  service_type_label: string;
  traditional_menu: boolean;
  need_areas: string[];
  /** People using it 12, 9, 6 and 3 months ago, and today. */
  trend: number[];
  people_now: number;
  people_year_ago: number;
  change_percent: number;
  moved_to: MovedTo[];
}

export interface UnmetDemand {
  kind_label: string;
  area: string;
  items: number;
  people: number;
  longest_days: number;
}

export type ConcentrationBand = 'unconcentrated' | 'concentrated' | 'highly_concentrated';

/** Providers' revenue concentration for one kind of support in one area (null: the whole council). */
export interface Concentration {
  kind_label: string;
  area: string | null;
  providers: number;
  people: number;
  annual_pence: number;
  /** Herfindahl–Hirschman index, 0 to 10,000. */
  hhi: number;
  band: ConcentrationBand;
  band_label: string;
  largest_provider_id: string;
  largest_provider_name: string;
  largest_share_basis_points: number;
}

/** GET /api/market/shaping. */
export interface MarketShaping {
  today: string;
  unmet_after_days: number;
  people_in_force: number;
  kinds: string[];
  demand: { on: string; people: number[] }[];
  declining: DecliningService[];
  unmet: UnmetDemand[];
  concentration: Concentration[];
  concentration_suppressed: number;
  concentration_from_people: number;
}

export const shapingPaths = {
  page: (days?: number): string => (days === undefined ? '/market/shaping' : `/market/shaping?${new URLSearchParams({ unmet_after_days: String(days) }).toString()}`),
  api: (days: string): string => (days === '' ? '/api/market/shaping' : `/api/market/shaping?${new URLSearchParams({ unmet_after_days: days }).toString()}`),
};

/** The number of days the address asks for ('' when it does not). */
export function daysFromQuery(search: string): string {
  return (new URLSearchParams(search).get('unmet_after_days') ?? '').trim();
}

function people(n: number): string {
  return n === 1 ? '1 person' : `${n.toLocaleString('en-GB')} people`;
}

/** "1,234 people have an agreed support plan in force today." */
export function inForceSentence(s: Pick<MarketShaping, 'people_in_force'>): string {
  if (s.people_in_force === 0) return 'Nobody has an agreed support plan in force today, so there is no demand to show yet.';
  return `${people(s.people_in_force)} ${s.people_in_force === 1 ? 'has' : 'have'} an agreed support plan in force today.`;
}

/** "2 people use it today, against 5 a year ago (60% fewer)." */
export function declineSentence(d: Pick<DecliningService, 'people_now' | 'people_year_ago' | 'change_percent'>): string {
  const now = d.people_now === 0 ? 'Nobody uses it today' : `${people(d.people_now)} ${d.people_now === 1 ? 'uses' : 'use'} it today`;
  return `${now}, against ${d.people_year_ago.toLocaleString('en-GB')} a year ago (${Math.abs(d.change_percent)}% fewer).`;
}

/** Where the people who stopped went, most first: "A personal assistant: 2 people". */
export function movedToWords(d: Pick<DecliningService, 'moved_to' | 'people_now' | 'people_year_ago'>): string[] {
  return d.moved_to.map((m) => `${m.label}: ${people(m.people)}`);
}

export const TREND_LABELS = ['A year ago', '9 months ago', '6 months ago', '3 months ago', 'Today'] as const;

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  label: string;
}

/**
 * The trend as bars in a 300 × 120 box (labels below, values above): the tallest bar fills the
 * height. Coordinates only; the values shown are the counts themselves.
 */
export function trendBars(trend: readonly number[]): { width: number; height: number; bottom: number; bars: Bar[] } {
  const width = 300;
  const height = 150;
  const top = 20;
  const bottom = 120;
  const max = Math.max(1, ...trend);
  const slot = width / Math.max(1, trend.length);
  const barWidth = slot * 0.6;
  const bars = trend.map((value, i) => {
    const h = ((bottom - top) * value) / max;
    return { x: i * slot + (slot - barWidth) / 2, y: bottom - h, width: barWidth, height: h, value, label: TREND_LABELS[i] ?? '' };
  });
  return { width, height, bottom, bars };
}

/** The chart's text alternative: "People using Day at the centre: a year ago 5, … today 2." */
export function trendDescription(d: Pick<DecliningService, 'what' | 'trend'>): string {
  const parts = d.trend.map((n, i) => `${(TREND_LABELS[i] ?? '').toLowerCase()} ${n}`);
  return `People using ${d.what}: ${parts.join(', ')}.`;
}

/**
 * Demand per kind of support: a row per kind anyone used at any of the points, with the people
 * a year ago, 6 months ago and today, and the change over the year in words; the most used today
 * first.
 */
export function demandRows(s: Pick<MarketShaping, 'kinds' | 'demand'>): { kind: string; yearAgo: number; halfYearAgo: number; today: number; change: string }[] {
  const n = s.demand.length;
  const at = (back: number, k: number): number => s.demand[n - 1 - back]?.people[k] ?? 0;
  const rows = s.kinds
    .map((kind, k) => ({ kind, yearAgo: at(4, k), halfYearAgo: at(2, k), today: at(0, k), used: s.demand.some((p) => (p.people[k] ?? 0) > 0) }))
    .filter((r) => r.used)
    .map(({ kind, yearAgo, halfYearAgo, today }) => ({ kind, yearAgo, halfYearAgo, today, change: changeWords(yearAgo, today) }));
  return rows.sort((a, b) => b.today - a.today || a.kind.localeCompare(b.kind, 'en-GB'));
}

/** "Up 3", "Down 2", "No change". */
export function changeWords(before: number, after: number): string {
  if (after > before) return `Up ${(after - before).toLocaleString('en-GB')}`;
  if (after < before) return `Down ${(before - after).toLocaleString('en-GB')}`;
  return 'No change';
}

/** How long the longest has waited: "28 days", or "113 days (about 4 months)". */
export function waitedWords(days: number): string {
  if (days >= 60) return `${days} days (about ${Math.round(days / 30.44)} months)`;
  return `${days} days`;
}

/** The HHI thresholds of the UK merger assessment guidelines (CC2 (Revised) / OFT1254, 2010): exceeding 1,000 is concentrated, exceeding 2,000 highly concentrated. */
export const HHI_CONCENTRATED = 1000;
export const HHI_HIGHLY_CONCENTRATED = 2000;

/** "TS24", or "Whole council" for a council-wide group. */
export function areaLabel(area: string | null): string {
  return area ?? 'Whole council';
}

/** A share in basis points as a percentage with two places, from integers: 7273 → "72.73%". */
export function shareWords(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const part = String(basisPoints % 100).padStart(2, '0');
  return `${whole}.${part}%`;
}

export interface ConcentrationRow {
  kind: string;
  area: string;
  providers: number;
  spend: string;
  hhi: number;
  hhiText: string;
  band: string;
  largest: string;
}

/** The concentration table's rows: the highest HHI first, then the most spend. */
export function concentrationRows(s: Pick<MarketShaping, 'concentration'>): ConcentrationRow[] {
  return [...s.concentration]
    .sort((a, b) => b.hhi - a.hhi || b.annual_pence - a.annual_pence)
    .map((c) => ({
      kind: c.kind_label,
      area: areaLabel(c.area),
      providers: c.providers,
      spend: formatPence(c.annual_pence),
      hhi: c.hhi,
      hhiText: c.hhi.toLocaleString('en-GB'),
      band: c.band_label,
      largest: `${c.largest_provider_name} (${shareWords(c.largest_share_basis_points)})`,
    }));
}

/** Why some groups are missing, in plain English; '' when none is. */
export function concentrationSuppressedSentence(s: Pick<MarketShaping, 'concentration_suppressed' | 'concentration_from_people'>): string {
  const n = s.concentration_suppressed;
  if (n === 0) return '';
  const groups = n === 1 ? '1 kind of support in an area is' : `${n.toLocaleString('en-GB')} kinds of support in an area are`;
  return `${groups} not shown because fewer than ${s.concentration_from_people} people buy it there: with so few, the figures could point to someone.`;
}

export interface HhiBar {
  y: number;
  width: number;
  label: string;
  value: number;
  valueText: string;
}

/**
 * The most concentrated markets (at most `most`, the highest HHI first) as horizontal bars on a
 * scale of 0 to 10,000 in a 900-wide box: labels on the left, the value and band after each bar,
 * the two thresholds as lines labelled above (1,000 to the left of its line, 2,000 to the right,
 * so that they never overlap) and a scale below. Coordinates only.
 */
export function hhiBars(
  groups: readonly Concentration[],
  most = 10,
): { width: number; height: number; left: number; plot: number; rowHeight: number; top: number; bottom: number; thresholds: { x: number; label: string; anchor: 'start' | 'end' }[]; ticks: { x: number; label: string }[]; bars: HhiBar[] } {
  const width = 900;
  const left = 250;
  const plot = 380; // leaves 270 for "10,000 highly concentrated" after the longest bar
  const rowHeight = 30;
  const top = 28;
  const chosen = [...groups].sort((a, b) => b.hhi - a.hhi || b.annual_pence - a.annual_pence).slice(0, most);
  const x = (hhi: number): number => left + (plot * Math.min(10000, Math.max(0, hhi))) / 10000;
  const bars = chosen.map((c, i) => ({
    y: top + i * rowHeight,
    width: x(c.hhi) - left,
    label: `${c.kind_label}, ${areaLabel(c.area)}`,
    value: c.hhi,
    valueText: `${c.hhi.toLocaleString('en-GB')} ${c.band_label.toLowerCase()}`,
  }));
  const bottom = top + chosen.length * rowHeight;
  return {
    width,
    height: bottom + 30,
    left,
    plot,
    rowHeight,
    top,
    bottom,
    thresholds: [
      { x: x(HHI_CONCENTRATED), label: '1,000', anchor: 'end' },
      { x: x(HHI_HIGHLY_CONCENTRATED), label: '2,000', anchor: 'start' },
    ],
    ticks: [0, 2000, 4000, 6000, 8000, 10000].map((v) => ({ x: x(v), label: v.toLocaleString('en-GB') })),
    bars,
  };
}

/** The chart's text alternative. */
export function hhiDescription(groups: readonly Concentration[], most = 10): string {
  const bars = hhiBars(groups, most).bars;
  if (bars.length === 0) return 'No market to show.';
  return `Herfindahl–Hirschman index, out of 10,000; above 1,000 is concentrated and above 2,000 highly concentrated. ${bars.map((b) => `${b.label}: ${b.valueText}`).join('; ')}.`;
}

// ----- The personal assistant workforce (GET /api/pa-workforce) -----

export interface PayBand {
  from_pence: number;
  to_pence: number | null;
  count: number | null;
  suppressed: boolean;
}

export interface PaWorkforce {
  on: string;
  smallest_count_shown: number;
  suppressed: boolean;
  count: number | null;
  hours_per_week: string | null;
  below_minimum_wage: number | null;
  minimum_wage_pence: number | null;
  bands: PayBand[];
}

export const WORKFORCE_API = '/api/pa-workforce';

/** A count, or "Fewer than 5" when withheld. */
function countOrFewer(n: number | null, suppressed: boolean, smallest: number): string {
  return suppressed || n === null ? `Fewer than ${smallest}` : n.toLocaleString('en-GB');
}

/** The headline figures, or [] when everything is withheld. */
export function workforceSummary(w: PaWorkforce): [string, string][] {
  if (w.suppressed) return [];
  const rows: [string, string][] = [
    ['Personal assistants employed today', countOrFewer(w.count, false, w.smallest_count_shown)],
    ['Their usual hours a week, all together', `${Number(w.hours_per_week ?? '0').toLocaleString('en-GB')} hours`],
  ];
  if (w.minimum_wage_pence !== null) {
    rows.push([`Paid below the minimum wage (${formatPence(w.minimum_wage_pence)} an hour)`, countOrFewer(w.below_minimum_wage, w.below_minimum_wage === null, w.smallest_count_shown)]);
  }
  return rows;
}

/** What is withheld and why, in plain English; '' when nothing is. */
export function workforceSuppressedSentence(w: PaWorkforce): string {
  const n = w.smallest_count_shown;
  if (w.suppressed) {
    return `Fewer than ${n} personal assistants are employed through personal budgets today, so no figures are shown: numbers this small could point to someone.`;
  }
  if (w.bands.some((b) => b.suppressed) || w.below_minimum_wage === null) {
    return `Where 1 to ${n - 1} personal assistants are in a group, the page says “Fewer than ${n}” instead of the number, so that nobody can be picked out.`;
  }
  return '';
}

/** The pay bands: "Below £12.21 (under the minimum wage)", "£12.21 to £12.70", "£15.21 or more". */
export function payBandRows(w: PaWorkforce): { band: string; count: string }[] {
  if (w.suppressed) return [];
  return w.bands.map((b) => {
    let band: string;
    if (b.to_pence === null) band = `${formatPence(b.from_pence)} an hour or more`;
    else if (b.from_pence === 0 && w.minimum_wage_pence !== null && b.to_pence === w.minimum_wage_pence) band = `Below ${formatPence(b.to_pence)} an hour (under the minimum wage)`;
    else band = `${formatPence(b.from_pence)} to ${formatPence(b.to_pence - 1)} an hour`;
    return { band, count: countOrFewer(b.count, b.suppressed, w.smallest_count_shown) };
  });
}
