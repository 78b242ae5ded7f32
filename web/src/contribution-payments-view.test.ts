import { describe, expect, it } from 'vitest';
import {
  asksIfPaidTwice,
  contributionPaymentBody,
  contributionPaymentsPage,
  contributionPaymentsPath,
  newPaymentKey,
  owedSentence,
  owedWorking,
  paymentRows,
  referenceSentence,
  type ContributionAccount,
} from './contribution-payments-view';

const on = { day: '20', month: '11', year: '2026' };

describe('contributionPaymentBody', () => {
  it('sends the amount in pence, the day and the reference with the form key', () => {
    expect(contributionPaymentBody({ amount: '£1,015.5', paidOn: on, reference: ' BACS 7731 ' }, 'form-1')).toEqual({
      ok: true,
      body: { payment_id: 'form-1', amount_pence: 101550, paid_on: '2026-11-20', reference: 'BACS 7731' },
    });
  });

  it('says what is wrong with each field', () => {
    expect(contributionPaymentBody({ amount: '', paidOn: { day: '', month: '', year: '' }, reference: '' }, 'k')).toEqual({
      ok: false,
      errors: [
        { field: 'amount_pence', message: 'Enter the amount they paid, like 15.00' },
        { field: 'paid_on', message: 'Enter the day they paid' },
      ],
    });
    const bad = contributionPaymentBody({ amount: '12.345', paidOn: { day: '30', month: '2', year: '2026' }, reference: 'r'.repeat(201) }, 'k');
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['amount_pence', 'paid_on', 'reference']);
    const zero = contributionPaymentBody({ amount: '0', paidOn: on, reference: '' }, 'k');
    expect(zero).toEqual({ ok: false, errors: [{ field: 'amount_pence', message: 'Enter an amount of at least 1p' }] });
    const negative = contributionPaymentBody({ amount: '-5', paidOn: on, reference: '' }, 'k');
    expect(negative.ok).toBe(false);
  });
});

describe('a payment like one already recorded', () => {
  it('says they paid twice only when the box is ticked', () => {
    const built = contributionPaymentBody({ amount: '15.00', paidOn: on, reference: '', paidTwice: true }, 'form-2');
    expect(built).toEqual({ ok: true, body: { payment_id: 'form-2', amount_pence: 1500, paid_on: '2026-11-20', reference: '', paid_twice: true } });
    const unticked = contributionPaymentBody({ amount: '15.00', paidOn: on, reference: '', paidTwice: false }, 'form-2');
    expect(unticked.ok && 'paid_twice' in unticked.body).toBe(false);
  });

  it('shows the box when the server asks about it', () => {
    expect(asksIfPaidTwice([{ field: 'paid_twice', message: '£15.00 paid on 20 November 2026 is already recorded.' }])).toBe(true);
    expect(asksIfPaidTwice([{ field: 'amount_pence', message: 'They owe £40.00' }])).toBe(false);
    expect(asksIfPaidTwice([])).toBe(false);
  });
});

describe('the account in words', () => {
  const account: ContributionAccount = {
    person_id: '01JP0000000000000000000001',
    person_name: 'Maya Okafor',
    contribution_reference: 'SD000000010',
    owed_pence: 2500,
    in_credit_pence: 0,
    charged_pence: 4000,
    payments: [
      { payment_id: 'form-2', paid_on: '2026-11-22', amount_pence: 500, reference: '', recorded_at: '2026-11-22T10:00:00.000Z' },
      { payment_id: 'form-1', paid_on: '2026-11-20', amount_pence: 1000, reference: 'BACS 7731', recorded_at: '2026-11-21T10:00:00.000Z' },
    ],
  };

  it('says what is owed and how it comes about', () => {
    expect(owedSentence(account)).toBe('Maya Okafor owes £25.00 towards their contribution.');
    expect(owedSentence({ ...account, owed_pence: 0 })).toBe('Maya Okafor owes nothing towards their contribution.');
    expect(owedWorking(account)).toBe('The payment runs have charged £40.00 and £15.00 has been paid.');
    // More credited back and paid than charged: £30.00 charged, £40.00 paid.
    const credit = { ...account, owed_pence: 0, in_credit_pence: 1000, charged_pence: 3000 };
    expect(owedSentence(credit)).toBe('Maya Okafor is £10.00 in credit towards their contribution.');
    expect(owedWorking(credit)).toBe('The payment runs have charged £30.00 and £40.00 has been paid.');
    expect(referenceSentence(account)).toBe('When they pay by bank transfer, they quote the reference SD000000010, so that a bank file records the payment for them.');
  });

  it('lists the payments newest first as the server sends them', () => {
    expect(paymentRows(account)).toEqual([
      ['22 November 2026', '£5.00', 'None given'],
      ['20 November 2026', '£10.00', 'BACS 7731'],
    ]);
  });

  it('builds the addresses and a key for each new form', () => {
    expect(contributionPaymentsPath('a/b')).toBe('/api/people/a%2Fb/contribution-payments');
    expect(contributionPaymentsPage('01JP')).toBe('/finance/contribution-payments?person=01JP');
    expect(newPaymentKey(() => 'ab-c')).toBe('f-abc');
    // A UUID without its dashes: 34 characters, within the server's 40.
    expect(newPaymentKey()).toMatch(/^f-[0-9a-f]{32}$/);
    expect(newPaymentKey(() => 'x'.repeat(50))).toHaveLength(40);
  });
});
