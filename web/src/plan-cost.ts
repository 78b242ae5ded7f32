/**
 * A support plan's cost, worked out in the browser as items are typed, in integer pence.
 * Pure. Mirrors the server's CostOf (src/selfdirect/casework/plan.cc) and ConvertPeriod
 * (src/selfdirect/core/period.cc) exactly, so the live figure is the one the server will
 * store; the server's figure after saving is still the one that counts.
 *
 *   - each line is price × quantity, rounded half up to the penny once;
 *   - per-week lines are added up, then made a year's worth with the scheme's weeks per year,
 *     rounded half up (to a longer period);
 *   - per-year lines are added up, then spread over the weeks of the year, rounded down (to a
 *     shorter period, so the instalments never add up to more than the year);
 *   - one-off purchases count in the first year only.
 *
 *   const wpy = parseWeeksPerYear('52');                      // { numerator: 52n, denominator: 1n }
 *   planCost([{ unitPrice: '20.00', quantity: '10', frequency: 'per_week' }], wpy)
 *   // { ok: true, cost: { weekly: 20000n, annual: 1040000n, oneOff: 0n, firstYear: 1040000n } }
 */

export type Frequency = 'per_week' | 'per_year' | 'one_off';

export interface WeeksPerYear {
  numerator: bigint;
  denominator: bigint;
}

export interface PlanCost {
  /** Recurring cost a week (per-year items spread over the weeks of the year). */
  weekly: bigint;
  /** Recurring cost a year. */
  annual: bigint;
  /** One-off purchases. */
  oneOff: bigint;
  /** annual + oneOff: what the plan costs in its first year, set against the indicative budget. */
  firstYear: bigint;
}

/** What the builder knows about one item: the text typed, as the server will read it. */
export interface CostLine {
  unitPrice: string;
  quantity: string;
  frequency: string;
}

export type PlanCostResult =
  | { ok: true; cost: PlanCost; incomplete: number }
  | { ok: false; message: string };

const ROUND_DOWN = 'down';
const ROUND_HALF_UP = 'half-up';
type Rounding = typeof ROUND_DOWN | typeof ROUND_HALF_UP;

/** numerator ÷ denominator rounded by `rule`, as the server's RoundDivide (towards zero for down). */
export function roundDivide(numerator: bigint, denominator: bigint, rule: Rounding): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // bigint division truncates towards zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = remainder < 0n ? -remainder : remainder;
  if (rule === ROUND_DOWN) return quotient;
  return magnitude >= denominator - magnitude ? quotient + sign : quotient;
}

// The server's strict decimal form (ParsePounds): optional £, digits (or digits grouped by
// commas), at most two decimal places.
const AMOUNT = /^£?(\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;
// A quantity: no £, no commas (ParseHundredths).
const QUANTITY = /^(\d+)(?:\.(\d{1,2}))?$/;

function hundredthsOf(match: RegExpExecArray): bigint {
  const whole = (match[1] ?? '0').replaceAll(',', '');
  return BigInt(whole) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** A unit price as typed ("21.50", "£1,200") in pence, or null when the server would refuse it. */
export function priceInPence(text: string): bigint | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  const pence = hundredthsOf(match);
  return pence > 0n && pence <= 10_000_000n ? pence : null;
}

/** A quantity as typed ("2.5") in hundredths (250), or null when it cannot be read or is 0. */
export function quantityInHundredths(text: string): bigint | null {
  const match = QUANTITY.exec(text.trim());
  if (!match) return null;
  const hundredths = hundredthsOf(match);
  return hundredths > 0n ? hundredths : null;
}

/** "52", "52.14" or "365/7" (the API's weeks_per_year) as an exact fraction. */
export function parseWeeksPerYear(text: string): WeeksPerYear | null {
  const fraction = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (fraction) {
    const numerator = BigInt(fraction[1] ?? '0');
    const denominator = BigInt(fraction[2] ?? '0');
    return numerator > 0n && denominator > 0n ? { numerator, denominator } : null;
  }
  const decimal = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!decimal) return null;
  const places = (decimal[2] ?? '').length;
  const scale = 10n ** BigInt(places);
  const numerator = BigInt(decimal[1] ?? '0') * scale + BigInt(decimal[2] || '0');
  return numerator > 0n ? { numerator, denominator: scale } : null;
}

/** One line's cost: price × quantity, rounded half up to the penny. */
export function lineCost(unitPricePence: bigint, hundredths: bigint): bigint {
  return roundDivide(unitPricePence * hundredths, 100n, ROUND_HALF_UP);
}

/** An amount a week as an amount a year (half up), as ConvertPeriod(weekly → annual). */
export function weeklyToAnnual(pence: bigint, wpy: WeeksPerYear): bigint {
  return roundDivide(pence * wpy.numerator, wpy.denominator, ROUND_HALF_UP);
}

/** An amount a year as an amount a week (down), as ConvertPeriod(annual → weekly). */
export function annualToWeekly(pence: bigint, wpy: WeeksPerYear): bigint {
  return roundDivide(pence * wpy.denominator, wpy.numerator, ROUND_DOWN);
}

/**
 * The plan's cost from the items as typed. An item whose price or quantity cannot be read
 * yet (still being typed) is left out and counted in `incomplete`; a frequency the server
 * does not know is refused.
 */
export function planCost(lines: readonly CostLine[], wpy: WeeksPerYear): PlanCostResult {
  let weekly = 0n;
  let yearly = 0n;
  let oneOff = 0n;
  let incomplete = 0;
  for (const line of lines) {
    const price = priceInPence(line.unitPrice);
    const quantity = quantityInHundredths(line.quantity);
    if (price === null || quantity === null) {
      incomplete += 1;
      continue;
    }
    const cost = lineCost(price, quantity);
    const frequency = line.frequency || 'per_week';
    if (frequency === 'per_week') weekly += cost;
    else if (frequency === 'per_year') yearly += cost;
    else if (frequency === 'one_off') oneOff += cost;
    else return { ok: false, message: `Unknown frequency "${frequency}"` };
  }
  const annual = weeklyToAnnual(weekly, wpy) + yearly;
  const week = annualToWeekly(yearly, wpy) + weekly;
  return { ok: true, cost: { weekly: week, annual, oneOff, firstYear: annual + oneOff }, incomplete };
}

/** How the plan stands against the indicative budget, for the "money left" panel. */
export interface MoneyLeft {
  /** Indicative budget a year minus the plan's first-year cost (negative when over). */
  annual: bigint;
  /** The same spread over the weeks of the year (down, towards zero, as the server converts). */
  weekly: bigint;
  over: boolean;
}

export function moneyLeft(indicativeAnnual: bigint, cost: PlanCost, wpy: WeeksPerYear): MoneyLeft {
  const annual = indicativeAnnual - cost.firstYear;
  return { annual, weekly: annualToWeekly(annual, wpy), over: annual < 0n };
}
