import { describe, expect, it } from 'vitest';
import {
  changeWords,
  concentrationRows,
  concentrationSuppressedSentence,
  daysFromQuery,
  declineSentence,
  demandRows,
  hhiBars,
  hhiDescription,
  inForceSentence,
  movedToWords,
  payBandRows,
  shapingPaths,
  shareWords,
  trendBars,
  trendDescription,
  waitedWords,
  workforceSummary,
  workforceSuppressedSentence,
  type Concentration,
  type PaWorkforce,
} from './market-shaping-view';

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

function group(over: Partial<Concentration>): Concentration {
  return {
    kind_label: 'Home care',
    area: 'TS24',
    providers: 2,
    people: 6,
    annual_pence: 6_000_000,
    hhi: 5000,
    band: 'highly_concentrated',
    band_label: 'Highly concentrated',
    largest_provider_id: 'P1',
    largest_provider_name: 'Acorn Home Care',
    largest_share_basis_points: 5000,
    ...over,
  };
}

describe('provider concentration', () => {
  it('lists groups the highest HHI first, the whole council by name, shares from basis points', () => {
    const rows = concentrationRows({
      concentration: [
        group({ area: null, hhi: 6033, annual_pence: 11_000_000, largest_share_basis_points: 7273 }),
        group({ kind_label: 'Day centre', area: 'TS25', hhi: 900, band: 'unconcentrated', band_label: 'Unconcentrated', providers: 12 }),
        group({ hhi: 10000, providers: 1, largest_share_basis_points: 10000 }),
      ],
    });
    expect(rows.map((r) => r.hhi)).toEqual([10000, 6033, 900]);
    expect(rows[0]).toMatchObject({ kind: 'Home care', area: 'TS24', providers: 1, hhiText: '10,000', band: 'Highly concentrated', largest: 'Acorn Home Care (100.00%)' });
    expect(rows[1]).toMatchObject({ area: 'Whole council', spend: '£110,000.00', largest: 'Acorn Home Care (72.73%)' });
    expect(rows[2]?.band).toBe('Unconcentrated');
  });

  it('writes shares with integers only', () => {
    expect(shareWords(7273)).toBe('72.73%');
    expect(shareWords(5)).toBe('0.05%');
    expect(shareWords(10000)).toBe('100.00%');
  });

  it('says in plain English why some groups are missing', () => {
    expect(concentrationSuppressedSentence({ concentration_suppressed: 0, concentration_from_people: 5 })).toBe('');
    expect(concentrationSuppressedSentence({ concentration_suppressed: 1, concentration_from_people: 5 })).toBe(
      '1 kind of support in an area is not shown because fewer than 5 people buy it there: with so few, the figures could point to someone.',
    );
    expect(concentrationSuppressedSentence({ concentration_suppressed: 3, concentration_from_people: 5 })).toMatch(/^3 kinds of support in an area are not shown/);
  });

  it('draws at most ten bars on a 0 to 10,000 scale with both thresholds, and says it in words', () => {
    const many = Array.from({ length: 12 }, (_, i) => group({ hhi: 1000 * (i % 11), area: `TS${i}` }));
    const g = hhiBars(many);
    expect(g.bars).toHaveLength(10);
    expect(g.bars[0]?.value).toBe(10000);
    expect(g.bars[0]?.width).toBe(g.plot);
    expect(g.thresholds.map((t) => t.x)).toEqual([g.left + g.plot / 10, g.left + g.plot / 5]);
    expect(g.thresholds.map((t) => t.anchor)).toEqual(['end', 'start']); // labels either side: never overlapping
    expect(g.ticks.map((t) => t.label)).toEqual(['0', '2,000', '4,000', '6,000', '8,000', '10,000']);
    expect(g.ticks.at(-1)?.x).toBe(g.left + g.plot);
    expect(g.bottom).toBe(g.top + 10 * g.rowHeight);
    expect(g.bars[1]?.y).toBe((g.bars[0]?.y ?? 0) + g.rowHeight);
    expect(hhiDescription([group({ area: null, hhi: 6033 })])).toBe(
      'Herfindahl–Hirschman index, out of 10,000; above 1,000 is concentrated and above 2,000 highly concentrated. Home care, Whole council: 6,033 highly concentrated.',
    );
    expect(hhiDescription([])).toBe('No market to show.');
  });
});

const workforce: PaWorkforce = {
  on: '2026-11-22',
  smallest_count_shown: 5,
  suppressed: false,
  count: 23,
  hours_per_week: '412.5',
  below_minimum_wage: null,
  minimum_wage_pence: 1221,
  bands: [
    { from_pence: 0, to_pence: 1221, count: null, suppressed: true },
    { from_pence: 1221, to_pence: 1271, count: 12, suppressed: false },
    { from_pence: 1271, to_pence: 1321, count: 0, suppressed: false },
    { from_pence: 1521, to_pence: null, count: 8, suppressed: false },
  ],
};

describe('PA workforce', () => {
  it('gives the count, the hours and who is paid below the minimum wage, withholding small counts', () => {
    expect(workforceSummary(workforce)).toEqual([
      ['Personal assistants employed today', '23'],
      ['Their usual hours a week, all together', '412.5 hours'],
      ['Paid below the minimum wage (£12.21 an hour)', 'Fewer than 5'],
    ]);
    expect(workforceSuppressedSentence(workforce)).toBe('Where 1 to 4 personal assistants are in a group, the page says “Fewer than 5” instead of the number, so that nobody can be picked out.');
  });

  it('names each pay band in pounds an hour', () => {
    expect(payBandRows(workforce)).toEqual([
      { band: 'Below £12.21 an hour (under the minimum wage)', count: 'Fewer than 5' },
      { band: '£12.21 to £12.70 an hour', count: '12' },
      { band: '£12.71 to £13.20 an hour', count: '0' },
      { band: '£15.21 an hour or more', count: '8' },
    ]);
  });

  it('shows nothing but why when there are too few personal assistants', () => {
    const few: PaWorkforce = { ...workforce, suppressed: true, count: null, hours_per_week: null, bands: workforce.bands.map((b) => ({ ...b, count: null, suppressed: true })) };
    expect(workforceSummary(few)).toEqual([]);
    expect(payBandRows(few)).toEqual([]);
    expect(workforceSuppressedSentence(few)).toBe('Fewer than 5 personal assistants are employed through personal budgets today, so no figures are shown: numbers this small could point to someone.');
    expect(workforceSuppressedSentence({ ...workforce, below_minimum_wage: 0, bands: [] })).toBe('');
  });
});
