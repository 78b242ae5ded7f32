/**
 * Money as integer pence, formatted and parsed the way a person reads and types it.
 *
 * No floating point touches an amount: numbers are accepted only when they are safe
 * integers, and all arithmetic is done on bigint.
 *
 *   formatPence(123456)          // "£1,234.56"
 *   formatPence(-500n)           // "-£5.00"
 *   parsePounds("£1,234.56")     // { ok: true, pence: 123456n }
 *   parsePounds("12.555")        // { ok: false, message: "..." }
 */

/** Largest amount the server stores: a signed 64-bit count of pence. */
export const MAX_PENCE = 9_223_372_036_854_775_807n;
/** Smallest amount the server stores. */
export const MIN_PENCE = -9_223_372_036_854_775_808n;

/**
 * Formats an amount of pence as pounds: "£1,234.56", "-£5.00", "£0.07".
 *
 * `pence` must be a bigint or a safe integer number (`Number.isSafeInteger`); anything
 * else (a fraction, NaN, Infinity, or an integer above 2^53 that a number cannot hold
 * exactly) throws a RangeError, because it is a bug in the caller, not bad user input.
 * Minus zero formats as "£0.00".
 */
export function formatPence(pence: number | bigint): string {
  let value: bigint;
  if (typeof pence === 'bigint') {
    value = pence;
  } else if (typeof pence === 'number' && Number.isSafeInteger(pence)) {
    value = BigInt(pence);
  } else {
    throw new RangeError(`formatPence needs a whole number of pence, got ${String(pence)}`);
  }
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const pounds = magnitude / 100n;
  const pennies = magnitude % 100n;
  return `${negative ? '-' : ''}£${groupThousands(pounds.toString())}.${pennies
    .toString()
    .padStart(2, '0')}`;
}

/** Inserts a comma every three digits from the right: "1234567" → "1,234,567". */
function groupThousands(digits: string): string {
  const firstGroup = digits.length % 3 || 3;
  const groups = [digits.slice(0, firstGroup)];
  for (let i = firstGroup; i < digits.length; i += 3) {
    groups.push(digits.slice(i, i + 3));
  }
  return groups.join(',');
}

export type ParsePoundsResult = { ok: true; pence: bigint } | { ok: false; message: string };

/** The message shown when an amount cannot be read. */
export const AMOUNT_FORMAT_MESSAGE = 'Enter an amount in pounds and pence, like 12.50';
/** The message shown when an amount has more than two decimal places. */
export const AMOUNT_PENNY_MESSAGE = 'Enter an amount to the nearest penny, like 12.50';
/** The message shown when nothing was entered. */
export const AMOUNT_EMPTY_MESSAGE = 'Enter an amount, like 12.50';
/** The message shown when an amount is too large to store. */
export const AMOUNT_TOO_LARGE_MESSAGE = 'Enter a smaller amount';

// Optional minus, optional pound sign, then whole pounds either as plain digits or as
// digits grouped in threes by commas (the first group 1 to 3 digits, not starting with 0),
// then optionally a point and one or two digits of pence.
const AMOUNT = /^(-)?£?(\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;
const TOO_MANY_DECIMALS = /^-?£?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)\.\d{3,}$/;

/**
 * Reads an amount of money a person typed, strictly.
 *
 * Accepts "12", "12.5" (£12.50), "12.50", "£1,234.56", "-5", "-£5.00". Spaces before
 * and after are ignored; anything else that is not part of that grammar is refused with a
 * plain-English message and no amount: spaces inside, commas in the wrong places
 * ("1,23.00"), more than two decimal places ("12.555"), a point with no digits after it
 * ("12."), letters, or an amount beyond what a signed 64-bit count of pence can hold.
 */
export function parsePounds(text: string): ParsePoundsResult {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { ok: false, message: AMOUNT_EMPTY_MESSAGE };
  }
  const match = AMOUNT.exec(trimmed);
  if (match === null) {
    if (TOO_MANY_DECIMALS.test(trimmed)) {
      return { ok: false, message: AMOUNT_PENNY_MESSAGE };
    }
    return { ok: false, message: AMOUNT_FORMAT_MESSAGE };
  }
  const [, minus, wholePounds = '0', fraction = ''] = match;
  const pence = BigInt(wholePounds.replaceAll(',', '')) * 100n + BigInt(fraction.padEnd(2, '0'));
  const signed = minus ? -pence : pence;
  if (signed > MAX_PENCE || signed < MIN_PENCE) {
    return { ok: false, message: AMOUNT_TOO_LARGE_MESSAGE };
  }
  return { ok: true, pence: signed };
}
