import { describe, expect, it } from 'vitest';
import { contributionFilePath, fileLineRows, fileProblems, outcomeTag, recordButtonText, type ContributionFile } from './contribution-file-view';

const file: ContributionFile = {
  format: 'Council bank',
  file_sha256: 'ab'.repeat(32),
  recorded: false,
  payments: 1,
  payments_total_pence: 1500,
  for_you: 1,
  sentence: '1 payment towards contributions, £15.00 in all, can be recorded. 1 line needs you: it says why.',
  lines: [
    { row: 2, date: '2026-11-20', amount_pence: 1500, text: 'M OKAFOR · SD7K3P9QX2M', reference: 'SD7K3P9QX2M', person_id: '01JD000000000000007K3P9QX2', person_name: 'Maya Okafor', outcome: 'record', sentence: '£15.00 from Maya Okafor towards their contribution' },
    { row: 3, date: '2026-11-20', amount_pence: -3000, text: 'ELECTRIC CO', reference: '', person_id: null, person_name: '', outcome: 'money_out', sentence: 'Money out of the account: not a contribution' },
    { row: 4, date: '2026-11-21', amount_pence: 500, text: '', reference: 'SDZZZZZZZZZ', person_id: null, person_name: '', outcome: 'unknown_reference', sentence: 'No one with a contribution has the reference SDZZZZZZZZZ' },
  ],
};

describe('contributionFilePath', () => {
  it('checks without record and records with it, the format escaped', () => {
    expect(contributionFilePath('Council bank', false)).toBe('/api/contribution-payments/file?format=Council%20bank');
    expect(contributionFilePath('A&B', true)).toBe('/api/contribution-payments/file?format=A%26B&record=true');
  });
});

describe('fileProblems', () => {
  it('asks for the format and the file', () => {
    expect(fileProblems({ format: '', hasFile: false })).toEqual([
      { field: 'format', message: 'Choose the format of the bank file' },
      { field: 'file', message: 'Choose the bank file (CSV) to read' },
    ]);
    expect(fileProblems({ format: 'Council bank', hasFile: true })).toEqual([]);
  });
});

describe('the lines of a file', () => {
  it('says whose each line is and what happens to it', () => {
    expect(fileLineRows(file)).toEqual([
      ['2', '20 November 2026', '£15.00', 'M OKAFOR · SD7K3P9QX2M', 'Maya Okafor', '£15.00 from Maya Okafor towards their contribution'],
      ['3', '20 November 2026', '−£30.00', 'ELECTRIC CO', 'Not known', 'Money out of the account: not a contribution'],
      ['4', '21 November 2026', '£5.00', 'Nothing', 'SDZZZZZZZZZ', 'No one with a contribution has the reference SDZZZZZZZZZ'],
    ]);
  });

  it('tags a line to record, recorded, before, not a contribution, or needing the officer', () => {
    expect(outcomeTag({ outcome: 'record' }, false)).toEqual({ text: 'To record', colour: 'blue' });
    expect(outcomeTag({ outcome: 'record' }, true)).toEqual({ text: 'Recorded', colour: 'green' });
    expect(outcomeTag({ outcome: 'already_recorded' }, true)).toEqual({ text: 'Recorded before', colour: 'grey' });
    expect(outcomeTag({ outcome: 'money_out' }, false)).toEqual({ text: 'Not a contribution', colour: 'grey' });
    for (const outcome of ['no_reference', 'unknown_reference', 'not_accepted'] as const) {
      expect(outcomeTag({ outcome }, false)).toEqual({ text: 'Needs you', colour: 'orange' });
    }
  });

  it('names the payments on the button', () => {
    expect(recordButtonText(file)).toBe('Record 1 payment of £15.00');
    expect(recordButtonText({ payments: 3, payments_total_pence: 4500 })).toBe('Record 3 payments, £45.00 in all');
  });
});
