import { describe, expect, test } from 'vitest';
import { assistantRows, dateParts, dutiesRows, minimumWageSentence, paPaths, type EmployerDuties, type PersonalAssistant } from './pa-view';

const sam: PersonalAssistant = {
  id: 'PA1',
  name: 'Sam Patel',
  hourly_rate_pence: 1100,
  hourly_rate: '11.00',
  hours_hundredths: 1250,
  hours_per_week: '12.5',
  starts_on: '2026-05-01',
  ends_on: null,
  current: true,
  right_to_work_checked_on: '2026-04-20',
  dbs_checked_on: null,
  close_relative_in_household: false,
  council_decision: '',
  council_decision_on: null,
  revision: 1,
};

const empty: EmployerDuties = {
  payroll_provider: '',
  payroll_from: null,
  pension_enrolled_on: null,
  pension_exempt_reason: '',
  insurer: '',
  insurance_cover_pence: 0,
  insurance_cover: '',
  insurance_expires_on: null,
  contract_issued_on: null,
  holiday_pay: '',
  authorised_person_without_capacity: false,
  revision: 0,
};

describe('paPaths', () => {
  test('the page, the list, one PA and the checklist', () => {
    expect(paPaths.page('01J&X')).toBe('/personal-assistants?person=01J%26X');
    expect(paPaths.api('P')).toBe('/api/people/P/personal-assistants');
    expect(paPaths.assistant('P', 'A')).toBe('/api/people/P/personal-assistants/A');
    expect(paPaths.duties('P')).toBe('/api/people/P/employer-duties');
  });
});

describe('assistantRows', () => {
  test('pay, hours and checks in words, with what is missing said plainly', () => {
    expect(assistantRows(sam, 'self')).toEqual([
      ['Hourly rate', '£11.00'],
      ['Usual hours a week', '12.5 hours'],
      ['Started', '1 May 2026'],
      ['Right-to-work check', '20 April 2026'],
      ['DBS check', 'Not recorded'],
      ['A close relative who lives with you', 'No'],
    ]);
  });

  test('a close relative shows the council’s decision, and a PA who left their last day', () => {
    const rows = assistantRows({ ...sam, ends_on: '2026-12-31', close_relative_in_household: true, council_decision: 'Panel agreed', council_decision_on: '2026-04-15' }, 'other');
    expect(rows).toContainEqual(['Last day', '31 December 2026']);
    expect(rows).toContainEqual(['A close relative in the same household', 'Yes: the council decided on 15 April 2026 that this is necessary (Panel agreed)']);
  });
});

describe('dutiesRows', () => {
  test('an empty checklist says nothing is recorded', () => {
    expect(dutiesRows(empty).map(([, v]) => v)).toEqual(['Not recorded', 'Not recorded', 'Not recorded', 'Not recorded', 'Not recorded', 'No']);
  });

  test('a filled checklist in words', () => {
    const rows = dutiesRows({ ...empty, insurer: 'Acme', insurance_cover_pence: 500000000, insurance_expires_on: '2027-06-30', pension_exempt_reason: 'Earns below the threshold', payroll_provider: 'Payroll Partners', payroll_from: '2026-05-01' });
    expect(rows[0]).toEqual(['Payroll', 'Payroll Partners, from 1 May 2026']);
    expect(rows[1]).toEqual(['Workplace pension', 'No one needs enrolling: Earns below the threshold']);
    expect(rows[2]).toEqual(['Employers’ liability insurance', 'Acme, cover of £5,000,000.00, ends 30 June 2027']);
  });
});

describe('minimumWageSentence', () => {
  test('the rate in force, or nothing', () => {
    expect(minimumWageSentence({ minimum_wage: { from: '2026-04-01', band: '21 and over', hourly_pence: 1271 } })).toBe(
      'The National Living Wage is £12.71 an hour from 1 April 2026 for workers aged 21 and over. Workers under 21 have lower rates: see GOV.UK.',
    );
    expect(minimumWageSentence({ minimum_wage: null })).toBe('');
  });
});

describe('dateParts', () => {
  test('boxes without leading zeros, empty for none', () => {
    expect(dateParts('2026-04-01')).toEqual({ day: '1', month: '4', year: '2026' });
    expect(dateParts(null)).toEqual({ day: '', month: '', year: '' });
  });
});
