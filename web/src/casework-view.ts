/**
 * The casework pages' pure parts: the API's shapes for a person's file, the tag for each
 * stage of a case, the case's steps as a task list, a GOV.UK date input read as
 * `YYYY-MM-DD`, and the eligibility form read into what the server wants. No DOM, no fetch.
 *
 *   stageTag('assessment')            // { text: 'Assessment', modifier: 'govuk-tag--blue' }
 *   dateFromParts('1', '4', '1950')   // { ok: true, date: '1950-04-01' }
 *   caseTasks(person)                 // [{ name: 'Eligibility', status: 'Completed', ... }, ...]
 */
import { amountFor, periodPhrase, type Estimate } from './ras-view';

export interface Code {
  code: string;
  label: string;
}

/** GET /api/casework/codes. */
export interface CaseworkCodes {
  gender: Code[];
  ethnicity: Code[];
  primary_support_reason: Code[];
  accommodation: Code[];
  employment: Code[];
  route_of_access: Code[];
  contact_outcome: Code[];
  adult_outcomes: Code[];
  carer_outcomes: Code[];
  unable_reasons: Code[];
  variance_categories: Code[];
}

export type Stage = 'contact' | 'not-eligible' | 'assessment' | 'planning' | 'awaiting-sign-off' | 'active' | 'closed';

export interface OutcomeFinding {
  outcome: string;
  label: string;
  achieved: boolean;
  reason: string;
  reason_label: string;
  notes: string;
}

export interface Eligibility {
  kind: string;
  eligible: boolean;
  reasoning: string;
  significant_impact_on_wellbeing: boolean;
  wellbeing_notes: string;
  summary: string;
  decided_at: string;
  outcomes: OutcomeFinding[];
}

export interface Assessment extends Estimate {
  completed_by: string;
  model: string;
  model_version: number;
  answers: Record<string, unknown>;
  recorded_at: string;
}

/** A person's file, from GET /api/people/{id}. */
export interface PersonFile {
  id: string;
  given_name: string;
  family_name: string;
  full_name: string;
  date_of_birth: string;
  age: number;
  nhs_number: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  primary_support_reason: string;
  primary_support_reason_label?: string;
  has_unpaid_carer: string;
  stage: Stage | string;
  stage_label: string;
  has_active_plan: boolean;
  revision: number;
  created_at: string;
  contacts?: { contact_date: string; route_of_access_label: string; asked_for: string; outcome_label: string }[];
  eligibility?: Eligibility | null;
  assessment?: Assessment | null;
  /** The case's steps, oldest first: who did what, when. */
  events?: CaseEvent[];
}

/** One step in a case's history (GET /api/people/{id}'s events). */
export interface CaseEvent {
  event: string;
  stage_after: string;
  at: string;
  by: string;
  detail: string;
}

/** The colour of each stage's tag. */
const STAGE_TAGS: Record<string, string> = {
  contact: 'govuk-tag--grey',
  'not-eligible': 'govuk-tag--red',
  assessment: 'govuk-tag--blue',
  planning: 'govuk-tag--light-blue',
  'awaiting-sign-off': 'govuk-tag--yellow',
  active: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
};

/** The stage's tag: the server's label (or the stage made readable) and its colour. */
export function stageTag(stage: string, label?: string): { text: string; modifier: string } {
  const text = label || (stage.charAt(0).toUpperCase() + stage.slice(1)).replace(/-/g, ' ');
  return { text, modifier: STAGE_TAGS[stage] ?? 'govuk-tag--grey' };
}

export type DateResult = { ok: true; date: string } | { ok: false; message: string };

/**
 * A GOV.UK date input's three boxes as `YYYY-MM-DD`, or what is wrong in GOV.UK's words.
 * `what` names the date, such as "date of birth".
 */
export function dateFromParts(day: string, month: string, year: string, what = 'date'): DateResult {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!d && !m && !y) return { ok: false, message: `Enter the ${what}` };
  const missing = [!d && 'a day', !m && 'a month', !y && 'a year'].filter(Boolean);
  if (missing.length > 0) return { ok: false, message: `The ${what} must include ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { ok: false, message: `The ${what} must be a real date` };
  }
  const dn = Number(d);
  const mn = Number(m);
  const yn = Number(y);
  const date = new Date(Date.UTC(yn, mn - 1, dn));
  if (mn < 1 || mn > 12 || date.getUTCDate() !== dn || date.getUTCMonth() !== mn - 1) {
    return { ok: false, message: `The ${what} must be a real date` };
  }
  return { ok: true, date: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
}

/** `YYYY-MM-DD` in words: "1 April 1950". Anything else as it is. */
export function dateInWords(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const month = months[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

export type TaskStatus = 'Completed' | 'Not yet started' | 'Cannot start yet' | 'Not eligible' | 'Waiting for sign-off' | 'Case closed';

export interface CaseTask {
  name: string;
  /** Where the task is done; absent when it cannot be done now. */
  href?: string;
  status: TaskStatus;
  hint?: string;
}

/** The case's steps for the task list, each with its status, in order. */
export function caseTasks(person: Pick<PersonFile, 'id' | 'stage' | 'eligibility' | 'assessment' | 'has_active_plan'>): CaseTask[] {
  const id = encodeURIComponent(person.id);
  const eligibility: CaseTask = person.eligibility
    ? { name: 'Decide eligibility', href: `/person/eligibility?id=${id}`, status: 'Completed' }
    : { name: 'Decide eligibility', href: `/person/eligibility?id=${id}`, status: 'Not yet started' };
  let assessment: CaseTask;
  if (person.assessment) assessment = { name: 'Assess needs and work out the indicative budget', href: `/person/assessment?id=${id}`, status: 'Completed' };
  else if (person.eligibility && !person.eligibility.eligible) assessment = { name: 'Assess needs and work out the indicative budget', status: 'Not eligible', hint: 'They do not have eligible needs' };
  else if (person.eligibility) assessment = { name: 'Assess needs and work out the indicative budget', href: `/person/assessment?id=${id}`, status: 'Not yet started' };
  else assessment = { name: 'Assess needs and work out the indicative budget', status: 'Cannot start yet', hint: 'Decide eligibility first' };
  const name = 'Agree a support plan';
  let plan: CaseTask;
  if (person.stage === 'closed') plan = { name, status: 'Case closed' };
  else if (person.stage === 'awaiting-sign-off') plan = { name, status: 'Waiting for sign-off', hint: 'An approver is looking at the plan' };
  else if (person.stage === 'planning' || (person.stage === 'active' && person.assessment)) {
    // The builder starts a new version. (While one is still being written the server refuses
    // to start another and says so: the record does not name its plans, so there is no link.)
    plan = person.has_active_plan
      ? { name, href: `/person/plan?person=${id}`, status: 'Completed', hint: 'A plan is agreed; change it by writing a new version' }
      : { name, href: `/person/plan?person=${id}`, status: 'Not yet started', hint: 'Write it with the person' };
  } else if (person.has_active_plan) plan = { name, status: 'Completed' };
  else plan = { name, status: 'Cannot start yet', hint: person.assessment ? 'Plans are written with the person' : 'Complete the assessment first' };
  return [eligibility, assessment, plan];
}

/**
 * The tasks as someone who may read the record but not work the case sees them (an approver,
 * the safeguarding lead): the same statuses and hints, without links to forms they cannot use.
 */
export function readOnlyTasks(tasks: readonly CaseTask[]): CaseTask[] {
  return tasks.map(({ href: _href, ...rest }) => rest);
}

/** The tag class for a task's status ('' for Completed, which GOV.UK shows as plain text). */
export function taskStatusClass(status: TaskStatus): string {
  switch (status) {
    case 'Completed':
      return '';
    case 'Not yet started':
      return 'govuk-tag--blue';
    case 'Not eligible':
      return 'govuk-tag--red';
    case 'Waiting for sign-off':
      return 'govuk-tag--yellow';
    default:
      return 'govuk-tag--grey';
  }
}

/** "£234.90 a week" for an assessment or estimate. */
export function indicativeBudget(estimate: Pick<Estimate, 'amount_pence' | 'period'>): string {
  return amountFor(estimate.amount_pence, periodPhrase(estimate.period));
}

/** What the eligibility form says about one outcome. */
export interface OutcomeAnswer {
  outcome: string;
  achieved?: 'yes' | 'no';
  reason?: string;
  notes: string;
}

export interface EligibilityAnswers {
  kind: 'adult' | 'carer';
  fromCondition?: 'yes' | 'no';
  healthDeteriorating?: 'yes' | 'no';
  wellbeing?: 'yes' | 'no';
  wellbeingNotes: string;
  summary: string;
  outcomes: OutcomeAnswer[];
}

/**
 * The eligibility form read into the request body, or the problems found before sending
 * (field names as the server's: "needs_arise_from_condition", "outcomes.<code>").
 */
export function eligibilityBody(
  answers: EligibilityAnswers,
  labels: ReadonlyMap<string, string>,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  if (!answers.fromCondition) {
    errors.push({ field: 'needs_arise_from_condition', message: answers.kind === 'carer' ? 'Select whether their needs arise from caring' : 'Select whether their needs arise from a physical or mental impairment or illness' });
  }
  if (answers.kind === 'carer' && !answers.healthDeteriorating) {
    errors.push({ field: 'health_deteriorating', message: 'Select whether their health is getting worse, or at risk of it' });
  }
  for (const o of answers.outcomes) {
    const label = labels.get(o.outcome) ?? o.outcome;
    if (!o.achieved) errors.push({ field: `outcomes.${o.outcome}`, message: `Select whether they can achieve ‘${label}’` });
    else if (o.achieved === 'no' && !o.reason) errors.push({ field: `outcomes.${o.outcome}.reason`, message: `Select why they cannot achieve ‘${label}’` });
  }
  if (!answers.wellbeing) errors.push({ field: 'significant_impact_on_wellbeing', message: 'Select whether there is a significant impact on their wellbeing' });
  if (errors.length > 0) return { ok: false, errors };
  const body: Record<string, unknown> = {
    kind: answers.kind,
    needs_arise_from_condition: answers.fromCondition === 'yes',
    significant_impact_on_wellbeing: answers.wellbeing === 'yes',
    wellbeing_notes: answers.wellbeingNotes.trim(),
    summary: answers.summary.trim(),
    outcomes: answers.outcomes.map((o) => ({
      outcome: o.outcome,
      achieved: o.achieved === 'yes',
      ...(o.achieved === 'no' ? { reason: o.reason } : {}),
      notes: o.notes.trim(),
    })),
  };
  if (answers.kind === 'carer') body['health_deteriorating'] = answers.healthDeteriorating === 'yes';
  return { ok: true, body };
}

/** The casework API's addresses. */
export const caseworkApiPath = {
  codes: '/api/casework/codes',
  people: '/api/people',
  caseload: '/api/queues/caseload',
  person: (id: string): string => `/api/people/${encodeURIComponent(id)}`,
  eligibility: (id: string): string => `/api/people/${encodeURIComponent(id)}/eligibility`,
  assessments: (id: string): string => `/api/people/${encodeURIComponent(id)}/assessments`,
};

/** The form's field ids for each field the server may name when adding a person. */
export const NEW_PERSON_FIELDS: Readonly<Record<string, string>> = {
  given_name: 'given-name',
  family_name: 'family-name',
  date_of_birth: 'date-of-birth-day',
  nhs_number: 'nhs-number',
  address: 'address',
  postcode: 'postcode',
  phone: 'phone',
  email: 'email',
  gender: 'gender',
  ethnicity: 'ethnicity',
  primary_support_reason: 'primary-support-reason',
  accommodation: 'accommodation',
  employment: 'employment',
  has_unpaid_carer: 'has-unpaid-carer',
  'communication.interpreter_language': 'interpreter-language',
  'communication.other': 'communication-other',
  'contact.contact_date': 'contact-date-day',
  'contact.route_of_access': 'route-of-access',
  'contact.asked_for': 'asked-for',
  'contact.outcome': 'contact-outcome',
};

/** The eligibility form's field ids for the server's field names. */
export function eligibilityFieldIds(outcomes: readonly Code[]): Record<string, string> {
  const ids: Record<string, string> = {
    needs_arise_from_condition: 'from-condition',
    health_deteriorating: 'health-deteriorating',
    significant_impact_on_wellbeing: 'wellbeing',
    wellbeing_notes: 'wellbeing-notes',
    summary: 'summary',
  };
  outcomes.forEach((o, i) => {
    ids[`outcomes.${o.code}`] = `outcome-${o.code}`;
    ids[`outcomes.${o.code}.reason`] = `reason-${o.code}`;
    ids[`outcomes[${i}].reason`] = `reason-${o.code}`;
    ids[`outcomes[${i}].notes`] = `notes-${o.code}`;
  });
  return ids;
}
