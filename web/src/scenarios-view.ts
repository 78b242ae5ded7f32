/**
 * Policy scenarios: the pure parts of /scenarios (analysts and commissioners). What
 * GET /api/scenarios/examples and POST /api/scenarios/runs send, the sentences, the rows of the
 * tables, the geometry of the cost chart and the error summary. No DOM, no fetch. Money stays
 * integer pence and is formatted with bigint arithmetic; only the chart's pixels are fractions.
 *
 *   shortPounds(2_956_000_00)           // '£2.96m'
 *   headline(run)                       // 'Over 10 years the cost to the council falls from …'
 *   sufficiencySentence(run)            // '3,354 people (100.0%) with a plan would have …'
 *   groupRows(run)                      // winners and losers by age band, support reason, all
 *   costChart(run)                      // the band and the median line, year 0 to the horizon
 *   scenarioErrors(problem)             // every problem, each linking to its field
 *   parsePeople('5,000')                // 5000 (null when not a whole number)
 */

import { formatPence } from './money';
import { niceMax } from './money-view';
import type { ErrorSummaryModel, Problem } from './problem';

export const EXAMPLES_API = '/api/scenarios/examples';
export const RUNS_API = '/api/scenarios/runs';
/** The same run as a workbook: About, Years, Groups and Sufficiency sheets. */
export const RUNS_XLSX_API = '/api/scenarios/runs.xlsx';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MIN_PEOPLE = 100;
export const MAX_PEOPLE = 20_000;
export const DEFAULT_PEOPLE = 5_000;
export const PEOPLE_MESSAGE = 'Enter a number of people from 100 to 20,000';

export interface ScenarioExample {
  id: string;
  name: string;
  description: string;
  yaml: string;
}

/** A value over the Monte Carlo runs: the median run's and the 5th and 95th percentiles. */
export interface Band {
  central: number;
  low: number;
  high: number;
}

export interface ScenarioYear {
  year: number;
  people_eligible: Band;
  budgets_pence: Band;
  council_cost_pence: Band;
  direct_payments: Band;
}

export interface ScenarioGroup {
  dimension: 'age band' | 'support reason' | 'everyone';
  group: string;
  people: number;
  winners: number;
  losers: number;
  unchanged: number;
  gained_pence: number;
  lost_pence: number;
  no_longer_eligible: number;
  newly_eligible: number;
  below_plan_cost: number;
  shortfall_pence: number;
}

export interface ScenarioRun {
  scenario: { name: string; description: string; horizon_years: number; runs: number; seed: string; top_up_basis_points: number };
  people: number;
  council_seed: string;
  changes: string[];
  today: { people_eligible: number; people_with_budget: number; budgets_pence: number; direct_payments: number };
  years: ScenarioYear[];
  groups: ScenarioGroup[];
  sufficiency: {
    people_with_plan: number;
    below_plan_cost: number;
    per_mille: number;
    shortfall_pence: number;
    people_topping_up: Band;
    topped_up_pence: Band;
  };
  years_csv: string;
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/** Divides, rounding half up (for non-negative numerator, positive divisor). */
function divideHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

/**
 * Money for a sentence or an axis, from whole pence, without floating point: "£29.56m" from a
 * million pounds, "£12.3k" from a thousand, else whole pounds ("£950").
 */
export function shortPounds(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`shortPounds needs whole pence, got ${String(pence)}`);
  const negative = pence < 0;
  const p = BigInt(Math.abs(pence));
  const sign = negative ? '-' : '';
  if (p >= 100_000_000n) {
    const hundredths = divideHalfUp(p, 1_000_000n); // hundredths of a million pounds
    return `${sign}£${(hundredths / 100n).toLocaleString('en-GB')}.${(hundredths % 100n).toString().padStart(2, '0')}m`;
  }
  if (p >= 100_000n) {
    const tenths = divideHalfUp(p, 10_000n); // tenths of a thousand pounds
    return `${sign}£${(tenths / 10n).toString()}.${(tenths % 10n).toString()}k`;
  }
  return `${sign}${formatPence(divideHalfUp(p, 100n) * 100n).replace(/\.00$/, '')}`;
}

/** A count per thousand as a percentage with one decimal place: 899 → "89.9%". */
export function perMilleWords(perMille: number): string {
  return `${Math.trunc(perMille / 10)}.${perMille % 10}%`;
}

/** "£X (£A to £B)", or "£X" when every run gave the same. */
export function bandedPounds(b: Band): string {
  return b.low === b.high ? shortPounds(b.central) : `${shortPounds(b.central)} (${shortPounds(b.low)} to ${shortPounds(b.high)})`;
}

/** "1,234 (1,200 to 1,260)", or "1,234" when every run gave the same. */
export function bandedCount(b: Band): string {
  return b.low === b.high ? count(b.central) : `${count(b.central)} (${count(b.low)} to ${count(b.high)})`;
}

/** Today's year and the last: the API always sends year 0 and at least one year after it. */
function ends(run: ScenarioRun): { first: ScenarioYear; last: ScenarioYear } {
  const first = run.years[0];
  const last = run.years[run.years.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('a scenario run has at least year 0');
  return { first, last };
}

/** The run in one plain-English sentence: the cost to the council from today to the last year. */
export function headline(run: ScenarioRun): string {
  const { first, last } = ends(run);
  const from = first.council_cost_pence.central;
  const to = last.council_cost_pence;
  const years = last.year === 1 ? '1 year' : `${last.year} years`;
  const movement = to.central > from ? 'rises' : to.central < from ? 'falls' : 'stays';
  const change =
    movement === 'stays'
      ? `stays at ${shortPounds(from)} a year`
      : `${movement} from ${shortPounds(from)} a year today to ${shortPounds(to.central)} in year ${last.year}`;
  const band =
    to.low === to.high
      ? ' (every run gives the same: nothing in this scenario is left to chance)'
      : ` (90% of runs between ${shortPounds(to.low)} and ${shortPounds(to.high)})`;
  return `Over ${years} the cost to the council ${change}${band}.`;
}

/** People eligible and with a direct payment, today and in the last year. */
export function peopleSentence(run: ScenarioRun): string {
  const { last } = ends(run);
  return `People eligible: ${count(run.today.people_eligible)} today, ${bandedCount(last.people_eligible)} in year ${last.year}. People with a direct payment: ${count(run.today.direct_payments)} today, ${bandedCount(last.direct_payments)} in year ${last.year}.`;
}

/** The sufficiency test in plain words. */
export function sufficiencySentence(run: ScenarioRun): string {
  const s = run.sufficiency;
  if (s.below_plan_cost === 0) {
    return `Nobody’s new budget would fall below what their current plan costs (${count(s.people_with_plan)} people with a plan).`;
  }
  const people = s.below_plan_cost === 1 ? '1 person' : `${count(s.below_plan_cost)} people`;
  return `${people} (${perMilleWords(s.per_mille)} of the ${count(s.people_with_plan)} with a plan) would have a budget below what their current plan costs; together ${shortPounds(s.shortfall_pence)} a year short.`;
}

/** Who would top up, when the scenario says some do; '' otherwise. */
export function topUpSentence(run: ScenarioRun): string {
  if (run.scenario.top_up_basis_points === 0 || run.sufficiency.below_plan_cost === 0) return '';
  const s = run.sufficiency;
  return `Of them, ${bandedCount(s.people_topping_up)} would pay the difference themselves: ${bandedPounds(s.topped_up_pence)} a year.`;
}

/** A group's name for a table: "memory and cognition", "learning disability", "Everyone". */
export function groupLabel(g: ScenarioGroup): string {
  if (g.dimension === 'everyone') return 'Everyone';
  if (g.group === 'memory_cognition') return 'Memory and cognition';
  const words = g.group.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface GroupRow {
  dimension: string;
  label: string;
  people: string;
  better: string;
  worse: string;
  unchanged: string;
  gained: string;
  lost: string;
  belowPlan: string;
  shortfall: string;
}

function groupRow(g: ScenarioGroup): GroupRow {
  return {
    dimension: g.dimension,
    label: groupLabel(g),
    people: count(g.people),
    better: count(g.winners),
    worse: count(g.losers),
    unchanged: count(g.unchanged),
    gained: shortPounds(g.gained_pence),
    lost: shortPounds(g.lost_pence),
    belowPlan: count(g.below_plan_cost),
    shortfall: shortPounds(g.shortfall_pence),
  };
}

/** The groups of one dimension ("age band", "support reason", "everyone"), as table rows. */
export function groupRows(run: ScenarioRun, dimension: ScenarioGroup['dimension']): GroupRow[] {
  return run.groups.filter((g) => g.dimension === dimension).map(groupRow);
}

/** The years as table rows: year, cost to the council, budgets, people eligible, direct payments. */
export function yearRows(run: ScenarioRun): string[][] {
  return run.years.map((y) => [
    y.year === 0 ? 'Today' : String(y.year),
    bandedPounds(y.council_cost_pence),
    bandedPounds(y.budgets_pence),
    bandedCount(y.people_eligible),
    bandedCount(y.direct_payments),
  ]);
}

export interface CostChart {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The 90% band as an SVG polygon's points (low edge left to right, high edge back). */
  band: string;
  /** The median run's cost as an SVG polyline's points. */
  line: string;
  points: { x: number; y: number; year: number }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
}

/** The cost chart's geometry: year 0 (today) to the horizon, £0 to a round amount above the band. */
export function costChart(run: ScenarioRun): CostChart {
  const width = 900;
  const height = 340;
  const left = 90;
  const right = width - 20;
  const top = 20;
  const bottom = height - 40;
  const years = run.years;
  const lastYear = ends(run).last.year;
  const ceiling = niceMax(Math.max(0, ...years.map((y) => y.council_cost_pence.high)));
  const x = (year: number): number => left + ((right - left) * year) / Math.max(lastYear, 1);
  const y = (pence: number): number => bottom - ((bottom - top) * pence) / ceiling;
  const at = (year: number, pence: number): string => `${x(year).toFixed(1)},${y(pence).toFixed(1)}`;
  const low = years.map((v) => at(v.year, v.council_cost_pence.low));
  const high = [...years].reverse().map((v) => at(v.year, v.council_cost_pence.high));
  // Quarters of a round top, as the other money charts.
  const yTicks = [0, 1, 2, 3, 4].map((i) => ({ y: y((ceiling * i) / 4), label: shortPounds(Math.round((ceiling * i) / 4)) }));
  const every = lastYear <= 10 ? 1 : lastYear <= 25 ? 5 : 10;
  const xTicks = years.filter((v) => v.year % every === 0 || v.year === lastYear).map((v) => ({ x: x(v.year), label: v.year === 0 ? 'Today' : String(v.year) }));
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    band: [...low, ...high].join(' '),
    line: years.map((v) => at(v.year, v.council_cost_pence.central)).join(' '),
    points: years.map((v) => ({ x: x(v.year), y: y(v.council_cost_pence.central), year: v.year })),
    yTicks,
    xTicks,
  };
}

/** The cost chart's text alternative: what it shows, then the first, middle and last years. */
export function costDescription(run: ScenarioRun): string {
  const years = run.years;
  const picks = [...new Set([0, Math.floor((years.length - 1) / 2), years.length - 1])].flatMap((i) => years[i] ?? []);
  const words = picks.map((y) => `${y.year === 0 ? 'today' : `year ${y.year}`}: ${bandedPounds(y.council_cost_pence)}`);
  return `The cost to the council each year, the median of ${count(run.scenario.runs)} runs with the band that 90% of runs fall within. ${words.join('; ')}. The table below the chart has every year.`;
}

export interface WinnersLosersBar {
  label: string;
  better: number;
  worse: number;
  unchanged: number;
  people: number;
}

/** The bars of the winners-and-losers chart: each group's people split three ways. */
export function winnersLosersBars(run: ScenarioRun): WinnersLosersBar[] {
  return run.groups
    .filter((g) => g.dimension !== 'everyone' && g.people > 0)
    .map((g) => ({ label: groupLabel(g), better: g.winners, worse: g.losers, unchanged: g.unchanged, people: g.people }));
}

/** Reads the number of people as typed ("5000", "5,000", " 300 "); null unless a whole number. */
export function parsePeople(text: string): number | null {
  const digits = text.trim().replaceAll(',', '');
  if (!/^[0-9]{1,9}$/.test(digits)) return null;
  return Number(digits);
}

/** The ids of the form's fields: the people box, and the scenario's text for every key in it. */
export const FIELD_IDS = { people: 'people', scenario: 'scenario-yaml' } as const;

function fieldId(field: string): string | undefined {
  if (field === 'people') return FIELD_IDS.people;
  if (field === 'scenario' || field.startsWith('scenario.')) return FIELD_IDS.scenario;
  return undefined;
}

/**
 * The error summary for a refused run: every problem listed (a scenario may have several bad
 * keys, each its own line, each linking to the scenario's text), and the first message for
 * each field shown beside it.
 */
export function scenarioErrors(problem: Problem): ErrorSummaryModel {
  const items: ErrorSummaryModel['items'] = [];
  const fields = new Map<string, string>();
  for (const e of problem.errors) {
    const id = fieldId(e.field);
    if (id !== undefined && !fields.has(id)) fields.set(id, e.message);
    items.push(id !== undefined ? { text: e.message, href: `#${id}` } : { text: e.message });
  }
  if (items.length === 0) items.push({ text: problem.detail || problem.title });
  return { items, fields };
}

/** The status line while a run is under way. */
export function runningMessage(people: number): string {
  return `Running the scenario over ${count(people)} people. This takes a few seconds.`;
}

/** The status line when a run is done. */
export function doneMessage(run: ScenarioRun): string {
  return `Done: the results of “${run.scenario.name}” are below.`;
}
