import { describe, expect, it } from 'vitest';
import { attachmentName } from './api';

describe('attachmentName', () => {
  it('reads a quoted or a bare file name', () => {
    expect(attachmentName('attachment; filename="a-25-cut.xlsx"', 'x.xlsx')).toBe('a-25-cut.xlsx');
    expect(attachmentName('attachment; filename=years.csv', 'x.csv')).toBe('years.csv');
    expect(attachmentName('attachment;filename = "b.xlsx"; size=3', 'x.xlsx')).toBe('b.xlsx');
  });

  it('keeps no path, and falls back when there is no name', () => {
    expect(attachmentName('attachment; filename="../../etc/passwd"', 'x.xlsx')).toBe('passwd');
    expect(attachmentName('attachment', 'scenario.xlsx')).toBe('scenario.xlsx');
    expect(attachmentName('attachment; filename=""', 'scenario.xlsx')).toBe('scenario.xlsx');
    expect(attachmentName(null, 'scenario.xlsx')).toBe('scenario.xlsx');
  });
});
