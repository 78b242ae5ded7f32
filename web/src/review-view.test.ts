import { describe, expect, test } from 'vitest';
import {
  afterOverdueTag,
  closureBody,
  contributionBody,
  isOverdue,
  nextSteps,
  queueRows,
  reviewActions,
  reviewApiPath,
  reviewBody,
  reviewFieldIds,
  todayIso,
  type ReviewAnswers,
} from './review-view';

const OUTCOMES = [
  { id: 'o1', words: 'Get up and dressed by nine' },
  { id: 'o2', words: 'See my friends at the chess club' },
];

function answers(overrides: Partial<ReviewAnswers> = {}): ReviewAnswers {
  return {
    heldOn: { day: '3', month: '2', year: '2027' },
    reason: 'planned',
    method: 'in_person',
    ratings: { o1: 'achieved', o2: 'partly' },
    views: { o1: ' Much better mornings ', o2: '' },
    personsView: ' Going well ',
    result: 'continue',
    notes: '',
    ...overrides,
  };
}

describe('reviewBody', () => {
  test('an empty form names every missing answer as the server does, one per outcome', () => {
    const built = reviewBody({ heldOn: { day: '', month: '', year: '' }, ratings: {}, views: {}, personsView: '', notes: '' }, OUTCOMES);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((e) => e.field)).toEqual(['held_on', 'reason', 'method', 'outcomes.o1', 'outcomes.o2', 'result']);
    expect(built.errors[0]?.message).toBe('Enter the date of the review');
    expect(built.errors[3]?.message).toBe('Select how far they have got with ‘Get up and dressed by nine’');
  });

  test('a half-typed date says what is missing', () => {
    const built = reviewBody(answers({ heldOn: { day: '3', month: '', year: '2027' } }), OUTCOMES);
    expect(built.ok ? [] : built.errors).toEqual([{ field: 'held_on', message: 'The date of the review must include a month' }]);
  });

  test('a complete form: the date as YYYY-MM-DD, every outcome in the plan’s order, text trimmed', () => {
    const built = reviewBody(answers(), OUTCOMES);
    expect(built).toEqual({
      ok: true,
      body: {
        held_on: '2027-02-03',
        reason: 'planned',
        method: 'in_person',
        outcomes: [
          { outcome: 'o1', rating: 'achieved', persons_view: 'Much better mornings' },
          { outcome: 'o2', rating: 'partly', persons_view: '' },
        ],
        persons_view: 'Going well',
        result: 'continue',
        notes: '',
      },
    });
  });
});

describe('reviewFieldIds', () => {
  test('links the server’s names for an outcome to its rating radios and its view box', () => {
    const ids = reviewFieldIds(OUTCOMES);
    expect(ids['held_on']).toBe('held-on-day');
    expect(ids['outcomes.o2']).toBe('rating-2');
    expect(ids['outcomes[1].rating']).toBe('rating-2');
    expect(ids['outcomes[0].persons_view']).toBe('view-1');
    expect(ids['outcomes']).toBe('rating-1');
    expect(reviewFieldIds([])['outcomes']).toBe('what-next');
    expect(ids['result']).toBe('what-next');
  });
});

describe('nextSteps', () => {
  test('revising links to the plan builder, reassessing to the assessment, carrying on to nothing', () => {
    expect(nextSteps('revise_plan', 'P 1').href).toBe('/person/plan?person=P%201');
    expect(nextSteps('reassess', 'p1').href).toBe('/person/assessment?id=p1');
    expect(nextSteps('reassess', 'p1').text).toMatch(/Only a new assessment/);
    expect(nextSteps('continue', 'p1').href).toBeUndefined();
  });
});

describe('closureBody', () => {
  test('needs a reason and a real date', () => {
    const built = closureBody({ effectiveOn: { day: '31', month: '2', year: '2027' }, words: '' });
    expect(built.ok ? [] : built.errors).toEqual([
      { field: 'reason', message: 'Select why the case is closing' },
      { field: 'effective_on', message: 'The date support ended must be a real date' },
    ]);
  });
  test('a complete form', () => {
    expect(closureBody({ reason: 'moved_away', effectiveOn: { day: '1', month: '12', year: '2026' }, words: ' To Leeds ' })).toEqual({
      ok: true,
      body: { reason: 'moved_away', effective_on: '2026-12-01', words: 'To Leeds' },
    });
  });
});

describe('contributionBody', () => {
  const on = { day: '20', month: '11', year: '2026' };
  test('a financial assessment needs the weekly amount, sent as typed in pounds', () => {
    const missing = contributionBody({ basis: 'financial_assessment', weekly: '', assessedOn: on, notes: '' });
    expect(missing.ok ? [] : missing.errors).toEqual([{ field: 'weekly', message: 'Enter what they pay each week, like 23.50 (0 if nothing)' }]);
    const wrong = contributionBody({ basis: 'financial_assessment', weekly: '23.555', assessedOn: on, notes: '' });
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.field)).toEqual(['weekly']);
    expect(contributionBody({ basis: 'financial_assessment', weekly: '£1,023.50', assessedOn: on, notes: ' x ' })).toEqual({
      ok: true,
      body: { basis: 'financial_assessment', assessed_on: '2026-11-20', notes: 'x', weekly: '1023.50' },
    });
  });
  test('other bases send no amount, whatever was typed in the hidden box', () => {
    expect(contributionBody({ basis: 'not_charged', weekly: 'rubbish', assessedOn: on, notes: '' })).toEqual({
      ok: true,
      body: { basis: 'not_charged', assessed_on: '2026-11-20', notes: '' },
    });
  });
  test('nothing chosen', () => {
    const built = contributionBody({ weekly: '', assessedOn: { day: '', month: '', year: '' }, notes: '' });
    expect(built.ok ? [] : built.errors.map((e) => e.field)).toEqual(['basis', 'assessed_on']);
  });
});

describe('reviewActions', () => {
  const base = { id: 'p1', stage: 'active', closure: null, review_due: '2027-01-18', review_due_words: 'Due in 56 days, on 18 January 2027' };
  test('a budget in place: the next review, record a review, close the case', () => {
    expect(reviewActions(base, '2026-11-23')).toEqual({
      nextReview: 'Due in 56 days, on 18 January 2027',
      overdue: false,
      recordReview: '/person/review?person=p1',
      closeCase: '/person/close?person=p1',
    });
    const late = reviewActions({ ...base, review_due_words: 'Overdue by 1 day (it was due on 18 January 2027)' }, '2027-01-19');
    expect(late.overdue).toBe(true);
    expect(late.nextReview).toBe('by 1 day (it was due on 18 January 2027)');
  });
  test('before a budget is in place there is nothing to review, but the case can close', () => {
    expect(reviewActions({ ...base, stage: 'planning', review_due: null, review_due_words: null }, '2026-11-23')).toEqual({
      nextReview: null,
      overdue: false,
      recordReview: null,
      closeCase: '/person/close?person=p1',
    });
  });
  test('a closed case offers nothing', () => {
    const closed = { ...base, stage: 'closed', closure: { reason: 'died', reason_label: 'The person died', effective_on: '2026-11-20', words: '' } };
    expect(reviewActions(closed, '2026-11-23')).toEqual({ nextReview: null, overdue: false, recordReview: null, closeCase: null });
  });
});

describe('queues', () => {
  test('rows say when each review is due and link to the review form', () => {
    const rows = queueRows(
      [
        { id: 'a', full_name: 'Ann', review_due: '2026-11-20', review_due_words: 'Overdue by 3 days (it was due on 20 November 2026)' },
        { id: 'b', full_name: 'Bo', review_due: '2026-12-01', review_due_words: null },
      ],
      '2026-11-23',
    );
    expect(rows).toEqual([
      { id: 'a', name: 'Ann', due: 'by 3 days (it was due on 20 November 2026)', overdue: true, href: '/person/review?person=a' },
      { id: 'b', name: 'Bo', due: '1 December 2026', overdue: false, href: '/person/review?person=b' },
    ]);
  });
  test('afterOverdueTag: the tag says "Overdue", the words go on from it', () => {
    expect(afterOverdueTag('Overdue by 5 days (it was due on 1 February 2027)')).toBe('by 5 days (it was due on 1 February 2027)');
    expect(afterOverdueTag('Due today')).toBe('Due today');
  });
  test('isOverdue: the day it is due is not overdue', () => {
    expect(isOverdue('2026-11-23', '2026-11-23')).toBe(false);
    expect(isOverdue('2026-11-22', '2026-11-23')).toBe(true);
    expect(isOverdue(null, '2026-11-23')).toBe(false);
  });
  test('the queue address carries the next page’s key', () => {
    expect(reviewApiPath.queue('reviews-due')).toBe('/api/queues/reviews-due');
    expect(reviewApiPath.queue('overdue-reviews', '2026-11-20/01J')).toBe('/api/queues/overdue-reviews?after=2026-11-20%2F01J');
  });
  test('todayIso is the local date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
