// /person/eligibility?id=… (assessors): the eligibility decision under the Care Act 2014.
// For each outcome, whether the person can achieve it and, when not, which of the four ways
// they cannot (revealed under "No"); whether their needs come from an impairment or illness
// (for a carer: from caring, and whether their health is getting worse); the impact on their
// wellbeing; a summary. After saving, the decision and its reasoning. A case that is not
// ready (409) says what must happen first in the error summary.
import '../main';
import { api } from '../api';
import {
  caseworkApiPath,
  eligibilityBody,
  eligibilityFieldIds,
  type Code,
  type CaseworkCodes,
  type Eligibility,
  type EligibilityAnswers,
  type PersonFile,
} from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import { showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';

type Choice = { value: string; text: string; conditional?: Node[] };

/** A GOV.UK radios question; the first radio has `id`, the others `id-2`, `id-3`... */
function radios(id: string, name: string, legend: Node | string, choices: Choice[], { inline = false, hint = '', legendClass = 'govuk-fieldset__legend--s' } = {}): HTMLElement {
  const hintId = `${id}-hint`;
  const group = h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': hint ? hintId : undefined },
      h('legend', { class: `govuk-fieldset__legend ${legendClass}` }, legend),
      hint ? h('div', { class: 'govuk-hint', id: hintId }, hint) : null,
      h(
        'div',
        { class: `govuk-radios${inline ? ' govuk-radios--inline' : ''}` },
        choices.flatMap((choice, k) => {
          const inputId = k === 0 ? id : `${id}-${k + 1}`;
          const conditionalId = `conditional-${inputId}`;
          return [
            h(
              'div',
              { class: 'govuk-radios__item' },
              h('input', { class: 'govuk-radios__input', id: inputId, name, type: 'radio', value: choice.value, 'data-reveals': choice.conditional ? conditionalId : undefined }),
              h('label', { class: 'govuk-label govuk-radios__label', for: inputId }, choice.text),
            ),
            choice.conditional ? h('div', { class: 'govuk-radios__conditional govuk-radios__conditional--hidden', id: conditionalId }, choice.conditional) : null,
          ];
        }),
      ),
    ),
  );
  return group;
}

const YES_NO: Choice[] = [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }];

function textarea(id: string, label: string, hint = ''): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h('textarea', { class: 'govuk-textarea', id, name: id, rows: '3', 'aria-describedby': hint ? `${id}-hint` : undefined }),
  );
}

function outcomeQuestion(outcome: Code, reasons: Code[]): HTMLElement {
  const reasonGroup = radios(
    `reason-${outcome.code}`,
    `reason-${outcome.code}`,
    'Why can they not achieve it?',
    reasons.map((r) => ({ value: r.code, text: r.label })),
  );
  return h(
    'div',
    { class: 'app-outcome' },
    radios(
      `outcome-${outcome.code}`,
      `outcome-${outcome.code}`,
      h('h3', { class: 'govuk-fieldset__heading' }, outcome.label),
      [{ value: 'yes', text: 'Can achieve it' }, { value: 'no', text: 'Cannot achieve it', conditional: [reasonGroup] }],
      { hint: 'Can they achieve this without help?', legendClass: 'govuk-fieldset__legend--m' },
    ),
    textarea(`notes-${outcome.code}`, `Notes about ${outcome.label.charAt(0).toLowerCase()}${outcome.label.slice(1)} (optional)`),
  );
}

function checked(form: HTMLFormElement, name: string): string | undefined {
  return form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
}

function text(form: HTMLFormElement, id: string): string {
  return form.querySelector<HTMLTextAreaElement>(`#${id}`)?.value ?? '';
}

function showResult(decision: Eligibility, person: PersonFile): void {
  const id = encodeURIComponent(person.id);
  replaceChildren(
    byId('result'),
    h(
      'div',
      { class: 'govuk-panel govuk-panel--confirmation', id: 'eligibility-result' },
      h('h2', { class: 'govuk-panel__title' }, decision.eligible ? 'Has eligible needs' : 'Does not have eligible needs'),
      h('div', { class: 'govuk-panel__body' }, 'Eligibility recorded'),
    ),
    h('h2', { class: 'govuk-heading-m' }, 'Why'),
    h('p', { class: 'govuk-body', id: 'eligibility-reasoning' }, decision.reasoning),
    summaryList(decision.outcomes.map((o) => [o.label, o.achieved ? 'Can achieve it' : `Cannot achieve it: ${o.reason_label}`])),
    h(
      'p',
      { class: 'govuk-body' },
      decision.eligible
        ? h('a', { class: 'govuk-link', href: `/person/assessment?id=${id}`, id: 'go-to-assessment' }, 'Assess their needs and work out the indicative budget')
        : null,
    ),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: `/person?id=${id}` }, `Back to ${person.full_name}’s record`)),
  );
  byId('eligibility-form').hidden = true;
  byId('result').hidden = false;
  byId('page-heading').textContent = 'Eligibility decided';
  document.title = `Eligibility decided – ${person.full_name} – selfdirect`;
  byId('page-heading').focus();
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload', role: 'assessor' });
  if (!page) return;
  const personId = new URLSearchParams(window.location.search).get('id') ?? '';
  const [personResult, codesResult] = await Promise.all([
    api<PersonFile>('GET', caseworkApiPath.person(personId)),
    api<CaseworkCodes>('GET', caseworkApiPath.codes),
  ]);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const person = personResult.data;
  const codes = codesResult.data;
  const kind: 'adult' | 'carer' = person.primary_support_reason === 'support_to_unpaid_carer' ? 'carer' : 'adult';
  const outcomes = kind === 'carer' ? codes.carer_outcomes : codes.adult_outcomes;
  byId('person-caption').textContent = person.full_name;
  document.title = `Decide eligibility – ${person.full_name} – selfdirect`;

  const questions: Node[] = [
    radios(
      'from-condition',
      'from-condition',
      kind === 'carer' ? 'Do their needs arise from caring for an adult?' : 'Do their needs arise from a physical or mental impairment or illness?',
      YES_NO,
      { inline: true, legendClass: 'govuk-fieldset__legend--m' },
    ),
  ];
  if (kind === 'carer') {
    questions.push(radios('health-deteriorating', 'health-deteriorating', 'Is their physical or mental health getting worse, or at risk of it?', YES_NO, { inline: true, legendClass: 'govuk-fieldset__legend--m' }));
  }
  questions.push(h('h2', { class: 'govuk-heading-l' }, 'Outcomes'), h('p', { class: 'govuk-body' }, 'Being unable to achieve an outcome means they cannot do it without help, or can but only with pain, distress or anxiety, by endangering their or others’ health or safety, or by taking significantly longer than would normally be expected.'));
  for (const outcome of outcomes) questions.push(outcomeQuestion(outcome, codes.unable_reasons));
  questions.push(
    h('h2', { class: 'govuk-heading-l' }, 'Wellbeing'),
    radios('wellbeing', 'wellbeing', 'As a result, is there, or is there likely to be, a significant impact on their wellbeing?', YES_NO, { inline: true, legendClass: 'govuk-fieldset__legend--m' }),
    textarea('wellbeing-notes', 'How their wellbeing is affected (optional)'),
    textarea('summary', 'Summary of the decision (optional)', 'In words the person will understand'),
  );
  const host = byId('eligibility-questions');
  replaceChildren(host, questions);
  // The reasons under "Cannot achieve it" show when it is chosen. Done here rather than by
  // GOV.UK's radios component, whose aria-expanded on a radio axe reports as not allowed.
  for (const radio of host.querySelectorAll<HTMLInputElement>('input[data-reveals]')) {
    const conditional = byId(radio.dataset['reveals'] ?? '');
    for (const each of host.querySelectorAll<HTMLInputElement>(`input[name="${radio.name}"]`)) {
      each.addEventListener('change', () => conditional.classList.toggle('govuk-radios__conditional--hidden', !radio.checked));
    }
  }

  const form = byId<HTMLFormElement>('eligibility-form');
  const errors = new FormErrors(byId('error-summary'), form);
  const fieldIds = eligibilityFieldIds(outcomes);
  const labels = new Map(outcomes.map((o) => [o.code, o.label]));
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const answers: EligibilityAnswers = {
      kind,
      fromCondition: checked(form, 'from-condition') as 'yes' | 'no' | undefined,
      healthDeteriorating: checked(form, 'health-deteriorating') as 'yes' | 'no' | undefined,
      wellbeing: checked(form, 'wellbeing') as 'yes' | 'no' | undefined,
      wellbeingNotes: text(form, 'wellbeing-notes'),
      summary: text(form, 'summary'),
      outcomes: outcomes.map((o) => ({
        outcome: o.code,
        achieved: checked(form, `outcome-${o.code}`) as 'yes' | 'no' | undefined,
        reason: checked(form, `reason-${o.code}`),
        notes: text(form, `notes-${o.code}`),
      })),
    };
    const read = eligibilityBody(answers, labels);
    if (!read.ok) {
      errors.show(validationProblem(read.errors), fieldIds);
      return;
    }
    busy = true;
    try {
      const result = await api<Eligibility>('POST', caseworkApiPath.eligibility(person.id), read.body);
      if (!result.ok) {
        showFormProblem(errors, result.problem, fieldIds);
        return;
      }
      errors.clear();
      showResult(result.data, person);
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
  form.hidden = false;
}

void main();
