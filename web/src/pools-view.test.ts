import { describe, expect, test } from 'vitest';
import {
  consentWords,
  memberName,
  memberRows,
  moneyOutRows,
  periodRows,
  periodWords,
  poolPaths,
  poolRows,
  proposalBody,
  statementRows,
  type Pool,
  type PoolMember,
  type PoolStatement,
  type ProposalAnswers,
} from './pools-view';

const ADA = '01JD0000000000000000000ADA';
const BEN = '01JD0000000000000000000BEN';

function pool(over: Partial<Pool> = {}): Pool {
  return {
    id: '01JD000000000000000000P001',
    name: 'Tuesday art group',
    pays_for: 'A tutor and the room',
    service_id: null,
    cost_pence: 24000,
    leaving_rule: 'shared_by_contributions',
    leaving_rule_words: 'A member who leaves takes their part of the balance, in proportion to what each member has put in.',
    status: 'active',
    starts_on: '2026-11-22',
    balance_pence: 18000,
    period: { start: '2026-11-22', end: '2026-12-19' },
    may_move_money: false,
    today: '2026-11-22',
    members: [
      { seq: 1, person_id: ADA, name: 'Ada Okafor', share_pence: 12000, status: 'active', consent_by: 'person', consent_how: '', consented_at: '2026-11-22T09:00:00.000Z', left_on: null, may_act: true },
      { seq: 2, person_id: null, name: null, share_pence: 12000, status: 'proposed', consent_by: null, consent_how: '', consented_at: null, left_on: null, may_act: false },
    ],
    ...over,
  };
}

function member(i: number): PoolMember {
  const m = pool().members[i];
  if (!m) throw new Error(`no member ${i}`);
  return m;
}

function statement(over: Partial<PoolStatement> = {}): PoolStatement {
  return {
    pool: pool(),
    person_id: ADA,
    person_name: 'Ada Okafor',
    member_status: 'active',
    share_pence: 12000,
    periods: [{ start: '2026-11-22', end: '2026-12-19', money_in_pence: 24000, yours_pence: 12000 }],
    money_out: [{ on: '2026-11-22', description: 'Art tutor, first week', amount_pence: 6000 }],
    money_in_total_pence: 24000,
    money_out_total_pence: 6000,
    put_in_pence: 12000,
    share_of_balance_pence: 9000,
    taken_pence: 0,
    ...over,
  };
}

const ANSWERS: ProposalAnswers = {
  name: ' Tuesday art group ',
  pays_for: 'A tutor and the room',
  cost: '240.00',
  leaving_rule: 'shared_by_contributions',
  your_share: '£120.00',
  other_reference: BEN.toLowerCase(),
  other_share: '120',
  consent: true,
};

describe('pooled budget pages', () => {
  test('addresses', () => {
    expect(poolPaths.list(ADA)).toBe(`/pools?person=${ADA}`);
    expect(poolPaths.page('P1', ADA)).toBe(`/pool?id=P1&person=${ADA}`);
    expect(poolPaths.statement('P1', ADA)).toBe(`/api/pools/P1/statement?person=${ADA}`);
    expect(poolPaths.consents('P1')).toBe('/api/pools/P1/consents');
  });

  test('a member who has not consented is not named', () => {
    expect(memberName(member(1))).toBe('Invited member (waiting for their consent)');
    expect(memberName(member(0))).toBe('Ada Okafor');
    expect(memberRows(pool())).toEqual([
      ['Ada Okafor', '£120.00', 'In the pool'],
      ['Invited member (waiting for their consent)', '£120.00', 'Not consented yet'],
    ]);
  });

  test('consent in words says who gave it and how', () => {
    expect(consentWords(member(0))).toBe('Given by the member on 22 November 2026');
    expect(consentWords({ consent_by: 'social_worker', consent_how: 'At a home visit', consented_at: '2026-11-20T10:00:00.000Z' })).toBe(
      'Given in person and recorded by their social worker on 20 November 2026: At a home visit',
    );
    expect(consentWords(member(1))).toBe('Not given yet');
  });

  test('the agreement rows show the cost and balance in pounds', () => {
    const rows = poolRows(pool());
    expect(rows).toContainEqual(['Cost every 4 weeks', '£240.00']);
    expect(rows).toContainEqual(['In the pool now', '£180.00']);
    expect(rows).toContainEqual(['Started on', '22 November 2026']);
    expect(poolRows(pool({ cost_pence: null, starts_on: null, status: 'proposed' }))).toContainEqual(['Cost every 4 weeks', 'Not stated']);
  });

  test('the statement rows: own share, what was put in and the part of the balance', () => {
    expect(statementRows(statement(), true)).toEqual([
      ['Your share every 4 weeks', '£120.00'],
      ['You have put in', '£120.00'],
      ['Money in from all members', '£240.00'],
      ['Money paid out', '£60.00'],
      ['In the pool now', '£180.00'],
      ['Your part of what is in the pool', '£90.00, by what each member has put in'],
    ]);
    const left = statementRows(statement({ member_status: 'left', share_of_balance_pence: null, taken_pence: 10000 }), false);
    expect(left).toContainEqual(['They took when they left', '£100.00']);
    expect(left.map(([k]) => k)).not.toContain('Their part of what is in the pool');
  });

  test('periods and money out', () => {
    expect(periodWords('2026-11-22', '2026-12-19')).toBe('22 November to 19 December 2026');
    expect(periodWords('2026-12-20', '2027-01-16')).toBe('20 December 2026 to 16 January 2027');
    expect(periodRows(statement())).toEqual([['22 November to 19 December 2026', '£240.00', '£120.00']]);
    expect(moneyOutRows(statement())).toEqual([['22 November 2026', 'Art tutor, first week', '£60.00']]);
  });

  test('a proposal is sent with this member consenting and the other named by reference', () => {
    const sent = proposalBody(ANSWERS, ADA);
    expect(sent).toEqual({
      ok: true,
      body: {
        name: 'Tuesday art group',
        pays_for: 'A tutor and the room',
        cost: '240.00',
        leaving_rule: 'shared_by_contributions',
        members: [
          { person: ADA, share: '120.00', consent: true },
          { person: BEN, share: '120' },
        ],
      },
    });
    const noCost = proposalBody({ ...ANSWERS, cost: '' }, ADA);
    expect(noCost.ok && 'cost' in noCost.body).toBe(false);
  });

  test('a proposal with slips names each field, and never without consent', () => {
    const sent = proposalBody({ ...ANSWERS, name: '', cost: '1,2', other_reference: ADA, other_share: '0', consent: false }, ADA);
    expect(sent.ok).toBe(false);
    if (sent.ok) return;
    expect(sent.problems.map((p) => p.field)).toEqual(['name', 'cost', 'members[1].person', 'members[1].share', 'members[0].consent']);
    expect(sent.problems[4]?.message).toContain('without consenting');
  });
});
