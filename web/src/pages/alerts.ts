// /alerts (finance officers, social workers, support planners, safeguarding leads): the money
// alerts routed to the signed-in person. New ones first, then those being looked into, then
// (with "All, including closed") the closed ones; each a GOV.UK summary card with the kind, its
// status, a "Safeguarding" tag on a safeguarding signal, the server's plain-English sentence, the
// person's name (a link to their record or their plan and budget, where the viewer may open
// either), the sums in pounds, when it was raised and what has been done, and the spend lines
// behind it. While an alert is not closed: notes, "Acknowledge" (when new) and "Close the alert"
// (the server needs notes to close; its refusal goes to the error summary, linked to the notes).
// After either, the list is read again and a banner says what happened. 25 alerts to a page,
// with the GOV.UK pagination below them when there are more.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { pagination, summaryList, table, tag } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import {
  SAFEGUARDING_TAG,
  alertCountWords,
  alertRangeWords,
  alertDoneWords,
  alertFields,
  alertKindLabel,
  alertRows,
  alertStatusTag,
  evidenceRows,
  monitoringPaths,
  personLink,
  type Alert,
  type AlertPage,
} from '../monitoring-view';
import { textarea } from '../safeguarding-form';

const READERS = ['finance-officer', 'assessor', 'support-planner', 'safeguarding-lead'] as const;

function evidenceTable(alert: Alert): HTMLElement | null {
  if (alert.evidence_lines.length === 0) return null;
  return table({
    id: `evidence-${alert.id}`,
    caption: 'The spending behind this alert',
    captionSize: 's',
    head: ['Date', 'Paid to', 'Reference', { text: 'Amount', numeric: true }],
    rows: evidenceRows(alert.evidence_lines).map((line) => [line.on, line.payee, line.reference, { content: line.amount, numeric: true }]),
    small: true,
  });
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: monitoringPaths.alerts, role: READERS });
  if (!page) return;
  const roles = page.session.user.roles;
  const query = new URLSearchParams(window.location.search);
  const showingClosed = query.get('closed') === 'true';
  const wholeNumber = (name: string): number | undefined => {
    const n = Number(query.get(name) ?? '');
    return Number.isInteger(n) && n >= 1 ? n : undefined;
  };
  const perPage = wholeNumber('per_page');
  byId<HTMLInputElement>(showingClosed ? 'show-2' : 'show').checked = true;

  const first = await api<AlertPage>('GET', monitoringPaths.api.alerts(showingClosed, wholeNumber('page') ?? 1, perPage));
  if (!first.ok) return showPageProblem(first.problem);
  // The page the server gave: a page after the last is the last.
  const current = first.data.page;

  const summaryHost = byId('error-summary');
  let busy = false;

  const card = (alert: Alert): HTMLElement => {
    const status = alertStatusTag(alert.status);
    const kind = alertKindLabel(alert.kind, alert.kind_label);
    const href = personLink(alert, roles);
    const titleId = `alert-${alert.id}-title`;
    const parts: (HTMLElement | null)[] = [
      h(
        'p',
        { class: 'govuk-body' },
        tag(status.text, status.modifier),
        alert.safeguarding ? [' ', tag(SAFEGUARDING_TAG.text, SAFEGUARDING_TAG.modifier)] : null,
      ),
      h('p', { class: 'govuk-body', id: `sentence-${alert.id}` }, alert.sentence),
      summaryList(
        [
          ['Person', href ? h('a', { class: 'govuk-link', href, id: `person-${alert.id}` }, alert.person_name) : alert.person_name],
          ...alertRows(alert).map(([key, value]): [string, HTMLElement | string] => [key, key === 'Notes' ? h('span', { class: 'app-pre-wrap' }, value) : value]),
        ],
        { id: `details-${alert.id}` },
      ),
      evidenceTable(alert),
    ];
    if (alert.status !== 'closed') parts.push(actionForm(alert, kind));
    return h(
      'div',
      { class: 'govuk-summary-card', id: `alert-${alert.id}`, 'data-status': alert.status },
      h(
        'div',
        { class: 'govuk-summary-card__title-wrapper' },
        h('h2', { class: 'govuk-summary-card__title', id: titleId }, `${kind}: ${alert.person_name}`),
      ),
      h('div', { class: 'govuk-summary-card__content' }, parts),
    );
  };

  const actionForm = (alert: Alert, kind: string): HTMLElement => {
    const notesId = `notes-${alert.id}`;
    const buttons: HTMLButtonElement[] = [];
    if (alert.status === 'open') {
      buttons.push(h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', name: 'action', value: 'acknowledge', id: `acknowledge-${alert.id}` }, 'Acknowledge', visuallyHidden(` the ${kind.toLowerCase()} alert for ${alert.person_name}`)));
    }
    buttons.push(h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', name: 'action', value: 'close', id: `close-${alert.id}` }, 'Close the alert', visuallyHidden(` for ${alert.person_name}`)));
    const form = h(
      'form',
      { id: `act-${alert.id}`, method: 'post', action: monitoringPaths.alerts, novalidate: true },
      textarea(notesId, 'Notes', {
        hint: alert.status === 'open'
          ? 'What you found or did. Needed to close the alert; you can acknowledge it without notes while you look into it.'
          : 'What you found or did. Needed to close the alert.',
        rows: 3,
        labelClass: 'govuk-label--s',
      }),
      h('div', { class: 'govuk-button-group' }, buttons),
    );
    const errors = new FormErrors(summaryHost, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const submitter = (event as SubmitEvent).submitter;
      const action = submitter instanceof HTMLButtonElement && submitter.value === 'acknowledge' ? 'acknowledge' : 'close';
      if (busy) return;
      busy = true;
      void (async () => {
        try {
          const notes = byId<HTMLTextAreaElement>(notesId).value;
          const done = await api<Alert>('POST', monitoringPaths.api.alert(alert.id), { action, notes });
          if (!done.ok) {
            showFormProblem(errors, done.problem, alertFields(alert.id), { linkOtherProblemsTo: notesId });
            return;
          }
          // Read the list again on a fresh page, with the banner saying what was done.
          setFlash(alertDoneWords(action, done.data, showingClosed));
          window.location.assign(monitoringPaths.alertsShowing(showingClosed, current, perPage));
        } finally {
          busy = false;
        }
      })();
    });
    return form;
  };

  const alerts = first.data.alerts;
  const range = alertRangeWords(first.data);
  byId('alert-count').textContent = range ? `${alertCountWords(first.data.counts)}. ${range}.` : alertCountWords(first.data.counts);
  if (alerts.length === 0) {
    replaceChildren(
      byId('alerts-empty'),
      h('p', { class: 'govuk-body', id: 'no-alerts' }, showingClosed ? 'There are no money alerts for you, open or closed.' : 'There are no money alerts waiting for you.'),
      h('p', { class: 'govuk-body' }, 'Alerts appear here when the council’s checks find something for you to ask about: money building up or running out, spending outside a support plan, or spending that may need a safeguarding conversation.'),
    );
    byId('alerts-empty').hidden = false;
  } else {
    replaceChildren(
      byId('alerts'),
      alerts.map(card),
      pagination({ current, pages: first.data.pages, href: (n) => monitoringPaths.alertsShowing(showingClosed, n, perPage), label: 'Pages of alerts' }),
    );
  }
  byId('loading').remove();
  byId('filter-form').hidden = false;
}

void main();
