import { describe, expect, it } from 'vitest';
import {
  alertCountWords,
  alertRangeWords,
  alertDoneWords,
  alertKindLabel,
  alertRows,
  alertStatusTag,
  amountLabel,
  decidedWords,
  decisionBody,
  decisionFields,
  evidenceRows,
  letterParagraphs,
  monitoringPaths,
  personLink,
  proposalRows,
  proposalStatusTag,
  raisedLines,
  statementPath,
  runRows,
  splitProposals,
  type Alert,
  type Proposal,
} from './monitoring-view';

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'A1',
    person_id: 'P1',
    person_name: 'Maya Okafor',
    may_view_record: false,
    may_view_budget: false,
    kind: 'large_cash_withdrawal',
    kind_label: 'Large cash withdrawal',
    safeguarding: true,
    recipient: 'social_worker',
    evidence: ['T1'],
    evidence_lines: [{ id: 'T1', on: '2026-12-01', payee: 'Cash', reference: 'ATM cash withdrawal', amount_pence: 40000 }],
    sentence: 'A cash withdrawal of £400.00 …',
    amount_pence: 40000,
    balance_pence: 200000,
    checked_on: '2026-12-01',
    raised_at: '2026-12-01T10:15:00.000Z',
    status: 'open',
    acknowledged_at: null,
    acknowledged_by_name: null,
    closed_at: null,
    closed_by_name: null,
    notes: '',
    ...over,
  };
}

function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    id: 'S1',
    person_id: 'P1',
    person_name: 'Maya Okafor',
    account_id: 'ACC1',
    amount_pence: 80000,
    letter: ['Your account holds £2,400.00.', 'That leaves £800.00 more than you need for now.'],
    checked_on: '2026-12-01',
    proposed_at: '2026-12-01T10:15:00.000Z',
    status: 'proposed',
    decided_at: null,
    decided_by_name: null,
    reason: null,
    transfer_id: null,
    ...over,
  };
}

describe('alertKindLabel', () => {
  it('uses the server’s label when it sends one', () => {
    expect(alertKindLabel('surplus', 'Money building up')).toBe('Money building up');
  });

  it('knows every kind the server sends', () => {
    expect(alertKindLabel('surplus')).toBe('Money building up');
    expect(alertKindLabel('exhaustion')).toBe('Money may run out');
    expect(alertKindLabel('outside_plan')).toBe('Spending outside the plan');
    expect(alertKindLabel('large_cash_withdrawal')).toBe('Large cash withdrawal');
    expect(alertKindLabel('dominant_new_payee')).toBe('A new payee taking most of the money');
    expect(alertKindLabel('rapid_depletion')).toBe('Money going out quickly');
    expect(alertKindLabel('household_relative_payment')).toBe('Payment to a relative in the household');
  });

  it('turns an unknown kind into words rather than showing its code', () => {
    expect(alertKindLabel('new_kind')).toBe('New kind');
  });
});

describe('alertStatusTag', () => {
  it('names each status in plain words with a colour', () => {
    expect(alertStatusTag('open')).toEqual({ text: 'New', modifier: 'govuk-tag--blue' });
    expect(alertStatusTag('acknowledged')).toEqual({ text: 'Being looked into', modifier: 'govuk-tag--yellow' });
    expect(alertStatusTag('closed')).toEqual({ text: 'Closed', modifier: 'govuk-tag--grey' });
  });
});

describe('alertCountWords', () => {
  it('counts by status', () => {
    expect(alertCountWords({ open: 2, acknowledged: 1, closed: 0 })).toBe('3 alerts: 2 new, 1 being looked into');
    expect(alertCountWords({ open: 0, acknowledged: 0, closed: 1 })).toBe('1 alert: 1 closed');
    expect(alertCountWords({ open: 0, acknowledged: 0, closed: 0 })).toBe('No alerts');
    expect(alertCountWords({ open: 317, acknowledged: 0, closed: 0 })).toBe('317 alerts: 317 new');
  });

  it('says which alerts a page of many shows', () => {
    expect(alertRangeWords({ page: 2, pages: 3, per_page: 25, total: 60 })).toBe('Showing alerts 26 to 50 of 60');
    expect(alertRangeWords({ page: 3, pages: 3, per_page: 25, total: 60 })).toBe('Showing alerts 51 to 60 of 60');
    expect(alertRangeWords({ page: 1, pages: 1, per_page: 25, total: 3 })).toBe('');
  });
});

describe('personLink', () => {
  it('links a social worker to the case record when the policy lets them open it', () => {
    expect(personLink(alert({ may_view_record: true, may_view_budget: true }), ['assessor'])).toBe('/person?id=P1');
  });

  it('links a finance officer to the plan and budget, never the case record', () => {
    expect(personLink(alert({ may_view_budget: true }), ['finance-officer'])).toBe('/person/budget?person=P1');
  });

  it('links a support planner with access to the plan and budget: the record page is not theirs', () => {
    expect(personLink(alert({ may_view_record: true, may_view_budget: true }), ['support-planner'])).toBe('/person/budget?person=P1');
  });

  it('gives no link when the viewer may open neither', () => {
    expect(personLink(alert(), ['safeguarding-lead'])).toBeNull();
  });

  it('escapes the id', () => {
    expect(personLink(alert({ person_id: 'a&b', may_view_budget: true }), [])).toBe('/person/budget?person=a%26b');
  });
});

describe('alertRows', () => {
  it('shows the sums in pounds and when the alert was raised', () => {
    expect(alertRows(alert())).toEqual([
      ['Money these lines moved', '£400.00'],
      ['Balance when checked', '£2,000.00'],
      ['Checked for', '1 December 2026'],
      ['Raised', '1 December 2026 at 10:15'],
    ]);
  });

  it('adds who acknowledged and closed it, and the notes', () => {
    const rows = alertRows(alert({
      status: 'closed',
      acknowledged_at: '2026-12-02T09:00:00Z', acknowledged_by_name: 'Sam',
      closed_at: '2026-12-03T16:30:00Z', closed_by_name: 'Sam',
      notes: 'Spoke to Maya: a new boiler',
    }));
    expect(rows.slice(4)).toEqual([
      ['Acknowledged', 'By Sam, 2 December 2026 at 09:00'],
      ['Closed', 'By Sam, 3 December 2026 at 16:30'],
      ['Notes', 'Spoke to Maya: a new boiler'],
    ]);
  });

  it('names the amount by the kind of alert', () => {
    expect(amountLabel('surplus')).toBe('Surplus');
    expect(amountLabel('exhaustion')).toBe('Spent in recent weeks');
    expect(amountLabel('outside_plan')).toBe('Money these lines moved');
  });
});

describe('evidenceRows', () => {
  it('gives each spend line’s date, payee, reference and amount', () => {
    expect(evidenceRows(alert().evidence_lines)).toEqual([{ on: '1 December 2026', payee: 'Cash', reference: 'ATM cash withdrawal', amount: '£400.00' }]);
    expect(evidenceRows([{ id: 'T', on: '2026-12-01', payee: 'Shop', reference: '', amount_pence: 5 }])[0]?.reference).toBe('None');
  });
});

describe('alertDoneWords', () => {
  it('says what was done, and where a closed alert went', () => {
    expect(alertDoneWords('acknowledge', alert(), false).heading).toBe('Alert acknowledged');
    expect(alertDoneWords('close', alert(), false)).toEqual({ heading: 'Alert closed', body: 'Large cash withdrawal for Maya Okafor. It is kept with the closed alerts.' });
    expect(alertDoneWords('close', alert(), true).body).toMatch(/stays below/);
  });
});

describe('proposals', () => {
  it('shows the letter addressed to the person, as worked out', () => {
    expect(letterParagraphs(proposal())).toEqual(['Dear Maya Okafor,', 'Your account holds £2,400.00.', 'That leaves £800.00 more than you need for now.']);
  });

  it('splits those waiting from those decided, keeping the server’s order', () => {
    const { waiting, decided } = splitProposals([proposal({ id: 'a', status: 'approved' }), proposal({ id: 'b' }), proposal({ id: 'c', status: 'declined' })]);
    expect(waiting.map((p) => p.id)).toEqual(['b']);
    expect(decided.map((p) => p.id)).toEqual(['a', 'c']);
  });

  it('summarises a decided proposal with who, when and why', () => {
    const rows = proposalRows(proposal({ status: 'declined', decided_at: '2026-12-02T11:00:00Z', decided_by_name: 'Fin', reason: 'Saving for a wheelchair' }));
    expect(rows).toEqual([
      ['Amount to recover', '£800.00'],
      ['Checked for', '1 December 2026'],
      ['Proposed', '1 December 2026 at 10:15'],
      ['Declined', 'By Fin, 2 December 2026 at 11:00'],
      ['Reason', 'Saving for a wheelchair'],
    ]);
    expect(proposalStatusTag('approved')).toEqual({ text: 'Approved', modifier: 'govuk-tag--green' });
    expect(proposalStatusTag('proposed').text).toBe('Waiting for a decision');
  });

  it('needs a choice and a reason before sending a decision', () => {
    expect(decisionBody(undefined, '')).toEqual({
      ok: false,
      errors: [
        { field: 'decision', message: 'Select whether to approve or decline the recovery' },
        { field: 'reason', message: 'Enter the reason for the decision, in words the person will read' },
      ],
    });
    expect(decisionBody('decline', '   ')).toEqual({ ok: false, errors: [{ field: 'reason', message: 'Enter why you are declining the recovery' }] });
    expect(decisionBody('approve', ' Maya agreed ')).toEqual({ ok: true, body: { decision: 'approve', reason: 'Maya agreed' } });
  });

  it('links to importing the account’s latest statement, when the account is known', () => {
    expect(statementPath(proposal())).toBe('/finance/statements?account=ACC1');
    expect(statementPath(proposal({ account_id: null }))).toBeNull();
  });

  it('names each proposal’s fields apart', () => {
    expect(decisionFields('S1')).toEqual({ decision: 'decision-S1', reason: 'reason-S1' });
  });

  it('says what a decision did', () => {
    expect(decidedWords(proposal({ status: 'approved' }))).toEqual({ heading: 'Recovery approved', body: '£800.00 has been moved from Maya Okafor’s account back to the council. Send them the letter.' });
    expect(decidedWords(proposal({ status: 'declined' })).body).toBe('Nothing has been taken from Maya Okafor’s account.');
  });
});

describe('a run of the checks', () => {
  it('lists new alerts by kind, in the usual order', () => {
    expect(raisedLines({ large_cash_withdrawal: 1, surplus: 2, outside_plan: 0, mystery: 1 })).toEqual(['Money building up: 2', 'Large cash withdrawal: 1', 'Mystery: 1']);
  });

  it('summarises what the checks found', () => {
    expect(runRows({ date: '2026-12-01', budgets: 2, skipped: 1, raised: { surplus: 2 }, still_open: 1, proposals: 2, problems: [] })).toEqual([
      ['Checked for', '1 December 2026'],
      ['Budgets checked', '2'],
      ['Budgets with nothing to check yet', '1'],
      ['New alerts', ['Money building up: 2']],
      ['Already raised and still open', '1 alert'],
      ['New surplus proposals', '2'],
    ]);
    expect(runRows({ date: '2026-12-01', budgets: 0, skipped: 0, raised: {}, still_open: 0, proposals: 0, problems: [] })).toEqual([
      ['Checked for', '1 December 2026'],
      ['Budgets checked', '0'],
      ['New alerts', 'None'],
      ['New surplus proposals', 'None'],
    ]);
  });

  it('has the addresses the pages use', () => {
    expect(monitoringPaths.api.alerts(true)).toBe('/api/alerts?closed=true');
    expect(monitoringPaths.api.decision('S 1')).toBe('/api/surplus-proposals/S%201/decision');
    expect(monitoringPaths.alertsShowing(false)).toBe('/alerts');
    expect(monitoringPaths.alertsShowing(true, 3)).toBe('/alerts?closed=true&page=3');
    expect(monitoringPaths.alertsShowing(false, 2)).toBe('/alerts?page=2');
    expect(monitoringPaths.api.alerts(false, 1)).toBe('/api/alerts');
    expect(monitoringPaths.api.alerts(true, 4)).toBe('/api/alerts?closed=true&page=4');
    expect(monitoringPaths.api.alerts(false, 2, 10)).toBe('/api/alerts?page=2&per_page=10');
  });
});
