import { describe, expect, test } from 'vitest';
import { assessmentWords, carerApiPath, carerBody, carerPagePath, currentAndPast, type Carer, type CarerAnswers } from './carer-view';

const good: CarerAnswers = {
  name: ' Sam Okafor ',
  nhsNumber: '',
  relationship: 'son_or_daughter',
  livesWith: 'yes',
  phone: '07700 900123',
  assessmentOffer: 'offered',
  offeredOn: { day: '20', month: '11', year: '2026' },
};

describe('carerBody', () => {
  test('a good carer is trimmed, with the offer date as ISO', () => {
    expect(carerBody(good)).toEqual({
      ok: true,
      body: { name: 'Sam Okafor', nhs_number: '', relationship: 'son_or_daughter', lives_with: 'yes', phone: '07700 900123', assessment_offer: 'offered', offered_on: '2026-11-20' },
    });
  });
  test('an NHS number stands in for the name, spaces removed', () => {
    const built = carerBody({ ...good, name: '', nhsNumber: '485 777 3457' });
    expect(built.ok && built.body['nhs_number']).toBe('4857773457');
  });
  test('every missing answer is named as the server names it', () => {
    const built = carerBody({ name: '', nhsNumber: '12', phone: '', offeredOn: { day: '', month: '', year: '' } });
    expect(built.ok ? [] : built.errors.map((e) => e.field)).toEqual(['nhs_number', 'relationship', 'lives_with', 'assessment_offer']);
    const noName = carerBody({ ...good, name: '  ' });
    expect(noName.ok ? [] : noName.errors.map((e) => e.field)).toEqual(['name']);
  });
  test('an offer needs its date; not yet offered needs none', () => {
    const noDate = carerBody({ ...good, offeredOn: { day: '', month: '', year: '' } });
    expect(noDate.ok ? [] : noDate.errors.map((e) => e.field)).toEqual(['offered_on']);
    const notYet = carerBody({ ...good, assessmentOffer: 'not_yet_offered', offeredOn: { day: '', month: '', year: '' } });
    expect(notYet.ok && notYet.body['offered_on']).toBe('');
    const contradictory = carerBody({ ...good, assessmentOffer: 'not_yet_offered' });
    expect(contradictory.ok ? [] : contradictory.errors.map((e) => e.field)).toEqual(['offered_on']);
  });
});

test('paths', () => {
  expect(carerApiPath.add('p/1')).toBe('/api/people/p%2F1/carers');
  expect(carerApiPath.end('p', 'c')).toBe('/api/people/p/carers/c/end');
  expect(carerPagePath.end('p', 'c')).toBe('/person/carer?person=p&end=c');
});

test('assessmentWords', () => {
  expect(assessmentWords({ assessment_offer: 'not_yet_offered', assessment_offer_label: '', offered_on: null })).toBe('Not offered a carer’s assessment yet');
  expect(assessmentWords({ assessment_offer: 'accepted', assessment_offer_label: 'Accepted', offered_on: '2026-11-20' })).toBe('Offered a carer’s assessment on 20 November 2026: accepted');
  expect(assessmentWords({ assessment_offer: 'offered', assessment_offer_label: '', offered_on: '2026-11-20' })).toContain('waiting for their answer');
});

test('currentAndPast', () => {
  const c = (id: string, ended: string | null) => ({ id, ended_at: ended }) as Carer;
  const split = currentAndPast([c('a', null), c('b', '2026-11-01T00:00:00Z'), c('d', null)]);
  expect(split.current.map((x) => x.id)).toEqual(['a', 'd']);
  expect(split.past.map((x) => x.id)).toEqual(['b']);
});
