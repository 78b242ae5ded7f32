import { describe, expect, it } from 'vitest';
import {
  allocationSteps,
  answerFieldIds,
  attributeRows,
  bandRangeText,
  bandTableView,
  changeText,
  comparisonRows,
  derivedRows,
  describeExpression,
  descriptionParagraphs,
  estimatePagePath,
  exampleCheckRows,
  exampleRows,
  explanationView,
  formValuesFromAnswers,
  groupDigits,
  isMoneyLabel,
  lookupTableView,
  numberHint,
  parameterRows,
  periodPhrase,
  poundsFromDecimal,
  problemText,
  publicPagePath,
  publicPageQuery,
  publishedBy,
  questionSections,
  readAnswers,
  roundingInWords,
  scoreHeading,
  versionApiPath,
  versionStatus,
  type Estimate,
  type RasModelVersion,
} from './ras-view';

/** A small points-and-price model, as GET /api/ras/models/{id}/versions/current returns it. */
function pointsModel(): RasModelVersion {
  return {
    council: { code: 'E09000033', name: 'Westminster City Council' },
    id: 'points-price',
    version: 1,
    title: 'Personal budget questionnaire',
    description: 'This gives you an early idea\nof your budget.\n\n  Each answer scores points.\n',
    period: 'weekly',
    period_phrase: 'a week',
    currency: 'GBP',
    effective_from: '2026-04-01',
    rounding: 'half_up',
    score_word: 'points',
    published_at: '2026-03-01T10:00:00Z',
    questions: [
      {
        id: 'washing',
        text: 'Washing, bathing or showering',
        outcome: 'hygiene',
        outcome_name: 'Managing and maintaining personal hygiene',
        group: 'personal_care_items',
        options: [
          { code: 'a', text: 'I can do this myself', score: '0' },
          { code: 'b', text: 'I need some help', score: '5' },
        ],
      },
      {
        id: 'nights_help',
        text: 'On how many nights a week do you need someone?',
        outcome: 'home_safety',
        outcome_name: 'Being able to make use of your home safely',
        number: { min: '0', max: '7', integer: true },
      },
      {
        id: 'dressing',
        text: 'Getting dressed',
        outcome: 'hygiene',
        outcome_name: 'Managing and maintaining personal hygiene',
        group: 'personal_care_items',
        options: [{ code: 'a', text: 'I can do this myself', score: '0' }],
      },
      {
        id: 'carer_share',
        text: 'How much help does your family give?',
        options: [{ code: 'a', text: 'None', score: '0' }],
      },
    ],
    attributes: [
      { id: 'age', label: 'Your age', type: 'number', min: '18', max: '120', integer: true },
      {
        id: 'living_setting',
        label: 'Where you live',
        type: 'category',
        values: [
          { code: 'own_home', text: 'In my own home' },
          { code: 'family_home', text: 'With my family' },
        ],
      },
      { id: 'has_unpaid_carer', label: 'A family member helps me without being paid', type: 'yes_no' },
    ],
    parameters: [
      { id: 'price_per_point', label: 'Price of one point a week', value: '4.35', fit: true },
      { id: 'upper_band_2_amount', label: 'Extra a week from 100 points', value: '120' },
      { id: 'funding_scale', label: 'Share of the estimate the money available can pay for', value: '0.96' },
    ],
    derived: [
      { id: 'personal_care_points', label: 'Personal care (at most 30 points)', expression: 'min(total(personal_care_items), 30)' },
      { id: 'total_points', label: 'Total points', expression: 'personal_care_points + 2 * nights_help' },
    ],
    bands: [
      {
        id: 'upper_band',
        label: 'Extra for very high needs',
        of: 'total_points',
        bands: [
          { at_least: null, below: '85', value: '0', label: 'No extra' },
          { at_least: '85', below: '100', value: '55', label: 'Upper band 1' },
          { at_least: '100', below: null, value: 'upper_band_2_amount', label: 'Upper band 2' },
        ],
      },
    ],
    tables: [],
    allocation: {
      expression: 'total_points * price_per_point',
      transform: 'none',
      add_ons: [{ id: 'upper_band_extra', label: 'Extra for very high needs', expression: 'upper_band' }],
      scale: null,
      floor: { label: 'Minimum budget', expression: '50' },
      ceiling: { label: 'Most the questionnaire can give', expression: '1250.5' },
    },
    examples: [{ description: 'Needs no help', answers: { washing: 'a', has_unpaid_carer: false, age: 67 }, amount_pence: 5000 }],
  };
}

describe('money and numbers from decimal strings', () => {
  it.each([
    ['4.35', '£4.35'],
    ['55', '£55'],
    ['27820.5', '£27,820.50'],
    ['29640.48', '£29,640.48'],
    ['0.123', '£0.123'],
    ['1234567.891', '£1,234,567.891'],
    ['-12', '-£12'],
    ['0', '£0'],
  ])('poundsFromDecimal(%j) is %j, exactly as given', (value, expected) => {
    expect(poundsFromDecimal(value)).toBe(expected);
  });

  it('never goes through floating point: a long decimal keeps every digit', () => {
    expect(poundsFromDecimal('9007199254740993.000001')).toBe('£9,007,199,254,740,993.000001');
  });

  it('leaves text that is not a decimal as it is', () => {
    expect(poundsFromDecimal('upper_band_2_amount')).toBe('upper_band_2_amount');
    expect(groupDigits('1e5')).toBe('1e5');
  });

  it('groups digits without touching the fraction', () => {
    expect(groupDigits('6.184213')).toBe('6.184213');
    expect(groupDigits('-1000.5')).toBe('-1,000.5');
    expect(groupDigits(1250)).toBe('1,250');
  });

  it.each([
    ['Price of one point a week', true],
    ['Extra a week from 85 points', true],
    ['Yearly amount for your level and where you live', true],
    ['Share of the estimate the money available can pay for', false],
    ['Your level', false],
    ['How much help reduces your points (per cent)', false],
  ])('isMoneyLabel(%j) is %s', (label, expected) => {
    expect(isMoneyLabel(label)).toBe(expected);
  });

  it('names the period', () => {
    expect(periodPhrase('weekly')).toBe('a week');
    expect(periodPhrase('annual')).toBe('a year');
    expect(periodPhrase('weekly', 'each week')).toBe('each week');
  });
});

describe('the model described', () => {
  it('splits the description into paragraphs at blank lines', () => {
    expect(descriptionParagraphs(pointsModel().description)).toEqual([
      'This gives you an early idea of your budget.',
      'Each answer scores points.',
    ]);
    expect(descriptionParagraphs('')).toEqual([]);
  });

  it('shows parameters with £ only where the label is a price', () => {
    expect(parameterRows(pointsModel())).toEqual([
      { label: 'Price of one point a week', value: '£4.35' },
      { label: 'Extra a week from 100 points', value: '£120' },
      { label: 'Share of the estimate the money available can pay for', value: '0.96' },
    ]);
  });

  it('does not show £ when the model works on the square root of cost', () => {
    const model = pointsModel();
    model.allocation.transform = 'square';
    expect(parameterRows(model)[0]).toEqual({ label: 'Price of one point a week', value: '4.35' });
  });

  it('puts expressions into words with the model’s own labels', () => {
    const model = pointsModel();
    expect(describeExpression('total_points * price_per_point', model)).toBe('“Total points” × “Price of one point a week”');
    expect(describeExpression('upper_band', model)).toBe('Extra for very high needs');
    expect(describeExpression('min(total(personal_care_items), 30)', model)).toBe(
      'the lower of (the total for “personal care items”, 30)',
    );
    expect(describeExpression('total(hygiene) / 2', model)).toBe('the total for “Managing and maintaining personal hygiene” ÷ 2');
    expect(describeExpression('if living_setting == "own_home" then 1 else 0', model)).toBe(
      'if “Where you live” is “In my own home” then 1 otherwise 0',
    );
    expect(describeExpression('match living_setting { "own_home": 0, else: 2 }', model)).toBe(
      'depending on “Where you live” { “In my own home”: 0, anything else: 2 }',
    );
  });

  it('lists the allocation steps: core, add-ons, floor, ceiling, rounding', () => {
    expect(allocationSteps(pointsModel())).toEqual([
      'Your answers give an amount in pounds a week: “Total points” × “Price of one point a week”.',
      'Add “Extra for very high needs”.',
      'If the amount is less than £50 a week, it is raised to £50 (“Minimum budget”).',
      'If the amount is more than £1,250.50 a week, it is lowered to £1,250.50 (“Most the questionnaire can give”).',
      'The amount is rounded to the nearest penny (half a penny is rounded up).',
    ]);
  });

  it('explains the square transform and a scale from a parameter', () => {
    const model = pointsModel();
    model.allocation = {
      expression: 'total_points',
      transform: 'square',
      scale: { label: 'Scaled to the money available', expression: 'funding_scale' },
      floor: null,
      ceiling: null,
    };
    model.rounding = 'down';
    const steps = allocationSteps(model);
    expect(steps[0]).toBe('Your answers give a score: “Total points”.');
    expect(steps[1]).toMatch(/^The model was fitted on the square root of cost, so the score is squared/);
    expect(steps[2]).toBe('Multiply by “Scaled to the money available”: × 0.96.');
    expect(steps[3]).toBe('The amount is rounded down to the penny.');
  });

  it('words every rounding rule', () => {
    expect(roundingInWords('half_even')).toMatch(/even penny/);
    expect(roundingInWords('up')).toBe('The amount is rounded up to the penny.');
  });

  it('shows bands as "from … to below …" with their amounts, a parameter’s value included', () => {
    expect(bandTableView(pointsModel().bands![0]!, pointsModel())).toEqual({
      id: 'upper_band',
      caption: 'Extra for very high needs',
      of: 'Total points',
      money: true,
      rows: [
        { range: 'below 85', label: 'No extra', value: '£0' },
        { range: 'from 85 to below 100', label: 'Upper band 1', value: '£55' },
        { range: '100 or more', label: 'Upper band 2', value: '£120' },
      ],
    });
  });

  it('words band ranges', () => {
    expect(bandRangeText({ at_least: '1000', below: '2500.5' })).toBe('from 1,000 to below 2,500.5');
    expect(bandRangeText({})).toBe('any value');
  });

  it('shows a band table that is not money without £', () => {
    const model = pointsModel();
    const view = bandTableView({ id: 'level', label: 'Your level', of: 'total_points', bands: [{ below: '8', value: '1', label: 'Level 1' }] }, model);
    expect(view.money).toBe(false);
    expect(view.rows[0]?.value).toBe('1');
  });

  it('draws a two-key table as a grid, and a one-key table as rows', () => {
    const model = pointsModel();
    model.bands!.push({ id: 'level', label: 'Your level', of: 'total_points', bands: [] });
    const grid = lookupTableView(
      {
        id: 'level_amount',
        label: 'Yearly amount for your level and where you live',
        keys: ['level', 'living_setting'],
        rows: [
          { keys: [1, 'own_home'], key_labels: ['1', 'In my own home'], value: '3120' },
          { keys: [1, 'family_home'], key_labels: ['1', 'With my family'], value: '2600' },
          { keys: [2, 'own_home'], key_labels: ['2', 'In my own home'], value: '27820.5' },
        ],
      },
      model,
    );
    expect(grid.money).toBe(true);
    expect(grid.keyHeadings).toEqual(['Your level', 'Where you live']);
    expect(grid.grid).toEqual({
      corner: 'Your level',
      columns: ['In my own home', 'With my family'],
      rows: [
        { heading: '1', cells: ['£3,120', '£2,600'] },
        { heading: '2', cells: ['£27,820.50', '–'] },
      ],
    });
    const single = lookupTableView(
      { id: 'extra', label: 'Extra by where you live', keys: ['living_setting'], rows: [{ keys: ['own_home'], value: '12.5' }] },
      model,
    );
    expect(single.grid).toBeNull();
    expect(single.rows).toEqual([{ keys: ['own_home'], value: '£12.50' }]);
  });

  it('lists derived values in words and as written', () => {
    expect(derivedRows(pointsModel())[1]).toEqual({
      label: 'Total points',
      words: '“Personal care (at most 30 points)” + 2 × “On how many nights a week do you need someone?”',
      expression: 'personal_care_points + 2 * nights_help',
    });
  });

  it('groups questions by outcome area, in order, with circumstances last', () => {
    const model = pointsModel();
    model.questions[1]!.outcome_name = 'being able to make use of your home safely';
    const sections = questionSections(model);
    expect(sections.map((s) => s.heading)).toEqual([
      'Managing and maintaining personal hygiene',
      'Being able to make use of your home safely',
      'Other questions',
    ]);
    expect(sections[0]?.questions.map((q) => q.id)).toEqual(['washing', 'dressing']);
    expect(sections[0]?.questions[0]?.options[1]).toEqual({ code: 'b', text: 'I need some help', score: '5' });
    expect(sections[1]?.questions[0]?.numberHint).toBe('A whole number from 0 to 7');
  });

  it('describes the facts about the person and the examples', () => {
    expect(attributeRows(pointsModel())).toEqual([
      { label: 'Your age', answers: ['A whole number from 18 to 120'] },
      { label: 'Where you live', answers: ['In my own home', 'With my family'] },
      { label: 'A family member helps me without being paid', answers: ['Yes or no'] },
    ]);
    expect(exampleRows(pointsModel())).toEqual([{ description: 'Needs no help', amount: '£50.00' }]);
    expect(scoreHeading(pointsModel())).toBe('Points');
    expect(numberHint({ min: '0' })).toBe('A number of at least 0');
  });

  it('keeps text from the model exactly, markup and all, for the page to show as text', () => {
    const model = pointsModel();
    model.description = '<script>alert("x")</script> &amp; <b>bold</b>';
    model.questions[0]!.text = '<img src=x onerror=alert(1)>';
    model.questions[0]!.outcome_name = 'A & B <i>';
    expect(descriptionParagraphs(model.description)).toEqual(['<script>alert("x")</script> &amp; <b>bold</b>']);
    const section = questionSections(model)[0];
    expect(section?.heading).toBe('A & B <i>');
    expect(section?.questions[0]?.text).toBe('<img src=x onerror=alert(1)>');
    expect(describeExpression('washing + 1', model)).toBe('“<img src=x onerror=alert(1)>” + 1');
    const estimate: Estimate = {
      model: 'm', version: 1, period: 'weekly', amount_pence: 1,
      explanation: [{ kind: 'answer', text: '<b>5 points</b>', amount_pence: 1 }],
    };
    expect(explanationView(estimate).money[0]?.text).toBe('<b>5 points</b>');
  });
});

describe('addresses', () => {
  it('builds and reads the public pages’ addresses', () => {
    expect(publicPagePath('E09000033')).toBe('/how-budgets-are-worked-out?council=E09000033');
    expect(publicPagePath('E09000033', 'points-price', 2)).toBe('/how-budgets-are-worked-out?council=E09000033&model=points-price&version=2');
    expect(estimatePagePath('E09000033', 'points-price', undefined, 2)).toBe(
      '/how-budgets-are-worked-out/estimate?council=E09000033&model=points-price&example=2',
    );
    expect(publicPageQuery(new URLSearchParams('council=E09000033&model=points-price&version=3&example=1'))).toEqual({
      council: 'E09000033', model: 'points-price', version: 3, example: 1,
    });
    expect(publicPageQuery(new URLSearchParams('council=../x&model=Bad Id&version=0&example=x'))).toEqual({
      council: '', model: '', version: 'current', example: 0,
    });
    expect(versionApiPath('E09000033', 'points-price', 'current')).toBe(
      '/api/ras/models/points-price/versions/current?council=E09000033',
    );
  });
});

describe('the estimate form', () => {
  const all = new Map<string, string | undefined>([
    ['washing', 'b'],
    ['nights_help', ' 2 '],
    ['dressing', 'a'],
    ['carer_share', 'a'],
    ['age', '1,067'],
    ['living_setting', 'own_home'],
    ['has_unpaid_carer', 'no'],
  ]);

  it('reads every answer into the JSON the API takes', () => {
    expect(readAnswers(pointsModel(), all)).toEqual({
      answers: { washing: 'b', nights_help: 2, dressing: 'a', carer_share: 'a', age: 1067, living_setting: 'own_home', has_unpaid_carer: false },
      problems: [],
    });
  });

  it('names each missing answer and each number that is not a number, in order', () => {
    const values = new Map(all);
    values.delete('washing');
    values.set('nights_help', 'two');
    values.set('age', '');
    values.delete('living_setting');
    values.delete('has_unpaid_carer');
    expect(readAnswers(pointsModel(), values).problems).toEqual([
      { field: 'answers.washing', message: 'Select an answer for “Washing, bathing or showering”' },
      { field: 'answers.nights_help', message: 'Your answer to “On how many nights a week do you need someone?” must be a number, like 3' },
      { field: 'answers.age', message: 'Enter your age' },
      { field: 'answers.living_setting', message: 'Select where you live' },
      { field: 'answers.has_unpaid_carer', message: 'Select yes or no for “A family member helps me without being paid”' },
    ]);
  });

  it('maps the server’s field names to the form’s controls', () => {
    const ids = answerFieldIds(pointsModel());
    expect(ids['answers.washing']).toBe('answer-washing');
    expect(ids['answers.has_unpaid_carer']).toBe('answer-has_unpaid_carer');
  });

  it('turns a worked example’s answers back into form values', () => {
    expect(formValuesFromAnswers({ washing: 'a', has_unpaid_carer: false, age: 67, x: true })).toEqual(
      new Map([['washing', 'a'], ['has_unpaid_carer', 'no'], ['age', '67'], ['x', 'yes']]),
    );
  });
});

describe('an estimate’s explanation', () => {
  it('lists the money lines with amounts, then the steps, and the total', () => {
    const estimate: Estimate = {
      model: 'points-price',
      version: 1,
      period: 'weekly',
      amount_pence: 23490,
      amount: '£234.90',
      explanation: [
        { kind: 'answer', id: 'washing', text: 'Washing: some help — 5 points, £15.23 a week', amount_pence: 1523, value: '5' },
        { kind: 'step', id: 'total_points', text: 'Total points: 54', value: '54' },
        { kind: 'branch', text: 'Because "A family member helps" is yes' },
        { kind: 'adjustment', text: 'Scaled to the money available (× 0.96) — -£23.82 a week', amount_pence: -2382 },
        { kind: 'rounding', text: 'Rounding to the penny', amount_pence: 0 },
      ],
    };
    expect(explanationView(estimate)).toEqual({
      amount: '£234.90 a week',
      money: [
        { text: 'Washing: some help — 5 points, £15.23 a week', amount: '£15.23' },
        { text: 'Scaled to the money available (× 0.96) — -£23.82 a week', amount: '-£23.82' },
        { text: 'Rounding to the penny', amount: '£0.00' },
      ],
      total: '£234.90',
      steps: ['Total points: 54', 'Because "A family member helps" is yes'],
    });
    expect(explanationView({ ...estimate, period: 'annual' }).amount).toBe('£234.90 a year');
  });
});

describe('checking a model', () => {
  it('places each problem in the file', () => {
    expect(problemText({ line: 12, column: 7, message: 'unknown name "x"' })).toBe('Line 12, column 7: unknown name "x"');
    expect(problemText({ line: 3, message: 'no id' })).toBe('Line 3: no id');
    expect(problemText({ line: 0, column: 0, message: 'The file is empty' })).toBe('The file is empty');
  });

  it('tags each example Passed or Failed', () => {
    expect(
      exampleCheckRows([
        { description: 'A', expected_pence: 5000, amount_pence: 5000, passed: true },
        { description: 'B', expected_pence: 23490, amount_pence: 24300, passed: false },
        { description: 'C', expected_pence: 100, amount_pence: null, passed: false },
      ]),
    ).toEqual([
      { description: 'A', expected: '£50.00', actual: '£50.00', status: 'Passed', tagClass: 'govuk-tag--green' },
      { description: 'B', expected: '£234.90', actual: '£243.00', status: 'Failed', tagClass: 'govuk-tag--red' },
      { description: 'C', expected: '£1.00', actual: 'Could not be worked out', status: 'Failed', tagClass: 'govuk-tag--red' },
    ]);
  });

  it.each([
    [23490, 24300, '+£8.10 (+3.4%)'],
    [24300, 23490, '-£8.10 (-3.3%)'],
    [5000, 5000, 'No change'],
    [0, 500, '+£5.00'],
    [1000, 1005, '+£0.05 (+0.5%)'],
    [1000, 1004, '+£0.04 (+0.4%)'],
    [2000, 2001, '+£0.01 (+0.1%)'],
    [3000, 3001, '+£0.01 (+0.0%)'],
    [100, 0, '-£1.00 (-100.0%)'],
    [900719925474099, 900719925474100, '+£0.01 (+0.0%)'],
  ])('the change from %i to %i pence is %j', (before, after, expected) => {
    expect(changeText(before, after)).toBe(expected);
  });

  it('compares each example under the version in use and the new one', () => {
    expect(
      comparisonRows([
        { description: 'Young man', current_pence: 23490, new_pence: 24300 },
        { description: 'New question', current_pence: null, new_pence: 5000 },
      ]),
    ).toEqual([
      { description: 'Young man', current: '£234.90', proposed: '£243.00', change: '+£8.10 (+3.4%)' },
      { description: 'New question', current: 'Not available', proposed: '£50.00', change: 'Cannot compare' },
    ]);
  });

  it('shows an example both versions share once', () => {
    const row = { description: 'Young man', current_pence: 23490, new_pence: 24300 };
    expect(comparisonRows([row, { ...row, description: 'Older woman' }, { ...row }])).toHaveLength(2);
  });

  it('says which version is in use', () => {
    expect(versionStatus(2, 2)).toEqual({ text: 'In use', tagClass: 'govuk-tag--green' });
    expect(versionStatus(3, 2).text).toBe('Not in use yet');
    expect(versionStatus(1, 2).text).toBe('Replaced');
    expect(versionStatus(1, null).text).toBe('Not in use yet');
    expect(publishedBy('')).toBe('Server operator (command line)');
    expect(publishedBy('Ada Admin')).toBe('Ada Admin');
  });
});
