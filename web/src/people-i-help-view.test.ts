import { describe, expect, it } from 'vitest';
import { allowsInWords, longDate, rowsFor } from './people-i-help-view';

describe('people you help', () => {
  it('says what each grant allows in plain words, seeing always first', () => {
    expect(allowsInWords(['view'])).toBe('See their plan and budget');
    expect(allowsInWords(['write-plan'])).toBe('See their plan and budget and write their support plan');
    expect(allowsInWords(['manage-money', 'view', 'write-plan'])).toBe(
      'See their plan and budget, write their support plan and manage their money',
    );
  });

  it('writes dates as GOV.UK does', () => {
    expect(longDate('2027-03-31')).toBe('31 March 2027');
    expect(longDate('2026-11-02')).toBe('2 November 2026');
    expect(longDate('soon')).toBe('soon');
  });

  it('links each person to their plan and budget', () => {
    expect(rowsFor([{ person_id: 'P1', full_name: 'Ada Okafor', scopes: ['view'], ends_on: '2027-01-31' }])).toEqual([
      { name: 'Ada Okafor', href: '/person/budget?person=P1', allows: 'See their plan and budget', until: '31 January 2027' },
    ]);
  });
});
