import { describe, expect, it } from 'vitest';
import {
  AMOUNT_EMPTY_MESSAGE,
  AMOUNT_FORMAT_MESSAGE,
  AMOUNT_PENNY_MESSAGE,
  AMOUNT_TOO_LARGE_MESSAGE,
  MAX_PENCE,
  MIN_PENCE,
  formatPence,
  parsePounds,
} from './money';

describe('formatPence', () => {
  it.each([
    [0, '£0.00'],
    [7, '£0.07'],
    [10, '£0.10'],
    [99, '£0.99'],
    [100, '£1.00'],
    [123456, '£1,234.56'],
    [100000, '£1,000.00'],
    [99999, '£999.99'],
    [-500, '-£5.00'],
    [-1, '-£0.01'],
    [-123456789, '-£1,234,567.89'],
    [-0, '£0.00'],
  ])('formats the number %d as %s', (pence, expected) => {
    expect(formatPence(pence)).toBe(expected);
  });

  it('formats bigint pence the same as number pence', () => {
    expect(formatPence(123456n)).toBe('£1,234.56');
    expect(formatPence(-500n)).toBe('-£5.00');
    expect(formatPence(0n)).toBe('£0.00');
  });

  it('formats the largest safe integer exactly', () => {
    // 2^53 - 1 pence
    expect(formatPence(Number.MAX_SAFE_INTEGER)).toBe('£90,071,992,547,409.91');
  });

  it('formats bigint amounts beyond 2^53 without losing a penny', () => {
    expect(formatPence(9_007_199_254_740_993n)).toBe('£90,071,992,547,409.93');
    expect(formatPence(MAX_PENCE)).toBe('£92,233,720,368,547,758.07');
    expect(formatPence(MIN_PENCE)).toBe('-£92,233,720,368,547,758.08');
  });

  it.each([0.5, 1.005, 12.34, Number.NaN, Number.POSITIVE_INFINITY, -Infinity])(
    'throws on the non-integer %d',
    (pence) => {
      expect(() => formatPence(pence)).toThrow(RangeError);
    },
  );

  it('throws on a number too large to be an exact integer', () => {
    expect(() => formatPence(2 ** 53)).toThrow(RangeError);
    expect(() => formatPence(-(2 ** 60))).toThrow(RangeError);
  });

  it('throws on values that are not numbers at all', () => {
    expect(() => formatPence('100' as unknown as number)).toThrow(RangeError);
    expect(() => formatPence(null as unknown as number)).toThrow(RangeError);
  });
});

describe('parsePounds', () => {
  it.each([
    ['0', 0n],
    ['12', 1200n],
    ['12.5', 1250n],
    ['12.50', 1250n],
    ['12.05', 1205n],
    ['0.07', 7n],
    ['1234.56', 123456n],
    ['£1,234.56', 123456n],
    ['£1234.56', 123456n],
    ['1,234', 123400n],
    ['1,234,567.89', 123456789n],
    ['-5', -500n],
    ['-£5.00', -500n],
    ['-0.01', -1n],
    ['-0', 0n],
    ['  12.50  ', 1250n],
    ['0012', 1200n],
  ])('reads %j as %d pence', (text, pence) => {
    expect(parsePounds(text)).toEqual({ ok: true, pence });
  });

  it('reads amounts beyond 2^53 pence exactly', () => {
    expect(parsePounds('90,071,992,547,409.93')).toEqual({ ok: true, pence: 9_007_199_254_740_993n });
    expect(parsePounds('£92,233,720,368,547,758.07')).toEqual({ ok: true, pence: MAX_PENCE });
    expect(parsePounds('-£92,233,720,368,547,758.08')).toEqual({ ok: true, pence: MIN_PENCE });
  });

  it('round-trips every amount formatPence produces', () => {
    for (const pence of [0n, 1n, -1n, 99n, 100n, 123456n, -500n, 100000000n, MAX_PENCE, MIN_PENCE]) {
      expect(parsePounds(formatPence(pence))).toEqual({ ok: true, pence });
    }
  });

  it.each(['', '   ', '\t'])('asks for an amount when given %j', (text) => {
    expect(parsePounds(text)).toEqual({ ok: false, message: AMOUNT_EMPTY_MESSAGE });
  });

  it.each(['12.555', '£1,234.567', '0.001', '-1.999'])(
    'refuses %j because it has more than 2 decimal places',
    (text) => {
      expect(parsePounds(text)).toEqual({ ok: false, message: AMOUNT_PENNY_MESSAGE });
    },
  );

  it.each([
    '1,23.00', // comma in the wrong place
    '12,34', // comma in the wrong place
    '1,2345', // group too long
    ',123', // leading comma
    '123,', // trailing comma
    '1,,234', // double comma
    '0,123', // grouped number starting with 0
    '1 234', // space inside
    '£ 12', // space after the pound sign
    '- 12', // space after the minus
    '12 .50', // space before the point
    '12.', // point with no pence
    '.50', // no pounds
    '12.5.0', // two points
    'abc',
    '12a',
    '£',
    '-',
    '--5',
    '£-5', // minus after the pound sign
    '+5',
    '5-',
    '1e3', // exponent
    '0x10', // hex
    '١٢', // Arabic-Indic digits
    '１２', // full-width digits
    '12,50', // comma used as a decimal point
    '$12',
    '££12',
  ])('refuses %j with a plain-English message', (text) => {
    expect(parsePounds(text)).toEqual({ ok: false, message: AMOUNT_FORMAT_MESSAGE });
  });

  it('tells the person what to type', () => {
    const result = parsePounds('ten pounds');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe('Enter an amount in pounds and pence, like 12.50');
    }
  });

  it('refuses amounts too large for a signed 64-bit count of pence', () => {
    expect(parsePounds('92,233,720,368,547,758.08')).toEqual({
      ok: false,
      message: AMOUNT_TOO_LARGE_MESSAGE,
    });
    expect(parsePounds('-92233720368547758.09')).toEqual({
      ok: false,
      message: AMOUNT_TOO_LARGE_MESSAGE,
    });
    expect(parsePounds('1' + '0'.repeat(40))).toEqual({ ok: false, message: AMOUNT_TOO_LARGE_MESSAGE });
  });
});
