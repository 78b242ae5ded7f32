import { describe, expect, test } from 'vitest';
import {
  isFiltered,
  paymentKindWords,
  paymentStatusTag,
  payeeWords,
  readPaymentsQuery,
  runPaymentsPaths,
  showingWords,
  type RunPaymentLine,
  type RunPaymentsPage,
} from './run-payments-view';

const line: RunPaymentLine = {
  seq: 1,
  person_id: '01J0000000000000000000000A',
  person_name: 'Ada Okafor',
  kind: 'direct_payment',
  payee: 'holding_account',
  amount_pence: 80000,
  covers_from: '2026-11-22',
  covers_to: '2026-12-19',
  held_reason: '',
  status: 'to_pay',
};

function page(over: Partial<RunPaymentsPage>): RunPaymentsPage {
  return { payments: [line], page: 1, pages: 1, per_page: 50, total: 1, ...over };
}

describe('readPaymentsQuery', () => {
  test('an address with nothing asked for is the first page, largest first', () => {
    expect(readPaymentsQuery('?id=01J')).toEqual({ query: { name: '', kind: '', order: 'largest', page: 1 }, errors: [] });
  });

  test('reads the name trimmed, the kind, the order and the page', () => {
    expect(readPaymentsQuery('?id=01J&name=+okafor+&kind=one_off&order=name&page=3').query).toEqual({ name: 'okafor', kind: 'one_off', order: 'name', page: 3 });
  });

  test('a kind, order or page the list does not have is read as the default, not an error', () => {
    expect(readPaymentsQuery('?kind=cash&order=size&page=0')).toEqual({ query: { name: '', kind: '', order: 'largest', page: 1 }, errors: [] });
    expect(readPaymentsQuery('?page=2.5').query.page).toBe(1);
    expect(readPaymentsQuery('?page=-4').query.page).toBe(1);
  });

  test('a name longer than 100 characters is an error on the name', () => {
    expect(readPaymentsQuery(`?name=${'a'.repeat(100)}`).errors).toEqual([]);
    expect(readPaymentsQuery(`?name=${'a'.repeat(101)}`).errors).toEqual([{ field: 'name', message: 'Enter 100 characters or fewer of the name' }]);
  });
});

describe('runPaymentsPaths', () => {
  const everything = { name: 'Ada O', kind: 'direct_payment', order: 'run', page: 2 };

  test('the API path carries only what differs from the defaults', () => {
    expect(runPaymentsPaths.api('01J', { name: '', kind: '', order: 'largest', page: 1 })).toBe('/api/payment-runs/01J/payments');
    expect(runPaymentsPaths.api('01J', everything)).toBe('/api/payment-runs/01J/payments?name=Ada+O&kind=direct_payment&order=run&page=2');
  });

  test('a page keeps the run and the filters, and lands at the list', () => {
    expect(runPaymentsPaths.page('01J', everything, 5)).toBe('/finance/payment-run?id=01J&name=Ada+O&kind=direct_payment&order=run&page=5#run-payments');
    expect(runPaymentsPaths.page('01J', everything, 1)).toBe('/finance/payment-run?id=01J&name=Ada+O&kind=direct_payment&order=run#run-payments');
    expect(runPaymentsPaths.cleared('01J')).toBe('/finance/payment-run?id=01J#run-payments');
    expect(runPaymentsPaths.csv('01J/')).toBe('/api/payment-runs/01J%2F/payments.csv');
  });
});

describe('the words of the list', () => {
  test('how many are shown, of how many', () => {
    expect(showingWords(page({ payments: [], total: 0 }))).toBe('No payments match');
    expect(showingWords(page({}))).toBe('Showing 1 payment');
    expect(showingWords(page({ payments: Array(50).fill(line), page: 2, pages: 2001, total: 100_000 }))).toBe('Showing 51 to 100 of 100,000 payments');
    expect(showingWords(page({ payments: Array(20).fill(line), page: 3, pages: 3, total: 120 }))).toBe('Showing 101 to 120 of 120 payments');
  });

  test('whether a name or kind narrows the list (the order does not)', () => {
    expect(isFiltered({ name: '', kind: '', order: 'name', page: 4 })).toBe(false);
    expect(isFiltered({ name: 'ada', kind: '', order: 'largest', page: 1 })).toBe(true);
    expect(isFiltered({ name: '', kind: 'one_off', order: 'largest', page: 1 })).toBe(true);
  });

  test('kinds, payees and statuses in words', () => {
    expect(paymentKindWords('managed_budget')).toBe('Managed budget');
    expect(paymentKindWords('contribution')).toBe('Contribution charged');
    expect(paymentKindWords('something_new')).toBe('something new');
    expect(payeeWords('holding_organisation')).toBe('The organisation holding their budget');
    expect(payeeWords('person')).toBe('Owed by them');
    expect(paymentStatusTag('held')).toEqual({ text: 'Held', modifier: 'govuk-tag--orange' });
    expect(paymentStatusTag('paid')).toEqual({ text: 'Paid', modifier: 'govuk-tag--green' });
    expect(paymentStatusTag('to_pay')).toEqual({ text: 'To be paid', modifier: 'govuk-tag--blue' });
  });
});
