import { describe, expect, it } from 'vitest';
import { changeWords, daysFromQuery, declineSentence, demandRows, inForceSentence, movedToWords, shapingPaths, trendBars, trendDescription, waitedWords } from './market-shaping-view';

const dayCentre = {
  service_id: 'S1',
  what: 'Day at the centre',
  provider_name: 'Birch Day Centre',
  service_type_label: 'Day centre',
  traditional_menu: true,
  need_areas: ['Making use of facilities in the local community'],
  trend: [5, 5, 3, 2, 2],
  people_now: 2,
  people_year_ago: 5,
  change_percent: -60,
  moved_to: [
    { label: 'A personal assistant', people: 2 },
    { label: 'No plan in force now', people: 1 },
  ],
};

describe('market shaping', () => {
  it('says how many use a declining service against a year ago, and where the others went', () => {
    expect(declineSentence(dayCentre)).toBe('2 people use it today, against 5 a year ago (60% fewer).');
    expect(declineSentence({ people_now: 1, people_year_ago: 4, change_percent: -75 })).toBe('1 person uses it today, against 4 a year ago (75% fewer).');
    expect(declineSentence({ people_now: 0, people_year_ago: 3, change_percent: -100 })).toBe('Nobody uses it today, against 3 a year ago (100% fewer).');
    expect(movedToWords(dayCentre)).toEqual(['A personal assistant: 2 people', 'No plan in force now: 1 person']);
  });

  it('draws the trend with the tallest bar filling the height, and says it in words', () => {
    const g = trendBars(dayCentre.trend);
    expect(g.bars.map((b) => b.value)).toEqual([5, 5, 3, 2, 2]);
    expect(g.bars[0]?.y).toBe(20);
    expect(g.bars[0]?.height).toBe(100);
    expect(g.bars[3]?.height).toBe(40);
    expect(g.bars.map((b) => b.label)).toEqual(['A year ago', '9 months ago', '6 months ago', '3 months ago', 'Today']);
    expect(trendBars([0, 0, 0, 0, 0]).bars.every((b) => b.height === 0)).toBe(true);
    expect(trendDescription(dayCentre)).toBe('People using Day at the centre: a year ago 5, 9 months ago 5, 6 months ago 3, 3 months ago 2, today 2.');
  });

  it('lists each kind anyone used, the most used today first, with the change over the year', () => {
    const demand = Array.from({ length: 9 }, (_, i) => ({ on: `2026-0${(i % 9) + 1}-01`, people: [i === 8 ? 4 : 1, i >= 4 ? 0 : 2, 0] }));
    demand[4] = { on: '2025-11-22', people: [3, 6, 0] };
    expect(demandRows({ kinds: ['Home care', 'Day centre', 'Respite'], demand })).toEqual([
      { kind: 'Home care', yearAgo: 3, halfYearAgo: 1, today: 4, change: 'Up 1' },
      { kind: 'Day centre', yearAgo: 6, halfYearAgo: 0, today: 0, change: 'Down 6' },
    ]);
    expect(changeWords(2, 2)).toBe('No change');
  });

  it('says how many have a plan, how long the longest waited, and keeps the days in the address', () => {
    expect(inForceSentence({ people_in_force: 1234 })).toBe('1,234 people have an agreed support plan in force today.');
    expect(inForceSentence({ people_in_force: 1 })).toBe('1 person has an agreed support plan in force today.');
    expect(inForceSentence({ people_in_force: 0 })).toMatch(/^Nobody has an agreed support plan/);
    expect(waitedWords(28)).toBe('28 days');
    expect(waitedWords(113)).toBe('113 days (about 4 months)');
    expect(daysFromQuery('?unmet_after_days=%2042%20')).toBe('42');
    expect(daysFromQuery('')).toBe('');
    expect(shapingPaths.api('42')).toBe('/api/market/shaping?unmet_after_days=42');
    expect(shapingPaths.api('')).toBe('/api/market/shaping');
    expect(shapingPaths.page(28)).toBe('/market/shaping?unmet_after_days=28');
  });
});
