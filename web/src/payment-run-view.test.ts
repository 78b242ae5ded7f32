import { describe, expect, test } from 'vitest';
import {
  approvalWords,
  countWords,
  coversWords,
  dateParts,
  detailsBody,
  detailsRows,
  farAheadWarning,
  isoDateParts,
  kindWords,
  overpaidCountWords,
  overpaidTag,
  pastRunRow,
  paymentRunPaths,
  previewRows,
  recoverWords,
  releaseProgress,
  routeLabel,
  runRows,
  runStatusTag,
  startedWords,
  sumPence,
  type PaymentRun,
  type Preview,
} from './payment-run-view';

const preview: Preview = {
  date: '2026-12-01',
  pays_through: '2026-12-07',
  pays_through_sentence: 'It pays every period that begins on or before 7 December 2026, the day before the next run (runs are every 7 days), so each is paid before it begins.',
  budgets: 12,
  payments: 14,
  total_pence: 1234500,
  by_kind: [
    { kind: 'direct_payment', label: 'Direct payments', count: 10, total_pence: 1000000 },
    { kind: 'managed_budget', label: 'Managed budgets', count: 4, total_pence: 234500 },
    { kind: 'contribution', label: 'Contributions charged', count: 1, total_pence: 2350 },
  ],
  held: [
    { person_id: 'p1', person_name: 'Ada Okafor', kind: 'direct_payment', amount_pence: 12000, reason: 'No bank details', covers_from: '2026-11-03', covers_to: '2026-11-30' },
    { person_id: 'p2', person_name: 'Ben Ng', kind: 'managed_budget', amount_pence: 505, reason: 'No bank details', covers_from: '2026-11-03', covers_to: '2026-11-30' },
  ],
  overpaid: [],
  approval_threshold_pence: 5000000,
  needs_second_approval: false,
  open_run: null,
};

const run: PaymentRun = {
  id: 'r1',
  date: '2026-12-01',
  pays_through: '2026-12-01',
  pays_through_sentence: 'It pays every period that begins on or before 1 December 2026.',
  status: 'released',
  status_label: 'Released',
  payments: 14,
  total_pence: 1234500,
  by_kind: [{ kind: 'direct_payment', label: 'Direct payments', count: 14, total_pence: 1234500 }],
  held: [],
  overpaid: [],
  needs_second_approval: true,
  approval_threshold_pence: 1000000,
  started_by_name: 'Fin One',
  started_at: '2026-11-23T12:30:00Z',
  approved_by_name: 'Fay Two',
  approved_at: '2026-11-23T12:45:00Z',
  released_by_name: 'Fay Two',
  released_at: '2026-11-23T12:46:00Z',
  rejected_reason: null,
  posted: 14,
  file_name: 'payments-2026-12-01.csv',
};

describe('runStatusTag', () => {
  test('each status has its own colour; the server’s label wins', () => {
    expect(runStatusTag('awaiting_approval')).toEqual({ text: 'Waiting for a second approval', modifier: 'govuk-tag--yellow' });
    expect(runStatusTag('ready')).toEqual({ text: 'Ready to release', modifier: 'govuk-tag--blue' });
    expect(runStatusTag('releasing')).toEqual({ text: 'Being released', modifier: 'govuk-tag--light-blue' });
    expect(runStatusTag('released', 'Paid')).toEqual({ text: 'Paid', modifier: 'govuk-tag--green' });
    expect(runStatusTag('rejected')).toEqual({ text: 'Rejected', modifier: 'govuk-tag--red' });
  });

  test('an unknown status is still shown, readably, in grey', () => {
    expect(runStatusTag('on_hold')).toEqual({ text: 'On hold', modifier: 'govuk-tag--grey' });
  });
});

describe('words', () => {
  test('counts', () => {
    expect(countWords(1, 'payment')).toBe('1 payment');
    expect(countWords(0, 'payment')).toBe('0 payments');
    expect(countWords(1200, 'person', 'people')).toBe('1,200 people');
  });

  test('a kind: payments made, or people who owe a contribution', () => {
    expect(kindWords({ kind: 'direct_payment', label: 'Direct payments', count: 10, total_pence: 1000000 })).toBe('10 payments, £10,000.00');
    expect(kindWords({ kind: 'contribution', label: 'Contributions charged', count: 1, total_pence: 2350 })).toBe('1 charge, £23.50');
  });

  test('whether a second approval is needed names the threshold', () => {
    expect(approvalWords(false, 5000000)).toBe('No: the total is not more than £50,000.00');
    expect(approvalWords(true, 5000000)).toMatch(/^Yes: the total is more than £50,000\.00, so a second finance officer must approve/);
  });

  test('the banner after starting a run says what happens next', () => {
    expect(startedWords({ status: 'awaiting_approval', date: '2026-12-01', payments: 2, total_pence: 100 }).body)
      .toBe('2 payments, £1.00, for 1 December 2026. Another finance officer must approve it before the payments are released.');
    expect(startedWords({ status: 'ready', date: '2026-12-01', payments: 1, total_pence: 100 }).body)
      .toBe('1 payment, £1.00, for 1 December 2026. It is ready to release.');
    const sentence = 'This run committed the council’s money for 2027-28 for 2 budgets in payment: £20,000.00 in all.';
    expect(startedWords({
      status: 'ready', date: '2027-04-01', payments: 1, total_pence: 100,
      year_commitment: { year: '2027-28', budgets: 2, committed_pence: 2_000_000, sentence },
    }).body).toBe(`1 payment, £1.00, for 1 April 2027. It is ready to release. ${sentence}`);
  });
});

describe('previewRows', () => {
  test('the date, the budgets, each kind, the total, the approval and what is held', () => {
    expect(previewRows(preview)).toEqual([
      ['Payment date', '1 December 2026'],
      ['Pays periods that begin', 'On or before 7 December 2026, the day before the next run'],
      ['Budgets with a payment due', '12'],
      ['Direct payments', '10 payments, £10,000.00'],
      ['Managed budgets', '4 payments, £2,345.00'],
      ['Contributions charged', '1 charge, £23.50'],
      ['Total to be paid', '£12,345.00 in 14 payments'],
      ['Needs a second approval', 'No: the total is not more than £50,000.00'],
      ['Payments held', '2 payments, £125.05'],
    ]);
  });

  test('nothing held says so', () => {
    expect(previewRows({ ...preview, held: [] }).at(-1)).toEqual(['Payments held', 'None']);
  });
});

describe('runRows', () => {
  test('a released run: who started, approved and released it, and when', () => {
    expect(runRows(run)).toEqual([
      ['Payment date', '1 December 2026'],
      ['Pays periods that begin', 'On or before 1 December 2026'],
      ['Direct payments', '14 payments, £12,345.00'],
      ['Total paid', '£12,345.00 in 14 payments'],
      ['Needs a second approval', expect.stringMatching(/^Yes: the total is more than £10,000\.00/)],
      ['Started by', 'Fin One, 23 November 2026 at 12:30'],
      ['Approved by', 'Fay Two, 23 November 2026 at 12:45'],
      ['Released by', 'Fay Two, 23 November 2026 at 12:46'],
    ]);
  });

  test('a rejected run gives the reason; a list entry without kinds still has its total', () => {
    const rejected: PaymentRun = { ...run, status: 'rejected', approved_by_name: null, released_by_name: null, rejected_reason: 'Two people are paid twice', by_kind: undefined };
    const rows = runRows(rejected);
    expect(rows.at(-1)).toEqual(['Why it was rejected', 'Two people are paid twice']);
    expect(rows.map(([key]) => key)).toEqual(['Payment date', 'Pays periods that begin', 'Total to be paid', 'Needs a second approval', 'Started by', 'Why it was rejected']);
  });

  test('the past runs table’s row', () => {
    expect(pastRunRow(run)).toEqual({ date: '1 December 2026', tag: { text: 'Released', modifier: 'govuk-tag--green' }, total: '£12,345.00', startedBy: 'Fin One' });
  });
});

describe('releaseProgress', () => {
  test('how many are posted, never more than there are', () => {
    expect(releaseProgress(null)).toBe('Posting payments…');
    expect(releaseProgress({ posted: 3, payments: 14 })).toBe('Posting payments… 3 of 14 payments posted');
    expect(releaseProgress({ posted: 20, payments: 14 })).toBe('Posting payments… 14 of 14 payments posted');
    expect(releaseProgress({ payments: 14 })).toBe('Posting payments…');
  });
});

describe('money and dates', () => {
  test('sums pence exactly, beyond what a number holds', () => {
    expect(sumPence([])).toBe(0n);
    expect(sumPence([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER])).toBe(18014398509481982n);
  });

  test('the date boxes from a day, and from YYYY-MM-DD', () => {
    expect(dateParts(new Date(2026, 11, 1))).toEqual({ day: '1', month: '12', year: '2026' });
    expect(isoDateParts('2026-02-09')).toEqual({ day: '9', month: '2', year: '2026' });
    expect(isoDateParts('9 February')).toBeNull();
    expect(isoDateParts(null)).toBeNull();
  });

  test('the days a held payment is for, the month and year said once when shared', () => {
    expect(coversWords('2026-11-03', '2026-11-30')).toBe('3 to 30 November 2026');
    expect(coversWords('2026-11-17', '2026-12-14')).toBe('17 November to 14 December 2026');
    expect(coversWords('2026-12-22', '2027-01-18')).toBe('22 December 2026 to 18 January 2027');
    expect(coversWords('2026-11-03', '2026-11-03')).toBe('3 November 2026');
    expect(coversWords('soon', '2026-11-03')).toBe('soon to 3 November 2026');
  });
});

describe('paths', () => {
  test('pages and API, with the person’s route only when it is one', () => {
    expect(paymentRunPaths.run('a b')).toBe('/finance/payment-run?id=a%20b');
    expect(paymentRunPaths.details('p1', 'direct_payment')).toBe('/finance/payment-details?person=p1&route=direct_payment');
    expect(paymentRunPaths.details('p1', 'one_off')).toBe('/finance/payment-details?person=p1');
    expect(paymentRunPaths.details('p1', 'managed_budget', '/finance/payment-runs?date=2026-12-01'))
      .toBe('/finance/payment-details?person=p1&route=managed_budget&return=%2Ffinance%2Fpayment-runs%3Fdate%3D2026-12-01');
    expect(paymentRunPaths.api.preview('2026-12-01')).toBe('/api/payment-runs/preview?date=2026-12-01');
    expect(paymentRunPaths.api.file('r1')).toBe('/api/payment-runs/r1/file');
  });
});

describe('payment details', () => {
  const answers = { route: 'direct_payment', payeeName: ' Ada Okafor ', method: 'bank', sortCode: '12-34-56', accountNumber: '12345678', cardReference: 'left over' };

  test('a bank account sends no card reference', () => {
    expect(detailsBody(answers)).toEqual({
      ok: true,
      body: { route: 'direct_payment', payee_name: 'Ada Okafor', sort_code: '12-34-56', account_number: '12345678', card_reference: '' },
    });
  });

  test('a card sends no bank account', () => {
    const built = detailsBody({ ...answers, method: 'card', cardReference: ' PC-1234 ' });
    expect(built).toEqual({ ok: true, body: { route: 'direct_payment', payee_name: 'Ada Okafor', sort_code: '', account_number: '', card_reference: 'PC-1234' } });
  });

  test('without a way of paying, says so, and what else is missing', () => {
    expect(detailsBody({ ...answers, method: undefined, route: undefined, payeeName: ' ' })).toEqual({
      ok: false,
      errors: [
        { field: 'route', message: 'Select whether this is a direct payment or a managed budget' },
        { field: 'payee_name', message: 'Enter the name of who is paid' },
        { field: 'method', message: 'Select how the money is paid: into a bank account or onto a prepaid card' },
      ],
    });
    expect(detailsBody({ ...answers, method: undefined })).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'method' })] });
  });

  test('the saved details, the account number by its last digits', () => {
    const saved = { person_id: 'p1', route: 'direct_payment', payee_name: 'Ada Okafor', sort_code: '12-34-56', account_number: '****5678', card_reference: '', updated_at: '2026-11-23T12:00:00Z' };
    expect(detailsRows(saved)).toEqual([
      ['Paid to', 'Ada Okafor'],
      ['Sort code', '12-34-56'],
      ['Account number', 'Ending 5678'],
      ['Last changed', '23 November 2026 at 12:00'],
    ]);
    expect(detailsRows({ ...saved, sort_code: '', account_number: '', card_reference: 'PC-1234' })[1]).toEqual(['Prepaid card', 'PC-1234']);
    expect(routeLabel('managed_budget')).toBe('Managed budget');
  });
});

describe('farAheadWarning', () => {
  const today = new Date(Date.UTC(2026, 10, 24, 15, 0));
  test('says nothing for a run up to a month ahead, today or in the past', () => {
    expect(farAheadWarning('2026-12-25', today)).toBeNull(); // 31 days
    expect(farAheadWarning('2026-11-24', today)).toBeNull();
    expect(farAheadWarning('2026-01-01', today)).toBeNull();
  });
  test('warns for a run more than a month ahead, naming its date', () => {
    expect(farAheadWarning('2026-12-26', today)).toBe(
      'This run is for 26 December 2026, more than a month from today: it would pay every budget up to that date. Check the year before you start it.',
    );
    expect(farAheadWarning('2035-01-01', today)).toMatch(/^This run is for 1 January 2035, more than a month from today/);
  });
  test('says nothing for text that is not a date', () => {
    expect(farAheadWarning('soon', today)).toBeNull();
  });
});

describe('overpayments', () => {
  const maya = { person_name: 'Maya Okafor', to_recover_pence: 18000, credit: false, recovered: false };

  test('what recovering one does, in words: from the person, or a credit to them', () => {
    expect(recoverWords(maya)).toBe('Recover £180.00 from Maya Okafor');
    expect(recoverWords({ ...maya, to_recover_pence: 5060, credit: true })).toBe('Credit £50.60 to Maya Okafor');
  });

  test('its status as a tag', () => {
    expect(overpaidTag(maya)).toEqual({ text: 'To decide', modifier: 'govuk-tag--yellow' });
    expect(overpaidTag({ ...maya, recovered: true })).toEqual({ text: 'Recovered', modifier: 'govuk-tag--green' });
    expect(overpaidTag({ ...maya, recovered: true, credit: true })).toEqual({ text: 'Credited', modifier: 'govuk-tag--green' });
  });

  test('how many are left to decide, what they come to, and how many are done', () => {
    expect(overpaidCountWords([maya])).toBe('1 overpayment to decide, £180.00 in all.');
    expect(overpaidCountWords([maya, { ...maya, to_recover_pence: 18001 }, { ...maya, recovered: true }])).toBe('2 overpayments to decide, £360.01 in all. 1 recovered or credited.');
    expect(overpaidCountWords([{ ...maya, recovered: true }])).toBe('Nothing left to decide. 1 recovered or credited.');
  });

  test('the page that recovers one', () => {
    expect(paymentRunPaths.overpayment('01J', 'recover:dp:01B:2026-12-01')).toBe('/finance/overpayment?run=01J&recovery=recover%3Adp%3A01B%3A2026-12-01');
  });
});
