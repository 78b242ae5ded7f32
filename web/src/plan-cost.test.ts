import { describe, expect, it } from 'vitest';
import {
  annualToWeekly,
  lineCost,
  moneyLeft,
  parseWeeksPerYear,
  planCost,
  priceInPence,
  quantityInHundredths,
  roundDivide,
  weeklyToAnnual,
  type CostLine,
} from './plan-cost';

const wpy = (text: string) => {
  const parsed = parseWeeksPerYear(text);
  if (!parsed) throw new Error(`bad weeks per year ${text}`);
  return parsed;
};
const line = (unitPrice: string, quantity: string, frequency: string): CostLine => ({ unitPrice, quantity, frequency });

// Each figure below is what the server's CostOf (src/selfdirect/casework/plan.cc) gives for
// the same items and weeks per year: the first two are in plan_test.cc; the others were
// printed by a program calling ValidatePlan and CostOf from the built casework library.
describe('planCost matches the server', () => {
  const cases: [string, CostLine[], string, { weekly: bigint; annual: bigint; oneOff: bigint; firstYear: bigint }][] = [
    ['plan_test.cc with 52 weeks', [line('20.00', '10', 'per_week'), line('300', '1', 'per_year'), line('450', '1', 'one_off')], '52', { weekly: 20576n, annual: 1070000n, oneOff: 45000n, firstYear: 1115000n }],
    ['plan_test.cc with 365/7 weeks', [line('20.00', '10', 'per_week'), line('300', '1', 'per_year'), line('450', '1', 'one_off')], '365/7', { weekly: 20575n, annual: 1072857n, oneOff: 45000n, firstYear: 1117857n }],
    ['fractional hours, 52.14 weeks', [line('21.33', '2.5', 'per_week'), line('18.75', '7.25', 'per_week')], '52.14', { weekly: 18927n, annual: 986854n, oneOff: 0n, firstYear: 986854n }],
    ['half pennies round up on each line', [line('0.01', '0.5', 'per_week'), line('0.03', '0.5', 'per_week')], '52', { weekly: 3n, annual: 156n, oneOff: 0n, firstYear: 156n }],
    ['per-year items spread over 52.14 weeks, rounded down', [line('1000', '1', 'per_year'), line('12.34', '3', 'per_year')], '52.14', { weekly: 1988n, annual: 103702n, oneOff: 0n, firstYear: 103702n }],
    ['a tiny weekly line and a yearly one, 365/7 weeks', [line('1000', '1', 'per_year'), line('99.99', '0.01', 'per_week')], '365/7', { weekly: 2017n, annual: 105214n, oneOff: 0n, firstYear: 105214n }],
    ['a price with £ and commas, 52.1775 weeks', [line('£1,250.50', '3', 'per_week'), line('35', '40', 'per_week'), line('600', '1', 'one_off')], '52.1775', { weekly: 515150n, annual: 26879239n, oneOff: 60000n, firstYear: 26939239n }],
    ['the browser test’s two items', [line('23.50', '14', 'per_week'), line('45', '2', 'per_week')], '52', { weekly: 41900n, annual: 2178800n, oneOff: 0n, firstYear: 2178800n }],
  ];
  it.each(cases)('%s', (_name, lines, weeks, expected) => {
    const result = planCost(lines, wpy(weeks));
    expect(result).toEqual({ ok: true, cost: expected, incomplete: 0 });
  });

  it('converts periods as ConvertPeriod does: a week to a year half up, a year to a week towards zero', () => {
    expect(weeklyToAnnual(23925n, wpy('52'))).toBe(1244100n);
    expect(annualToWeekly(-123456n, wpy('52'))).toBe(-2374n);
    expect(annualToWeekly(123456n, wpy('52'))).toBe(2374n);
  });
});

describe('planCost with items still being typed', () => {
  it('leaves out items whose price or number cannot be read yet, and counts them', () => {
    const result = planCost([line('20', '10', 'per_week'), line('', '3', 'per_week'), line('12.345', '1', 'per_week'), line('5', '0', 'per_week')], wpy('52'));
    expect(result).toEqual({ ok: true, cost: { weekly: 20000n, annual: 1040000n, oneOff: 0n, firstYear: 1040000n }, incomplete: 3 });
  });
  it('treats no frequency as per week, as the server does', () => {
    const result = planCost([line('10', '1', '')], wpy('52'));
    expect(result.ok && result.cost.annual).toBe(52000n);
  });
  it('refuses a frequency the server does not know', () => {
    expect(planCost([line('10', '1', 'fortnightly')], wpy('52')).ok).toBe(false);
  });
  it('is zero with no items', () => {
    expect(planCost([], wpy('52'))).toEqual({ ok: true, cost: { weekly: 0n, annual: 0n, oneOff: 0n, firstYear: 0n }, incomplete: 0 });
  });
});

describe('reading what was typed', () => {
  it.each([
    ['21.50', 2150n],
    ['21.5', 2150n],
    [' £1,234.56 ', 123456n],
    ['100000', 10000000n],
    ['100000.01', null],
    ['0', null],
    ['-5', null],
    ['12.345', null],
    ['1,23', null],
    ['abc', null],
  ])('price %j → %s', (text, expected) => {
    expect(priceInPence(text)).toBe(expected);
  });
  it.each([
    ['10', 1000n],
    ['2.5', 250n],
    ['0.01', 1n],
    ['0', null],
    ['1,000', null],
    ['£2', null],
    ['2.555', null],
  ])('quantity %j → %s', (text, expected) => {
    expect(quantityInHundredths(text)).toBe(expected);
  });
  it.each([
    ['52', { numerator: 52n, denominator: 1n }],
    ['52.14', { numerator: 5214n, denominator: 100n }],
    ['365/7', { numerator: 365n, denominator: 7n }],
    ['0', null],
    ['x', null],
    ['52/0', null],
  ])('weeks per year %j', (text, expected) => {
    expect(parseWeeksPerYear(text)).toEqual(expected);
  });
});

describe('rounding', () => {
  it('rounds half up away from zero and down towards zero, like RoundDivide', () => {
    expect(roundDivide(5n, 10n, 'half-up')).toBe(1n);
    expect(roundDivide(4n, 10n, 'half-up')).toBe(0n);
    expect(roundDivide(-5n, 10n, 'half-up')).toBe(-1n);
    expect(roundDivide(-19n, 10n, 'down')).toBe(-1n);
    expect(roundDivide(19n, -10n, 'down')).toBe(-1n);
    expect(() => roundDivide(1n, 0n, 'down')).toThrow(RangeError);
  });
  it('rounds each line once', () => {
    expect(lineCost(2133n, 250n)).toBe(5333n); // £21.33 × 2.5 = £53.325 → £53.33
  });
});

describe('moneyLeft', () => {
  it('is the indicative budget less the first-year cost, a year and a week', () => {
    const cost = { weekly: 41900n, annual: 2178800n, oneOff: 0n, firstYear: 2178800n };
    expect(moneyLeft(1244100n, cost, wpy('52'))).toEqual({ annual: -934700n, weekly: -17975n, over: true });
    expect(moneyLeft(2178800n, cost, wpy('52'))).toEqual({ annual: 0n, weekly: 0n, over: false });
  });
});
