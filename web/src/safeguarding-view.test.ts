import { describe, expect, test } from 'vitest';
import {
  aboutWhom,
  concernPagePath,
  enquiryBody,
  nextStep,
  raiseBody,
  raisePagePath,
  riskTag,
  safeguardingApiPath,
  statusTag,
} from './safeguarding-view';

describe('nextStep', () => {
  test('follows the concern through triage, enquiry and closure', () => {
    expect(nextStep({ status: 'raised', triage: null })).toBe('triage');
    const s42 = { decision: 'section_42_enquiry', decision_label: '', reasons: '', at: '', by: '' };
    expect(nextStep({ status: 'triaged', triage: s42 })).toBe('enquiry');
    expect(nextStep({ status: 'triaged', triage: { ...s42, decision: 'other_action' } })).toBe('other-action');
    expect(nextStep({ status: 'enquiry', triage: s42 })).toBe('close');
    expect(nextStep({ status: 'closed', triage: s42 })).toBeNull();
  });
});

describe('tags', () => {
  test('immediate risk is red; no risk has no tag', () => {
    expect(riskTag({ immediate_risk: true })).toEqual({ text: 'Immediate risk', modifier: 'govuk-tag--red' });
    expect(riskTag({ immediate_risk: false })).toBeNull();
  });
  test('each status has its own colour', () => {
    expect(statusTag('raised', 'Waiting for triage').modifier).toBe('govuk-tag--yellow');
    expect(statusTag('closed', 'Closed')).toEqual({ text: 'Closed', modifier: 'govuk-tag--grey' });
  });
});

describe('raiseBody', () => {
  test('turns the risk answer into true or false', () => {
    expect(raiseBody({ category: 'financial', whatHappened: 'x', immediateRisk: 'yes', personsWishes: '', provider: '' }))
      .toEqual({ category: 'financial', what_happened: 'x', immediate_risk: true, persons_wishes: '', provider: '' });
    expect(raiseBody({ whatHappened: '', immediateRisk: 'no', personsWishes: '', provider: 'Acme' })['immediate_risk']).toBe(false);
  });
  test('leaves an unanswered risk question out, so that the server names it', () => {
    expect('immediate_risk' in raiseBody({ whatHappened: 'x', personsWishes: '', provider: '' })).toBe(false);
  });
});

describe('enquiryBody', () => {
  test('an empty start date means today (left to the server)', () => {
    expect(enquiryBody('Sam', '', '', '', 2)).toEqual({ ok: true, body: { led_by: 'Sam', revision: 2 } });
  });
  test('a whole date is sent as YYYY-MM-DD', () => {
    expect(enquiryBody('Sam', '3', '11', '2026', 2)).toEqual({
      ok: true,
      body: { led_by: 'Sam', revision: 2, started_on: '2026-11-03' },
    });
  });
  test('a part date is named against started_on', () => {
    expect(enquiryBody('Sam', '3', '', '2026', 2)).toEqual({
      ok: false,
      errors: [{ field: 'started_on', message: 'The start date must include a month' }],
    });
  });
});

describe('paths', () => {
  test('escape ids', () => {
    expect(safeguardingApiPath.raise('a/b')).toBe('/api/people/a%2Fb/concerns');
    expect(safeguardingApiPath.step('X', 'triage')).toBe('/api/concerns/X/triage');
    expect(raisePagePath('me')).toBe('/concerns/new?person=me');
    expect(concernPagePath('C1')).toBe('/concern?id=C1');
  });
  test('aboutWhom names the person and the provider', () => {
    expect(aboutWhom({ person_name: 'Ada Okafor', provider: 'Acme' })).toBe('Ada Okafor; provider: Acme');
    expect(aboutWhom({ person_name: '', provider: '' })).toBe('Not recorded');
  });
});
