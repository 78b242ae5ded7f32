/**
 * Proportionate monitoring's pure parts, for the money alerts page (/alerts) and the surplus
 * proposals page (/finance/surplus-proposals): what the monitoring API sends, each alert's kind
 * and status in plain words, the order alerts are shown in, where a person's name may link, the
 * evidence lines, a surplus letter as the person would read it, a decision's body, and what a
 * run of the checks found. No DOM, no fetch.
 *
 *   alertKindLabel('large_cash_withdrawal')   // 'Large cash withdrawal'
 *   alertStatusTag('acknowledged')            // { text: 'Being looked into', modifier: 'govuk-tag--yellow' }
 *   personLink(alert, ['assessor'])           // { href: '/person?id=01J…', text: 'Maya Okafor' }
 *   letterParagraphs(proposal)                // ['Dear Maya Okafor,', 'Your account holds £2,400.00.', …]
 *   runRows(run)                              // [['Checked for', '1 December 2026'], ['Budgets checked', '2'], …]
 */
import { dateInWords } from './casework-view';
import { formatPence } from './money';
import { countWords } from './payment-run-view';
import { whenInWords } from './plan-view';
import type { FieldProblem } from './problem';
import { statementsPagePath } from './statements-view';

export type AlertKind =
  | 'surplus'
  | 'exhaustion'
  | 'outside_plan'
  | 'large_cash_withdrawal'
  | 'dominant_new_payee'
  | 'rapid_depletion'
  | 'household_relative_payment';

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

/** A spend line an alert quotes, as the ledger recorded it. */
export interface EvidenceLine {
  id: string;
  on: string;
  payee: string;
  reference: string;
  amount_pence: number;
}

/** An alert as GET /api/alerts and POST /api/alerts/{id} send it. */
export interface Alert {
  id: string;
  person_id: string;
  person_name: string;
  /** The viewer may open the person's case record (person.view). */
  may_view_record: boolean;
  /** The viewer may open the person's plan, budget and money (budget.read). */
  may_view_budget: boolean;
  kind: AlertKind | string;
  kind_label?: string;
  safeguarding: boolean;
  recipient: string;
  evidence: string[];
  evidence_lines: EvidenceLine[];
  sentence: string;
  amount_pence: number;
  balance_pence: number;
  checked_on: string;
  raised_at: string;
  status: AlertStatus | string;
  acknowledged_at: string | null;
  acknowledged_by_name: string | null;
  closed_at: string | null;
  closed_by_name: string | null;
  notes: string;
}

export type ProposalStatus = 'proposed' | 'approved' | 'declined';

/** A surplus recovery proposal as GET /api/surplus-proposals sends it. */
export interface Proposal {
  id: string;
  person_id: string;
  person_name: string;
  /** The direct payment account the surplus would be recovered from. */
  account_id: string | null;
  amount_pence: number;
  letter: string[];
  checked_on: string;
  proposed_at: string;
  status: ProposalStatus | string;
  decided_at: string | null;
  decided_by_name: string | null;
  reason: string | null;
  transfer_id: string | null;
}

/** What POST /api/monitoring/runs found. */
export interface MonitoringRun {
  date: string;
  budgets: number;
  skipped: number;
  /** New alerts by kind. */
  raised: Record<string, number>;
  still_open: number;
  proposals: number;
  problems: string[];
}

function withQuery(path: string, closed: boolean, page: number, perPage?: number): string {
  const query = new URLSearchParams();
  if (closed) query.set('closed', 'true');
  if (page > 1) query.set('page', String(page));
  if (perPage !== undefined) query.set('per_page', String(perPage));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** One page of alerts, as GET /api/alerts sends it. */
export interface AlertPage {
  alerts: Alert[];
  page: number;
  pages: number;
  per_page: number;
  total: number;
  counts: { open: number; acknowledged: number; closed: number };
}

/** Where the monitoring pages live, on the site and in the API. */
export const monitoringPaths = {
  alerts: '/alerts',
  /** The alerts page, with the closed ones too when `closed`; page `page` (from 1) of them, `perPage` to a page (else the server's 25). */
  alertsShowing: (closed: boolean, page = 1, perPage?: number) => withQuery('/alerts', closed, page, perPage),
  proposals: '/finance/surplus-proposals',
  record: (personId: string) => `/person?id=${encodeURIComponent(personId)}`,
  budget: (personId: string) => `/person/budget?person=${encodeURIComponent(personId)}`,
  api: {
    alerts: (closed: boolean, page = 1, perPage?: number) => withQuery('/api/alerts', closed, page, perPage),
    alert: (id: string) => `/api/alerts/${encodeURIComponent(id)}`,
    runs: '/api/monitoring/runs',
    proposals: '/api/surplus-proposals',
    decision: (id: string) => `/api/surplus-proposals/${encodeURIComponent(id)}/decision`,
  },
};

/** Every kind, in the order a run's findings are listed, with its name on screen. */
const KINDS: readonly [AlertKind, string][] = [
  ['surplus', 'Money building up'],
  ['exhaustion', 'Money may run out'],
  ['outside_plan', 'Spending outside the plan'],
  ['large_cash_withdrawal', 'Large cash withdrawal'],
  ['dominant_new_payee', 'A new payee taking most of the money'],
  ['rapid_depletion', 'Money going out quickly'],
  ['household_relative_payment', 'Payment to a relative in the household'],
];

/** An alert's kind in words: the server's label when it sends one, else the known name. */
export function alertKindLabel(kind: string, label?: string): string {
  if (label) return label;
  const known = KINDS.find(([k]) => k === kind);
  return known ? known[1] : (kind.charAt(0).toUpperCase() + kind.slice(1)).replace(/_/g, ' ');
}

const STATUS: Readonly<Record<string, { text: string; modifier: string }>> = {
  open: { text: 'New', modifier: 'govuk-tag--blue' },
  acknowledged: { text: 'Being looked into', modifier: 'govuk-tag--yellow' },
  closed: { text: 'Closed', modifier: 'govuk-tag--grey' },
};

/** An alert's status as a GOV.UK tag. */
export function alertStatusTag(status: string): { text: string; modifier: string } {
  return STATUS[status] ?? { text: status, modifier: 'govuk-tag--grey' };
}

/** The tag on a safeguarding signal: marked clearly, in words that accuse nobody. */
export const SAFEGUARDING_TAG = { text: 'Safeguarding', modifier: 'govuk-tag--orange' } as const;

/** "2 alerts: 1 new, 1 being looked into" (or "No alerts"), from the counts of each status. */
export function alertCountWords(counts: AlertPage['counts']): string {
  const total = counts.open + counts.acknowledged + counts.closed;
  if (total === 0) return 'No alerts';
  const parts = (['open', 'acknowledged', 'closed'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${alertStatusTag(s).text.toLowerCase()}`);
  return `${countWords(total, 'alert')}: ${parts.join(', ')}`;
}

/** "Showing alerts 26 to 50 of 60" on a page of many; "" when every alert is on one page. */
export function alertRangeWords(page: Pick<AlertPage, 'page' | 'pages' | 'per_page' | 'total'>): string {
  if (page.pages <= 1) return '';
  const first = (page.page - 1) * page.per_page + 1;
  const last = Math.min(page.total, page.page * page.per_page);
  return `Showing alerts ${first} to ${last} of ${page.total}`;
}

/** The roles whose person's record page (/person) can show a record; others see the plan and budget. */
const RECORD_PAGE_ROLES: readonly string[] = ['assessor', 'approver', 'safeguarding-lead'];

/**
 * Where the person's name links for this viewer: their case record when the policy lets the
 * viewer open it and the viewer's roles can use the record page; otherwise their plan and
 * budget when the viewer may see the money; otherwise nowhere (the name as plain text).
 */
export function personLink(alert: Pick<Alert, 'person_id' | 'may_view_record' | 'may_view_budget'>, roles: readonly string[]): string | null {
  if (alert.may_view_record && roles.some((r) => RECORD_PAGE_ROLES.includes(r))) return monitoringPaths.record(alert.person_id);
  if (alert.may_view_budget) return monitoringPaths.budget(alert.person_id);
  return null;
}

/** What an alert's amount is, by kind. */
export function amountLabel(kind: string): string {
  switch (kind) {
    case 'surplus':
      return 'Surplus';
    case 'exhaustion':
      return 'Spent in recent weeks';
    default:
      return 'Money these lines moved';
  }
}

/** The alert's summary rows after the person: the sums, when it was raised, and what has been done. */
export function alertRows(alert: Alert): [string, string][] {
  const rows: [string, string][] = [
    [amountLabel(alert.kind), formatPence(alert.amount_pence)],
    ['Balance when checked', formatPence(alert.balance_pence)],
    ['Checked for', dateInWords(alert.checked_on)],
    ['Raised', whenInWords(alert.raised_at)],
  ];
  if (alert.acknowledged_at) rows.push(['Acknowledged', byWhom(alert.acknowledged_by_name, alert.acknowledged_at)]);
  if (alert.closed_at) rows.push(['Closed', byWhom(alert.closed_by_name, alert.closed_at)]);
  if (alert.notes) rows.push(['Notes', alert.notes]);
  return rows;
}

function byWhom(name: string | null, at: string): string {
  return name ? `By ${name}, ${whenInWords(at)}` : whenInWords(at);
}

/** The evidence table's rows: date, who was paid, the reference, the amount. */
export function evidenceRows(lines: readonly EvidenceLine[]): { on: string; payee: string; reference: string; amount: string }[] {
  return lines.map((l) => ({ on: dateInWords(l.on), payee: l.payee, reference: l.reference || 'None', amount: formatPence(l.amount_pence) }));
}

/** The words of the banner after an alert is acknowledged or closed. */
export function alertDoneWords(action: 'acknowledge' | 'close', alert: Pick<Alert, 'kind' | 'kind_label' | 'person_name'>, showingClosed: boolean): { heading: string; body: string } {
  const what = `${alertKindLabel(alert.kind, alert.kind_label)} for ${alert.person_name}`;
  if (action === 'acknowledge') return { heading: 'Alert acknowledged', body: `${what}. Close it with a note when you have finished looking into it.` };
  return { heading: 'Alert closed', body: showingClosed ? `${what}. It stays below with the closed alerts.` : `${what}. It is kept with the closed alerts.` };
}

/** The notes field of an alert's form: the server's `notes` is shown by its textarea. */
export function alertFields(alertId: string): Record<string, string> {
  return { notes: `notes-${alertId}` };
}

/** The proposal's status as a GOV.UK tag. */
export function proposalStatusTag(status: string): { text: string; modifier: string } {
  switch (status) {
    case 'proposed':
      return { text: 'Waiting for a decision', modifier: 'govuk-tag--yellow' };
    case 'approved':
      return { text: 'Approved', modifier: 'govuk-tag--green' };
    case 'declined':
      return { text: 'Declined', modifier: 'govuk-tag--grey' };
    default:
      return { text: status, modifier: 'govuk-tag--grey' };
  }
}

/** The letter as the person would read it: addressed to them, then the paragraphs as worked out. */
export function letterParagraphs(proposal: Pick<Proposal, 'person_name' | 'letter'>): string[] {
  return [`Dear ${proposal.person_name},`, ...proposal.letter];
}

/** Where to import the latest statement of the account, to check the balance before deciding; null when the account is not known. */
export function statementPath(p: Pick<Proposal, 'account_id'>): string | null {
  return p.account_id ? statementsPagePath({ account: p.account_id }) : null;
}

/** The proposal's summary rows. */
export function proposalRows(p: Proposal): [string, string][] {
  const rows: [string, string][] = [
    ['Amount to recover', formatPence(p.amount_pence)],
    ['Checked for', dateInWords(p.checked_on)],
    ['Proposed', whenInWords(p.proposed_at)],
  ];
  if (p.decided_at) rows.push([p.status === 'approved' ? 'Approved' : 'Declined', byWhom(p.decided_by_name, p.decided_at)]);
  if (p.reason) rows.push(['Reason', p.reason]);
  return rows;
}

/** The proposals waiting for a decision, and those decided (each in the server's order). */
export function splitProposals<T extends Pick<Proposal, 'status'>>(proposals: readonly T[]): { waiting: T[]; decided: T[] } {
  return { waiting: proposals.filter((p) => p.status === 'proposed'), decided: proposals.filter((p) => p.status !== 'proposed') };
}

/** The decision form's fields for one proposal: the server's names to the element ids. */
export function decisionFields(proposalId: string): Record<string, string> {
  return { decision: `decision-${proposalId}`, reason: `reason-${proposalId}` };
}

/**
 * The body for POST /api/surplus-proposals/{id}/decision, or what is missing: a choice, and a
 * reason (the person reads it, whichever the decision).
 */
export function decisionBody(decision: string | undefined, reason: string): { ok: true; body: { decision: string; reason: string } } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  if (decision !== 'approve' && decision !== 'decline') errors.push({ field: 'decision', message: 'Select whether to approve or decline the recovery' });
  if (!reason.trim()) {
    errors.push({
      field: 'reason',
      message: decision === 'decline' ? 'Enter why you are declining the recovery' : 'Enter the reason for the decision, in words the person will read',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, body: { decision: decision as string, reason: reason.trim() } };
}

/** The words of the banner after a decision. */
export function decidedWords(p: Pick<Proposal, 'status' | 'amount_pence' | 'person_name'>): { heading: string; body: string } {
  const amount = formatPence(p.amount_pence);
  return p.status === 'approved'
    ? { heading: 'Recovery approved', body: `${amount} has been moved from ${p.person_name}’s account back to the council. Send them the letter.` }
    : { heading: 'Recovery declined', body: `Nothing has been taken from ${p.person_name}’s account.` };
}

/** The new alerts a run raised, by kind in the usual order: "Large cash withdrawal: 1". */
export function raisedLines(raised: Readonly<Record<string, number>>): string[] {
  const known = KINDS.filter(([k]) => (raised[k] ?? 0) > 0).map(([k, label]) => `${label}: ${raised[k]}`);
  const others = Object.entries(raised)
    .filter(([k, n]) => n > 0 && !KINDS.some(([known]) => known === k))
    .map(([k, n]) => `${alertKindLabel(k)}: ${n}`);
  return [...known, ...others];
}

/** The summary rows of what a run of the checks found. */
export function runRows(run: MonitoringRun): [string, string | string[]][] {
  const raised = raisedLines(run.raised);
  const rows: [string, string | string[]][] = [
    ['Checked for', dateInWords(run.date)],
    ['Budgets checked', run.budgets.toLocaleString('en-GB')],
  ];
  if (run.skipped > 0) rows.push(['Budgets with nothing to check yet', run.skipped.toLocaleString('en-GB')]);
  rows.push(['New alerts', raised.length === 0 ? 'None' : raised]);
  if (run.still_open > 0) rows.push(['Already raised and still open', countWords(run.still_open, 'alert')]);
  rows.push(['New surplus proposals', run.proposals === 0 ? 'None' : run.proposals.toLocaleString('en-GB')]);
  return rows;
}

/** What the run button's status line says while the checks run. */
export const CHECKING_WORDS = 'Checking every budget in payment… This can take a minute for a large council.';
