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
 */

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

/** GET /api/market/shaping. */
export interface MarketShaping {
  today: string;
  unmet_after_days: number;
  people_in_force: number;
  kinds: string[];
  demand: { on: string; people: number[] }[];
  declining: DecliningService[];
  unmet: UnmetDemand[];
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
