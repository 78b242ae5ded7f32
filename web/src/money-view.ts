/**
 * "My money": the pure parts of the page. What GET /api/people/{id}/money sends, its rows in
 * plain English, and the burn-down chart's geometry. No DOM, no fetch.
 *
 *   moneyPaths.page('01J…')                 // '/my-money?person=01J…'
 *   lineRows(money.lines)                   // [['22 November 2026', 'Payment from the council…', '£800.00', '', '£800.00']]
 *   burnDownChart(money.burn_down)          // { plan: '40,260 …', spent: '40,260 …', yTicks: […], … }
 *
 * Amounts stay integer pence until they are formatted; only the chart's coordinates (where a
 * line is drawn, never an amount shown) are worked out in floating point.
 */
import { dateInWords } from './casework-view';
import { formatPence } from './money';

export interface MoneyLine {
  id: string;
  on: string;
  description: string;
  money_in_pence: number;
  money_out_pence: number;
  balance_pence: number;
}

export interface BurnDownPoint {
  on: string;
  planned_spend_pence: number;
  spent_pence: number;
  paid_in_pence: number;
  balance_pence: number;
}

export interface UpcomingPayment {
  on: string;
  covers_from: string;
  covers_to: string;
  amount_pence: number;
  description: string;
}

/** GET /api/people/{id}/money. */
export interface Money {
  person_id: string;
  person_name: string;
  today: string;
  budget_start: string;
  managed: boolean;
  balance_pence: number;
  available_pence: number;
  managed_balance_pence: number | null;
  /** What they owe the council towards their contribution, when it is collected separately. */
  contribution_owed_pence: number | null;
  /** The reference to quote when paying it ("SD" and 8 letters and numbers); null when not collected separately. */
  contribution_reference?: string | null;
  money_in_this_year_pence: number;
  money_out_this_year_pence: number;
  lines: MoneyLine[];
  page: number;
  pages: number;
  line_count: number;
  chart_from: string;
  burn_down: BurnDownPoint[];
  forecast: string | null;
  runs_out_on: string | null;
  runs_out_before_next_payment: boolean;
  upcoming: UpcomingPayment[];
}

/** Where My money lives, on the site and in the API. */
export const moneyPaths = {
  page: (personId: string, page = 1) => `/my-money?person=${encodeURIComponent(personId)}${page > 1 ? `&page=${page}` : ''}`,
  api: (personId: string, page = 1) => `/api/people/${encodeURIComponent(personId)}/money${page > 1 ? `?page=${page}` : ''}`,
  csv: (personId: string) => `/api/people/${encodeURIComponent(personId)}/money.csv`,
};

/** The page number in an address's query (?page=2): 1 when absent or not a whole number from 1. */
export function pageFromQuery(search: string): number {
  const text = new URLSearchParams(search).get('page') ?? '';
  if (!/^[1-9]\d{0,5}$/.test(text)) return 1;
  return Number(text);
}

/** An amount, or nothing for £0.00 (a line of money in has nothing out). */
function amountOrBlank(pence: number): string {
  return pence === 0 ? '' : formatPence(pence);
}

/** Money in and out, one row each: date, what it was, in, out, balance after. */
export function lineRows(lines: readonly MoneyLine[]): [string, string, string, string, string][] {
  return lines.map((l) => [dateInWords(l.on), l.description, amountOrBlank(l.money_in_pence), amountOrBlank(l.money_out_pence), formatPence(l.balance_pence)]);
}

/** The payments coming: the date, the amount and what they are for. */
export function upcomingRows(upcoming: readonly UpcomingPayment[]): [string, string, string][] {
  return upcoming.map((u) => [dateInWords(u.on), formatPence(u.amount_pence), u.description]);
}

/** The chart's figures as a table: the week, planned, spent, balance. */
export function chartRows(points: readonly BurnDownPoint[]): [string, string, string, string][] {
  return points.map((p) => [dateInWords(p.on), formatPence(p.planned_spend_pence), formatPence(p.spent_pence), formatPence(p.balance_pence)]);
}

/**
 * Their contribution in a sentence, when it is collected separately (null otherwise): what they
 * owe the council now, or that they are up to date.
 */
export function contributionSentence(money: Pick<Money, 'contribution_owed_pence' | 'contribution_reference'>, self = true): string | null {
  const owed = money.contribution_owed_pence;
  if (owed === null) return null;
  if (owed <= 0) return self ? 'You have paid your contribution so far: you owe the council nothing.' : 'They have paid their contribution so far: they owe the council nothing.';
  const quoting = money.contribution_reference ? `, quoting the reference ${money.contribution_reference}` : '';
  return self
    ? `You owe the council ${formatPence(owed)} towards your contribution. It is not taken from this account: you pay it to the council${quoting}.`
    : `They owe the council ${formatPence(owed)} towards their contribution. It is not taken from this account: they pay it to the council${quoting}.`;
}

/** One sentence about the chart, for its description and for anyone who cannot see it. */
export function chartSummary(points: readonly BurnDownPoint[], self = true): string {
  const last = points[points.length - 1];
  if (!last) return 'Nothing has been paid in or spent yet.';
  const planned = last.planned_spend_pence;
  const spent = last.spent_pence;
  const since = dateInWords(points[0]?.on ?? last.on);
  const plan = self ? 'your plan' : 'the plan';
  const compared =
    spent === planned
      ? `exactly what ${plan} expected`
      : spent < planned
        ? `${formatPence(planned - spent)} less than ${plan} expected (${formatPence(planned)})`
        : `${formatPence(spent - planned)} more than ${plan} expected (${formatPence(planned)})`;
  const when = points.length === 1 ? `On ${since}` : `From ${since} to ${dateInWords(last.on)}`;
  return `${when} ${self ? 'you' : 'they'} spent ${formatPence(spent)}: ${compared}.`;
}

export interface ChartTick {
  y: number;
  label: string;
}

export interface ChartGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** SVG polyline points for the plan (dashed) and what was spent (solid). */
  plan: string;
  spent: string;
  /** Where each line ends, for its label. */
  planEnd: { x: number; y: number };
  spentEnd: { x: number; y: number };
  /** Where each line's label goes: beside its end, kept apart when the ends are close. */
  planLabelY: number;
  spentLabelY: number;
  yTicks: ChartTick[];
  firstDate: string;
  lastDate: string;
}

/** A round top for the money axis: 1, 2 or 5 × a power of ten pounds, at least £10.00, in pence. */
export function niceMax(pence: number): number {
  const floor = 1000;
  if (pence <= floor) return floor;
  let step = 100;
  for (;;) {
    for (const m of [1, 2, 5]) {
      if (m * step * 10 >= pence) return m * step * 10;
    }
    step *= 10;
  }
}

/**
 * Where to draw the burn-down: x by day from the first point to the last, y by pence from 0
 * to a round top. Labels on the money axis are whole amounts at quarters of the top.
 */
export function burnDownChart(points: readonly BurnDownPoint[], width = 640, height = 320): ChartGeometry {
  const left = 80;
  const right = width - 70;
  const top = 20;
  const bottom = height - 40;
  const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const first = points[0] ? dayOf(points[0].on) : 0;
  const last = points.length > 0 ? dayOf(points[points.length - 1]!.on) : 0;
  const span = Math.max(1, last - first);
  const highest = points.reduce((m, p) => Math.max(m, p.planned_spend_pence, p.spent_pence), 0);
  const max = niceMax(highest);
  const x = (iso: string) => (points.length < 2 ? left : left + ((dayOf(iso) - first) / span) * (right - left));
  const y = (pence: number) => bottom - (pence / max) * (bottom - top);
  const round = (n: number) => Math.round(n * 10) / 10;
  const line = (value: (p: BurnDownPoint) => number) => points.map((p) => `${round(x(p.on))},${round(y(value(p)))}`).join(' ');
  const end = (value: (p: BurnDownPoint) => number) => {
    const p = points[points.length - 1];
    return p ? { x: round(x(p.on)), y: round(y(value(p))) } : { x: left, y: bottom };
  };
  const planEnd = end((p) => p.planned_spend_pence);
  const spentEnd = end((p) => p.spent_pence);
  let planLabelY = planEnd.y + 4;
  let spentLabelY = spentEnd.y + 4;
  if (Math.abs(planLabelY - spentLabelY) < 16) {
    // The plan's label goes above, the spent label below, whichever line is higher.
    const middle = (planLabelY + spentLabelY) / 2;
    const planAbove = planEnd.y <= spentEnd.y;
    planLabelY = round(middle + (planAbove ? -8 : 8));
    spentLabelY = round(middle + (planAbove ? 8 : -8));
  }
  const yTicks: ChartTick[] = [0, 1, 2, 3, 4].map((i) => ({ y: round(y((max * i) / 4)), label: formatPence(Math.round((max * i) / 4)) }));
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    plan: line((p) => p.planned_spend_pence),
    spent: line((p) => p.spent_pence),
    planEnd,
    spentEnd,
    planLabelY,
    spentLabelY,
    yTicks,
    firstDate: points[0] ? dateInWords(points[0].on) : '',
    lastDate: points.length > 0 ? dateInWords(points[points.length - 1]!.on) : '',
  };
}
