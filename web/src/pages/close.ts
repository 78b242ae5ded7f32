// /person/close?person=… (social workers): closing a case. Why (radios), the date support
// ended, a note; a warning that closing stops reviews and that finance settles the money. Then
// the answers to check (each with "Change", back to its field), since a closed case cannot be
// reopened here; then a confirmation, and the record shows the case closed.
import '../main';
import { api } from '../api';
import { caseworkApiPath } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import { showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import {
  CLOSURE_FIELDS,
  closureBody,
  reviewApiPath,
  reviewPagePath,
  type Closure,
  type PersonAfterSignOff,
  type ReviewCodes,
} from '../review-view';
import { checked, dateInput, radios, textarea, valueOf } from '../safeguarding-form';
import { dateInWords } from '../casework-view';

function backLink(person: PersonAfterSignOff): HTMLElement {
  return h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: reviewPagePath.record(person.id), id: 'back-to-record' }, `Back to ${person.full_name}’s record`));
}

function showClosed(closure: Closure, person: PersonAfterSignOff): void {
  replaceChildren(
    byId('result'),
    h(
      'div',
      { class: 'govuk-panel govuk-panel--confirmation', id: 'case-closed' },
      h('h2', { class: 'govuk-panel__title' }, 'Case closed'),
      h('div', { class: 'govuk-panel__body' }, `Support ended on ${dateInWords(closure.effective_on)}`),
    ),
    summaryList([
      ['Why', closure.reason_label],
      ['Note', closure.words || 'None'],
    ], { id: 'closure-summary' }),
    h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
    h('p', { class: 'govuk-body' }, 'No more reviews are due. Finance will settle the money: any final payments, and any money left in the budget to be paid back.'),
    backLink(person),
  );
  byId('close-form').hidden = true;
  byId('result').hidden = false;
  byId('page-heading').textContent = 'Case closed';
  document.title = `Case closed – ${person.full_name} – selfdirect`;
  byId('page-heading').focus();
}

/** A check-your-answers row: the answer, and a link back to the field that changes it. */
function checkRow(key: string, value: string, fieldId: string, what: string, onChange: (fieldId: string) => void): HTMLElement {
  const change = h('a', { class: 'govuk-link', href: `#${fieldId}`, id: `change-${fieldId}` }, 'Change', visuallyHidden(` ${what}`));
  change.addEventListener('click', (event) => {
    event.preventDefault();
    onChange(fieldId);
  });
  return h(
    'div',
    { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key' }, key),
    h('dd', { class: 'govuk-summary-list__value' }, value),
    h('dd', { class: 'govuk-summary-list__actions' }, change),
  );
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload', role: 'assessor' });
  if (!page) return;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose case to close. Choose the person from your caseload.', errors: [] });
  }
  const [personResult, codesResult] = await Promise.all([
    api<PersonAfterSignOff>('GET', caseworkApiPath.person(personId)),
    api<ReviewCodes>('GET', caseworkApiPath.codes),
  ]);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const person = personResult.data;
  byId('person-caption').textContent = person.full_name;
  document.title = `Close the case – ${person.full_name} – selfdirect`;
  byId('loading').remove();
  if (person.stage === 'closed' && person.closure) {
    replaceChildren(
      byId('result'),
      h('p', { class: 'govuk-body', id: 'already-closed' }, `${person.full_name}’s case is already closed: ${person.closure.reason_label.toLowerCase()}, from ${dateInWords(person.closure.effective_on)}.`),
      backLink(person),
    );
    byId('result').hidden = false;
    return;
  }

  replaceChildren(
    byId('close-questions'),
    radios('reason', 'Why is the case closing?', codesResult.data.closure_reason.map((c) => ({ value: c.code, text: c.label }))),
    dateInput('effective-on', 'When did their support end?', 'For example, the date they died or moved. For example, 20 11 2026.'),
    textarea('words', 'Note (optional)', { hint: 'Anything finance or anyone reading the record later should know.', rows: 4 }),
  );
  const form = byId<HTMLFormElement>('close-form');
  const check = byId('check');
  const heading = byId('page-heading');
  const errors = new FormErrors(byId('error-summary'), form);
  const reasons = new Map(codesResult.data.closure_reason.map((c) => [c.code, c.label]));
  let answers: Record<string, unknown> | null = null;

  const showForm = (focusId?: string): void => {
    check.hidden = true;
    form.hidden = false;
    heading.textContent = 'Close the case';
    document.title = `Close the case – ${person.full_name} – selfdirect`;
    if (focusId) document.getElementById(focusId)?.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const built = closureBody({
      reason: checked(form, 'reason'),
      effectiveOn: { day: valueOf(form, 'effective-on-day'), month: valueOf(form, 'effective-on-month'), year: valueOf(form, 'effective-on-year') },
      words: valueOf(form, 'words'),
    });
    if (!built.ok) {
      errors.show(validationProblem(built.errors), CLOSURE_FIELDS);
      return;
    }
    errors.clear();
    answers = built.body;
    const reason = String(built.body['reason']);
    const firstReason = form.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.id ?? 'reason';
    replaceChildren(
      byId('check-answers'),
      h(
        'dl',
        { class: 'govuk-summary-list', id: 'check-summary' },
        checkRow('Why', reasons.get(reason) ?? reason, firstReason, 'why the case is closing', showForm),
        checkRow('Support ended on', dateInWords(String(built.body['effective_on'])), 'effective-on-day', 'the date support ended', showForm),
        checkRow('Note', String(built.body['words']) || 'None', 'words', 'the note', showForm),
      ),
    );
    form.hidden = true;
    check.hidden = false;
    heading.textContent = 'Check before you close the case';
    document.title = `Check before you close the case – ${person.full_name} – selfdirect`;
    heading.focus();
  });

  let busy = false;
  byId<HTMLFormElement>('confirm-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !answers) return;
    busy = true;
    try {
      const closed = await api<Closure>('POST', reviewApiPath.closure(person.id), answers);
      if (!closed.ok) {
        // Show the problem where it can be put right: on the form, by its field.
        showForm();
        showFormProblem(errors, closed.problem, CLOSURE_FIELDS);
        return;
      }
      errors.clear();
      check.hidden = true;
      showClosed(closed.data, person);
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

void main();
