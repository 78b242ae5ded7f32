import { describe, expect, it } from 'vitest';
import {
  areasText,
  daysText,
  documentsFor,
  listOf,
  needsText,
  priceWithUnit,
  ratingText,
  resultsHeading,
  searchFromQuery,
  searchPagePath,
  showingText,
} from './market-view';

const provider = {
  id: 'P',
  name: 'Acorn',
  description: '',
  cqc_location_id: '1-100',
  cqc_rating: 'good',
  cqc_rating_label: 'Good',
  cqc_rated_on: '2025-06-01',
  areas: ['north'],
  phone: '',
  email: '',
  address: '',
};

describe('priceWithUnit', () => {
  it.each([
    ['hour', '£21.50 an hour'],
    ['item', '£21.50 each'],
    ['week', '£21.50 a week'],
    ['session', '£21.50 a session'],
  ])('says the price per %s', (unit, words) => {
    expect(priceWithUnit({ price: '£21.50', unit })).toBe(words);
  });
});

describe('ratingText', () => {
  const words = (iso: string) => `day ${iso}`;
  it('gives the rating and its date', () => {
    expect(ratingText(provider, words)).toBe('Good (rated day 2025-06-01)');
  });
  it('says when the provider is not registered', () => {
    expect(ratingText({ ...provider, cqc_location_id: null, cqc_rating: null, cqc_rating_label: null }, words)).toBe(
      'Not registered with the Care Quality Commission',
    );
  });
  it('has no date for not yet rated', () => {
    expect(ratingText({ ...provider, cqc_rating_label: 'Not yet rated', cqc_rated_on: null }, words)).toBe('Not yet rated');
  });
});

describe('daysText', () => {
  it.each([
    [[], 'Ask the provider'],
    [['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'Every day'],
    [['fri', 'mon', 'tue', 'wed', 'thu'], 'Monday to Friday'],
    [['sat'], 'Saturday'],
    [['mon', 'wed', 'fri'], 'Monday, Wednesday and Friday'],
    [['sat', 'sun'], 'Saturday and Sunday'],
  ])('%j is %s', (days, words) => {
    expect(daysText(days)).toBe(words);
  });
});

describe('search addresses', () => {
  it('reads the search from the address, leaving out empty fields', () => {
    expect(searchFromQuery('?council=E1&q=help+at+home&need_area=&day=sat&offset=20')).toEqual({
      council: 'E1',
      q: 'help at home',
      day: 'sat',
      offset: '20',
    });
  });
  it('makes the address of another page of results', () => {
    expect(searchPagePath({ council: 'E1', q: 'help', offset: '20' }, 40)).toBe('/find-support?council=E1&q=help&offset=40');
    expect(searchPagePath({ council: 'E1', q: 'help', offset: '20' }, 0)).toBe('/find-support?council=E1&q=help');
  });
});

describe('words', () => {
  it('counts results', () => {
    expect(resultsHeading(0)).toBe('No services found');
    expect(resultsHeading(1)).toBe('1 service found');
    expect(resultsHeading(1200)).toBe('1,200 services found');
    expect(showingText({ offset: 20, total: 57, results: new Array(20) })).toBe('Showing 21 to 40 of 57');
    expect(resultsHeading(1000, true)).toBe('More than 1,000 services found');
    expect(showingText({ offset: 0, total: 1000, more: true, results: new Array(20) })).toBe(
      'Showing 1 to 20 of more than 1,000',
    );
  });
  it('names needs and areas', () => {
    expect(needsText(['hygiene', 'x'], [{ code: 'hygiene', label: 'Washing' }])).toBe('Washing; x');
    expect(areasText([])).toBe('Not said');
    expect(areasText(['north', 'south'])).toBe('north, south');
    expect(listOf(' north; central,south  ')).toEqual(['north', 'central', 'south']);
  });
});

describe('documentsFor', () => {
  it('keeps the titles of documents it changes and every other document', () => {
    const existing = [
      { kind: 'insurance', kind_label: 'Insurance', title: 'Public liability', expires_on: '2026-01-01' },
      { kind: 'other', kind_label: 'Other document', title: 'Food hygiene', expires_on: '2027-01-01' },
    ];
    expect(documentsFor(existing, '2027-02-01', '')).toEqual([
      { kind: 'insurance', title: 'Public liability', expires_on: '2027-02-01' },
      { kind: 'other', title: 'Food hygiene', expires_on: '2027-01-01' },
    ]);
    expect(documentsFor([], '', '2028-03-31')).toEqual([{ kind: 'contract', title: 'Contract with the council', expires_on: '2028-03-31' }]);
  });
});
