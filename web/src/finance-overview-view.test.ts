import { describe, expect, it } from 'vitest';
import {
  booksCheckWords,
  type BooksCheck,
  budgetComparison,
  categoryRows,
  chartDescription,
  contributionRows,
  contributionsSummary,
  financeOverviewPaths,
  financialYearOf,
  mechanismRows,
  overviewChart,
  payeeRows,
  percentFromBps,
  poundsShort,
  yearChoices,
  yearFromQuery,
  yearLabel,
  type FinanceOverview,
} from './finance-overview-view';

function overview(over: Partial<FinanceOverview> = {}): FinanceOverview {
  return {
    year: 2026,
    label: '2026-27',
    starts_on: '2026-04-01',
    ends_on: '2027-03-31',
    today: '2026-11-30',
    tense: 'current',
    paid_to: '2026-11-30',
    budgets: 2,
    by_mechanism: [
      { mechanism: 'direct_payment', label: 'Direct payments', committed_pence: 60_000_000, paid_pence: 40_000_000, still_to_pay_pence: 20_000_000, forecast_pence: 60_000_000 },
      { mechanism: 'managed_budget', label: 'Managed budgets', committed_pence: 30_000_000, paid_pence: 10_000_000, still_to_pay_pence: 15_000_000, forecast_pence: 25_000_000 },
      { mechanism: 'council_arranged', label: 'Council-arranged support', committed_pence: 10_000_000, paid_pence: 0, still_to_pay_pence: 5_000_000, forecast_pence: 5_000_000 },
      { mechanism: 'one_off', label: 'One-off items', committed_pence: 0, paid_pence: 0, still_to_pay_pence: 0, forecast_pence: 0 },
    ],
    totals: { committed_pence: 100_000_000, paid_pence: 50_000_000, still_to_pay_pence: 40_000_000, forecast_pence: 90_000_000 },
    council_budget_pence: 120_000_000,
    council_budget: { year: 2026, amount_pence: 120_000_000, updated_at: '2026-11-30T09:00:00.000Z', updated_by: 'Jo Finance' },
    forecast_over_budget_pence: -30_000_000,
    forecast_bps: 7500,
    committed_bps: 8333,
    sentences: ['At this rate the council will spend £900,000 on personal budgets this year, £300,000 less than the £1,200,000 set aside.'],
    spend_by_category: [
      { category: 'plan_item', label: 'Plan items', lines: 10, amount_pence: 90_000, share_bps: 9000 },
      { category: 'cash_withdrawal', label: 'Cash withdrawals', lines: 2, amount_pence: 10_000, share_bps: 1000 },
    ],
    statement_spend_pence: 100_000,
    top_payees: [{ payee: 'SMITHS CARE', lines: 3, amount_pence: 75_000 }],
    top_payees_named: true,
    contributions: { people: 2, total_pence: 16_000, named: true, owed: [{ person_id: 'P1', name: 'Ben Shah', reference: 'SD7K3P9QX2M', owed_pence: 12_000 }, { person_id: 'P2', name: 'Ada Okafor', reference: 'SD0000000001', owed_pence: 4_000 }] },
    may_set_budget: true,
    ...over,
  };
}

describe('finance overview addresses and years', () => {
  it('puts the year in the query, and the budget under it', () => {
    expect(financeOverviewPaths.page()).toBe('/finance/overview');
    expect(financeOverviewPaths.page(2026)).toBe('/finance/overview?year=2026');
    expect(financeOverviewPaths.api(2026)).toBe('/api/finance/overview?year=2026');
    expect(financeOverviewPaths.csv(2026)).toBe('/api/finance/overview.csv?year=2026');
    expect(financeOverviewPaths.budget(2026)).toBe('/api/finance/council-budgets/2026');
  });

  it('reads only a four-digit year from 2000 to 2100 from the address', () => {
    expect(yearFromQuery('?year=2026')).toBe(2026);
    expect(yearFromQuery('')).toBeNull();
    expect(yearFromQuery('?year=26')).toBeNull();
    expect(yearFromQuery('?year=1999')).toBeNull();
    expect(yearFromQuery('?year=2026x')).toBeNull();
  });

  it('labels financial years and finds the one a day is in', () => {
    expect(yearLabel(2026)).toBe('2026-27');
    expect(yearLabel(2099)).toBe('2099-00');
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(financialYearOf('2027-03-31')).toBe(2026);
  });

  it('offers next year, this one and four before it, newest first, with the one shown selected', () => {
    const choices = yearChoices(2026, 2026);
    expect(choices.map((c) => c.value)).toEqual(['2027', '2026', '2025', '2024', '2023', '2022']);
    expect(choices.find((c) => c.selected)?.text).toBe('April 2026 to March 2027 (2026-27)');
    expect(yearChoices(2026, 2015).map((c) => c.value)).toContain('2015');
  });
});

describe('finance overview figures', () => {
  it('writes amounts without pence when there are none, and basis points as a percentage', () => {
    expect(poundsShort(130_000_000)).toBe('£1,300,000');
    expect(poundsShort(130_000_050)).toBe('£1,300,000.50');
    expect(percentFromBps(9777)).toBe('97.7%');
    expect(percentFromBps(10_000)).toBe('100.0%');
    expect(percentFromBps(5)).toBe('0.0%');
  });

  it('has a row for each mechanism and a total', () => {
    const rows = mechanismRows(overview());
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual(['Direct payments', '£600,000.00', '£400,000.00', '£200,000.00', '£600,000.00']);
    expect(rows[4]).toEqual(['Total', '£1,000,000.00', '£500,000.00', '£400,000.00', '£900,000.00']);
  });

  it('compares the forecast with the council’s budget, or says nothing when none is set', () => {
    expect(budgetComparison(overview())).toBe('The forecast is £300,000 under the £1,200,000 set aside (75.0% of it).');
    expect(budgetComparison(overview({ forecast_over_budget_pence: 100, forecast_bps: 10_000 }))).toBe('The forecast is £1 over the £1,200,000 set aside (100.0% of it).');
    expect(budgetComparison(overview({ forecast_over_budget_pence: 0 }))).toBe('The forecast is exactly the £1,200,000 set aside.');
    expect(budgetComparison(overview({ council_budget_pence: null, council_budget: null, forecast_over_budget_pence: null, forecast_bps: null }))).toBeNull();
  });

  it('lists spend, payees and contributions owed', () => {
    const o = overview();
    expect(categoryRows(o)).toEqual([['Plan items', '10', '£900.00', '90.0%'], ['Cash withdrawals', '2', '£100.00', '10.0%']]);
    expect(categoryRows({ ...o, spend_by_category: [{ ...o.spend_by_category[0]!, lines: 5378 }] })[0]?.[1]).toBe('5,378');
    expect(payeeRows(o)).toEqual([['SMITHS CARE', '3', '£750.00']]);
    expect(contributionRows(o)).toEqual([
      { name: 'Ben Shah', reference: 'SD7K3P9QX2M', owed: '£120.00', personId: 'P1' },
      { name: 'Ada Okafor', reference: 'SD0000000001', owed: '£40.00', personId: 'P2' },
    ]);
    expect(contributionsSummary(o)).toBe('2 people owe £160.00 in contributions.');
    expect(contributionsSummary(overview({ contributions: { people: 1, total_pence: 500, named: false, owed: [] } }))).toBe(
      '1 person owes £5.00 in contributions. Their names are shown to finance officers only.',
    );
    expect(contributionsSummary(overview({ contributions: { people: 0, total_pence: 0, named: true, owed: [] } }))).toBe('Nobody owes a contribution.');
  });
});

describe('the overview chart', () => {
  it('stacks each bar by mechanism from the bottom, on a round axis above the budget', () => {
    const g = overviewChart(overview());
    expect(g.bars.map((b) => b.label)).toEqual(['Committed', 'Paid so far', 'Forecast']);
    // The axis runs to £2,000,000: the round top above the £1,200,000 budget.
    expect(g.yTicks.map((t) => t.label)).toEqual(['£0', '£500,000', '£1,000,000', '£1,500,000', '£2,000,000']);
    const committed = g.bars[0]!;
    expect(committed.segments.map((s) => s.mechanism)).toEqual(['direct_payment', 'managed_budget', 'council_arranged']);
    // The first segment sits on the axis; each next one on top of the last.
    expect(committed.segments[0]!.y + committed.segments[0]!.height).toBeCloseTo(g.bottom, 0);
    expect(committed.segments[1]!.y + committed.segments[1]!.height).toBeCloseTo(committed.segments[0]!.y, 0);
    // Heights in proportion: £600,000 is twice £300,000.
    expect(committed.segments[0]!.height).toBeCloseTo(committed.segments[1]!.height * 2, 0);
    expect(committed.total).toBe('£1,000,000');
    expect(g.bars[1]!.segments).toHaveLength(2);  // nothing paid for council-arranged support yet
    expect(g.budgetLine?.label).toBe('Council’s budget £1,200,000');
    expect(g.budgetLine!.y).toBeLessThan(committed.segments[2]!.y);  // above the committed bar
  });

  it('has no budget line when no budget is set, and an axis for an empty year', () => {
    const none = overview({
      council_budget_pence: null,
      council_budget: null,
      forecast_over_budget_pence: null,
      forecast_bps: null,
      by_mechanism: overview().by_mechanism.map((m) => ({ ...m, committed_pence: 0, paid_pence: 0, still_to_pay_pence: 0, forecast_pence: 0 })),
      totals: { committed_pence: 0, paid_pence: 0, still_to_pay_pence: 0, forecast_pence: 0 },
    });
    const g = overviewChart(none);
    expect(g.budgetLine).toBeNull();
    expect(g.bars.every((b) => b.segments.length === 0)).toBe(true);
    expect(g.yTicks[4]!.label).toBe('£10');
    expect(chartDescription(none)).toBe(
      'Committed £0, paid so far £0 and forecast £0, each split by the way the money is paid. No council budget is set for the year, so there is no line for it.',
    );
  });
});

describe('booksCheckWords', () => {
  const balances = (credits: number) => ({ debits_posted_pence: 0, credits_posted_pence: credits, debits_pending_pence: 0, credits_pending_pence: 0 });
  const clean: BooksCheck = { checked_at: '2026-11-24T14:05:00.000Z', accounts: 2134, transfers: 48310, balanced: true, clean: true, mismatches: [], problems: [] };

  it('says the books balance, with how many accounts and transfers', () => {
    expect(booksCheckWords(clean, '14:05')).toEqual({
      clean: true,
      headline: 'The books balance (checked at 14:05).',
      details: ['The balances of all 2,134 accounts equal what their 48,310 transfers add up to, and the money out of accounts equals the money into them.'],
    });
    expect(booksCheckWords({ ...clean, accounts: 1, transfers: 1 }, '9:00').details[0]).toContain('all 1 account equal what their 1 transfer add up to');
  });

  it('names each account whose balances differ from its transfers, and anything else wrong', () => {
    const words = booksCheckWords(
      { ...clean, clean: false, balanced: false, mismatches: [{ account_id: 'A', name: 'Acme Care', stored: balances(12_000), from_transfers: balances(12_500) }], problems: ['transfer x names account y, which does not exist'] },
      '14:05',
    );
    expect(words.clean).toBe(false);
    expect(words.headline).toMatch(/^The books do not balance \(checked at 14:05\)\. Pay nothing more/);
    expect(words.details).toEqual([
      'Acme Care: its money in is recorded as £120.00 but its transfers add up to £125.00.',
      'transfer x names account y, which does not exist',
      'The money out of accounts does not equal the money into them.',
    ]);
  });
});
