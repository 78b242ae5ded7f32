import { describe, expect, it } from 'vitest';
import {
  categoryText,
  changeableLines,
  choicesFor,
  flagText,
  importErrorModel,
  importProblems,
  lineText,
  recategoriseBody,
  reconciliationApiPath,
  reconciliationRows,
  reconciliationSummary,
  statementsApiPath,
  statementsPagePath,
  type StatementLine,
} from './statements-view';

function line(row: number, amount: number, category: string, extra: Partial<StatementLine> = {}): StatementLine {
  return {
    row, line: row, date: '2026-11-12', payee: 'HMRC PAYE', amount_pence: amount,
    amount: `${amount < 0 ? '-' : ''}£${(Math.abs(amount) / 100).toFixed(2)}`, reference: '', description: '',
    balance_pence: null, card: '', category, plan_item: null, reason: '', needs_review: category === 'unknown_payee',
    recategorised: false, note: '', recategorised_at: null, recategorised_by: '', transfer_id: null, ...extra,
  };
}

const items = [
  { index: 0, what: 'Help to get up and dressed', supplier_name: 'Jade Okafor' },
  { index: 1, what: 'A gym pass', supplier_name: '' },
];

describe('statement lines in words', () => {
  it('names the category and the plan item', () => {
    expect(categoryText(line(3, -31250, 'plan_item', { plan_item: 0 }), items)).toBe('Plan item: Help to get up and dressed (Jade Okafor)');
    expect(categoryText(line(4, -2499, 'plan_item', { plan_item: 1 }), items)).toBe('Plan item: A gym pass');
    expect(categoryText(line(8, -6120, 'unknown_payee'), items)).toBe('Unknown payee');
    expect(lineText(line(8, -6120, 'unknown_payee'))).toBe('Row 8: 12 November 2026, HMRC PAYE, -£61.20');
  });

  it('flags unknown payees and unknown money in, and nothing else', () => {
    expect(flagText(line(8, -6120, 'unknown_payee'))).toBe('Unknown payee');
    expect(flagText(line(9, 5000, 'other_money_in', { needs_review: true }))).toBe('Check who sent this');
    expect(flagText(line(3, -31250, 'plan_item'))).toBe('');
  });
});

describe('what a line may be changed to', () => {
  it('offers spending for money out, a top-up or refund for money in, and nothing for council payments or £0', () => {
    expect(choicesFor(line(8, -6120, 'unknown_payee')).map((c) => c.value)).toEqual(['plan_item', 'cash_withdrawal', 'bank_charge', 'not_in_plan']);
    expect(choicesFor(line(9, 5000, 'top_up')).map((c) => c.value)).toEqual(['top_up', 'refund']);
    expect(choicesFor(line(2, 225000, 'council_payment'))).toEqual([]);
    expect(choicesFor(line(5, 0, 'no_money_moved'))).toEqual([]);
    expect(changeableLines([line(2, 225000, 'council_payment'), line(8, -6120, 'unknown_payee')]).map((l) => l.row)).toEqual([8]);
  });
});

describe('recategoriseBody', () => {
  const lines = [line(8, -6120, 'unknown_payee'), line(9, 5000, 'top_up')];

  it('builds the request for a line spent on a plan item', () => {
    expect(recategoriseBody({ row: '8', category: 'plan_item', planItem: '0', note: ' Jade’s tax ' }, lines)).toEqual({
      ok: true,
      body: { changes: [{ row: 8, category: 'plan_item', plan_item: 0, note: 'Jade’s tax' }] },
    });
  });

  it('names every problem at once', () => {
    const built = recategoriseBody({ row: '', category: undefined, planItem: '', note: 'x'.repeat(501) }, lines);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((e) => e.field)).toEqual(['changes[0].row', 'changes[0].category', 'changes[0].note']);
  });

  it('refuses a money-in category for money out, and a plan item that does not belong', () => {
    const built = recategoriseBody({ row: '8', category: 'top_up', planItem: '1', note: '' }, lines);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual([
      { field: 'changes[0].category', message: 'Money went out on this line: choose what it was spent on' },
      { field: 'changes[0].plan_item', message: 'Only spending on a plan item or money back has a plan item: choose “None”' },
    ]);
    const missing = recategoriseBody({ row: '8', category: 'plan_item', planItem: '', note: '' }, lines);
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual(['changes[0].plan_item']);
  });
});

describe('paths', () => {
  it('escapes ids and format names', () => {
    expect(statementsApiPath.importInto('01JD', 'Northern Bank')).toBe('/api/ledger/accounts/01JD/statements?format=Northern%20Bank');
    expect(statementsApiPath.categories('01JD')).toBe('/api/statements/01JD/categories');
    expect(statementsPagePath({ account: '01JD' })).toBe('/finance/statements?account=01JD');
    expect(statementsPagePath()).toBe('/finance/statements');
  });
});

describe('a refused import', () => {
  it('sums up, then lists every bad row, each linked to the file', () => {
    const model = importErrorModel({
      title: 'Check the information you sent',
      detail: 'The statement has 2 problems; nothing was imported. Put them all right and import the file again',
      errors: [
        { field: 'rows[3].date', message: 'row 3, column "Date": 31/11/2026 is not a real date' },
        { field: 'rows[4].amount', message: 'row 4, column "Amount": -48x.00 is not an amount' },
      ],
    });
    expect(model.items.map((i) => i.text)).toEqual([
      'The statement has 2 problems; nothing was imported. Put them all right and import the file again',
      'row 3, column "Date": 31/11/2026 is not a real date',
      'row 4, column "Amount": -48x.00 is not an amount',
    ]);
    expect(model.items.every((i) => i.href === '#statement-file')).toBe(true);
    expect(model.fields.get('statement-file')).toMatch(/^The statement has 2 problems/);
  });

  it('links account and format problems to their fields, and a repeat import to the file', () => {
    const model = importErrorModel({ title: 't', detail: 'd', errors: [{ field: 'format', message: 'Choose a format' }, { field: 'file', message: 'Already imported' }] });
    expect(model.items).toEqual([{ text: 'Choose a format', href: '#format' }, { text: 'Already imported', href: '#statement-file' }]);
  });

  it('checks the form before sending', () => {
    expect(importProblems({ account: '', format: '', hasFile: false }).map((e) => e.field)).toEqual(['account', 'format', 'file']);
    expect(importProblems({ account: '01JD0000000000000000ACCT01', format: 'Bank', hasFile: true })).toEqual([]);
  });
});

describe('reconciling an account', () => {
  const payment = (id: string, on: string, pence: number) => ({ transfer_id: id, on, amount_pence: pence, amount: `£${(pence / 100).toFixed(2)}`, reference: 'payment run' });
  const arrival = (row: number, on: string, pence: number) => ({ import_id: 'I', row, on, amount_pence: pence, amount: `£${(pence / 100).toFixed(2)}`, payee: 'COUNCIL DP' });
  const base = {
    covers_from: '2026-11-01', covers_to: '2026-11-30', tolerance_days: 5, clean: false,
    paid_total_pence: 0, arrived_total_pence: 0, matched_total_pence: 0,
    matched: [{ payment: payment('dp:1', '2026-11-02', 80000), arrival: arrival(2, '2026-11-03', 80000), days: 1 }],
    not_arrived: [payment('dp:2', '2026-11-16', 5000)],
    not_covered: [payment('dp:0', '2026-10-05', 80000)],
    not_paid: [arrival(9, '2026-11-20', 2500)],
  };

  it('lists every payment and arrival oldest first, the problems tagged', () => {
    const rows = reconciliationRows(base);
    expect(rows.map((r) => [r.paid, r.arrived, r.amount, r.status, r.tag])).toEqual([
      ['5 October 2026', 'No statement covers this yet', '£800.00', 'Not covered', 'grey'],
      ['2 November 2026', '3 November 2026 (row 2)', '£800.00', 'Arrived', 'green'],
      ['16 November 2026', 'Not on the statements', '£50.00', 'Not shown arriving', 'red'],
      ['Not in the books', '20 November 2026 (row 9)', '£25.00', 'Not paid through selfdirect', 'red'],
    ]);
  });

  it('sums it up in words', () => {
    expect(reconciliationSummary(base)).toBe(
      'The statements cover 1 November 2026 to 30 November 2026. 1 payment from the council was shown arriving within 5 days. '
      + '1 payment is not shown arriving; 1 amount arrived that the books do not have: check them with the bank statement and the payment runs.',
    );
    expect(reconciliationSummary({ ...base, clean: true, not_arrived: [], not_paid: [] })).toBe(
      'The statements cover 1 November 2026 to 30 November 2026. 1 payment from the council was shown arriving within 5 days. Nothing is missing.',
    );
    expect(reconciliationSummary({ ...base, covers_from: null, covers_to: null })).toMatch(/^No statement has been imported/);
    expect(reconciliationApiPath('01J')).toBe('/api/ledger/accounts/01J/reconciliation');
  });
});
