// /pool?id=…&person=… : one pooled budget as one member sees it: the agreement (what it pays
// for, its cost, what happens when someone leaves), who is in it and their shares, a form to
// consent when this member has not yet, and the member's statement: what is in the pool, money
// in by period (everyone's shares together, and theirs), money paid out, what they have put in
// and their part of the balance. Other members' own contributions are not shown. A member who
// may act for this person is offered to leave (the confirmation is /pool/leave). A finance
// officer sees what this period's collection takes from each member, a button to collect it,
// and a form to pay out of the pool; a refusal (a member's account holding less than their
// share, the pool holding less than the payment) is shown in the error summary with both amounts.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { moneyInput, singleCheckbox } from '../form-parts';
import { summaryList, table, tag } from '../govuk';
import { showFlash, showFormProblem, showPageProblem, showSuccess } from '../layout';
import { startPoolPage } from '../pool-page';
import { formatPence } from '../money';
import {
  collectedWords,
  CONSENT_FIELDS,
  consentWords,
  dueShares,
  leaveLabels,
  mayLeave,
  memberFor,
  memberRows,
  moneyOutRows,
  paidWords,
  PAYMENT_FIELDS,
  paymentBody,
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
import { textarea, textInput, valueOf } from '../safeguarding-form';

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
    singleCheckbox('consent', self ? `I agree to pool ${formatPence(statement.share_pence)} every 4 weeks` : `They agree to pool ${formatPence(statement.share_pence)} every 4 weeks`),
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
  errors.clear();
  await load();
  showSuccess(
    byId('flash'),
    'Consent given',
    result.data.status === 'active' ? 'Everyone has consented: the pool has started.' : 'The pool starts when every member has consented.',
  );
}

/** For finance officers: collect this period's shares, and pay out of the pool. */
function moneySection(pool: Pool): HTMLElement[] {
  const due = dueShares(pool);
  const period = pool.period ? periodWords(pool.period.start, pool.period.end) : 'this 4 weeks';
  const collect = h(
    'form',
    { id: 'collect-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'Collect the shares'),
    table({
      caption: `Shares for ${period}`,
      captionSize: 's',
      head: ['Member', { text: 'Share', numeric: true }],
      rows: due.rows.map(([name, share]) => [name, { content: share, numeric: true }]),
      foot: ['Total', { content: formatPence(due.totalPence), numeric: true }],
      rowHeadings: true,
      id: 'due-shares',
    }),
    h(
      'div',
      { class: 'govuk-warning-text' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h(
        'strong',
        { class: 'govuk-warning-text__text' },
        h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
        'Each share is taken from the member’s direct payment account. If any account holds less than the share, nothing is taken from anyone.',
      ),
    ),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'collect' }, `Collect ${formatPence(due.totalPence)} for ${period}`),
  );
  const collectErrors = new FormErrors(byId('error-summary'), collect);
  collect.addEventListener('submit', (event) => {
    event.preventDefault();
    void collectShares(collectErrors);
  });

  const pay = h(
    'form',
    { id: 'pay-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'Pay out of the pool'),
    h('p', { class: 'govuk-body' }, `The pool holds ${formatPence(pool.balance_pence)}. Record a payment for what it pays for: ${pool.pays_for}`),
    moneyInput('amount', 'Amount', 'In pounds and pence'),
    textInput('reference', 'Who was paid and what for', { labelClass: 'govuk-label--s', hint: 'Every member sees this on their statement. For example, Art tutor, November' }),
    textInput('key', 'Payment reference', { labelClass: 'govuk-label--s', hint: 'Such as the invoice number (1 to 16 letters, digits and the characters _ . -). Recording the same reference again does not pay twice.' }),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'pay' }, 'Pay from the pool'),
  );
  const payErrors = new FormErrors(byId('error-summary'), pay);
  pay.addEventListener('submit', (event) => {
    event.preventDefault();
    void payOut(pay, payErrors);
  });
  return [collect, pay];
}

async function collectShares(errors: FormErrors): Promise<void> {
  byId('flash').replaceChildren(); // the last action's message, which this one replaces
  const result = await api<Pool & { collected: number; period_total_pence: number }>('POST', poolPaths.collect(poolId), {});
  if (!result.ok) {
    showFormProblem(errors, result.problem, {}, { linkOtherProblemsTo: 'collect' });
    return;
  }
  errors.clear();
  await load();
  const words = collectedWords(result.data);
  showSuccess(byId('flash'), words.heading, words.body);
}

async function payOut(form: HTMLFormElement, errors: FormErrors): Promise<void> {
  byId('flash').replaceChildren();
  const checked = paymentBody({ amount: valueOf(form, 'amount'), reference: valueOf(form, 'reference'), key: valueOf(form, 'key') });
  if (!checked.ok) {
    showFormProblem(errors, validationProblem(checked.problems), PAYMENT_FIELDS);
    return;
  }
  const result = await api<Pool>('POST', poolPaths.pay(poolId), checked.body);
  if (!result.ok) {
    // The pool holding less than the payment (409) is about the amount.
    showFormProblem(errors, result.problem, PAYMENT_FIELDS, { linkOtherProblemsTo: 'amount' });
    return;
  }
  errors.clear();
  await load();
  const words = paidWords(checked.body, result.data);
  showSuccess(byId('flash'), words.heading, words.body);
}

function parts(s: PoolStatement): HTMLElement[] {
  const pool = s.pool;
  const member = memberFor(pool, personId);
  const out: HTMLElement[] = [
    h('p', { class: 'govuk-body' }, tag(poolStatusWords(pool.status), poolStatusTag(pool.status))),
    summaryList(poolRows(pool), { id: 'pool-summary' }),
  ];
  if (member && member.status === 'proposed' && member.may_act && pool.status !== 'closed') out.push(consentForm(s));
  if (pool.may_move_money && pool.status === 'active') out.push(...moneySection(pool));
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
  if (mayLeave(pool, member)) {
    out.push(
      h('h2', { class: 'govuk-heading-m' }, 'Leaving the pool'),
      h('p', { class: 'govuk-body' }, pool.leaving_rule_words),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'leave-link', href: poolPaths.leavePage(poolId, personId) }, leaveLabels(s, self).link)),
    );
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
  const page = await startPoolPage();
  if (!page) return;
  ({ poolId, personId, self, socialWorker } = page);
  showFlash(byId('flash'));
  await load();
}

void main();
