// /person?id=… (social workers; approvers and the safeguarding lead may read it): a person's record. Who they are (a summary list), the case's
// steps as a GOV.UK task list (eligibility, assessment, plan) with their statuses, the
// eligibility decision and its reasoning, the indicative budget with its explanation, and
// their contacts with the council. With a budget in place: the next review and "Record a
// review"; "Close the case" while it is open; a closed case says why and when.
import '../main';
import { paPaths } from '../pa-view';
import { api } from '../api';
import {
  caseTasks,
  caseworkApiPath,
  dateInWords,
  indicativeBudget,
  readOnlyTasks,
  stageTag,
  taskStatusClass,
  type CaseTask,
} from '../casework-view';
import { budgetPaths } from '../budget-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { paragraphsOrList, summaryList, table, tag } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { explanationParts } from '../explanation';
import { reviewActions, todayIso, type PersonAfterSignOff } from '../review-view';
import { hasRole } from '../roles';
import { assessmentWords, carerPagePath, currentAndPast, type Carer, type CaringFor } from '../carer-view';

/** Who may open the record; only social workers (assessors) work the case from it. */
const READERS = ['assessor', 'approver', 'safeguarding-lead'] as const;

/**
 * After sign-off: the case closed (why and when), or the next review and what can be done
 * (by a social worker; a reader sees the date only).
 */
function afterSignOff(person: PersonAfterSignOff, works: boolean): Node[] {
  if (person.stage === 'closed' && person.closure) {
    return [
      h(
        'div',
        { class: 'govuk-inset-text', id: 'case-closed' },
        h('p', { class: 'govuk-body govuk-!-font-weight-bold' }, 'This case is closed'),
        summaryList([
          ['Why', person.closure.reason_label],
          ['Support ended on', dateInWords(person.closure.effective_on)],
          ...(person.closure.words ? [['Note', person.closure.words] as [string, string]] : []),
        ], { noBorder: true, id: 'closure-summary' }),
      ),
    ];
  }
  const actions = reviewActions(person, todayIso());
  const parts: Node[] = [];
  if (actions.recordReview) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, 'Reviews'),
      h(
        'p',
        { class: 'govuk-body', id: 'next-review' },
        'Next review: ',
        actions.overdue ? tag('Overdue', 'govuk-tag--red') : '',
        actions.overdue ? ' ' : '',
        actions.nextReview ?? 'not set',
      ),
    );
    if (works) parts.push(h('a', { class: 'govuk-button govuk-button--secondary', href: actions.recordReview, role: 'button', draggable: 'false', 'data-module': 'govuk-button', id: 'record-review' }, 'Record a review'));
  }
  if (works && actions.closeCase) {
    parts.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: actions.closeCase, id: 'close-case' }, 'Close the case')));
  }
  return parts;
}

/** One carer as a summary list row: who, what the record says, and (for a social worker) an end link. */
function carerRow(personId: string, carer: Carer, works: boolean): HTMLElement {
  const details = [
    h('p', { class: 'govuk-body' }, `${carer.relationship_label}${carer.lives_with ? ', lives with them' : ''}`),
    h('p', { class: 'govuk-body' }, assessmentWords(carer)),
    carer.phone ? h('p', { class: 'govuk-body' }, `Phone: ${carer.phone}`) : null,
    carer.carer_person_id ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: `/person?id=${encodeURIComponent(carer.carer_person_id)}` }, `${carer.name}’s own record`)) : null,
    carer.ended_at ? h('p', { class: 'govuk-body' }, `No longer caring since ${dateInWords(carer.ended_at)}`) : null,
  ];
  const actions =
    works && !carer.ended_at
      ? h('dd', { class: 'govuk-summary-list__actions' }, h('a', { class: 'govuk-link', href: carerPagePath.end(personId, carer.id) }, 'No longer caring', visuallyHidden(`: ${carer.name}`)))
      : null;
  return h(
    'div',
    { class: `govuk-summary-list__row${actions ? '' : ' govuk-summary-list__row--no-actions'}` },
    h('dt', { class: 'govuk-summary-list__key' }, carer.name),
    h('dd', { class: 'govuk-summary-list__value' }, details),
    actions,
  );
}

/** Their unpaid carers (still caring, then past), whom they care for, and "Add a carer". */
function carersSection(person: PersonAfterSignOff & { carers?: Carer[]; cares_for?: CaringFor[] }, works: boolean): Node[] {
  const { current, past } = currentAndPast(person.carers ?? []);
  const parts: Node[] = [h('h2', { class: 'govuk-heading-m', id: 'carers-heading' }, 'Carers')];
  if (current.length === 0 && past.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'no-carers' }, 'No unpaid carer is recorded.'));
  } else {
    parts.push(h('dl', { class: 'govuk-summary-list', id: 'carers' }, [...current, ...past].map((c) => carerRow(person.id, c, works))));
  }
  if (works) parts.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'add-carer', href: carerPagePath.add(person.id) }, 'Add a carer')));
  const caresFor = person.cares_for ?? [];
  if (caresFor.length > 0) {
    parts.push(
      h('h3', { class: 'govuk-heading-s' }, `${person.given_name} is the unpaid carer of`),
      h('ul', { class: 'govuk-list', id: 'cares-for' }, caresFor.map((c) => h('li', {}, h('a', { class: 'govuk-link', href: `/person?id=${encodeURIComponent(c.person_id)}` }, c.person_name), ` (${c.relationship_label.toLowerCase()})`))),
    );
  }
  return parts;
}

function taskItem(task: CaseTask, index: number): HTMLElement {
  const statusId = `task-${index}-status`;
  const hintId = `task-${index}-hint`;
  const describedBy = [task.hint ? hintId : '', statusId].filter(Boolean).join(' ');
  const statusClass = taskStatusClass(task.status);
  return h(
    'li',
    { class: `govuk-task-list__item${task.href ? ' govuk-task-list__item--with-link' : ''}` },
    h(
      'div',
      { class: 'govuk-task-list__name-and-hint' },
      task.href
        ? h('a', { class: 'govuk-link govuk-task-list__link', href: task.href, 'aria-describedby': describedBy }, task.name)
        : h('div', {}, task.name),
      task.hint ? h('div', { class: 'govuk-task-list__hint', id: hintId }, task.hint) : null,
    ),
    h(
      'div',
      { class: `govuk-task-list__status${task.status === 'Cannot start yet' ? ' govuk-task-list__status--cannot-start-yet' : ''}`, id: statusId },
      statusClass ? tag(task.status, statusClass) : task.status,
    ),
  );
}

function draw(person: PersonAfterSignOff, works: boolean): void {
  byId('person-name').textContent = person.full_name;
  document.title = `${person.full_name} – Person’s record – selfdirect`;
  const stage = stageTag(person.stage, person.stage_label);
  const tasks = works ? caseTasks(person) : readOnlyTasks(caseTasks(person));
  const parts: Node[] = [
    h('p', { class: 'govuk-body' }, 'Stage: ', tag(stage.text, stage.modifier)),
    works ? null : h('div', { class: 'govuk-inset-text', id: 'read-only' }, 'You can read this record. Their social worker records eligibility, assessments, plans and reviews.'),
    h('h2', { class: 'govuk-heading-m' }, 'Their case'),
    h('ul', { class: 'govuk-task-list', id: 'case-tasks' }, tasks.map(taskItem)),
    ...afterSignOff(person, works),
  ].filter((n): n is Node => n !== null);
  if (person.has_active_plan) {
    parts.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'budget-link', href: budgetPaths.page(person.id) }, 'See the personal budget statement and reviews')));
  }
  if (works) parts.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'pa-link', href: paPaths.page(person.id) }, 'Personal assistants they employ and their employer’s checklist')));

  const eligibility = person.eligibility;
  if (eligibility) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, 'Eligibility'),
      summaryList([
        ['Decision', eligibility.eligible ? 'Has eligible needs' : 'Does not have eligible needs'],
        ['Why', eligibility.reasoning],
        ['Decided on', dateInWords(eligibility.decided_at)],
      ], { id: 'eligibility-summary' }),
    );
  }

  const assessment = person.assessment;
  parts.push(h('h2', { class: 'govuk-heading-m' }, 'Indicative budget'));
  if (assessment) {
    parts.push(
      h('div', { class: 'govuk-inset-text', id: 'indicative-budget' }, h('p', { class: 'govuk-body govuk-!-font-weight-bold govuk-!-font-size-27' }, indicativeBudget(assessment)), 'Worked out on ', dateInWords(assessment.recorded_at), ' from the council’s questionnaire.'),
      ...explanationParts(assessment, 'explanation'),
    );
  } else {
    parts.push(h('p', { class: 'govuk-body', id: 'indicative-budget' }, 'Not worked out yet: it comes from the assessment.'));
  }

  parts.push(
    h('h2', { class: 'govuk-heading-m' }, 'About them'),
    summaryList([
      ['Date of birth', `${dateInWords(person.date_of_birth)} (${person.age})`],
      ['NHS number', person.nhs_number || 'Not known'],
      ['Address', paragraphsOrList([person.address, person.postcode].filter(Boolean))],
      ['Phone', person.phone || 'Not given'],
      ['Email', person.email || 'Not given'],
      ['Main reason for support', person.primary_support_reason_label || 'Not known'],
      ['Someone cares for them unpaid', person.has_unpaid_carer === 'yes' ? 'Yes' : person.has_unpaid_carer === 'no' ? 'No' : 'Not known'],
    ], { id: 'person-summary' }),
  );

  parts.push(...carersSection(person, works));

  const contacts = person.contacts ?? [];
  if (contacts.length > 0) {
    parts.push(
      table({
        id: 'contacts',
        caption: 'Contacts with the council',
        head: ['Date', 'How', 'What they asked for', 'Outcome'],
        rows: contacts.map((c) => [dateInWords(c.contact_date), c.route_of_access_label, c.asked_for, c.outcome_label]),
        small: true,
        scroll: true,
      }),
    );
  }
  replaceChildren(byId('person-content'), parts);
}

async function main(): Promise<void> {
  const page = await startSignedInPage({
    current: (roles) => (hasRole(roles, 'assessor') ? '/caseload' : hasRole(roles, 'approver') ? '/sign-off' : '/concerns'),
    role: READERS,
  });
  if (!page) return;
  const works = hasRole(page.session.user.roles, 'assessor');
  const id = new URLSearchParams(window.location.search).get('id') ?? '';
  if (!id) return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose record to show. Choose the person from your caseload.', errors: [] });
  const result = await api<PersonAfterSignOff>('GET', caseworkApiPath.person(id));
  if (!result.ok) return showPageProblem(result.problem);
  draw(result.data, works);
}

void main();
