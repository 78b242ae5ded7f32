/**
 * What the pooled budget pages show, worked out without a browser: the API's shapes, the
 * pages' addresses, the words for each state, the rows of the summaries and tables, and the
 * proposal a form sends.
 *
 *   poolPaths.list('01J…')                 // '/pools?person=01J…'
 *   poolPaths.page('01P…', '01J…')         // '/pool?id=01P…&person=01J…'
 *   memberName(member)                     // 'Invited member (waiting for their consent)'
 *   poolRows(pool)                         // [['What it pays for', '…'], ['Cost every 4 weeks', '£240.00'], …]
 *   proposalBody(answers, '01J…')          // { ok: true, body: {...} } or { ok: false, problems }
 *   leaveOutcome(statement)                // what a member takes from the balance if they leave now
 *   joinBody(answers, '01J…')              // { ok: true, pool, body } or { ok: false, problems }
 *   dueShares(pool)                        // the shares a finance officer collects this period
 *   paymentBody(answers)                   // a payment out of the pool, checked
 */
import { dateInWords } from './casework-view';
import { formatPence, parsePounds } from './money';
import type { FieldProblem } from './problem';

export type PoolStatus = 'proposed' | 'active' | 'closed';
export type MemberStatus = 'proposed' | 'consented' | 'active' | 'left';

export interface PoolMember {
  seq: number;
  person_id: string | null;
  name: string | null;
  share_pence: number;
  status: MemberStatus;
  consent_by: 'person' | 'representative' | 'social_worker' | null;
  consent_how: string;
  consented_at: string | null;
  left_on: string | null;
  may_act: boolean;
}

export interface Pool {
  id: string;
  name: string;
  pays_for: string;
  service_id: string | null;
  cost_pence: number | null;
  leaving_rule: 'shared_by_contributions' | 'stays_with_pool';
  leaving_rule_words: string;
  status: PoolStatus;
  starts_on: string | null;
  balance_pence: number;
  period: { start: string; end: string } | null;
  may_move_money: boolean;
  today: string;
  members: PoolMember[];
}

export interface PoolSummary {
  id: string;
  name: string;
  pays_for: string;
  status: PoolStatus;
  member_status: MemberStatus;
  share_pence: number;
  members: number;
}

export interface PersonPools {
  person_id: string;
  person_name: string;
  pools: PoolSummary[];
}

export interface PoolStatement {
  pool: Pool;
  person_id: string;
  person_name: string;
  member_status: MemberStatus;
  share_pence: number;
  periods: { start: string; end: string; money_in_pence: number; yours_pence: number }[];
  money_out: { on: string; description: string; amount_pence: number }[];
  money_in_total_pence: number;
  money_out_total_pence: number;
  put_in_pence: number;
  share_of_balance_pence: number | null;
  taken_pence: number;
}

/** A pool in the finance officers' list (GET /api/pools). */
export interface CouncilPool {
  id: string;
  name: string;
  pays_for: string;
  status: PoolStatus;
  members: number;
  member_id: string | null;
  shares_pence: number;
  balance_pence: number;
  period: { start: string; end: string } | null;
  collected: boolean;
}

export const poolPaths = {
  all: '/finance/pools',
  allApi: '/api/pools',
  list: (personId: string) => `/pools?person=${encodeURIComponent(personId)}`,
  page: (poolId: string, personId: string) => `/pool?id=${encodeURIComponent(poolId)}&person=${encodeURIComponent(personId)}`,
  listApi: (personId: string) => `/api/people/${encodeURIComponent(personId)}/pools`,
  create: () => '/api/pools',
  api: (poolId: string) => `/api/pools/${encodeURIComponent(poolId)}`,
  consents: (poolId: string) => `${poolPaths.api(poolId)}/consents`,
  leavePage: (poolId: string, personId: string) => `/pool/leave?id=${encodeURIComponent(poolId)}&person=${encodeURIComponent(personId)}`,
  leave: (poolId: string) => `${poolPaths.api(poolId)}/leave`,
  join: (poolId: string) => `${poolPaths.api(poolId)}/members`,
  collect: (poolId: string) => `${poolPaths.api(poolId)}/contributions`,
  pay: (poolId: string) => `${poolPaths.api(poolId)}/payments`,
  statement: (poolId: string, personId: string) => `${poolPaths.api(poolId)}/statement?person=${encodeURIComponent(personId)}`,
};

/** The proposal form's fields, by the names the API gives its problems. */
export const PROPOSAL_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  pays_for: 'pays_for',
  cost: 'cost',
  leaving_rule: 'leaving_rule',
  members: 'other_reference',
  'members[0].share': 'your_share',
  'members[0].consent': 'consent',
  'members[1].person': 'other_reference',
  'members[1].share': 'other_share',
};

export const CONSENT_FIELDS: Readonly<Record<string, string>> = { share: 'consent', how: 'how', person: 'consent' };

/** The join form's fields, by the names the API gives its problems. */
export const JOIN_FIELDS: Readonly<Record<string, string>> = {
  pool: 'pool_reference',
  person: 'pool_reference',
  share: 'join_share',
  cost: 'join_cost',
  consent: 'join_consent',
  how: 'join_how',
};

/** The payment form's fields. */
export const PAYMENT_FIELDS: Readonly<Record<string, string>> = { amount: 'amount', reference: 'reference', key: 'key' };

export function poolStatusWords(status: PoolStatus): string {
  switch (status) {
    case 'proposed':
      return 'Waiting for every member to consent';
    case 'active':
      return 'Running';
    case 'closed':
      return 'Closed';
  }
}

/** The GOV.UK tag colour for a pool's state. */
export function poolStatusTag(status: PoolStatus): string {
  return status === 'active' ? 'govuk-tag--green' : status === 'proposed' ? 'govuk-tag--yellow' : 'govuk-tag--grey';
}

export function memberStatusWords(status: MemberStatus): string {
  switch (status) {
    case 'proposed':
      return 'Not consented yet';
    case 'consented':
      return 'Consented';
    case 'active':
      return 'In the pool';
    case 'left':
      return 'Left';
  }
}

/** A member's name, or what can be said about them when the viewer may not know who they are. */
export function memberName(m: Pick<PoolMember, 'name' | 'status'>): string {
  if (m.name) return m.name;
  return m.status === 'proposed' ? 'Invited member (waiting for their consent)' : 'A member';
}

export function consentWords(m: Pick<PoolMember, 'consent_by' | 'consent_how' | 'consented_at'>): string {
  if (!m.consent_by || !m.consented_at) return 'Not given yet';
  const on = dateInWords(m.consented_at.slice(0, 10));
  switch (m.consent_by) {
    case 'person':
      return `Given by the member on ${on}`;
    case 'representative':
      return `Given for the member by someone they chose to act for them, on ${on}`;
    case 'social_worker':
      return `Given in person and recorded by their social worker on ${on}${m.consent_how ? `: ${m.consent_how}` : ''}`;
  }
}

/** The pool's agreement as summary list rows. */
export function poolRows(pool: Pool): [string, string][] {
  const rows: [string, string][] = [
    ['What it pays for', pool.pays_for],
    ['Cost every 4 weeks', pool.cost_pence === null ? 'Not stated' : formatPence(pool.cost_pence)],
    ['When a member leaves', pool.leaving_rule_words],
    ['State', poolStatusWords(pool.status)],
  ];
  if (pool.status !== 'closed') rows.push(['Pool reference', pool.id]);
  if (pool.starts_on) rows.push(['Started on', dateInWords(pool.starts_on)]);
  rows.push(['In the pool now', formatPence(pool.balance_pence)]);
  return rows;
}

/** Each member: name, share every 4 weeks, state. */
export function memberRows(pool: Pool): [string, string, string][] {
  return pool.members.map((m) => [memberName(m), formatPence(m.share_pence), memberStatusWords(m.status)]);
}

/** The member's own figures, as summary list rows. */
export function statementRows(s: PoolStatement, self: boolean): [string, string][] {
  const you = self ? 'Your' : 'Their';
  const rows: [string, string][] = [
    [`${you} share every 4 weeks`, formatPence(s.share_pence)],
    [`${self ? 'You have' : 'They have'} put in`, formatPence(s.put_in_pence)],
    ['Money in from all members', formatPence(s.money_in_total_pence)],
    ['Money paid out', formatPence(s.money_out_total_pence)],
    ['In the pool now', formatPence(s.pool.balance_pence)],
  ];
  if (s.share_of_balance_pence !== null) {
    rows.push([`${you} part of what is in the pool`, `${formatPence(s.share_of_balance_pence)}, by what each member has put in`]);
  }
  if (s.member_status === 'left') {
    rows.push([self ? 'You took when you left' : 'They took when they left', formatPence(s.taken_pence)]);
  }
  return rows;
}

/** "22 November to 19 December 2026", or with both years when they differ. */
export function periodWords(start: string, end: string): string {
  const from = dateInWords(start);
  const to = dateInWords(end);
  if (start.slice(0, 4) === end.slice(0, 4)) return `${from.slice(0, from.lastIndexOf(' '))} to ${to}`;
  return `${from} to ${to}`;
}

/** Money in by period: the 4 weeks, every member's shares together, this member's share. */
export function periodRows(s: PoolStatement): [string, string, string][] {
  return s.periods.map((p) => [periodWords(p.start, p.end), formatPence(p.money_in_pence), formatPence(p.yours_pence)]);
}

export function moneyOutRows(s: PoolStatement): [string, string, string][] {
  return s.money_out.map((o) => [dateInWords(o.on), o.description, formatPence(o.amount_pence)]);
}

export interface ProposalAnswers {
  name: string;
  pays_for: string;
  cost: string;
  leaving_rule: string;
  your_share: string;
  other_reference: string;
  other_share: string;
  consent: boolean;
}

/**
 * The proposal the form sends for `personId` (the member the page is for) and one other member
 * named by their reference. Amounts are checked here the way the server checks them, so a slip
 * is caught before sending; the server checks everything again.
 */
export function proposalBody(a: ProposalAnswers, personId: string): { ok: true; body: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const amount = (text: string, field: string, what: string, optional = false): string => amountIn(text, field, what, problems, optional);
  if (!a.name.trim()) problems.push({ field: 'name', message: 'Enter a name for the pool, for example "Tuesday art group"' });
  if (!a.pays_for.trim()) problems.push({ field: 'pays_for', message: 'Say what the pool pays for' });
  const cost = amount(a.cost, 'cost', 'what the pool costs every 4 weeks', true);
  if (!a.leaving_rule) problems.push({ field: 'leaving_rule', message: 'Choose what happens to the money in the pool when a member leaves' });
  const yours = amount(a.your_share, 'members[0].share', 'the share every 4 weeks');
  const reference = a.other_reference.trim().toUpperCase();
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(reference)) {
    problems.push({ field: 'members[1].person', message: 'Enter the other member’s reference: 26 letters and digits, as their pooled budgets page shows it' });
  } else if (reference === personId.toUpperCase()) {
    problems.push({ field: 'members[1].person', message: 'Enter the other member’s reference, not this one' });
  }
  const theirs = amount(a.other_share, 'members[1].share', 'their share every 4 weeks');
  if (!a.consent) problems.push({ field: 'members[0].consent', message: 'Confirm that this member agrees to pool their share: no one is put in a pool without consenting' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      name: a.name.trim(),
      pays_for: a.pays_for.trim(),
      ...(cost ? { cost } : {}),
      leaving_rule: a.leaving_rule,
      members: [
        { person: personId, share: yours, consent: true },
        { person: reference, share: theirs },
      ],
    },
  };
}

/** The member on this page (the one whose pools these are), if they are in the pool. */
export function memberFor(pool: Pool, personId: string): PoolMember | undefined {
  return pool.members.find((m) => m.person_id === personId && m.status !== 'left') ?? pool.members.find((m) => m.person_id === personId);
}

/** A member still in the pool (or invited to it): not one who has left. */
function current(m: PoolMember): boolean {
  return m.status !== 'left';
}

/** Whether the page may offer to take `member` out of the pool. */
export function mayLeave(pool: Pool, member: PoolMember | undefined): member is PoolMember {
  return member !== undefined && member.may_act && current(member) && pool.status !== 'closed';
}

export interface LeaveOutcome {
  /** What the leaving member takes from the balance, paid back into their direct payment account. */
  takesPence: number;
  /** The pool closes: fewer than two members would be left. */
  closes: boolean;
  /** When it closes, the member who takes what is left (null when it is the leaver, or no one). */
  heir: string | null;
  heirTakesPence: number;
  /** The confirmation's words, one paragraph each. */
  words: string[];
}

/**
 * What happens to the money if this member leaves now, by the pool's agreement, worked out the
 * way the server does it: under "take their part" the leaver takes their part of the balance in
 * proportion to what each current member has put in (the statement's share_of_balance); under
 * "stays with the pool" they take nothing. When fewer than two members would be left the pool
 * closes and the one left takes the rest, if they consented; otherwise the leaver does.
 */
export function leaveOutcome(s: PoolStatement, self: boolean): LeaveOutcome {
  const pool = s.pool;
  const you = self ? 'You' : 'They';
  const your = self ? 'your' : 'their';
  const balance = Math.max(0, pool.balance_pence);
  const leaver = memberFor(pool, s.person_id);
  let takes = pool.leaving_rule === 'shared_by_contributions' ? (s.share_of_balance_pence ?? 0) : 0;
  const remaining = pool.members.filter((m) => current(m) && m !== leaver);
  const closes = remaining.length < 2;
  let heir: string | null = null;
  let heirTakes = 0;
  const rest = balance - takes;
  if (closes && rest > 0) {
    const consented = remaining.filter((m) => m.consent_by !== null);
    const last = consented[consented.length - 1];
    if (last) {
      heir = memberName(last);
      heirTakes = rest;
    } else {
      takes = balance;
    }
  }
  const words: string[] = [];
  const account = `It will be paid back into ${your} direct payment account.`;
  if (takes > 0 && pool.leaving_rule === 'shared_by_contributions' && takes < balance) {
    words.push(`${you} will take ${formatPence(takes)} from the pool: ${your} part of the ${formatPence(balance)} in it, in proportion to what each member has put in. ${account}`);
  } else if (takes > 0) {
    words.push(`${you} will take ${formatPence(takes)} from the pool: all of the ${formatPence(balance)} in it, because no one else who agreed to the pool would be left in it. ${account}`);
  } else if (balance === 0) {
    words.push(`${you} will take nothing from the pool: there is no money in it.`);
  } else {
    words.push(`${you} will take nothing from the pool: under its agreement the ${formatPence(balance)} in it stays with the pool for the members who remain.`);
  }
  if (closes) {
    words.push(
      heir
        ? `The pool will close, because fewer than two members would be left in it. ${heir} will take the ${formatPence(heirTakes)} left in it.`
        : 'The pool will close, because fewer than two members would be left in it.',
    );
  }
  if (leaver && leaver.status === 'active') words.push(`${your === 'your' ? 'Your' : 'Their'} share of ${formatPence(leaver.share_pence)} will no longer be taken every 4 weeks.`);
  return { takesPence: takes, closes, heir, heirTakesPence: heirTakes, words };
}

/**
 * The leave link and the confirmation's heading and button. A member who has not consented yet
 * is saying no to the pool rather than leaving it.
 */
export function leaveLabels(s: PoolStatement, self: boolean): { link: string; heading: string; button: string } {
  const invited = memberFor(s.pool, s.person_id)?.status === 'proposed';
  const name = s.pool.name;
  if (invited) {
    return self
      ? { link: 'Say no to this pool', heading: `Are you sure you want to say no to ${name}?`, button: 'Say no to the pool' }
      : { link: 'Say no to this pool for them', heading: `Are you sure ${s.person_name} says no to ${name}?`, button: 'Say no for them' };
  }
  return self
    ? { link: 'Leave the pool', heading: `Are you sure you want to leave ${name}?`, button: 'Leave the pool' }
    : { link: 'Take them out of the pool', heading: `Are you sure you want to take ${s.person_name} out of ${name}?`, button: 'Take them out of the pool' };
}

/** The message after leaving, from the member's statement as it is now. */
export function leftWords(s: PoolStatement, self: boolean): { heading: string; body: string } {
  const your = self ? 'your' : 'their';
  const heading = `${self ? 'You have' : 'They have'} left ${s.pool.name}`;
  if (s.taken_pence > 0) {
    return { heading, body: `${self ? 'You' : 'They'} took ${formatPence(s.taken_pence)} from the pool. It has been paid back into ${your} direct payment account.` };
  }
  return { heading, body: `${self ? 'You' : 'They'} took nothing from the pool.${s.pool.status === 'closed' ? ' The pool has closed.' : ''}` };
}

/** Checks an amount in pounds the way the server does, adding a problem when it is not one. */
function amountIn(text: string, field: string, what: string, problems: FieldProblem[], optional = false): string {
  const trimmed = text.trim().replace(/^£/, '');
  if (optional && trimmed === '') return '';
  const parsed = parsePounds(trimmed);
  if (!parsed.ok) {
    problems.push({ field, message: trimmed === '' ? `Enter ${what}, like 120.00` : parsed.message });
    return '';
  }
  if (parsed.pence <= 0n) problems.push({ field, message: `Enter ${what} of more than £0.00` });
  return trimmed;
}

const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface JoinAnswers {
  pool_reference: string;
  share: string;
  cost: string;
  consent: boolean;
  how: string;
}

/** The request to join `personId` to the pool the reference names, with their consent. */
export function joinBody(a: JoinAnswers, personId: string): { ok: true; pool: string; body: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const pool = a.pool_reference.trim().toUpperCase();
  if (!REFERENCE.test(pool)) {
    problems.push({ field: 'pool', message: 'Enter the pool’s reference: 26 letters and digits, as a member’s page for the pool shows it' });
  }
  const share = amountIn(a.share, 'share', 'the share every 4 weeks', problems);
  const cost = amountIn(a.cost, 'cost', 'what the pool will cost every 4 weeks', problems, true);
  if (!a.consent) problems.push({ field: 'consent', message: 'Confirm that this member agrees to join and pay their share: no one joins a pool without consenting' });
  if (problems.length > 0) return { ok: false, problems };
  const how = a.how.trim();
  return { ok: true, pool, body: { person: personId, share, ...(cost ? { cost } : {}), consent: true, ...(how ? { how } : {}) } };
}

/** The shares a finance officer collects for the current 4 weeks: each active member's, and the total. */
export function dueShares(pool: Pool): { rows: [string, string][]; totalPence: number } {
  const active = pool.members.filter((m) => m.status === 'active');
  return {
    rows: active.map((m) => [memberName(m), formatPence(m.share_pence)]),
    totalPence: active.reduce((sum, m) => sum + m.share_pence, 0),
  };
}

/** What a collection did, in plain English. */
export function collectedWords(c: { collected: number; period_total_pence: number; balance_pence: number; period: { start: string; end: string } | null }): { heading: string; body: string } {
  const period = c.period ? ` for ${periodWords(c.period.start, c.period.end)}` : '';
  if (c.collected === 0) {
    return { heading: 'Nothing more to collect', body: `The shares${period} were collected before: nothing more was taken. The pool holds ${formatPence(c.balance_pence)}.` };
  }
  const members = c.collected === 1 ? '1 member' : `${c.collected} members`;
  return { heading: 'Shares collected', body: `The shares${period} (${formatPence(c.period_total_pence)} in all) were taken from ${members}’ direct payment accounts. The pool now holds ${formatPence(c.balance_pence)}.` };
}

export interface PaymentAnswers {
  amount: string;
  reference: string;
  key: string;
}

/** A payment out of the pool, checked the way the server checks it. */
export function paymentBody(a: PaymentAnswers): { ok: true; body: { key: string; amount: string; reference: string } } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const amount = amountIn(a.amount, 'amount', 'the amount paid', problems);
  const reference = a.reference.trim();
  if (!reference) problems.push({ field: 'reference', message: 'Say who was paid and what for, for example "Art tutor, November"' });
  else if (reference.length > 150) problems.push({ field: 'reference', message: 'Keep this to 150 characters or fewer' });
  const key = a.key.trim();
  if (!/^[A-Za-z0-9_.-]{1,16}$/.test(key)) {
    problems.push({ field: 'key', message: 'Enter a reference for this payment that you will not use again, such as the invoice number: 1 to 16 letters, digits and the characters _ . -' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, body: { key, amount, reference } };
}

/** What a payment out did. */
export function paidWords(body: { amount: string; reference: string }, pool: Pool): { heading: string; body: string } {
  const amount = parsePounds(body.amount);
  return {
    heading: 'Payment made',
    body: `${amount.ok ? formatPence(amount.pence) : `£${body.amount}`} was paid out of the pool: ${body.reference}. The pool now holds ${formatPence(pool.balance_pence)}.`,
  };
}

/** Whether someone with these roles may propose, join, consent or leave for a person (finance officers only read). */
export function mayActForMembers(roles: readonly string[]): boolean {
  return ['budget-holder', 'representative', 'support-planner', 'assessor'].some((r) => roles.includes(r));
}

/**
 * A row of the finance officers' list: the pool (a link to its page, read as its first current
 * member's), its state, members, shares every 4 weeks, balance, and this period: collected or
 * still to collect. A pool that has not started, or has closed, has nothing to collect.
 */
export function councilPoolRow(p: CouncilPool): { name: string; href: string | null; status: string; tag: string; members: string; shares: string; balance: string; period: string; todo: { text: string; tag: string } } {
  const period = p.period ? periodWords(p.period.start, p.period.end) : '';
  const todo =
    p.status !== 'active'
      ? { text: p.status === 'proposed' ? 'Not started' : 'Closed', tag: 'govuk-tag--grey' }
      : p.collected
        ? { text: 'Collected', tag: 'govuk-tag--green' }
        : { text: 'To collect', tag: 'govuk-tag--yellow' };
  return {
    name: p.name,
    href: p.member_id ? poolPaths.page(p.id, p.member_id) : null,
    status: poolStatusWords(p.status),
    tag: poolStatusTag(p.status),
    members: p.members === 1 ? '1 member' : `${p.members} members`,
    shares: formatPence(p.shares_pence),
    balance: formatPence(p.balance_pence),
    period,
    todo,
  };
}

/** How many running pools still have this period's shares to collect, in words. */
export function toCollectWords(pools: readonly CouncilPool[]): string {
  const running = pools.filter((p) => p.status === 'active');
  const due = running.filter((p) => !p.collected).length;
  if (running.length === 0) return 'No pooled budget is running, so there is nothing to collect.';
  if (due === 0) return `Every running pool’s shares have been collected for this period (${running.length === 1 ? '1 pool' : `${running.length} pools`}).`;
  return `${due === 1 ? '1 running pool has' : `${due} running pools have`} shares to collect for this period. Open each to collect them and pay its service.`;
}

