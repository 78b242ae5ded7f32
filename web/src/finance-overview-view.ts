/**
 * The finance overview: the pure parts of /finance/overview. What GET /api/finance/overview
 * sends, where things live, the year picker's choices, the rows of its tables, and the chart's
 * geometry (committed, paid so far and forecast, each a bar stacked by the way the money is
 * paid, with the council's budget as a line across). No DOM, no fetch.
 *
 *   financeOverviewPaths.page(2026)          // '/finance/overview?year=2026'
 *   yearFromQuery('?year=2026')              // 2026 (null when absent or not a year)
 *   yearChoices(2026, 2026)                  // 2027-28 … 2022-23, newest first
 *   mechanismRows(o)                         // [['Direct payments', '£3,704.11', '£800', …], …, ['Total', …]]
 *   overviewChart(o)                         // { bars: [...], budgetLine: {...} | null, yTicks: [...] }
 *
 * Amounts stay integer pence until they are formatted; only the chart's coordinates (where a
 * bar is drawn, never an amount shown) are worked out in floating point.
 */
import { formatPence } from './money';
import { niceMax } from './money-view';

export type Mechanism = 'direct_payment' | 'managed_budget' | 'council_arranged' | 'one_off';

export interface MechanismFigures {
  mechanism: Mechanism;
  label: string;
  committed_pence: number;
  paid_pence: number;
  still_to_pay_pence: number;
  forecast_pence: number;
}

export interface CouncilBudget {
  year: number;
  amount_pence: number;
  updated_at: string;
  updated_by: string;
}

/** GET /api/finance/overview. */
export interface FinanceOverview {
  year: number;
  label: string;
  starts_on: string;
  ends_on: string;
  today: string;
  tense: 'past' | 'current' | 'future';
  paid_to: string;
  budgets: number;
  by_mechanism: MechanismFigures[];
  totals: { committed_pence: number; paid_pence: number; still_to_pay_pence: number; forecast_pence: number };
  council_budget_pence: number | null;
  council_budget: CouncilBudget | null;
  forecast_over_budget_pence: number | null;
  forecast_bps: number | null;
  committed_bps: number | null;
  sentences: string[];
  spend_by_category: { category: string; label: string; lines: number; amount_pence: number; share_bps: number }[];
  statement_spend_pence: number;
  top_payees: { payee: string; lines: number; amount_pence: number }[];
  /** False for readers who may not see who was paid (a payee may be a private person). */
  top_payees_named: boolean;
  contributions: {
    people: number;
    total_pence: number;
    named: boolean;
    /** `reference`: what the person quotes when paying; it tells apart two people of one name. */
    owed: { person_id: string; name: string; reference: string; owed_pence: number }[];
  };
  may_set_budget: boolean;
}

/** Where the overview lives, on the site and in the API. */
export const financeOverviewPaths = {
  page: (year?: number) => (year === undefined ? '/finance/overview' : `/finance/overview?year=${year}`),
  api: (year?: number) => (year === undefined ? '/api/finance/overview' : `/api/finance/overview?year=${year}`),
  csv: (year: number) => `/api/finance/overview.csv?year=${year}`,
  budget: (year: number) => `/api/finance/council-budgets/${year}`,
};

/** The form's fields by the names the server's problems use. */
export const BUDGET_FIELDS: Readonly<Record<string, string>> = { amount: 'amount', year: 'year' };

/** The year in an address's query (?year=2026), or null when absent or not a year from 2000 to 2100. */
export function yearFromQuery(search: string): number | null {
  const text = new URLSearchParams(search).get('year') ?? '';
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** "2026-27": a financial year's label from the year it starts in. */
export function yearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The financial year (its starting year) a date falls in: April to March. */
export function financialYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number);
  return (month ?? 1) >= 4 ? (year ?? 2000) : (year ?? 2000) - 1;
}

/**
 * The years the picker offers, newest first: next year, this one and the four before it, and the
 * year shown if it is none of those.
 */
export function yearChoices(current: number, shown: number): { value: string; text: string; selected: boolean }[] {
  const years = new Set<number>();
  for (let y = current + 1; y >= current - 4; y -= 1) years.add(y);
  years.add(shown);
  return [...years]
    .sort((a, b) => b - a)
    .map((y) => ({ value: String(y), text: `April ${y} to March ${y + 1} (${yearLabel(y)})`, selected: y === shown }));
}

/** £1,300,000 rather than £1,300,000.00; pence kept when there are any. */
export function poundsShort(pence: number): string {
  const text = formatPence(pence);
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

/** "95.2%" from basis points (rounded down to a tenth of a percent, as the server rounds). */
export function percentFromBps(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const tenth = Math.trunc(Math.abs(bps % 100) / 10);
  return `${whole}.${tenth}%`;
}

/** Each mechanism and the total: what it is, committed, paid so far, still to pay, forecast. */
export function mechanismRows(o: FinanceOverview): [string, string, string, string, string][] {
  const row = (label: string, f: { committed_pence: number; paid_pence: number; still_to_pay_pence: number; forecast_pence: number }): [string, string, string, string, string] => [
    label,
    formatPence(f.committed_pence),
    formatPence(f.paid_pence),
    formatPence(f.still_to_pay_pence),
    formatPence(f.forecast_pence),
  ];
  return [...o.by_mechanism.map((m) => row(m.label, m)), row('Total', o.totals)];
}

/** The council's budget compared with the forecast, in words, or null when none is set. */
export function budgetComparison(o: FinanceOverview): string | null {
  if (o.council_budget_pence === null || o.forecast_over_budget_pence === null) return null;
  const budget = poundsShort(o.council_budget_pence);
  const over = o.forecast_over_budget_pence;
  const share = o.forecast_bps === null ? '' : ` (${percentFromBps(o.forecast_bps)} of it)`;
  if (over === 0) return `The forecast is exactly the ${budget} set aside.`;
  return over > 0
    ? `The forecast is ${poundsShort(over)} over the ${budget} set aside${share}.`
    : `The forecast is ${poundsShort(-over)} under the ${budget} set aside${share}.`;
}

/** Statement spend by category: what it was, lines, amount, share of all spend. */
export function categoryRows(o: FinanceOverview): [string, string, string, string][] {
  return o.spend_by_category.map((c) => [c.label, c.lines.toLocaleString('en-GB'), formatPence(c.amount_pence), percentFromBps(c.share_bps)]);
}

/** The payees taking the most: who, lines, amount. */
export function payeeRows(o: FinanceOverview): [string, string, string][] {
  return o.top_payees.map((p) => [p.payee, p.lines.toLocaleString('en-GB'), formatPence(p.amount_pence)]);
}

/** Contributions owed: who, their reference, how much, and their id (to record a payment). */
export function contributionRows(o: FinanceOverview): { name: string; reference: string; owed: string; personId: string }[] {
  return o.contributions.owed.map((c) => ({ name: c.name, reference: c.reference, owed: formatPence(c.owed_pence), personId: c.person_id }));
}

/** What the contributions owed come to, in a sentence. */
export function contributionsSummary(o: FinanceOverview): string {
  const { people, total_pence: total, named } = o.contributions;
  if (people === 0) return 'Nobody owes a contribution.';
  const who = people === 1 ? '1 person owes' : `${people} people owe`;
  return `${who} ${formatPence(total)} in contributions${named ? '.' : '. Their names are shown to finance officers only.'}`;
}

/** The colours of the mechanisms in the chart (GOV.UK palette) and the legend. */
export const MECHANISM_COLOURS: Readonly<Record<Mechanism, string>> = {
  direct_payment: '#1d70b8',
  managed_budget: '#00703c',
  council_arranged: '#4c2c92',
  one_off: '#f47738',
};

export interface ChartSegment {
  mechanism: Mechanism;
  label: string;
  y: number;
  height: number;
  colour: string;
}

export interface ChartBar {
  label: string;
  x: number;
  width: number;
  segments: ChartSegment[];
  /** The bar's total, shown above it. */
  total: string;
  totalY: number;
}

export interface OverviewChartGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  bars: ChartBar[];
  yTicks: { y: number; label: string }[];
  budgetLine: { y: number; label: string; labelY: number } | null;
}

/**
 * Where to draw the chart: three bars (committed, paid so far, forecast), each stacked by
 * mechanism from the bottom, on a money axis from £0 to a round top above the highest bar and
 * the council's budget; the budget, when set, as a line across.
 */
export function overviewChart(o: FinanceOverview, width = 640, height = 360): OverviewChartGeometry {
  const left = 100;
  const right = width - 20;
  const top = 30;
  const bottom = height - 40;
  const figures: { label: string; value: (m: MechanismFigures) => number; total: number }[] = [
    { label: 'Committed', value: (m) => m.committed_pence, total: o.totals.committed_pence },
    { label: 'Paid so far', value: (m) => m.paid_pence, total: o.totals.paid_pence },
    { label: 'Forecast', value: (m) => m.forecast_pence, total: o.totals.forecast_pence },
  ];
  const highest = Math.max(o.council_budget_pence ?? 0, ...figures.map((f) => f.total));
  const max = niceMax(highest);
  const round = (n: number) => Math.round(n * 10) / 10;
  const y = (pence: number) => bottom - (pence / max) * (bottom - top);
  const slot = (right - left) / figures.length;
  const barWidth = Math.min(120, slot * 0.6);
  const bars = figures.map((f, i) => {
    const x = round(left + slot * i + (slot - barWidth) / 2);
    let base = 0;
    const segments: ChartSegment[] = [];
    for (const m of o.by_mechanism) {
      const value = Math.max(0, f.value(m));
      if (value === 0) continue;
      const from = y(base);
      const to = y(base + value);
      segments.push({ mechanism: m.mechanism, label: m.label, y: round(to), height: round(from - to), colour: MECHANISM_COLOURS[m.mechanism] });
      base += value;
    }
    return { label: f.label, x, width: round(barWidth), segments, total: poundsShort(f.total), totalY: round(y(base) - 8) };
  });
  const yTicks = [0, 1, 2, 3, 4].map((i) => ({ y: round(y((max * i) / 4)), label: poundsShort(Math.round((max * i) / 4)) }));
  let budgetLine: OverviewChartGeometry['budgetLine'] = null;
  if (o.council_budget_pence !== null) {
    const lineY = round(y(o.council_budget_pence));
    budgetLine = { y: lineY, label: `Council’s budget ${poundsShort(o.council_budget_pence)}`, labelY: round(Math.max(top - 8, lineY - 6)) };
  }
  return { width, height, left, right, top, bottom, bars, yTicks, budgetLine };
}

/** One sentence about the chart, for its description. */
export function chartDescription(o: FinanceOverview): string {
  const parts = [
    `Committed ${poundsShort(o.totals.committed_pence)}, paid so far ${poundsShort(o.totals.paid_pence)} and forecast ${poundsShort(o.totals.forecast_pence)}, each split by the way the money is paid.`,
  ];
  const comparison = budgetComparison(o);
  parts.push(comparison ?? 'No council budget is set for the year, so there is no line for it.');
  return parts.join(' ');
}

/** GET /api/ledger/check: the council's balances recomputed from its transfers. */
export interface BooksBalances {
  debits_posted_pence: number;
  credits_posted_pence: number;
  debits_pending_pence: number;
  credits_pending_pence: number;
}

export interface BooksCheck {
  checked_at: string;
  accounts: number;
  transfers: number;
  balanced: boolean;
  clean: boolean;
  mismatches: { account_id: string; name: string; stored: BooksBalances; from_transfers: BooksBalances }[];
  problems: string[];
}

export const BOOKS_CHECK_PATH = '/api/ledger/check';

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * The books check in words: a headline and what is wrong, account by account, in the order the
 * server found it. `time` is when it was checked, as the page shows it ("14:05").
 */
export function booksCheckWords(c: BooksCheck, time: string): { clean: boolean; headline: string; details: string[] } {
  if (c.clean) {
    return {
      clean: true,
      headline: `The books balance (checked at ${time}).`,
      details: [
        `The balances of all ${count(c.accounts, 'account', 'accounts')} equal what their ${count(c.transfers, 'transfer', 'transfers')} add up to, and the money out of accounts equals the money into them.`,
      ],
    };
  }
  const figures: [keyof BooksBalances, string][] = [
    ['debits_posted_pence', 'money out'],
    ['credits_posted_pence', 'money in'],
    ['debits_pending_pence', 'money on its way out'],
    ['credits_pending_pence', 'money on its way in'],
  ];
  const details: string[] = [];
  for (const m of c.mismatches) {
    for (const [key, words] of figures) {
      if (m.stored[key] !== m.from_transfers[key]) {
        details.push(`${m.name}: its ${words} is recorded as ${formatPence(m.stored[key])} but its transfers add up to ${formatPence(m.from_transfers[key])}.`);
      }
    }
  }
  details.push(...c.problems);
  if (!c.balanced) details.push('The money out of accounts does not equal the money into them.');
  return {
    clean: false,
    headline: `The books do not balance (checked at ${time}). Pay nothing more until this is put right: tell whoever runs selfdirect for the council.`,
    details,
  };
}
