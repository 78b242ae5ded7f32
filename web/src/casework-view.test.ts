import { describe, expect, test } from 'vitest';
import {
  caseTasks,
  caseworkApiPath,
  dateFromParts,
  dateInWords,
  eligibilityBody,
  eligibilityFieldIds,
  indicativeBudget,
  readOnlyTasks,
  stageTag,
  taskStatusClass,
  type EligibilityAnswers,
} from './casework-view';

describe('stageTag', () => {
  test('uses the server’s label and a colour for the stage', () => {
    expect(stageTag('assessment', 'Assessment')).toEqual({ text: 'Assessment', modifier: 'govuk-tag--blue' });
    expect(stageTag('active', 'Budget in place')).toEqual({ text: 'Budget in place', modifier: 'govuk-tag--green' });
    expect(stageTag('not-eligible', '').modifier).toBe('govuk-tag--red');
  });
  test('makes a stage readable when there is no label, and an unknown stage grey', () => {
    expect(stageTag('awaiting-sign-off')).toEqual({ text: 'Awaiting sign off', modifier: 'govuk-tag--yellow' });
    expect(stageTag('something-new').modifier).toBe('govuk-tag--grey');
  });
});

describe('dateFromParts', () => {
  test('a real date as YYYY-MM-DD', () => {
    expect(dateFromParts('1', '4', '1950')).toEqual({ ok: true, date: '1950-04-01' });
    expect(dateFromParts(' 29 ', '02', '2024')).toEqual({ ok: true, date: '2024-02-29' });
  });
  test('says what is missing or wrong, naming the date', () => {
    expect(dateFromParts('', '', '', 'date of birth')).toEqual({ ok: false, message: 'Enter the date of birth' });
    expect(dateFromParts('1', '', '', 'date of birth')).toEqual({ ok: false, message: 'The date of birth must include a month and a year' });
    expect(dateFromParts('29', '2', '2023')).toEqual({ ok: false, message: 'The date must be a real date' });
    expect(dateFromParts('1', '13', '2000')).toEqual({ ok: false, message: 'The date must be a real date' });
    expect(dateFromParts('a', '1', '2000').ok).toBe(false);
    expect(dateFromParts('1', '1', '50').ok).toBe(false);
  });
});

test('dateInWords', () => {
  expect(dateInWords('1950-04-01')).toBe('1 April 1950');
  expect(dateInWords('2026-11-23T10:00:00Z')).toBe('23 November 2026');
  expect(dateInWords('soon')).toBe('soon');
});

describe('caseTasks', () => {
  const base = { id: 'p/1', stage: 'contact', eligibility: null, assessment: null, has_active_plan: false };
  test('a new case: eligibility first, the rest cannot start yet', () => {
    expect(caseTasks(base).map((t) => [t.status, t.href ?? null])).toEqual([
      ['Not yet started', '/person/eligibility?id=p%2F1'],
      ['Cannot start yet', null],
      ['Cannot start yet', null],
    ]);
    expect(caseTasks(base)[1]?.hint).toBe('Decide eligibility first');
  });
  test('eligible: the assessment can start', () => {
    const eligibility = { eligible: true } as never;
    expect(caseTasks({ ...base, eligibility }).map((t) => t.status)).toEqual(['Completed', 'Not yet started', 'Cannot start yet']);
  });
  test('not eligible: no assessment', () => {
    const eligibility = { eligible: false } as never;
    const tasks = caseTasks({ ...base, eligibility });
    expect(tasks[1]).toMatchObject({ status: 'Not eligible' });
    expect(tasks[1]?.href).toBeUndefined();
  });
  test('assessed', () => {
    const tasks = caseTasks({ ...base, eligibility: { eligible: true } as never, assessment: {} as never });
    expect(tasks.map((t) => t.status)).toEqual(['Completed', 'Completed', 'Cannot start yet']);
  });
  test('read only (an approver, the safeguarding lead): the same statuses, no links', () => {
    const tasks = caseTasks({ ...base, stage: 'planning', eligibility: { eligible: true } as never, assessment: {} as never });
    const read = readOnlyTasks(tasks);
    expect(read.map((t) => t.status)).toEqual(tasks.map((t) => t.status));
    expect(read.map((t) => t.hint)).toEqual(tasks.map((t) => t.hint));
    expect(read.every((t) => !('href' in t))).toBe(true);
    expect(tasks[0]?.href).toBe('/person/eligibility?id=p%2F1');
  });
  test('planning: the plan can be written, in the builder', () => {
    const tasks = caseTasks({ ...base, stage: 'planning', eligibility: { eligible: true } as never, assessment: {} as never });
    expect(tasks[2]).toMatchObject({ status: 'Not yet started', href: '/person/plan?person=p%2F1' });
  });
  test('waiting for sign-off, then agreed', () => {
    const assessed = { ...base, eligibility: { eligible: true } as never, assessment: {} as never };
    expect(caseTasks({ ...assessed, stage: 'awaiting-sign-off' })[2]).toMatchObject({ status: 'Waiting for sign-off' });
    expect(caseTasks({ ...assessed, stage: 'awaiting-sign-off' })[2]?.href).toBeUndefined();
    expect(caseTasks({ ...assessed, stage: 'active', has_active_plan: true })[2]).toMatchObject({ status: 'Completed', href: '/person/plan?person=p%2F1' });
  });
  test('a closed case: no plan can be written', () => {
    const closed = caseTasks({ ...base, stage: 'closed', eligibility: { eligible: true } as never, assessment: {} as never });
    expect(closed[2]).toEqual({ name: 'Agree a support plan', status: 'Case closed' });
    expect(taskStatusClass('Case closed')).toBe('govuk-tag--grey');
  });
});

test('taskStatusClass', () => {
  expect(taskStatusClass('Completed')).toBe('');
  expect(taskStatusClass('Not yet started')).toBe('govuk-tag--blue');
  expect(taskStatusClass('Not eligible')).toBe('govuk-tag--red');
  expect(taskStatusClass('Waiting for sign-off')).toBe('govuk-tag--yellow');
});

test('indicativeBudget', () => {
  expect(indicativeBudget({ amount_pence: 23925, period: 'weekly' })).toBe('£239.25 a week');
  expect(indicativeBudget({ amount_pence: 1244100, period: 'annual' })).toBe('£12,441.00 a year');
});

test('caseworkApiPath escapes ids', () => {
  expect(caseworkApiPath.eligibility('a/b')).toBe('/api/people/a%2Fb/eligibility');
});

describe('eligibilityBody', () => {
  const labels = new Map([['hygiene', 'Maintaining personal hygiene'], ['nutrition', 'Managing and maintaining nutrition']]);
  const answers: EligibilityAnswers = {
    kind: 'adult',
    fromCondition: 'yes',
    wellbeing: 'yes',
    wellbeingNotes: ' Low mood ',
    summary: '',
    outcomes: [
      { outcome: 'hygiene', achieved: 'no', reason: 'without_assistance', notes: '' },
      { outcome: 'nutrition', achieved: 'yes', reason: 'ignored', notes: 'Fine' },
    ],
  };
  test('reads the answers into the request', () => {
    expect(eligibilityBody(answers, labels)).toEqual({
      ok: true,
      body: {
        kind: 'adult',
        needs_arise_from_condition: true,
        significant_impact_on_wellbeing: true,
        wellbeing_notes: 'Low mood',
        summary: '',
        outcomes: [
          { outcome: 'hygiene', achieved: false, reason: 'without_assistance', notes: '' },
          { outcome: 'nutrition', achieved: true, notes: 'Fine' },
        ],
      },
    });
  });
  test('a carer is asked about their health too', () => {
    const result = eligibilityBody({ ...answers, kind: 'carer', healthDeteriorating: 'no' }, labels);
    expect(result.ok && result.body['health_deteriorating']).toBe(false);
    const missing = eligibilityBody({ ...answers, kind: 'carer' }, labels);
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual(['health_deteriorating']);
  });
  test('missing answers and reasons, by the server’s field names', () => {
    const result = eligibilityBody(
      { ...answers, fromCondition: undefined, wellbeing: undefined, outcomes: [{ outcome: 'hygiene', achieved: 'no', notes: '' }, { outcome: 'nutrition', notes: '' }] },
      labels,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'needs_arise_from_condition', message: 'Select whether their needs arise from a physical or mental impairment or illness' },
        { field: 'outcomes.hygiene.reason', message: 'Select why they cannot achieve ‘Maintaining personal hygiene’' },
        { field: 'outcomes.nutrition', message: 'Select whether they can achieve ‘Managing and maintaining nutrition’' },
        { field: 'significant_impact_on_wellbeing', message: 'Select whether there is a significant impact on their wellbeing' },
      ],
    });
  });
  test('field ids for the server’s fields', () => {
    const ids = eligibilityFieldIds([{ code: 'hygiene', label: 'x' }]);
    expect(ids['outcomes.hygiene']).toBe('outcome-hygiene');
    expect(ids['outcomes[0].reason']).toBe('reason-hygiene');
    expect(ids['outcomes.hygiene.reason']).toBe('reason-hygiene');
  });
});
