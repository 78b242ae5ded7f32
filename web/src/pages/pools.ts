// /pools?person=… : a budget holder's pooled budgets, for the budget holder, a representative
// or support planner they let in, and their social worker. Shows the person's reference (which
// another budget holder needs to invite them), each pool they are or were in (an invitation
// waiting for their consent first), and a form to propose a pool with one other member, named
// by the reference that member gave them. The proposer gives this member's consent in the same
// step; the other member is asked for theirs when they sign in. Below it, a form to join a pool
// that is already running, named by the reference a member gave them, with consent given there
// and then. Finance officers, who may read a person's pools but not act for them, see the list
// alone.
import '../main';
import { api } from '../api';
import { personHomePath } from '../budget-view';
import { byId, h, replaceChildren } from '../dom';
import { moneyInput, singleCheckbox } from '../form-parts';
import { FormErrors } from '../forms';
import { summaryList, tag } from '../govuk';
import { renderServiceNavigation, setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import {
  JOIN_FIELDS,
  joinBody,
  mayActForMembers,
  memberStatusWords,
  poolPaths,
  poolStatusTag,
  poolStatusWords,
  PROPOSAL_FIELDS,
  proposalBody,
  type PersonPools,
  type Pool,
  type PoolSummary,
} from '../pools-view';
import { validationProblem } from '../problem';
import { radios, textarea, textInput, valueOf } from '../safeguarding-form';

let personId = '';
let self = true;
let socialWorker = false;

function poolCard(p: PoolSummary): HTMLElement {
  const invited = p.member_status === 'proposed' && p.status !== 'closed';
  return h(
    'div',
    { class: 'govuk-summary-card', id: `pool-${p.id}` },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h('h3', { class: 'govuk-summary-card__title' }, p.name, ' ', tag(poolStatusWords(p.status), poolStatusTag(p.status))),
      h(
        'ul',
        { class: 'govuk-summary-card__actions' },
        h(
          'li',
          { class: 'govuk-summary-card__action' },
          h('a', { class: 'govuk-link', href: poolPaths.page(p.id, personId), id: `open-${p.id}` }, invited ? 'Read and consent' : 'See the pool and statement', h('span', { class: 'govuk-visually-hidden' }, `: ${p.name}`)),
        ),
      ),
    ),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      summaryList([
        ['What it pays for', p.pays_for],
        [self ? 'Your share every 4 weeks' : 'Their share every 4 weeks', formatPence(p.share_pence)],
        [self ? 'You' : 'They', memberStatusWords(p.member_status)],
        ['Members', String(p.members)],
      ]),
    ),
  );
}

function proposalForm(): HTMLFormElement {
  const you = self ? 'your' : 'their';
  const form = h(
    'form',
    { id: 'proposal-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'Propose a pooled budget'),
    h('p', { class: 'govuk-body' }, `Pool part of ${you} direct payment with another budget holder for something you share, like a group activity or a personal assistant you both use. Ask the other person for their reference: it is on their pooled budgets page.`),
    textInput('name', 'Name of the pool', { labelClass: 'govuk-label--s', hint: 'For example, Tuesday art group' }),
    textarea('pays_for', 'What it pays for', { labelClass: 'govuk-label--s', rows: 3, hint: 'For example, a tutor and the room for a weekly art group' }),
    moneyInput('cost', 'What it costs every 4 weeks (optional)', 'In pounds and pence. If you give a cost, the shares must add up to it exactly.'),
    radios(
      'leaving_rule',
      'When someone leaves the pool, what happens to the money in it?',
      [
        { value: 'shared_by_contributions', text: 'They take their part of it', hint: 'In proportion to what each member has put in' },
        { value: 'stays_with_pool', text: 'It stays in the pool for the others' },
      ],
      { legendClass: 'govuk-fieldset__legend--s' },
    ),
    moneyInput('your_share', self ? 'Your share every 4 weeks' : 'Their share every 4 weeks', `Taken from ${you} direct payment account every 4 weeks`),
    textInput('other_reference', 'The other member’s reference', { labelClass: 'govuk-label--s', hint: '26 letters and digits, from their pooled budgets page' }),
    moneyInput('other_share', 'Their share every 4 weeks', 'Taken from their direct payment account every 4 weeks'),
    singleCheckbox('consent', self ? 'I agree to pool my share every 4 weeks' : 'They agree to pool their share every 4 weeks', { hint: 'The other members will see the name and share of everyone who has agreed.' }),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'propose' }, 'Propose the pool'),
  );
  const errors = new FormErrors(byId('error-summary'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void propose(form, errors);
  });
  return form;
}

async function propose(form: HTMLFormElement, errors: FormErrors): Promise<void> {
  const answers = {
    name: valueOf(form, 'name'),
    pays_for: valueOf(form, 'pays_for'),
    cost: valueOf(form, 'cost'),
    leaving_rule: form.querySelector<HTMLInputElement>('input[name="leaving_rule"]:checked')?.value ?? '',
    your_share: valueOf(form, 'your_share'),
    other_reference: valueOf(form, 'other_reference'),
    other_share: valueOf(form, 'other_share'),
    consent: byId<HTMLInputElement>('consent').checked,
  };
  const checked = proposalBody(answers, personId);
  if (!checked.ok) {
    showFormProblem(errors, validationProblem(checked.problems), PROPOSAL_FIELDS);
    return;
  }
  const result = await api<Pool>('POST', poolPaths.create(), checked.body);
  if (!result.ok) {
    showFormProblem(errors, result.problem, PROPOSAL_FIELDS);
    return;
  }
  setFlash({ heading: 'Pool proposed', body: 'The other member will be asked to consent when they sign in. The pool starts when everyone has consented.' });
  window.location.assign(poolPaths.page(result.data.id, personId));
}

function joinForm(): HTMLFormElement {
  const form = h(
    'form',
    { id: 'join-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'Join a pool that is already running'),
    h(
      'p',
      { class: 'govuk-body' },
      `Ask a member of the pool for its reference (it is on their page for the pool), what it pays for, what happens to the money when someone leaves, and what ${self ? 'your' : 'their'} share would be.`,
    ),
    textInput('pool_reference', 'The pool’s reference', { labelClass: 'govuk-label--s', hint: '26 letters and digits, from a member’s page for the pool' }),
    moneyInput('join_share', self ? 'Your share every 4 weeks' : 'Their share every 4 weeks', `Taken from ${self ? 'your' : 'their'} direct payment account every 4 weeks`),
    moneyInput('join_cost', `What the pool will cost every 4 weeks with ${self ? 'you' : 'them'} in it (if it states a cost)`, 'In pounds and pence. If the pool states what it costs, the members’ shares must add up to the new cost exactly. Leave this empty if it does not.'),
    socialWorker && !self
      ? textarea('join_how', 'How did they give their consent?', { labelClass: 'govuk-label--s', rows: 3, hint: 'For example, at a home visit on 20 November, with the easy-read agreement' })
      : null,
    singleCheckbox(
      'join_consent',
      self ? 'I agree to join the pool and to pool my share every 4 weeks' : 'They agree to join the pool and to pool their share every 4 weeks',
      { hint: 'The other members will see the name and share of everyone in the pool.' },
    ),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'join' }, 'Join the pool'),
  );
  const errors = new FormErrors(byId('error-summary'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void join(form, errors);
  });
  return form;
}

async function join(form: HTMLFormElement, errors: FormErrors): Promise<void> {
  const checked = joinBody(
    {
      pool_reference: valueOf(form, 'pool_reference'),
      share: valueOf(form, 'join_share'),
      cost: valueOf(form, 'join_cost'),
      consent: byId<HTMLInputElement>('join_consent').checked,
      how: valueOf(form, 'join_how'),
    },
    personId,
  );
  if (!checked.ok) {
    showFormProblem(errors, validationProblem(checked.problems), JOIN_FIELDS);
    return;
  }
  const result = await api<Pool>('POST', poolPaths.join(checked.pool), checked.body);
  if (!result.ok) {
    // No such pool (404) is about the reference typed.
    showFormProblem(errors, result.problem, JOIN_FIELDS, result.problem.status === 404 ? { linkOtherProblemsTo: 'pool_reference' } : {});
    return;
  }
  setFlash({ heading: `${self ? 'You have' : 'They have'} joined ${result.data.name}`, body: `${self ? 'Your' : 'Their'} share is taken every 4 weeks with everyone else’s, from the next collection.` });
  window.location.assign(poolPaths.page(result.data.id, personId));
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '' });
  if (!page) return;
  const { session } = page;
  personId = new URLSearchParams(window.location.search).get('person') ?? session.user.person_id ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose pooled budgets to show.', errors: [] });
  }
  self = session.user.person_id === personId;
  socialWorker = session.user.roles.includes('assessor');
  if (self) renderServiceNavigation(session, '/my-record');
  else if (session.user.roles.includes('assessor')) renderServiceNavigation(session, '/caseload');
  const home = personHomePath(session.user.roles, personId, session.user.person_id);
  const back = byId<HTMLAnchorElement>('back-link');
  back.href = home.href;
  back.textContent = home.text;
  back.hidden = false;

  const result = await api<PersonPools>('GET', poolPaths.listApi(personId));
  if (!result.ok) return showPageProblem(result.problem);
  const list = result.data;
  byId('person-caption').textContent = list.person_name;
  if (!self) byId('page-heading').textContent = 'Their pooled budgets';
  document.title = `${self ? 'Pooled budgets' : 'Their pooled budgets'} – ${list.person_name} – selfdirect`;
  byId('loading').remove();

  const invitations = list.pools.filter((p) => p.member_status === 'proposed' && p.status !== 'closed');
  const parts: HTMLElement[] = [];
  if (invitations.length > 0) {
    parts.push(
      h(
        'div',
        { class: 'govuk-inset-text', id: 'invitations' },
        invitations.length === 1 ? `${self ? 'You have' : 'They have'} been invited to a pooled budget: ${invitations[0]?.name ?? ''}. Read it and say whether ${self ? 'you agree' : 'they agree'}.` : `${self ? 'You have' : 'They have'} been invited to ${invitations.length} pooled budgets. Read each and say whether ${self ? 'you agree' : 'they agree'}.`,
      ),
    );
  }
  const mayAct = self || mayActForMembers(session.user.roles);
  if (mayAct) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, self ? 'Your reference' : 'Their reference'),
      h('p', { class: 'govuk-body' }, self ? 'Give this to another budget holder who wants to pool with you:' : 'Another budget holder needs this to invite them to a pool:'),
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'reference' }, list.person_id),
    );
  }
  parts.push(h('h2', { class: 'govuk-heading-m' }, self ? 'Your pools' : 'Their pools'));
  if (list.pools.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'pools-none' }, self ? 'You are not in a pooled budget.' : 'They are not in a pooled budget.'));
  } else {
    parts.push(h('div', { id: 'pools-list' }, list.pools.map((p) => poolCard(p))));
  }
  if (mayAct) parts.push(proposalForm(), joinForm());
  replaceChildren(byId('pools-content'), parts);
}

void main();
