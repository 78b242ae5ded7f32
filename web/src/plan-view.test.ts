import { describe, expect, it } from 'vitest';
import {
  CONFLICT_MESSAGE,
  decisionBody,
  decisionFieldIds,
  indicativeAnnualPence,
  isEditable,
  isStaleRevision,
  itemFromService,
  itemRows,
  moneyPanel,
  needsVarianceReason,
  nextOutcomeId,
  oldestFirst,
  overBudgetWarning,
  planBody,
  planFieldIds,
  planPaths,
  planRounds,
  plainNumber,
  poundsForInput,
  problemWithMessage,
  quantityPhrase,
  queueRow,
  schemeWeeksPerYear,
  whenInWords,
  type PlanDraft,
} from './plan-view';

const item = (key: string, unit_price: string, quantity: string, frequency = 'per_week') => ({
  key,
  what: ` Help ${key} `,
  supplier: 'provider',
  supplier_name: '',
  unit: 'hour',
  unit_price,
  quantity,
  frequency,
  outcomes: ['o1'],
  route: 'direct_payment',
});

const draft: PlanDraft = {
  outcomes: [{ id: 'o1', words: ' To get out more ' }, { id: 'o3', words: 'To keep fit' }],
  items: [item('i1', '23.50', '14'), item('i4', '45', '2')],
  writtenWith: ['person'],
  risks: [{ key: 'r1', risk: '', how_managed: ' ' }, { key: 'r2', risk: 'Falls', how_managed: 'A pendant alarm' }],
  emergency: ' Call her daughter ',
};

describe('planBody', () => {
  it('sends what was typed, trimmed, and leaves out risk rows with nothing in them', () => {
    expect(planBody(draft)).toEqual({
      outcomes: [{ id: 'o1', words: 'To get out more' }, { id: 'o3', words: 'To keep fit' }],
      items: [
        { what: 'Help i1', supplier: 'provider', supplier_name: '', unit: 'hour', unit_price: '23.50', quantity: '14', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment', service_id: null, service_type: '' },
        { what: 'Help i4', supplier: 'provider', supplier_name: '', unit: 'hour', unit_price: '45', quantity: '2', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment', service_id: null, service_type: '' },
      ],
      written_with: ['person'],
      risks: [{ risk: 'Falls', how_managed: 'A pendant alarm' }],
      emergency: 'Call her daughter',
    });
  });
});

describe('planFieldIds', () => {
  const ids = planFieldIds(draft);
  it('links the server’s item fields, by position, to the fields of the item in that place', () => {
    expect(ids['items[1].unit_price']).toBe('item-i4-unit-price');
    expect(ids['items[0].supplier_name']).toBe('item-i1-supplier-name');
    expect(ids['items[1].outcomes']).toBe('item-i4-outcomes');
  });
  it('links outcomes by position to their own boxes, and risks counting only those sent', () => {
    expect(ids['outcomes[1].words']).toBe('outcome-o3');
    expect(ids['outcomes']).toBe('outcome-o1');
    expect(ids['risks[0].risk']).toBe('risk-r2-risk');
    expect(ids['emergency']).toBe('emergency');
  });
  it('links "add an outcome" when there is none', () => {
    expect(planFieldIds({ ...draft, outcomes: [] })['outcomes']).toBe('add-outcome');
  });
});

describe('money', () => {
  it('says plainly how much the plan is over', () => {
    expect(overBudgetWarning(123400n)).toBe('This plan costs £1,234.00 a year more than the indicative budget. An approver will need a reason to agree it.');
  });
  it('works out the money left live, and warns when it goes below nothing', () => {
    const panel = moneyPanel(draft, 1244100, '52');
    expect(panel?.cost.firstYear).toBe(2178800n);
    expect(panel?.left).toEqual({ annual: -934700n, weekly: -17975n });
    expect(panel?.warning).toBe(overBudgetWarning(934700n));
  });
  it('has no warning within the budget, and no money left without an indicative budget', () => {
    expect(moneyPanel(draft, 2178800, '52')?.warning).toBeNull();
    expect(moneyPanel(draft, null, '52')?.left).toBeNull();
    expect(moneyPanel(draft, 100, 'nonsense')).toBeNull();
  });
  it('works out the indicative budget a year as the server does', () => {
    expect(indicativeAnnualPence(23925, 'weekly', '52')).toBe(1244100);
    expect(indicativeAnnualPence(23925, 'weekly', '365/7')).toBe(1247518);
    expect(indicativeAnnualPence(1200000, 'annual', '52')).toBe(1200000);
  });
  it('uses the adult social care scheme’s weeks, else 52', () => {
    expect(schemeWeeksPerYear([{ kind: 'carers', settings: { weeks_per_year: '53' } }, { kind: 'adult-social-care', settings: { weeks_per_year: '365/7' } }])).toBe('365/7');
    expect(schemeWeeksPerYear([])).toBe('52');
  });
  it('shows pounds for a box without £ or commas', () => {
    expect(poundsForInput(2178800)).toBe('21788.00');
    expect(poundsForInput(5)).toBe('0.05');
  });
});

describe('small helpers', () => {
  it('finds the next unused outcome id', () => {
    expect(nextOutcomeId([])).toBe('o1');
    expect(nextOutcomeId(['o1', 'o3'])).toBe('o2');
  });
  it('writes numbers as a person would', () => {
    expect(plainNumber('10.00')).toBe('10');
    expect(plainNumber('2.50')).toBe('2.5');
    expect(plainNumber('100')).toBe('100');
    expect(quantityPhrase({ quantity: '1.00', unit: 'visit', frequency: 'one_off' })).toBe('1 visit once');
    expect(quantityPhrase({ quantity: '2.50', unit: 'hour', frequency: 'per_week' })).toBe('2.5 hours each week');
  });
  it('knows which versions can change and which 409 is a stale save', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('returned')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isStaleRevision({ status: 409, type: '/problems/conflict' })).toBe(true);
    expect(isStaleRevision({ status: 409, type: '/problems/failed-precondition' })).toBe(false);
    expect(problemWithMessage({ status: 409, type: '', title: 't', detail: 'd', errors: [{ field: 'x', message: 'y' }] }, CONFLICT_MESSAGE)).toEqual({ status: 409, type: '', title: 't', detail: CONFLICT_MESSAGE, errors: [] });
  });
  it('says when in words', () => {
    expect(whenInWords('2026-11-23T05:30:12Z')).toBe('23 November 2026 at 05:30');
    expect(whenInWords('soon')).toBe('soon');
  });
});

const plan = {
  id: 'p1',
  person_id: 'person/1',
  version: 2,
  submitted_at: '2026-11-23T05:30:12Z',
  cost: { weekly_pence: 41900, annual_pence: 2178800, one_off_pence: 0, first_year_pence: 2178800 },
  indicative_annual_pence: 1244100,
};

describe('the sign-off queue', () => {
  it('shows the cost, the indicative budget and the difference', () => {
    expect(queueRow(plan)).toEqual({ planId: 'p1', personId: 'person/1', version: 2, submittedAt: '2026-11-23T05:30:12Z', firstYear: '£21,788.00', indicative: '£12,441.00', difference: '£9,347.00 over' });
    expect(queueRow({ ...plan, indicative_annual_pence: 3000000 }).difference).toBe('£8,212.00 under');
    expect(queueRow({ ...plan, indicative_annual_pence: 2178800 }).difference).toBe('The same');
    expect(queueRow({ ...plan, indicative_annual_pence: null })).toMatchObject({ indicative: 'None', difference: 'No indicative budget' });
  });
  it('puts the longest waiting first', () => {
    const list = [{ submitted_at: '2026-11-23T05:30:12Z', id: 'b' }, { submitted_at: '2026-11-20T09:00:00Z', id: 'a' }];
    expect(oldestFirst(list).map((p) => p.id)).toEqual(['a', 'b']);
  });
});

describe('the decision', () => {
  it('needs a variance reason only when the budget differs from the indicative budget', () => {
    expect(needsVarianceReason('21788.00', 2178800, 1244100)).toBe(true);
    expect(needsVarianceReason('12,441', 2178800, 1244100)).toBe(false);
    expect(needsVarianceReason('', 1244100, 1244100)).toBe(false);
    expect(needsVarianceReason('', 2178800, 1244100)).toBe(true);
    expect(needsVarianceReason('lots', 2178800, 1244100)).toBeNull();
    expect(needsVarianceReason('5', 2178800, null)).toBe(false);
  });
  it('sends the budget and reason when approving, and only the words otherwise', () => {
    const answers = { decision: 'approve' as const, comments: 'ignored', actualAnnual: ' 21788.00 ', varianceCategory: 'market_prices', varianceWords: ' Local rates ' };
    expect(decisionBody(answers, 3, true)).toEqual({ decision: 'approve', revision: 3, actual_annual: '21788.00', variance_category: 'market_prices', variance_words: 'Local rates' });
    expect(decisionBody(answers, 3, false)).toEqual({ decision: 'approve', revision: 3, actual_annual: '21788.00' });
    expect(decisionBody({ ...answers, decision: 'refer', comments: ' Panel ' }, 3, true)).toEqual({ decision: 'refer', revision: 3, comments: 'Panel' });
  });
  it('links the comments to the box of the decision chosen', () => {
    expect(decisionFieldIds('return')['comments']).toBe('return-comments');
    expect(decisionFieldIds('decline')['comments']).toBe('decline-reason');
    expect(decisionFieldIds('')['comments']).toBe('decision');
    expect(decisionFieldIds('approve')['variance_category']).toBe('variance-category');
  });
  it('lists the plan steps in the case, newest first', () => {
    expect(planRounds([
      { event: 'record-assessment', at: '2026-11-01T10:00:00Z', detail: '' },
      { event: 'submit-plan', at: '2026-11-02T10:00:00Z', detail: 'version 1: £21,788.00 a year' },
      { event: 'return-plan', at: '2026-11-03T10:00:00Z', detail: 'version 1: return' },
    ])).toEqual([
      { what: 'Returned for changes', version: '1', when: '2026-11-03T10:00:00Z' },
      { what: 'Submitted for sign-off', version: '1', when: '2026-11-02T10:00:00Z' },
    ]);
  });
});

describe('itemRows', () => {
  it('describes each item with who, how much, its cost and the outcomes it serves', () => {
    const rows = itemRows({
      outcomes: [{ id: 'o1', words: 'To get out more' }],
      items: [{ what: 'A PA', supplier: 'personal_assistant', supplier_name: 'Sam', unit: 'hour', unit_price: '23.50', quantity: '14.00', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment', line_pence: 32900 }],
    });
    expect(rows).toEqual([{ what: 'A PA', who: 'A personal assistant they employ: Sam', how: '14 hours each week at £23.50 each', paid: 'Direct payment', outcomes: ['1. To get out more'], cost: '£329.00 a week', kind: '', notAllowed: '' }]);
  });

  it('says the kind of support, and why the approved list does not allow an item', () => {
    const rows = itemRows({
      outcomes: [{ id: 'o1', words: 'To get out more' }],
      items: [
        { what: 'Sitting', supplier: 'provider', supplier_name: 'Acorn', unit: 'hour', unit_price: '20.00', quantity: '2.00', frequency: 'per_week', outcomes: ['o1'], route: 'direct_payment', line_pence: 4000, service_type: 'respite', service_type_label: 'Respite', approval: { allowed: false, reason: 'Not approved: choose another.' } },
      ],
    });
    expect(rows[0]?.kind).toBe('Respite');
    expect(rows[0]?.notAllowed).toBe('Not approved: choose another.');
  });
});

describe('a service chosen in the directory', () => {
  const service = { id: '01JD3Q7Z8M0000000000000001', what: 'Help at home', unit: 'hour', price_pence: 2150, service_type: 'home_care', provider_name: 'Acorn Home Care' };

  it('becomes an item from that provider at the directory’s price, each week, how many left to say', () => {
    expect(itemFromService(service)).toEqual({
      what: 'Help at home',
      supplier: 'provider',
      supplier_name: 'Acorn Home Care',
      unit: 'hour',
      unit_price: '21.50',
      quantity: '',
      frequency: 'per_week',
      outcomes: [],
      route: 'direct_payment',
      service_id: '01JD3Q7Z8M0000000000000001',
      service_type: 'home_care',
    });
  });

  it('is bought once when it is an item, such as equipment', () => {
    expect(itemFromService({ ...service, unit: 'item', price_pence: 12000 })).toMatchObject({ frequency: 'one_off', unit_price: '120.00' });
  });

  it('is sent with its service and kind, and a missing service is shown at the item’s remove button', () => {
    const chosen = { ...item('i7', '21.50', '3'), service_id: service.id, service_type: 'home_care' };
    const body = planBody({ ...draft, items: [chosen] }) as { items: Record<string, unknown>[] };
    expect(body.items[0]).toMatchObject({ service_id: service.id, service_type: 'home_care' });
    const ids = planFieldIds({ ...draft, items: [chosen] });
    expect(ids['items[0].service_id']).toBe('item-i7-remove');
    expect(ids['items[0].service_type']).toBe('item-i7-service-type');
  });

  it('has the builder’s and the directory’s addresses for choosing and adding it', () => {
    expect(planPaths.findService('P1')).toBe('/find-support?plan=P1');
    expect(planPaths.addService('P1', 'S1', 'R1')).toBe('/person/plan?plan=P1&add_service=S1&provider=R1');
  });
});
