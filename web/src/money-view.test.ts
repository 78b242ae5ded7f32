import { describe, expect, test } from 'vitest';
import { burnDownChart, chartRows, chartSummary, contributionSentence, lineRows, moneyPaths, niceMax, pageFromQuery, upcomingRows, type BurnDownPoint } from './money-view';

const points: BurnDownPoint[] = [
  { on: '2026-11-22', planned_spend_pence: 2857, spent_pence: 0, paid_in_pence: 80000, balance_pence: 80000 },
  { on: '2026-11-29', planned_spend_pence: 22857, spent_pence: 0, paid_in_pence: 80000, balance_pence: 80000 },
  { on: '2026-12-02', planned_spend_pence: 31428, spent_pence: 30000, paid_in_pence: 80000, balance_pence: 50000 },
];

describe('moneyPaths', () => {
  test('the page, the API with a page, and the spreadsheet', () => {
    expect(moneyPaths.page('01J&X')).toBe('/my-money?person=01J%26X');
    expect(moneyPaths.page('P', 2)).toBe('/my-money?person=P&page=2');
    expect(moneyPaths.api('P')).toBe('/api/people/P/money');
    expect(moneyPaths.api('P', 3)).toBe('/api/people/P/money?page=3');
    expect(moneyPaths.csv('P')).toBe('/api/people/P/money.csv');
  });

  test('a page number is a whole number from 1, else the first page', () => {
    expect(pageFromQuery('?person=P&page=4')).toBe(4);
    expect(pageFromQuery('?person=P')).toBe(1);
    expect(pageFromQuery('?page=0')).toBe(1);
    expect(pageFromQuery('?page=-2')).toBe(1);
    expect(pageFromQuery('?page=2.5')).toBe(1);
    expect(pageFromQuery('?page=9999999')).toBe(1);
  });
});

describe('rows', () => {
  test('money in and out in words, blank where nothing moved', () => {
    expect(
      lineRows([
        { id: 'a', on: '2026-12-02', description: 'Spent: Smith’s Care', money_in_pence: 0, money_out_pence: 30000, balance_pence: 50000 },
        { id: 'b', on: '2026-11-22', description: 'Payment from the council', money_in_pence: 80000, money_out_pence: 0, balance_pence: 80000 },
      ]),
    ).toEqual([
      ['2 December 2026', 'Spent: Smith’s Care', '', '£300.00', '£500.00'],
      ['22 November 2026', 'Payment from the council', '£800.00', '', '£800.00'],
    ]);
  });

  test('the payments coming', () => {
    expect(upcomingRows([{ on: '2026-12-20', covers_from: '2026-12-20', covers_to: '2027-01-16', amount_pence: 80000, description: 'For 20 December 2026 to 16 January 2027' }])).toEqual([
      ['20 December 2026', '£800.00', 'For 20 December 2026 to 16 January 2027'],
    ]);
  });

  test('the chart as a table', () => {
    expect(chartRows(points)[2]).toEqual(['2 December 2026', '£314.28', '£300.00', '£500.00']);
  });
});

describe('chartSummary', () => {
  test('says how spending compares with the plan', () => {
    expect(chartSummary(points)).toBe('From 22 November 2026 to 2 December 2026 you spent £300.00: £14.28 less than your plan expected (£314.28).');
    expect(chartSummary([{ ...points[0]!, spent_pence: 5000 }])).toBe(
      'On 22 November 2026 you spent £50.00: £21.43 more than your plan expected (£28.57).',
    );
    expect(chartSummary([{ ...points[0]!, spent_pence: 2857 }])).toContain('exactly what your plan expected');
    expect(chartSummary([])).toBe('Nothing has been paid in or spent yet.');
    // Staff looking at someone's money read about them, not about themselves.
    expect(chartSummary(points, false)).toBe('From 22 November 2026 to 2 December 2026 they spent £300.00: £14.28 less than the plan expected (£314.28).');
  });
});

describe('burnDownChart', () => {
  test('a round top for the money axis', () => {
    expect(niceMax(0)).toBe(1000);
    expect(niceMax(31428)).toBe(50000);
    expect(niceMax(100000)).toBe(100000);
    expect(niceMax(100001)).toBe(200000);
  });

  test('x by day from the first point to the last, y from 0 at the bottom to the top', () => {
    const g = burnDownChart(points, 640, 320);
    // 10 days across 80..570; £500.00 at the top (20), £0 at the bottom (280).
    expect(g.spent).toBe('80,280 423,280 570,124');
    expect(g.plan.split(' ')[0]).toBe('80,265.1');
    expect(g.yTicks.map((t) => t.label)).toEqual(['£0.00', '£125.00', '£250.00', '£375.00', '£500.00']);
    expect(g.yTicks[4]!.y).toBe(20);
    expect(g.firstDate).toBe('22 November 2026');
    expect(g.lastDate).toBe('2 December 2026');
  });

  test('labels at the ends of lines that meet are kept apart', () => {
    const g = burnDownChart([{ ...points[0]!, spent_pence: 2857 }]);
    expect(g.planEnd).toEqual(g.spentEnd);
    expect(Math.abs(g.planLabelY - g.spentLabelY)).toBeGreaterThanOrEqual(16);
  });

  test('no points draws nothing', () => {
    const g = burnDownChart([]);
    expect(g.plan).toBe('');
    expect(g.spent).toBe('');
  });
});

describe('contributionSentence', () => {
  test('what they owe the council, that they are up to date, or nothing when it is not collected separately', () => {
    expect(contributionSentence({ contribution_owed_pence: 2500 })).toBe(
      'You owe the council £25.00 towards your contribution. It is not taken from this account: you pay it to the council.',
    );
    expect(contributionSentence({ contribution_owed_pence: 2500 }, false)).toBe(
      'They owe the council £25.00 towards their contribution. It is not taken from this account: they pay it to the council.',
    );
    expect(contributionSentence({ contribution_owed_pence: 0 })).toBe('You have paid your contribution so far: you owe the council nothing.');
    expect(contributionSentence({ contribution_owed_pence: 0 }, false)).toBe('They have paid their contribution so far: they owe the council nothing.');
    expect(contributionSentence({ contribution_owed_pence: null })).toBeNull();
  });

  test('names the reference to quote when paying', () => {
    expect(contributionSentence({ contribution_owed_pence: 2500, contribution_reference: 'SD7K3P9QX2M' })).toBe(
      'You owe the council £25.00 towards your contribution. It is not taken from this account: you pay it to the council, quoting the reference SD7K3P9QX2M.',
    );
    expect(contributionSentence({ contribution_owed_pence: 0, contribution_reference: 'SD7K3P9QX2M' })).toBe('You have paid your contribution so far: you owe the council nothing.');
  });
});
