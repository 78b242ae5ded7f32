// /audit (auditors): the council's audit log, newest first, filtered by the GET form's
// fields (?action=&actor=&person=), which stay in the address so a search can be shared.
import '../main';
import { api, type Session } from '../api';
import {
  AUDIT_PAGE_LIMIT,
  auditApiPath,
  auditFilters,
  auditRow,
  isFiltered,
  type AuditEntry,
  type AuditFilters,
} from '../audit-view';
import { byId, h, replaceChildren } from '../dom';
import { showPageProblem, startSignedInPage } from '../layout';

function fillForm(filters: AuditFilters): void {
  byId<HTMLInputElement>('action').value = filters.action;
  byId<HTMLInputElement>('actor').value = filters.actor;
  byId<HTMLInputElement>('person').value = filters.person;
}

/** A long id, in smaller text that may wrap anywhere, so that it does not widen the table. */
function identifier(id: string): HTMLSpanElement {
  return h('span', { class: 'app-break-anywhere govuk-!-font-size-16' }, id);
}

/** "account.password.change", allowed to wrap after each dot (and nowhere else). */
function breakAfterDots(text: string): HTMLSpanElement {
  const parts = text.split('.');
  return h('span', {}, parts.flatMap((part, i) => (i < parts.length - 1 ? [`${part}.`, h('wbr')] : [part])));
}

/** A link that searches the log for everything this user did. */
function filterLink(actorId: string, text: string): HTMLAnchorElement {
  const query = new URLSearchParams({ actor: actorId });
  const looksLikeId = text === actorId;
  return h(
    'a',
    { class: `govuk-link${looksLikeId ? ' app-break-anywhere govuk-!-font-size-16' : ''}`, href: `/audit?${query.toString()}` },
    text,
  );
}

async function showEntries(session: Session, filters: AuditFilters): Promise<void> {
  const result = await api<{ entries: AuditEntry[] }>('GET', auditApiPath(session.user.council_id, filters));
  if (!result.ok) {
    showPageProblem(result.problem);
    return;
  }
  const rows = result.data.entries.map((entry) => auditRow(entry, session.user.id));
  const cell = (...children: (Node | string)[]) => h('td', { class: 'govuk-table__cell' }, ...children);
  replaceChildren(
    byId('audit-body'),
    rows.map((row) =>
      h(
        'tr',
        { class: 'govuk-table__row', 'data-seq': String(row.seq) },
        cell(h('time', { datetime: row.at }, row.time)),
        cell(
          row.actorId
            ? filterLink(row.actorId, row.who)
            : row.who,
        ),
        cell(row.roles),
        cell(breakAfterDots(row.action)),
        cell(row.resourceType, row.resourceId ? h('br') : '', row.resourceId ? identifier(row.resourceId) : ''),
        cell(h('strong', { class: `govuk-tag ${row.outcomeTagClass}` }, row.outcome)),
        cell(row.summary),
      ),
    ),
  );

  const count = rows.length;
  const heading = byId('results-heading');
  const note = byId('results-note');
  if (count === 0) {
    heading.textContent = isFiltered(filters) ? 'No entries match your search' : 'The log is empty';
  } else {
    heading.textContent = `${count} ${count === 1 ? 'entry' : 'entries'}${isFiltered(filters) ? ' match your search' : ''}`;
  }
  note.hidden = count < AUDIT_PAGE_LIMIT;
  note.textContent = `Only the newest ${AUDIT_PAGE_LIMIT} are shown. Search for an action, a person or who did it to see others.`;
  byId('audit-table').hidden = count === 0;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/audit', role: 'auditor' });
  if (!page) return;
  const filters = auditFilters(new URLSearchParams(window.location.search));
  fillForm(filters);
  byId('clear-filters').hidden = !isFiltered(filters);
  byId('audit-section').hidden = false;
  await showEntries(page.session, filters);
}

void main();
