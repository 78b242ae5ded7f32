import { describe, expect, test } from 'vitest';
import {
  collectedWords,
  consentWords,
  councilPoolRow,
  dueShares,
  joinBody,
  leaveLabels,
  leaveOutcome,
  leftWords,
  mayActForMembers,
  mayLeave,
  memberName,
  memberRows,
  moneyOutRows,
  paidWords,
  paymentBody,
  periodRows,
  periodWords,
  poolPaths,
  poolRows,
  proposalBody,
  statementRows,
  toCollectWords,
  type Pool,
  type PoolMember,
  type PoolStatement,
  type ProposalAnswers,
  type CouncilPool,
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
    expect(poolPaths.leavePage('P1', ADA)).toBe(`/pool/leave?id=P1&person=${ADA}`);
    expect(poolPaths.leave('P1')).toBe('/api/pools/P1/leave');
    expect(poolPaths.join('P1')).toBe('/api/pools/P1/members');
    expect(poolPaths.collect('P1')).toBe('/api/pools/P1/contributions');
    expect(poolPaths.pay('P1')).toBe('/api/pools/P1/payments');
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
    expect(rows).toContainEqual(['Pool reference', '01JD000000000000000000P001']);
    expect(poolRows(pool({ status: 'closed' })).map(([k]) => k)).not.toContain('Pool reference');
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

  const CAL = '01JD0000000000000000000CA1';
  /** A running pool of three who have each put in £120.00, £60.00 paid out: £300.00 left. */
  function threeOf(over: Partial<Pool> = {}): Pool {
    const base = pool();
    const [ada] = base.members;
    if (!ada) throw new Error('no Ada');
    return pool({
      balance_pence: 30000,
      members: [
        ada,
        { ...ada, seq: 2, person_id: BEN, name: 'Ben Ames', may_act: false },
        { ...ada, seq: 3, person_id: CAL, name: 'Cal Reid', may_act: false },
      ],
      ...over,
    });
  }

  describe('leaving', () => {
    test('under "take their part" the leaver takes their part by contributions, and the pool goes on', () => {
      const s = statement({ pool: threeOf(), share_of_balance_pence: 10000 });
      const out = leaveOutcome(s, true);
      expect(out).toMatchObject({ takesPence: 10000, closes: false, heir: null, heirTakesPence: 0 });
      expect(out.words).toEqual([
        'You will take £100.00 from the pool: your part of the £300.00 in it, in proportion to what each member has put in. It will be paid back into your direct payment account.',
        'Your share of £120.00 will no longer be taken every 4 weeks.',
      ]);
    });

    test('under "stays with the pool" the leaver takes nothing', () => {
      const s = statement({ pool: threeOf({ leaving_rule: 'stays_with_pool' }), share_of_balance_pence: 10000 });
      const out = leaveOutcome(s, false);
      expect(out.takesPence).toBe(0);
      expect(out.words[0]).toBe('They will take nothing from the pool: under its agreement the £300.00 in it stays with the pool for the members who remain.');
      expect(out.words[1]).toBe('Their share of £120.00 will no longer be taken every 4 weeks.');
    });

    test('one of the last two leaving closes the pool, and the other member takes the rest', () => {
      const both = pool({ members: [member(0), { ...member(0), seq: 2, person_id: BEN, name: 'Ben Ames', may_act: false }] });
      const out = leaveOutcome(statement({ pool: both, share_of_balance_pence: 9000 }), true);
      expect(out).toMatchObject({ takesPence: 9000, closes: true, heir: 'Ben Ames', heirTakesPence: 9000 });
      expect(out.words[1]).toBe('The pool will close, because fewer than two members would be left in it. Ben Ames will take the £90.00 left in it.');
      const kept = leaveOutcome(statement({ pool: { ...both, leaving_rule: 'stays_with_pool' }, share_of_balance_pence: 9000 }), true);
      expect(kept).toMatchObject({ takesPence: 0, heir: 'Ben Ames', heirTakesPence: 18000 });
    });

    test('when the only other member never consented, the leaver takes it all', () => {
      const out = leaveOutcome(statement({ share_of_balance_pence: 18000, pool: pool({ leaving_rule: 'stays_with_pool' }) }), true);
      expect(out).toMatchObject({ takesPence: 18000, closes: true, heir: null });
      expect(out.words[0]).toBe('You will take £180.00 from the pool: all of the £180.00 in it, because no one else who agreed to the pool would be left in it. It will be paid back into your direct payment account.');
    });

    test('an empty pool: nothing to take', () => {
      expect(leaveOutcome(statement({ pool: threeOf({ balance_pence: 0 }), share_of_balance_pence: 0 }), true).words[0]).toBe('You will take nothing from the pool: there is no money in it.');
    });

    test('who may be offered to leave', () => {
      const p = threeOf();
      expect(mayLeave(p, p.members[0])).toBe(true);
      expect(mayLeave(p, p.members[1])).toBe(false);
      expect(mayLeave(p, { ...member(0), status: 'left' })).toBe(false);
      expect(mayLeave({ ...p, status: 'closed' }, p.members[0])).toBe(false);
      expect(mayLeave(p, undefined)).toBe(false);
    });

    test('a member leaves; one who has not consented says no', () => {
      expect(leaveLabels(statement(), true)).toEqual({ link: 'Leave the pool', heading: 'Are you sure you want to leave Tuesday art group?', button: 'Leave the pool' });
      expect(leaveLabels(statement(), false).heading).toBe('Are you sure you want to take Ada Okafor out of Tuesday art group?');
      const invited = statement({ person_id: BEN, person_name: 'Ben Ames', pool: pool({ members: [member(0), { ...member(1), person_id: BEN, may_act: true }] }) });
      expect(leaveLabels(invited, true)).toEqual({ link: 'Say no to this pool', heading: 'Are you sure you want to say no to Tuesday art group?', button: 'Say no to the pool' });
      expect(leaveLabels(invited, false).link).toBe('Say no to this pool for them');
    });

    test('after leaving: what they took, in words', () => {
      expect(leftWords(statement({ member_status: 'left', taken_pence: 10000 }), true)).toEqual({
        heading: 'You have left Tuesday art group',
        body: 'You took £100.00 from the pool. It has been paid back into your direct payment account.',
      });
      expect(leftWords(statement({ member_status: 'left', taken_pence: 0, pool: pool({ status: 'closed' }) }), false).body).toBe('They took nothing from the pool. The pool has closed.');
    });
  });

  describe('joining', () => {
    const JOIN = { pool_reference: ' 01jd000000000000000000p001 ', share: '£120.00', cost: '360', consent: true, how: '' };

    test('a join is sent for this member, consenting, to the pool the reference names', () => {
      expect(joinBody(JOIN, CAL)).toEqual({ ok: true, pool: '01JD000000000000000000P001', body: { person: CAL, share: '120.00', cost: '360', consent: true } });
      const sent = joinBody({ ...JOIN, cost: '', how: ' At a home visit ' }, CAL);
      expect(sent.ok && sent.body).toEqual({ person: CAL, share: '120.00', consent: true, how: 'At a home visit' });
    });

    test('slips name each field, and no one joins without consenting', () => {
      const sent = joinBody({ pool_reference: 'art group', share: '', cost: '12.345', consent: false, how: '' }, CAL);
      expect(sent.ok).toBe(false);
      if (sent.ok) return;
      expect(sent.problems.map((p) => p.field)).toEqual(['pool', 'share', 'cost', 'consent']);
      expect(sent.problems[3]?.message).toContain('without consenting');
    });

    test('only people who may act for members are offered the forms', () => {
      expect(mayActForMembers(['budget-holder'])).toBe(true);
      expect(mayActForMembers(['assessor'])).toBe(true);
      expect(mayActForMembers(['finance-officer'])).toBe(false);
    });
  });

  describe('finance officers: collecting and paying out', () => {
    test('the shares due are the active members’', () => {
      expect(dueShares(pool())).toEqual({ rows: [['Ada Okafor', '£120.00']], totalPence: 12000 });
      expect(dueShares(threeOf()).totalPence).toBe(36000);
    });

    test('a collection in words, and a repeat that takes nothing', () => {
      const period = { start: '2026-11-22', end: '2026-12-19' };
      expect(collectedWords({ collected: 2, period_total_pence: 24000, balance_pence: 24000, period })).toEqual({
        heading: 'Shares collected',
        body: 'The shares for 22 November to 19 December 2026 (£240.00 in all) were taken from 2 members’ direct payment accounts. The pool now holds £240.00.',
      });
      expect(collectedWords({ collected: 0, period_total_pence: 24000, balance_pence: 24000, period }).body).toBe(
        'The shares for 22 November to 19 December 2026 were collected before: nothing more was taken. The pool holds £240.00.',
      );
    });

    test('a payment is checked like the server checks it', () => {
      expect(paymentBody({ amount: '£60', reference: ' Art tutor, first week ', key: 'INV-001' })).toEqual({ ok: true, body: { key: 'INV-001', amount: '60', reference: 'Art tutor, first week' } });
      const bad = paymentBody({ amount: '0', reference: '', key: 'invoice 1' });
      expect(bad.ok).toBe(false);
      if (bad.ok) return;
      expect(bad.problems.map((p) => p.field)).toEqual(['amount', 'reference', 'key']);
      expect(paymentBody({ amount: '1', reference: 'x'.repeat(151), key: 'A'.repeat(17) }).ok).toBe(false);
    });

    test('a payment in words', () => {
      expect(paidWords({ amount: '60', reference: 'Art tutor, first week' }, pool())).toEqual({
        heading: 'Payment made',
        body: '£60.00 was paid out of the pool: Art tutor, first week. The pool now holds £180.00.',
      });
    });
  });
});

describe('the finance officers’ list of pools', () => {
  const running: CouncilPool = {
    id: 'P1',
    name: 'Tuesday art group',
    pays_for: 'An art tutor',
    status: 'active',
    members: 2,
    member_id: 'M1',
    shares_pence: 24000,
    balance_pence: 1050,
    period: { start: '2026-11-17', end: '2026-12-14' },
    collected: false,
  };

  test('a running pool: its page as its first member, the shares, and what is still to collect', () => {
    expect(councilPoolRow(running)).toEqual({
      name: 'Tuesday art group',
      href: '/pool?id=P1&person=M1',
      status: 'Running',
      tag: 'govuk-tag--green',
      members: '2 members',
      shares: '£240.00',
      balance: '£10.50',
      period: '17 November to 14 December 2026',
      todo: { text: 'To collect', tag: 'govuk-tag--yellow' },
    });
    expect(councilPoolRow({ ...running, collected: true }).todo).toEqual({ text: 'Collected', tag: 'govuk-tag--green' });
  });

  test('a pool not started or closed has nothing to collect, and one with no member left no page', () => {
    expect(councilPoolRow({ ...running, status: 'proposed', period: null }).todo.text).toBe('Not started');
    expect(councilPoolRow({ ...running, status: 'proposed', period: null }).period).toBe('');
    const closed = councilPoolRow({ ...running, status: 'closed', members: 1, member_id: null });
    expect(closed.todo.text).toBe('Closed');
    expect(closed.members).toBe('1 member');
    expect(closed.href).toBeNull();
  });

  test('how many running pools still have shares to collect', () => {
    expect(toCollectWords([])).toBe('No pooled budget is running, so there is nothing to collect.');
    expect(toCollectWords([running])).toBe('1 running pool has shares to collect for this period. Open each to collect them and pay its service.');
    expect(toCollectWords([running, { ...running, id: 'P2' }])).toMatch(/^2 running pools have/);
    expect(toCollectWords([{ ...running, collected: true }])).toBe('Every running pool’s shares have been collected for this period (1 pool).');
  });
});

