import { describe, expect, it } from 'vitest';
import {
  SCOPES,
  actionLabel,
  dateFromParts,
  dateInWords,
  grantStatus,
  groupSecret,
  outcomeLabel,
  rolesInWords,
  scopeLabel,
  scopeLabels,
  timeInWords,
} from './my-record-view';

describe('scopes', () => {
  it('names each scope the server knows in plain English', () => {
    expect(SCOPES.map((s) => s.name)).toEqual(['view', 'manage-money', 'write-plan']);
    expect(scopeLabel('view')).toBe('See your record');
    expect(scopeLabel('manage-money')).toBe('Manage your money');
    expect(scopeLabel('write-plan')).toBe('Write your support plan');
    expect(scopeLabel('something-new')).toBe('something-new');
  });

  it('lists scopes in the order offered, once each, unknown ones last', () => {
    expect(scopeLabels(['write-plan', 'other', 'view', 'view'])).toEqual([
      'See your record', 'Write your support plan', 'other',
    ]);
  });
});

describe('grantStatus', () => {
  it('says taken away, active or ended', () => {
    expect(grantStatus({ active: false, revoked_at: '2026-11-23T01:33:05Z' }).text).toBe('Taken away');
    expect(grantStatus({ active: true, revoked_at: null }).text).toBe('Active');
    expect(grantStatus({ active: false, revoked_at: null }).text).toBe('Ended');
  });
});

describe('actionLabel and outcomeLabel', () => {
  it('puts the grant actions in plain English and leaves others as they are', () => {
    expect(actionLabel('grants.read')).toBe('Looked at who can see your record');
    expect(actionLabel('grants.create')).toBe('Gave someone access');
    expect(actionLabel('grants.revoke')).toBe('Took access away');
    expect(actionLabel('users.create')).toBe('users.create');
  });

  it('says who looked at the record, the plan or the budget, and who changed the plan', () => {
    expect(actionLabel('person.view')).toBe('Looked at your record');
    expect(actionLabel('plans.read')).toBe('Looked at your support plan');
    expect(actionLabel('budget.read')).toBe('Looked at your budget');
    expect(actionLabel('payments.details.read')).toBe('Looked at the bank account or card your money is paid to');
    expect(actionLabel('money.read')).toBe('Looked at the money paid in and spent from your budget');
    expect(actionLabel('plans.submit')).toBe('Sent your support plan to the council to be agreed');
    expect(actionLabel('plans.decide')).toBe('Decided on your support plan');
    expect(actionLabel('assessment.record')).toBe('Recorded your assessment and indicative budget');
  });

  it('says what was done about a safeguarding concern', () => {
    expect(actionLabel('concern.raise')).toBe('Raised a safeguarding concern about you');
    expect(actionLabel('concern.view')).toBe('Looked at a safeguarding concern about you');
  });

  it('says a refusal plainly', () => {
    expect(outcomeLabel('denied').text).toBe('Tried, but was not allowed');
    expect(outcomeLabel('allowed').text).toBe('Done');
    expect(outcomeLabel('odd').text).toBe('odd');
  });

  it('names roles, and the operator', () => {
    expect(rolesInWords('representative')).toBe('Representative');
    expect(rolesInWords('auditor,budget-holder')).toBe('Budget holder, Auditor');
    expect(rolesInWords('operator')).toBe('Server operator');
  });
});

describe('dates in words', () => {
  it('writes a calendar date the GOV.UK way', () => {
    expect(dateInWords('2027-03-31')).toBe('31 March 2027');
    expect(dateInWords('2026-01-05')).toBe('5 January 2026');
    expect(dateInWords('not a date')).toBe('not a date');
    expect(dateInWords('2026-13-01')).toBe('2026-13-01');
  });

  it('writes a timestamp as UK time, in GMT and in BST', () => {
    expect(timeInWords('2026-11-23T01:32:59.495Z')).toBe('23 November 2026 at 1:32am');
    expect(timeInWords('2026-07-01T12:05:00Z')).toBe('1 July 2026 at 1:05pm');
    expect(timeInWords('2026-07-01T11:00:00Z')).toBe('1 July 2026 at midday');
    expect(timeInWords('2026-12-31T00:00:00Z')).toBe('31 December 2026 at midnight');
    expect(timeInWords('2026-12-31T12:30:00Z')).toBe('31 December 2026 at 12:30pm');
    expect(timeInWords('whenever')).toBe('whenever');
  });
});

describe('dateFromParts', () => {
  it('builds YYYY-MM-DD from the three boxes', () => {
    expect(dateFromParts('31', '3', '2027')).toEqual({ ok: true, iso: '2027-03-31' });
    expect(dateFromParts(' 1 ', '01', '2026')).toEqual({ ok: true, iso: '2026-01-01' });
    expect(dateFromParts('29', '2', '2028')).toEqual({ ok: true, iso: '2028-02-29' });
  });

  it('asks for the date when nothing is typed, and names the missing parts', () => {
    expect(dateFromParts('', '', '')).toEqual({ ok: false, message: 'Enter the last day' });
    expect(dateFromParts('1', '', '')).toEqual({ ok: false, message: 'The last day must include a month and a year' });
    expect(dateFromParts('', '2', '2027')).toEqual({ ok: false, message: 'The last day must include a day' });
  });

  it('refuses what is not a number, a short year and a date that does not exist', () => {
    for (const [d, m, y] of [['x', '3', '2027'], ['1', 'March', '2027'], ['1', '3', '27'], ['1.5', '3', '2027'],
      ['31', '4', '2027'], ['29', '2', '2027'], ['0', '3', '2027'], ['1', '13', '2027'], ['-1', '3', '2027']]) {
      const result = dateFromParts(d!, m!, y!);
      expect(result.ok, `${d} ${m} ${y}`).toBe(false);
      if (!result.ok) expect(result.message).toBe('The last day must be a real date, like 31 3 2027');
    }
  });
});

describe('groupSecret', () => {
  it('groups a base32 key in fours', () => {
    expect(groupSecret('43TXQRH3BV5ZZQ77TE5MNZ3JP3VG66SN')).toBe('43TX QRH3 BV5Z ZQ77 TE5M NZ3J P3VG 66SN');
    expect(groupSecret('abcdefg==')).toBe('ABCD EFG');
    expect(groupSecret('')).toBe('');
  });
});
