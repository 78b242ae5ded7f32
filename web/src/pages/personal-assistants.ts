// /personal-assistants?person=… : the personal assistants (PAs) a budget holder employs and
// their employer's checklist, for the budget holder, a representative they let in and their
// social worker. What needs doing comes first, in plain English (insurance ending, no
// right-to-work check, pay below the National Living Wage…); then each PA, a form to add or
// change one, and the checklist with a form to update it. A rate below the minimum wage is
// saved and warned about, never refused.
import '../main';
import { api } from '../api';
import { personHomePath } from '../budget-view';
import { dateFromParts } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { moneyInput, singleCheckbox } from '../form-parts';
import { FormErrors } from '../forms';
import { summaryList, tag } from '../govuk';
import { renderServiceNavigation, showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import {
  ASSISTANT_FIELDS,
  DUTIES_FIELDS,
  assistantRows,
  dateParts,
  dutiesRows,
  minimumWageSentence,
  paPaths,
  type Audience,
  type EmployerView,
  type PersonalAssistant,
} from '../pa-view';
import { validationProblem, type FieldProblem } from '../problem';
import { dateInput, radios, textarea, textInput, valueOf, wireReveals } from '../safeguarding-form';

let view: EmployerView;
let audience: Audience = 'self';
/** The PA the form is changing, or null when it adds one. */
let editing: PersonalAssistant | null = null;

/** A smaller date question than the safeguarding pages' (legend size s). */
function smallDate(id: string, legend: string, hint: string): HTMLElement {
  const group = dateInput(id, legend, hint);
  group.querySelector('legend')?.classList.replace('govuk-fieldset__legend--m', 'govuk-fieldset__legend--s');
  return group;
}

function setDate(id: string, iso: string | null): void {
  const parts = dateParts(iso);
  byId<HTMLInputElement>(`${id}-day`).value = parts.day;
  byId<HTMLInputElement>(`${id}-month`).value = parts.month;
  byId<HTMLInputElement>(`${id}-year`).value = parts.year;
}

/** A date input's value: '' when all three boxes are empty, else YYYY-MM-DD or a field problem. */
function readDate(form: HTMLFormElement, id: string, what: string, problems: FieldProblem[], required = false): string {
  const day = valueOf(form, `${id}-day`);
  const month = valueOf(form, `${id}-month`);
  const year = valueOf(form, `${id}-year`);
  if (!required && !day.trim() && !month.trim() && !year.trim()) return '';
  const parsed = dateFromParts(day, month, year, what);
  if (parsed.ok) return parsed.date;
  problems.push({ field: id, message: parsed.message });
  return '';
}

function attentionSection(): HTMLElement[] {
  const self = audience === 'self';
  const parts: HTMLElement[] = [h('h2', { class: 'govuk-heading-m', id: 'attention-heading' }, 'What needs doing')];
  if (view.assistants.every((pa) => !pa.current)) {
    parts.push(h('p', { class: 'govuk-body', id: 'attention-none' }, self ? 'Nothing yet. When you employ a personal assistant, add them below and this page will tell you what an employer must do.' : 'Nothing: no personal assistant is recorded as working for them now.'));
  } else if (view.attention.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'attention-none' }, 'Nothing needs doing at the moment.'));
  } else {
    parts.push(
      h(
        'ul',
        { class: 'govuk-list', id: 'attention' },
        view.attention.map((a) =>
          h(
            'li',
            { class: 'govuk-!-margin-bottom-4', 'data-code': a.code },
            a.level === 'urgent' ? tag('Do this now', 'govuk-tag--red') : tag('Check', 'govuk-tag--yellow'),
            ' ',
            a.message,
          ),
        ),
      ),
    );
  }
  const wage = minimumWageSentence(view);
  if (wage) parts.push(h('div', { class: 'govuk-inset-text', id: 'minimum-wage' }, wage));
  return parts;
}

function assistantCard(pa: PersonalAssistant): HTMLElement {
  const actions = pa.current
    ? h(
        'ul',
        { class: 'govuk-summary-card__actions' },
        h(
          'li',
          { class: 'govuk-summary-card__action' },
          h('a', { class: 'govuk-link', href: '#assistant-form', id: `change-${pa.id}`, 'data-assistant': pa.id }, 'Change', visuallyHidden(` ${pa.name}’s details`)),
        ),
      )
    : null;
  return h(
    'div',
    { class: 'govuk-summary-card', id: `assistant-${pa.id}` },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h('h3', { class: 'govuk-summary-card__title' }, pa.name, pa.current ? null : [' ', tag('Left', 'govuk-tag--grey')]),
      actions,
    ),
    h('div', { class: 'govuk-summary-card__content' }, summaryList(assistantRows(pa, audience))),
  );
}

function assistantForm(): HTMLFormElement {
  const self = audience === 'self';
  const form = h(
    'form',
    { id: 'assistant-form', novalidate: true, tabindex: '-1' },
    h('h2', { class: 'govuk-heading-m', id: 'assistant-form-heading' }, 'Add a personal assistant'),
    textInput('name', 'Their name', { labelClass: 'govuk-label--s', autocomplete: 'off' }),
    moneyInput('hourly_rate', 'How much you pay them an hour', 'In pounds and pence, for example 12.71. Before tax and National Insurance.'),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: 'hours_per_week' }, 'Usual hours a week'),
      h('div', { class: 'govuk-hint', id: 'hours_per_week-hint' }, 'For example, 20 or 12.5'),
      h('input', { class: 'govuk-input govuk-input--width-5', id: 'hours_per_week', name: 'hours_per_week', type: 'text', inputmode: 'decimal', spellcheck: 'false', 'aria-describedby': 'hours_per_week-hint' }),
    ),
    smallDate('starts_on', 'When they started, or will start', 'For example, 1 4 2026'),
    smallDate('right_to_work_checked_on', 'When you checked their right to work in the UK', 'Leave empty if you have not checked yet. You must check before they start.'),
    smallDate('dbs_checked_on', 'When their DBS check was done (if they have one)', view.rules.dbs_required ? 'The council asks every personal assistant to have a DBS check.' : 'Only needed if the council asks, or someone manages the direct payment for a person who cannot decide for themselves.'),
    radios(
      'close_relative_in_household',
      self ? 'Are they a close relative who lives with you?' : 'Are they a close relative who lives in the same household?',
      [
        {
          value: 'yes',
          text: 'Yes',
          conditional: [
            h('p', { class: 'govuk-body' }, 'A direct payment can pay a husband, wife, partner or close relative who lives in the same household only when the council decides it is necessary.'),
            textarea('council_decision', 'The council’s decision', { labelClass: 'govuk-label--s', rows: 3, hint: 'What the council decided and why, or its reference' }),
            smallDate('council_decision_on', 'Date of the council’s decision', 'For example, 15 4 2026'),
          ],
        },
        { value: 'no', text: 'No' },
      ],
      { inline: false, legendClass: 'govuk-fieldset__legend--s' },
    ),
    h(
      'div',
      { class: 'govuk-button-group' },
      h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'save-assistant' }, 'Add personal assistant'),
      h('a', { class: 'govuk-link', href: '#assistant-form', id: 'cancel-change', hidden: true }, 'Cancel the change'),
    ),
  );
  wireReveals(form);
  return form;
}

function dutiesForm(): HTMLFormElement {
  const self = audience === 'self';
  const form = h(
    'form',
    { id: 'duties-form', novalidate: true },
    h('h3', { class: 'govuk-heading-s' }, 'Update the checklist'),
    textInput('payroll_provider', 'Who runs the payroll', { labelClass: 'govuk-label--s', hint: 'The payroll provider that pays your PAs through PAYE' }),
    smallDate('payroll_from', 'When they started running it', 'For example, 1 5 2026'),
    smallDate('pension_enrolled_on', 'When your PAs were enrolled in a workplace pension', 'Leave empty if no one needs enrolling, and say why below'),
    textarea('pension_exempt_reason', 'Why no one needs enrolling in a pension', { labelClass: 'govuk-label--s', rows: 2 }),
    textInput('insurer', 'Employers’ liability insurer', { labelClass: 'govuk-label--s' }),
    moneyInput('insurance_cover', 'How much it covers', 'In pounds, for example 5000000. The law requires at least £5 million.'),
    smallDate('insurance_expires_on', 'When the insurance ends', `${self ? 'You' : 'They'} will be reminded ${view.rules.insurance_reminder_days} days before`),
    smallDate('contract_issued_on', 'When you gave your PAs their written contract', 'For example, 28 4 2026'),
    textarea('holiday_pay', 'How holiday pay is arranged', { labelClass: 'govuk-label--s', rows: 2, hint: 'PAs are entitled to 5.6 weeks of paid holiday a year' }),
    singleCheckbox('authorised_person_without_capacity', 'Someone manages this direct payment for a person who cannot decide for themselves (an authorised person)'),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'save-duties' }, 'Save the checklist'),
  );
  return form;
}

function fillDutiesForm(): void {
  const d = view.duties;
  byId<HTMLInputElement>('payroll_provider').value = d.payroll_provider;
  setDate('payroll_from', d.payroll_from);
  setDate('pension_enrolled_on', d.pension_enrolled_on);
  byId<HTMLTextAreaElement>('pension_exempt_reason').value = d.pension_exempt_reason;
  byId<HTMLInputElement>('insurer').value = d.insurer;
  byId<HTMLInputElement>('insurance_cover').value = d.insurance_cover;
  setDate('insurance_expires_on', d.insurance_expires_on);
  setDate('contract_issued_on', d.contract_issued_on);
  byId<HTMLTextAreaElement>('holiday_pay').value = d.holiday_pay;
  byId<HTMLInputElement>('authorised_person_without_capacity').checked = d.authorised_person_without_capacity;
}

/** Puts a PA's details in the form to change them, or empties it to add one. */
function startEditing(pa: PersonalAssistant | null): void {
  editing = pa;
  const form = byId<HTMLFormElement>('assistant-form');
  form.reset();
  byId('assistant-form-heading').textContent = pa ? `Change ${pa.name}’s details` : 'Add a personal assistant';
  byId('save-assistant').textContent = pa ? 'Save changes' : 'Add personal assistant';
  byId('cancel-change').hidden = !pa;
  byId('conditional-close_relative_in_household').classList.add('govuk-radios__conditional--hidden');
  if (!pa) return;
  byId<HTMLInputElement>('name').value = pa.name;
  byId<HTMLInputElement>('hourly_rate').value = pa.hourly_rate;
  byId<HTMLInputElement>('hours_per_week').value = pa.hours_per_week;
  setDate('starts_on', pa.starts_on);
  setDate('right_to_work_checked_on', pa.right_to_work_checked_on);
  setDate('dbs_checked_on', pa.dbs_checked_on);
  byId<HTMLInputElement>(pa.close_relative_in_household ? 'close_relative_in_household' : 'close_relative_in_household-2').checked = true;
  if (pa.close_relative_in_household) {
    byId('conditional-close_relative_in_household').classList.remove('govuk-radios__conditional--hidden');
    byId<HTMLTextAreaElement>('council_decision').value = pa.council_decision;
    setDate('council_decision_on', pa.council_decision_on);
  }
  form.focus();
}

async function saveAssistant(form: HTMLFormElement, errors: FormErrors): Promise<void> {
  const problems: FieldProblem[] = [];
  const starts = readDate(form, 'starts_on', 'date they started', problems, true);
  const rtw = readDate(form, 'right_to_work_checked_on', 'date of the right-to-work check', problems);
  const dbs = readDate(form, 'dbs_checked_on', 'date of the DBS check', problems);
  const answer = form.querySelector<HTMLInputElement>('input[name="close_relative_in_household"]:checked')?.value;
  const relative = answer === 'yes';
  const decisionOn = relative ? readDate(form, 'council_decision_on', 'date of the council’s decision', problems, true) : '';
  if (!answer) problems.push({ field: 'close_relative_in_household', message: 'Say whether they are a close relative who lives in the same household' });
  if (problems.length > 0) {
    showFormProblem(errors, validationProblem(problems), ASSISTANT_FIELDS);
    return;
  }
  const body: Record<string, unknown> = {
    name: valueOf(form, 'name'),
    hourly_rate: valueOf(form, 'hourly_rate').replace(/^£/, ''),
    hours_per_week: valueOf(form, 'hours_per_week'),
    starts_on: starts,
    right_to_work_checked_on: rtw,
    dbs_checked_on: dbs,
    close_relative_in_household: relative,
    council_decision: relative ? valueOf(form, 'council_decision') : '',
    council_decision_on: decisionOn,
  };
  const changing = editing;
  if (changing) body['revision'] = changing.revision;
  const result = changing
    ? await api<EmployerView>('PUT', paPaths.assistant(view.person_id, changing.id), body)
    : await api<EmployerView>('POST', paPaths.api(view.person_id), body);
  if (!result.ok) {
    showFormProblem(errors, result.problem, ASSISTANT_FIELDS);
    return;
  }
  errors.clear();
  view = result.data;
  const name = String(body['name']).trim();
  draw();
  const below = view.attention.some((a) => a.code === 'below_minimum_wage');
  showSuccess(
    byId('flash'),
    changing ? `${name}’s details are saved` : `${name} is added`,
    below ? 'Their pay is below the National Living Wage: see What needs doing.' : 'See What needs doing for anything an employer must still do.',
  );
}

async function saveDuties(form: HTMLFormElement, errors: FormErrors): Promise<void> {
  const problems: FieldProblem[] = [];
  const body: Record<string, unknown> = {
    payroll_provider: valueOf(form, 'payroll_provider'),
    payroll_from: readDate(form, 'payroll_from', 'date the payroll provider started', problems),
    pension_enrolled_on: readDate(form, 'pension_enrolled_on', 'date of pension enrolment', problems),
    pension_exempt_reason: valueOf(form, 'pension_exempt_reason'),
    insurer: valueOf(form, 'insurer'),
    insurance_cover: valueOf(form, 'insurance_cover').replace(/^£/, ''),
    insurance_expires_on: readDate(form, 'insurance_expires_on', 'date the insurance ends', problems),
    contract_issued_on: readDate(form, 'contract_issued_on', 'date you gave the contract', problems),
    holiday_pay: valueOf(form, 'holiday_pay'),
    authorised_person_without_capacity: byId<HTMLInputElement>('authorised_person_without_capacity').checked,
    revision: view.duties.revision,
  };
  if (problems.length > 0) {
    showFormProblem(errors, validationProblem(problems), DUTIES_FIELDS);
    return;
  }
  const result = await api<EmployerView>('PUT', paPaths.duties(view.person_id), body);
  if (!result.ok) {
    showFormProblem(errors, result.problem, DUTIES_FIELDS);
    return;
  }
  errors.clear();
  view = result.data;
  draw();
  showSuccess(byId('flash'), 'The checklist is saved', view.attention.length === 0 ? 'Nothing needs doing at the moment.' : 'See What needs doing for what is left.');
}

function draw(): void {
  const self = audience === 'self';
  const current = view.assistants.filter((pa) => pa.current);
  const former = view.assistants.filter((pa) => !pa.current);
  const assistantForms = assistantForm();
  const duties = dutiesForm();
  replaceChildren(
    byId('pa-content'),
    attentionSection(),
    h('h2', { class: 'govuk-heading-m', id: 'assistants-heading' }, self ? 'Who works for you' : 'Who works for them'),
    current.length === 0 ? h('p', { class: 'govuk-body', id: 'assistants-none' }, 'No personal assistant is recorded.') : h('div', { id: 'assistants' }, current.map(assistantCard)),
    former.length > 0 ? [h('h3', { class: 'govuk-heading-s' }, 'Who used to work for ' + (self ? 'you' : 'them')), h('div', { id: 'former-assistants' }, former.map(assistantCard))] : null,
    assistantForms,
    h('h2', { class: 'govuk-heading-m', id: 'duties-heading' }, self ? 'Your checklist as an employer' : 'Their checklist as an employer'),
    summaryList(dutiesRows(view.duties), { id: 'duties' }),
    duties,
  );
  fillDutiesForm();
  const errors = new FormErrors(byId('error-summary'), assistantForms);
  assistantForms.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveAssistant(assistantForms, errors);
  });
  const dutiesErrors = new FormErrors(byId('error-summary'), duties);
  duties.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveDuties(duties, dutiesErrors);
  });
  for (const link of byId('pa-content').querySelectorAll<HTMLAnchorElement>('a[data-assistant]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      startEditing(view.assistants.find((pa) => pa.id === link.dataset['assistant']) ?? null);
    });
  }
  byId('cancel-change').addEventListener('click', (event) => {
    event.preventDefault();
    startEditing(null);
  });
  editing = null;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '' });
  if (!page) return;
  const { session } = page;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose personal assistants to show.', errors: [] });
  }
  const self = session.user.person_id === personId;
  audience = self ? 'self' : 'other';
  if (self) renderServiceNavigation(session, '/my-record');
  else if (session.user.roles.includes('assessor')) renderServiceNavigation(session, '/caseload');
  const home = personHomePath(session.user.roles, personId, session.user.person_id);
  const back = byId<HTMLAnchorElement>('back-link');
  back.href = home.href;
  back.textContent = home.text;
  back.hidden = false;

  const result = await api<EmployerView>('GET', paPaths.api(personId));
  if (!result.ok) return showPageProblem(result.problem);
  view = result.data;
  byId('person-caption').textContent = view.person_name;
  const heading = self ? 'Your personal assistants' : 'Their personal assistants';
  byId('page-heading').textContent = heading;
  document.title = `${heading} – ${view.person_name} – selfdirect`;
  byId('loading').remove();
  draw();
}

void main();
