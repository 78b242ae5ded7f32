/**
 * The audit log page's pure parts: reading its filters from the address, building the API
 * query, and turning an entry into the words in one table row.
 *
 *   const filters = auditFilters(new URLSearchParams('action=users.create'));
 *   auditApiPath('01ABC', filters)  // '/api/councils/01ABC/audit?action=users.create&limit=100'
 */
import { roleTitles } from './roles';

/** How many entries the page asks for at most. */
export const AUDIT_PAGE_LIMIT = 100;

/** The filters of the search form, as typed (trimmed); '' means "any". */
export interface AuditFilters {
  action: string;
  actor: string;
  person: string;
}

/** One entry as GET /api/councils/{id}/audit returns it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor_user_id: string;
  actor_roles: string;
  action: string;
  resource_type: string;
  resource_id: string;
  subject_person_id?: string;
  outcome: string;
  summary: string;
  request_id: string;
}

/** Reads the filters from a page address's query. */
export function auditFilters(query: URLSearchParams): AuditFilters {
  const get = (name: string) => (query.get(name) ?? '').trim().slice(0, 200);
  return { action: get('action'), actor: get('actor'), person: get('person') };
}

/** True when any filter is set. */
export function isFiltered(filters: AuditFilters): boolean {
  return filters.action !== '' || filters.actor !== '' || filters.person !== '';
}

/** The API address for a council's audit log with these filters (empty ones left out). */
export function auditApiPath(councilId: string, filters: AuditFilters, limit = AUDIT_PAGE_LIMIT): string {
  const query = new URLSearchParams();
  if (filters.action) query.set('action', filters.action);
  if (filters.actor) query.set('actor', filters.actor);
  if (filters.person) query.set('person', filters.person);
  query.set('limit', String(limit));
  return `/api/councils/${encodeURIComponent(councilId)}/audit?${query.toString()}`;
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * A server timestamp ("2026-11-23T00:43:22.516Z") as UK time for people to read:
 * "23 Nov 2026, 00:43:22". Text that is not a timestamp is returned as it is.
 */
export function formatTimestamp(iso: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return LONDON_TIME.format(when);
}

/** The words in one row of the audit table. */
export interface AuditRow {
  seq: number;
  at: string;
  time: string;
  /** Who did it: "You", "Server operator (command line)" or a user id. */
  who: string;
  /** The actor's user id when there is one, to filter by; '' for the operator. */
  actorId: string;
  roles: string;
  action: string;
  /** What it was about, in full ("User 01BOB"), and in its two parts. */
  what: string;
  resourceType: string;
  resourceId: string;
  outcome: string;
  /** GOV.UK tag modifier for the outcome. */
  outcomeTagClass: string;
  summary: string;
}

const OUTCOMES: Record<string, { text: string; tagClass: string }> = {
  allowed: { text: 'Allowed', tagClass: 'govuk-tag--green' },
  denied: { text: 'Refused', tagClass: 'govuk-tag--red' },
  failed: { text: 'Failed', tagClass: 'govuk-tag--orange' },
};

/** Turns an entry into a table row; `myUserId` is the person looking, shown as "You". */
export function auditRow(entry: AuditEntry, myUserId: string): AuditRow {
  const outcome = OUTCOMES[entry.outcome] ?? { text: entry.outcome, tagClass: 'govuk-tag--grey' };
  let who = entry.actor_user_id;
  if (who === '') who = 'Server operator (command line)';
  else if (who === myUserId) who = 'You';
  const type = entry.resource_type ? entry.resource_type.charAt(0).toUpperCase() + entry.resource_type.slice(1) : '';
  return {
    seq: entry.seq,
    at: entry.at,
    time: formatTimestamp(entry.at),
    who,
    actorId: entry.actor_user_id,
    roles: roleTitles(entry.actor_roles ?? '').join(', '),
    action: entry.action,
    what: [type, entry.resource_id].filter((part) => part).join(' '),
    resourceType: type,
    resourceId: entry.resource_id,
    outcome: outcome.text,
    outcomeTagClass: outcome.tagClass,
    summary: entry.summary,
  };
}
