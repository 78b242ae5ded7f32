// /pool?id=…&person=… : one pooled budget as one member sees it: the agreement (what it pays
// for, its cost, what happens when someone leaves), who is in it and their shares, a form to
// consent when this member has not yet, and the member's statement: what is in the pool, money
// in by period (everyone's shares together, and theirs), money paid out, what they have put in
// and their part of the balance. Other members' own contributions are not shown.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table, tag } from '../govuk';
import { renderServiceNavigation, showFlash, showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import {
  CONSENT_FIELDS,
  consentWords,
  memberFor,
  memberRows,
  moneyOutRows,
  periodRows,
  periodWords,
  poolPaths,
  poolRows,
  poolStatusTag,
  poolStatusWords,
  statementRows,
  type Pool,
  type PoolStatement,
} from '../pools-view';
import { validationProblem } from '../problem';
import { textarea } from '../safeguarding-form';

let personId = '';
let poolId = '';
let self = true;
let socialWorker = false;

function consentForm(statement: PoolStatement): HTMLFormElement {
  const pool = statement.pool;
  const form = h(
    'form',
    { id: 'consent-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, self ? 'Do you agree to join?' : 'Do they agree to join?'),
    h(
      'p',
      { class: 'govuk-body' },
      `${formatPence(statement.share_pence)} will be taken from ${self ? 'your' : 'their'} direct payment account every 4 weeks and put in the pool. ${pool.leaving_rule_words} The other members will see ${self ? 'your' : 'their'} name and share.`,
    ),
    socialWorker && !self
      ? textarea('how', 'How did they give their consent?', { labelClass: 'govuk-label--s', rows: 3, hint: 'For example, at a home visit on 20 November, with the easy-read agreement' })
      : null,
    h(
      'div',
      { class: 'govuk-form-group' },
      h(
        'div',
        { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
        h(
          'div',
          { class: 'govuk-checkboxes__item' },
          h('input', { class: 'govuk-checkboxes__input', id: 'consent', name: 'consent', type: 'checkbox', value: 'yes' }),
          h('label', { class: 'govuk-label govuk-checkboxes__label', for: 'consent' }, self ? `I agree to pool ${formatPence(statement.share_pence)} every 4 weeks` : `They agree to pool ${formatPence(statement.share_pence)} every 4 weeks`),
        ),
      ),
    ),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'give-consent' }, 'Give consent'),
  );
  const errors = new FormErrors(byId('error-summary'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void consent(form, errors);
  });
  return form;
}

async function consent(form: HTMLFormElement, errors: FormErrors): Promise<void> {
  if (!byId<HTMLInputElement>('consent').checked) {
    showFormProblem(errors, validationProblem([{ field: 'consent', message: 'Tick the box to give consent. No one joins a pool without consenting' }]), CONSENT_FIELDS);
    return;
  }
  const how = form.querySelector<HTMLTextAreaElement>('#how')?.value ?? '';
  const result = await api<Pool>('POST', poolPaths.consents(poolId), { person: personId, ...(how ? { how } : {}) });
  if (!result.ok) {
    showFormProblem(errors, result.problem, CONSENT_FIELDS);
    return;
  }
  await load();
  showSuccess(
    byId('flash'),
    'Consent given',
    result.data.status === 'active' ? 'Everyone has consented: the pool has started.' : 'The pool starts when every member has consented.',
  );
}

function parts(s: PoolStatement): HTMLElement[] {
  const pool = s.pool;
  const member = memberFor(pool, personId);
  const out: HTMLElement[] = [
    h('p', { class: 'govuk-body' }, tag(poolStatusWords(pool.status), poolStatusTag(pool.status))),
    summaryList(poolRows(pool), { id: 'pool-summary' }),
  ];
  if (member && member.status === 'proposed' && member.may_act && pool.status !== 'closed') out.push(consentForm(s));
  out.push(
    table({
      caption: 'Members and their shares every 4 weeks',
      captionSize: 'm',
      head: ['Member', { text: 'Share every 4 weeks', numeric: true }, 'Consent'],
      rows: memberRows(pool).map(([name, share, state], i) => [
        name,
        { content: share, numeric: true },
        `${state}. ${consentWords(pool.members[i] ?? { consent_by: null, consent_how: '', consented_at: null })}`,
      ]),
      rowHeadings: true,
      id: 'members',
    }),
  );
  out.push(h('h2', { class: 'govuk-heading-m', id: 'statement-heading' }, self ? 'Your statement' : 'Their statement'));
  out.push(summaryList(statementRows(s, self), { id: 'statement-summary' }));
  out.push(h('h3', { class: 'govuk-heading-s' }, 'Money in'));
  if (s.periods.length === 0) {
    out.push(h('p', { class: 'govuk-body', id: 'periods-none' }, pool.status === 'proposed' ? 'Nothing yet: shares are collected once every member has consented.' : 'Nothing has been collected yet.'));
  } else {
    out.push(
      table({
        caption: 'Money in every 4 weeks',
        captionSize: 'hidden',
        head: ['4 weeks', { text: 'From all members', numeric: true }, { text: self ? 'Yours' : 'Theirs', numeric: true }],
        rows: periodRows(s).map(([period, all, yours]) => [period, { content: all, numeric: true }, { content: yours, numeric: true }]),
        rowHeadings: true,
        id: 'periods',
      }),
    );
  }
  out.push(h('h3', { class: 'govuk-heading-s' }, 'Money paid out'));
  if (s.money_out.length === 0) {
    out.push(h('p', { class: 'govuk-body', id: 'money-out-none' }, 'Nothing has been paid out of the pool yet.'));
  } else {
    out.push(
      table({
        caption: 'Money paid out of the pool',
        captionSize: 'hidden',
        head: ['Date', 'What for', { text: 'Amount', numeric: true }],
        rows: moneyOutRows(s).map(([on, what, amount]) => [on, what, { content: amount, numeric: true }]),
        rowHeadings: true,
        id: 'money-out',
      }),
    );
  }
  if (pool.period) {
    out.push(h('p', { class: 'govuk-body', id: 'current-period' }, `The current 4 weeks are ${periodWords(pool.period.start, pool.period.end)}.`));
  }
  out.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'pools-link', href: poolPaths.list(personId) }, self ? 'All your pooled budgets' : 'All their pooled budgets')));
  return out;
}

async function load(): Promise<void> {
  const result = await api<PoolStatement>('GET', poolPaths.statement(poolId, personId));
  if (!result.ok) return showPageProblem(result.problem);
  const s = result.data;
  byId('person-caption').textContent = s.person_name;
  byId('page-heading').textContent = s.pool.name;
  document.title = `${s.pool.name} – ${self ? 'Pooled budgets' : 'Their pooled budgets'} – selfdirect`;
  document.getElementById('loading')?.remove();
  replaceChildren(byId('pool-content'), parts(s));
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '' });
  if (!page) return;
  const { session } = page;
  const query = new URLSearchParams(window.location.search);
  poolId = query.get('id') ?? '';
  personId = query.get('person') ?? session.user.person_id ?? '';
  if (!poolId || !personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say which pooled budget to show.', errors: [] });
  }
  self = session.user.person_id === personId;
  socialWorker = session.user.roles.includes('assessor');
  if (self) renderServiceNavigation(session, '/my-record');
  else if (socialWorker) renderServiceNavigation(session, '/caseload');
  const back = byId<HTMLAnchorElement>('back-link');
  back.href = poolPaths.list(personId);
  back.textContent = self ? 'Your pooled budgets' : 'Their pooled budgets';
  back.hidden = false;
  showFlash(byId('flash'));
  await load();
}

void main();
