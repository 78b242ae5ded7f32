/**
 * The safeguarding pages' pure parts: the API's shapes for a concern, where each call goes,
 * which step comes next for the safeguarding lead, the queue's rows, and the forms read into
 * what the server wants. No DOM, no fetch.
 *
 *   nextStep(concern)          // 'triage' | 'enquiry' | 'close' | 'other-action' | null
 *   riskTag(concern)           // { text: 'Immediate risk', modifier: 'govuk-tag--red' } or null
 *   raiseBody({ category: 'financial', immediateRisk: 'yes', ... })
 */
import type { Code } from './casework-view';
import { dateFromParts } from './casework-view';
import type { FieldProblem } from './problem';

/** GET /api/safeguarding/codes. */
export interface SafeguardingCodes {
  categories: Code[];
  triage_decisions: Code[];
  risk_outcomes: Code[];
  outcomes_met: Code[];
}

export type ConcernStatus = 'raised' | 'triaged' | 'enquiry' | 'closed';

export interface Concern {
  id: string;
  person_id: string | null;
  person_name: string;
  provider: string;
  plan_id: string | null;
  raiser: string;
  raiser_label: string;
  raised_at: string;
  category: string;
  category_label: string;
  what_happened: string;
  immediate_risk: boolean;
  persons_wishes: string;
  status: ConcernStatus;
  status_label: string;
  revision: number;
  triage: { decision: string; decision_label: string; reasons: string; at: string; by: string } | null;
  enquiry: { led_by: string; started_on: string; at: string; by: string } | null;
  closure: {
    risk: string;
    risk_label: string;
    actions_taken: string;
    outcomes_met: string;
    outcomes_met_label: string;
    persons_view: string;
    at: string;
    by: string;
  } | null;
}

export const safeguardingApiPath = {
  codes: '/api/safeguarding/codes',
  queue: '/api/concerns',
  concern: (id: string): string => `/api/concerns/${encodeURIComponent(id)}`,
  raise: (person: string): string => `/api/people/${encodeURIComponent(person)}/concerns`,
  step: (id: string, step: 'triage' | 'enquiry' | 'close'): string => `/api/concerns/${encodeURIComponent(id)}/${step}`,
};

/** The page for raising a concern about `person` ('me': the signed-in budget holder). */
export function raisePagePath(person: string): string {
  return `/concerns/new?person=${encodeURIComponent(person)}`;
}

/** The lead's page for one concern. */
export function concernPagePath(id: string): string {
  return `/concern?id=${encodeURIComponent(id)}`;
}

/**
 * What the safeguarding lead does next: triage a raised concern; record who leads the section
 * 42 enquiry; close an enquiry, or close after other safeguarding action ('other-action', where
 * an enquiry may still be recorded); nothing once closed.
 */
export function nextStep(concern: Pick<Concern, 'status' | 'triage'>): 'triage' | 'enquiry' | 'close' | 'other-action' | null {
  switch (concern.status) {
    case 'raised':
      return 'triage';
    case 'triaged':
      return concern.triage?.decision === 'other_action' ? 'other-action' : 'enquiry';
    case 'enquiry':
      return 'close';
    default:
      return null;
  }
}

/** The red tag for a person at immediate risk; null otherwise. */
export function riskTag(concern: Pick<Concern, 'immediate_risk'>): { text: string; modifier: string } | null {
  return concern.immediate_risk ? { text: 'Immediate risk', modifier: 'govuk-tag--red' } : null;
}

/** The tag for a concern's status. */
export function statusTag(status: ConcernStatus, label: string): { text: string; modifier: string } {
  const modifier = {
    raised: 'govuk-tag--yellow',
    triaged: 'govuk-tag--blue',
    enquiry: 'govuk-tag--purple',
    closed: 'govuk-tag--grey',
  }[status];
  return { text: label, modifier };
}

/** Who or what a concern is about, in a few words. */
export function aboutWhom(concern: Pick<Concern, 'person_name' | 'provider'>): string {
  const parts = [concern.person_name, concern.provider && `provider: ${concern.provider}`].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'Not recorded';
}

/** The server's field names and the ids of the controls that answer them, per form. */
export const RAISE_FIELDS: Readonly<Record<string, string>> = {
  category: 'category',
  what_happened: 'what-happened',
  immediate_risk: 'immediate-risk',
  persons_wishes: 'persons-wishes',
  provider: 'provider',
};
export const TRIAGE_FIELDS: Readonly<Record<string, string>> = { decision: 'decision', reasons: 'reasons' };
export const ENQUIRY_FIELDS: Readonly<Record<string, string>> = { led_by: 'led-by', started_on: 'started-on-day' };
export const CLOSE_FIELDS: Readonly<Record<string, string>> = {
  risk: 'risk',
  actions_taken: 'actions-taken',
  outcomes_met: 'outcomes-met',
  persons_view: 'persons-view',
};

export interface RaiseAnswers {
  category?: string;
  whatHappened: string;
  immediateRisk?: 'yes' | 'no';
  personsWishes: string;
  provider: string;
}

/** The body of POST /api/people/{person}/concerns. An unanswered risk question is left out, so that the server names it. */
export function raiseBody(a: RaiseAnswers): Record<string, unknown> {
  const body: Record<string, unknown> = {
    category: a.category ?? '',
    what_happened: a.whatHappened,
    persons_wishes: a.personsWishes,
    provider: a.provider,
  };
  if (a.immediateRisk) body['immediate_risk'] = a.immediateRisk === 'yes';
  return body;
}

/**
 * The body of POST /api/concerns/{id}/enquiry, or the errors to show: the start date is a
 * GOV.UK date input, and today when left empty.
 */
export function enquiryBody(
  ledBy: string,
  day: string,
  month: string,
  year: string,
  revision: number,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldProblem[] } {
  const body: Record<string, unknown> = { led_by: ledBy, revision };
  if (day.trim() || month.trim() || year.trim()) {
    const date = dateFromParts(day, month, year, 'start date');
    if (!date.ok) return { ok: false, errors: [{ field: 'started_on', message: date.message }] };
    body['started_on'] = date.date;
  }
  return { ok: true, body };
}
