import { describe, expect, it } from 'vitest';
import { pageNumbers } from './govuk';

describe('pageNumbers', () => {
  it('shows the first, the last, the current page and its neighbours, with gaps marked', () => {
    expect(pageNumbers(6, 12)).toEqual([1, '…', 5, 6, 7, '…', 12]);
    expect(pageNumbers(1, 12)).toEqual([1, 2, '…', 12]);
    expect(pageNumbers(12, 12)).toEqual([1, '…', 11, 12]);
    expect(pageNumbers(3, 12)).toEqual([1, 2, 3, 4, '…', 12]);
  });

  it('shows every page when there are few', () => {
    expect(pageNumbers(2, 3)).toEqual([1, 2, 3]);
    expect(pageNumbers(1, 2)).toEqual([1, 2]);
    expect(pageNumbers(1, 1)).toEqual([1]);
  });
});
