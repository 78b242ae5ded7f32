import { describe, expect, test } from 'vitest';
import {
  budgetPaths,
  newestReviewsFirst,
  nextReview,
  personHomePath,
  ratingTagClass,
  routeRows,
  statementRows,
  whatHappensNext,
  yearAndWeekWords,
  type BudgetStatement,
} from './budget-view';

const statement: BudgetStatement = {
  from: '2026-11-23',
  to: '2027-11-22',
  period_words: '23 November 2026 to 22 November 2027',
  contribution_assessed: true,
  contribution_basis: 'assessed',
  contribution_basis_label: 'Financial assessment',
  cost_annual_pence: 1508000,
  cost_annual: '£15,080.00',
  cost_weekly_pence: 29000,
  cost_weekly: '£290.00',
  contribution_annual_pence: 260000,
  contribution_annual: '£2,600.00',
  contribution_weekly_pence: 5000,
  contribution_weekly: '£50.00',
  council_annual_pence: 1248000,
  council_annual: '£12,480.00',
  council_weekly_pence: 24000,
  council_weekly: '£240.00',
  indicative_annual_pence: 1244100,
  indicative_annual: '£12,441.00',
  by_route: [
    { code: 'direct_payment', label: 'Direct payment', annual_pence: 1040000, annual: '£10,400.00' },
    { code: 'managed', label: 'Managed budget', annual_pence: 468000, annual: '£4,680.00' },
  ],
  sentences: ['Your personal budget is £15,080.00 a year (£290.00 a week), from 23 November 2026 to 22 November 2027.'],
};

describe('statementRows', () => {
  test('speaks to the person about their own budget', () => {
    expect(statementRows(statement, 'self')).toEqual([
      ['The cost of meeting your needs', '£15,080.00 a year (£290.00 a week)'],
      ['What you pay towards it', '£2,600.00 a year (£50.00 a week)'],
      ['What the council pays', '£12,480.00 a year (£240.00 a week)'],
      ['The period', '23 November 2026 to 22 November 2027'],
    ]);
  });

  test('speaks about the person to anyone else', () => {
    const rows = statementRows(statement, 'other');
    expect(rows[0]?.[0]).toBe('The cost of meeting their needs');
    expect(rows[1]?.[0]).toBe('What they pay towards it');
  });

  test('says plainly when the contribution has not been worked out, rather than showing £0.00', () => {
    const rows = statementRows({ ...statement, contribution_assessed: false, contribution_annual: '£0.00', contribution_weekly: '£0.00' }, 'self');
    expect(rows[1]).toEqual(['What you pay towards it', 'Not worked out yet: the council will do a financial assessment']);
  });
});

describe('money and routes', () => {
  test('a year and a week', () => {
    expect(yearAndWeekWords('£1.00', '£0.02')).toBe('£1.00 a year (£0.02 a week)');
  });

  test('how the plan spends it, in the server’s order', () => {
    expect(routeRows(statement)).toEqual([['Direct payment', '£10,400.00'], ['Managed budget', '£4,680.00']]);
    expect(routeRows({ by_route: [] })).toEqual([]);
  });
});

describe('reviews', () => {
  test('the next review keeps its words and whether it is overdue; none is null', () => {
    expect(nextReview(null)).toBeNull();
    expect(nextReview({ due: '2026-10-01', kind: 'annual', why: 'A year after the plan', words: 'Overdue by 5 days (it was due on 1 October 2026)', overdue: true }))
      .toEqual({ words: 'Overdue by 5 days (it was due on 1 October 2026)', why: 'A year after the plan', overdue: true });
  });

  test('each rating has its own colour; an unknown one is grey', () => {
    expect(ratingTagClass('achieved')).toBe('govuk-tag--green');
    expect(ratingTagClass('partly')).toBe('govuk-tag--yellow');
    expect(ratingTagClass('not_yet')).toBe('govuk-tag--orange');
    expect(ratingTagClass('something-new')).toBe('govuk-tag--grey');
  });

  test('past reviews newest first, by the day held and then when recorded', () => {
    const reviews = [
      { id: 'a', held_on: '2026-01-10', recorded_at: '2026-01-10T10:00:00Z' },
      { id: 'b', held_on: '2026-06-01', recorded_at: '2026-06-02T09:00:00Z' },
      { id: 'c', held_on: '2026-06-01', recorded_at: '2026-06-03T09:00:00Z' },
    ];
    expect(newestReviewsFirst(reviews).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(reviews.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('whatHappensNext', () => {
  test('during the assessment', () => {
    expect(whatHappensNext({ stage: 'assessment' }, 'self')).toMatch(/^The council is finding out what help you need\./);
    expect(whatHappensNext({ stage: 'contact' }, 'other')).toMatch(/what help they need/);
  });

  test('planning: no plan yet, or a draft being written, or one sent back', () => {
    expect(whatHappensNext({ stage: 'planning', plans: [] }, 'self')).toMatch(/^Your indicative budget has been worked out\. The next step is a support plan: what you want/);
    expect(whatHappensNext({ stage: 'planning', plans: [{ version: 1, status: 'draft' }] }, 'self')).toMatch(/^Your support plan is being written \(version 1\)\./);
    expect(whatHappensNext({ stage: 'planning', plans: [{ version: 2, status: 'returned' }] }, 'other')).toMatch(/^Their support plan is being written \(version 2, sent back for changes\)\./);
  });

  test('waiting for sign-off, not eligible, closed', () => {
    expect(whatHappensNext({ stage: 'awaiting-sign-off' }, 'self')).toBe('Your support plan has been sent to the council to be agreed. Once it is agreed, the budget statement will be here.');
    expect(whatHappensNext({ stage: 'not-eligible' }, 'self')).toMatch(/no personal budget/);
    expect(whatHappensNext({ stage: 'closed', closure: { words: 'They moved to another council.' } }, 'other')).toBe('Their case has been closed: They moved to another council.');
    expect(whatHappensNext({ stage: 'closed', closure: null }, 'self')).toBe('Your case has been closed, so there is no personal budget.');
  });

  test('any other stage still says something plain', () => {
    expect(whatHappensNext({ stage: 'active' }, 'self')).toMatch(/^There is no personal budget in place for you yet\./);
  });
});

describe('paths', () => {
  test('the page, the API and the PDF, with the id escaped', () => {
    expect(budgetPaths.page('01J')).toBe('/person/budget?person=01J');
    expect(budgetPaths.api('a/b')).toBe('/api/people/a%2Fb/budget');
    expect(budgetPaths.pdf('01J')).toBe('/api/people/01J/budget/statement.pdf');
  });

  test('where "back" goes: the person to their record, a social worker to the full record, anyone else to the budget page', () => {
    expect(personHomePath(['budget-holder'], 'P1', 'P1')).toEqual({ href: '/my-record', text: 'Back to your record' });
    expect(personHomePath(['assessor'], 'P1', null)).toEqual({ href: '/person?id=P1', text: 'Back to the person’s record' });
    expect(personHomePath(['representative', 'support-planner'], 'P1', null)).toEqual({ href: '/person/budget?person=P1', text: 'Back to their plan and budget' });
    expect(personHomePath(['budget-holder', 'representative'], 'P2', 'P1').href).toBe('/person/budget?person=P2');
  });
});
