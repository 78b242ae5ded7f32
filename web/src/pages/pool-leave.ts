// /pool/leave?id=…&person=… : confirming that a member leaves a pooled budget, for the member or
// someone who may act for them. Says plainly, before anything happens, what they take from the
// pool's balance under its agreement (their part by what each member has put in, or nothing when
// the balance stays with the pool), whether the pool closes and who takes what is left, and that
// their share stops. "Leave the pool" does it; the pool's page then says what they took.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import { setFlash, showFormProblem, showPageProblem } from '../layout';
import { formatPence } from '../money';
import { startPoolPage } from '../pool-page';
import { leaveLabels, leaveOutcome, leftWords, mayLeave, memberFor, poolPaths, type Pool, type PoolStatement } from '../pools-view';

async function main(): Promise<void> {
  const page = await startPoolPage();
  if (!page) return;
  const { poolId, personId, self } = page;
  const result = await api<PoolStatement>('GET', poolPaths.statement(poolId, personId));
  if (!result.ok) return showPageProblem(result.problem);
  const s = result.data;
  const pool = s.pool;
  byId('person-caption').textContent = s.person_name;
  document.getElementById('loading')?.remove();
  const back = poolPaths.page(poolId, personId);
  if (!mayLeave(pool, memberFor(pool, personId))) {
    byId('page-heading').textContent = pool.name;
    document.title = `${pool.name} – selfdirect`;
    replaceChildren(
      byId('leave-content'),
      h('p', { class: 'govuk-body', id: 'cannot-leave' }, pool.status === 'closed' ? 'This pool has closed.' : `${self ? 'You are' : 'They are'} not in this pool, or you may not act for them.`),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: back }, 'Back to the pool')),
    );
    return;
  }
  const labels = leaveLabels(s, self);
  const heading = labels.heading;
  byId('page-heading').textContent = heading;
  document.title = `${heading} – selfdirect`;
  const outcome = leaveOutcome(s, self);
  const [first, ...more] = outcome.words;
  const form = h(
    'form',
    { id: 'leave-form', novalidate: true },
    h('div', { class: 'govuk-button-group' }, h('button', { type: 'submit', class: 'govuk-button govuk-button--warning', 'data-module': 'govuk-button', id: 'leave' }, labels.button), h('a', { class: 'govuk-link', href: back, id: 'cancel' }, 'Cancel')),
  );
  const errors = new FormErrors(byId('error-summary'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void leave(page.poolId, personId, self, errors);
  });
  replaceChildren(
    byId('leave-content'),
    summaryList(
      [
        ['In the pool now', formatPence(pool.balance_pence)],
        [self ? 'You have put in' : 'They have put in', formatPence(s.put_in_pence)],
        ['The agreement says', pool.leaving_rule_words],
      ],
      { id: 'leave-summary' },
    ),
    h(
      'div',
      { class: 'govuk-warning-text', id: 'leave-warning' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), first ?? ''),
    ),
    more.map((words) => h('p', { class: 'govuk-body' }, words)),
    h('p', { class: 'govuk-body' }, `To come back later, ${self ? 'you' : 'they'} would need to join the pool again.`),
    form,
  );
}

async function leave(poolId: string, personId: string, self: boolean, errors: FormErrors): Promise<void> {
  const result = await api<Pool>('POST', poolPaths.leave(poolId), { person: personId });
  if (!result.ok) {
    showFormProblem(errors, result.problem, {}, { linkOtherProblemsTo: 'leave' });
    return;
  }
  // What they took, as the statement now says it.
  const after = await api<PoolStatement>('GET', poolPaths.statement(poolId, personId));
  if (after.ok) setFlash(leftWords(after.data, self));
  window.location.assign(poolPaths.page(poolId, personId));
}

void main();
