import { describe, expect, it } from 'vitest';
import {
  bandedPounds,
  costChart,
  costDescription,
  groupLabel,
  groupRows,
  headline,
  parsePeople,
  perMilleWords,
  scenarioErrors,
  shortPounds,
  sufficiencySentence,
  topUpSentence,
  winnersLosersBars,
  yearRows,
  type ScenarioGroup,
  type ScenarioRun,
} from './scenarios-view';

const point = (v: number) => ({ central: v, low: v, high: v });

function group(dimension: ScenarioGroup['dimension'], name: string, people: number, winners: number, losers: number): ScenarioGroup {
  return {
    dimension,
    group: name,
    people,
    winners,
    losers,
    unchanged: people - winners - losers,
    gained_pence: winners * 10_000,
    lost_pence: losers * 250_000,
    no_longer_eligible: 0,
    newly_eligible: 0,
    below_plan_cost: losers,
    shortfall_pence: losers * 100_000,
  };
}

const today = { year: 0, people_eligible: point(4300), budgets_pence: point(2_956_000_000), council_cost_pence: point(2_956_000_000), direct_payments: point(870) };
const memory = group('support reason', 'memory_cognition', 70, 5, 20);
const everyone = group('everyone', 'all', 150, 10, 80);

const run: ScenarioRun = {
  scenario: { name: 'Demand doubles', description: '', horizon_years: 2, runs: 500, seed: '1', top_up_basis_points: 0 },
  people: 5000,
  council_seed: '1',
  changes: ['demand grows 3.53% a year'],
  today: { people_eligible: 4300, people_with_budget: 3354, budgets_pence: 2_956_000_000, direct_payments: 870 },
  years: [
    today,
    { year: 1, people_eligible: { central: 4452, low: 4410, high: 4495 }, budgets_pence: { central: 3_060_000_000, low: 3_031_000_000, high: 3_090_000_000 }, council_cost_pence: { central: 3_060_000_000, low: 3_031_000_000, high: 3_090_000_000 }, direct_payments: point(900) },
    { year: 2, people_eligible: { central: 4609, low: 4520, high: 4700 }, budgets_pence: { central: 3_168_000_000, low: 3_110_000_000, high: 3_230_000_000 }, council_cost_pence: { central: 3_168_000_000, low: 3_110_000_000, high: 3_230_000_000 }, direct_payments: point(932) },
  ],
  groups: [group('age band', '18-24', 100, 0, 80), group('age band', '85+', 50, 10, 0), memory, everyone],
  sufficiency: { people_with_plan: 3354, below_plan_cost: 3016, per_mille: 899, shortfall_pence: 382_000_000, people_topping_up: { central: 1507, low: 1470, high: 1540 }, topped_up_pence: { central: 191_000_000, low: 185_000_000, high: 196_000_000 } },
  years_csv: 'year\n',
};

describe('money in words, from whole pence', () => {
  it('shows millions to the hundredth, thousands to the tenth, else whole pounds, rounding half up', () => {
    expect(shortPounds(2_956_000_000)).toBe('£29.56m');
    expect(shortPounds(2_955_500_000)).toBe('£29.56m');
    expect(shortPounds(2_955_499_999)).toBe('£29.55m');
    expect(shortPounds(123_456_789_000)).toBe('£1,234.57m');
    expect(shortPounds(1_234_500)).toBe('£12.3k');
    expect(shortPounds(95_049)).toBe('£950');
    expect(shortPounds(0)).toBe('£0');
    expect(shortPounds(-2_956_000_000)).toBe('-£29.56m');
    expect(() => shortPounds(1.5)).toThrow(RangeError);
  });

  it('shows a band only when the runs differ', () => {
    expect(bandedPounds(point(100_000_000))).toBe('£1.00m');
    expect(bandedPounds({ central: 100_000_000, low: 90_000_000, high: 110_000_000 })).toBe('£1.00m (£900.0k to £1.10m)');
    expect(perMilleWords(899)).toBe('89.9%');
    expect(perMilleWords(1000)).toBe('100.0%');
    expect(perMilleWords(5)).toBe('0.5%');
  });
});

describe('the sentences', () => {
  it('says how the cost moves and the band of the last year', () => {
    expect(headline(run)).toBe('Over 2 years the cost to the council rises from £29.56m a year today to £31.68m in year 2 (90% of runs between £31.10m and £32.30m).');
  });

  it('says when nothing is left to chance, and when the cost falls', () => {
    const cut = { ...run, years: [today, { ...today, year: 1, council_cost_pence: point(2_217_000_000) }] };
    expect(headline(cut)).toBe('Over 1 year the cost to the council falls from £29.56m a year today to £22.17m in year 1 (every run gives the same: nothing in this scenario is left to chance).');
  });

  it('puts the sufficiency test in plain words', () => {
    expect(sufficiencySentence(run)).toBe('3,016 people (89.9% of the 3,354 with a plan) would have a budget below what their current plan costs; together £3.82m a year short.');
    const none = { ...run, sufficiency: { ...run.sufficiency, below_plan_cost: 0, per_mille: 0, shortfall_pence: 0 } };
    expect(sufficiencySentence(none)).toBe('Nobody’s new budget would fall below what their current plan costs (3,354 people with a plan).');
  });

  it('mentions top-ups only when the scenario has them', () => {
    expect(topUpSentence(run)).toBe('');
    const withTopUps = { ...run, scenario: { ...run.scenario, top_up_basis_points: 5000 } };
    expect(topUpSentence(withTopUps)).toBe('Of them, 1,507 (1,470 to 1,540) would pay the difference themselves: £1.91m (£1.85m to £1.96m) a year.');
  });
});

describe('the tables', () => {
  it('names the groups in words', () => {
    expect(groupLabel(memory)).toBe('Memory and cognition');
    expect(groupLabel(group('support reason', 'learning_disability', 1, 0, 0))).toBe('Learning disability');
    expect(groupLabel(everyone)).toBe('Everyone');
  });

  it('gives one row per group of a dimension', () => {
    const rows = groupRows(run, 'age band');
    expect(rows.map((r) => r.label)).toEqual(['18-24', '85+']);
    expect(rows[0]).toMatchObject({ people: '100', better: '0', worse: '80', unchanged: '20', lost: '£200.0k', belowPlan: '80', shortfall: '£80.0k' });
  });

  it('gives every year, today first', () => {
    const rows = yearRows(run);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['Today', '£29.56m', '£29.56m', '4,300', '870']);
    expect(rows[1]?.[0]).toBe('1');
    expect(rows[1]?.[3]).toBe('4,452 (4,410 to 4,495)');
  });

  it('splits each group but everyone into better, unchanged and worse off', () => {
    expect(winnersLosersBars(run).map((b) => b.label)).toEqual(['18-24', '85+', 'Memory and cognition']);
  });
});

describe('the cost chart', () => {
  it('draws the band around the line, from today to the horizon, with round ticks from £0', () => {
    const g = costChart(run);
    expect(g.points.map((p) => p.year)).toEqual([0, 1, 2]);
    expect(g.points[0]?.x).toBe(g.left);
    expect(g.points[2]?.x).toBe(g.right);
    expect(g.band.split(' ')).toHaveLength(6);
    expect(g.yTicks[0]).toEqual({ y: g.bottom, label: '£0' });
    expect(g.yTicks[g.yTicks.length - 1]?.y).toBeLessThanOrEqual(g.points[2]?.y ?? 0);
    expect(g.xTicks.map((t) => t.label)).toEqual(['Today', '1', '2']);
  });

  it('describes itself in words', () => {
    expect(costDescription(run)).toContain('today: £29.56m; year 1: £30.60m (£30.31m to £30.90m); year 2: £31.68m (£31.10m to £32.30m)');
  });
});

describe('the form', () => {
  it('reads the number of people', () => {
    expect(parsePeople(' 5,000 ')).toBe(5000);
    expect(parsePeople('300')).toBe(300);
    expect(parsePeople('3.5')).toBeNull();
    expect(parsePeople('')).toBeNull();
    expect(parsePeople('-1')).toBeNull();
  });

  it('lists every problem and links each key of the scenario to its text', () => {
    const model = scenarioErrors({
      status: 422,
      type: '',
      title: 'Check',
      detail: '',
      errors: [
        { field: 'scenario.funding_cut', message: 'funding_cut is not a key' },
        { field: 'scenario.runs', message: 'runs must be a whole number' },
        { field: 'people', message: 'Enter a number of people from 100 to 20,000' },
      ],
    });
    expect(model.items).toEqual([
      { text: 'funding_cut is not a key', href: '#scenario-yaml' },
      { text: 'runs must be a whole number', href: '#scenario-yaml' },
      { text: 'Enter a number of people from 100 to 20,000', href: '#people' },
    ]);
    expect(model.fields.get('scenario-yaml')).toBe('funding_cut is not a key');
    expect(model.fields.get('people')).toBe('Enter a number of people from 100 to 20,000');
  });
});
