/**
 * The pure parts of the pages after sign-off: recording a review, closing a case, recording
 * the person's contribution, and the reviews queues. The API's shapes, where each call goes,
 * each form read into what the server wants (with the problems found before sending, named
 * as the server names them), and which element each server field belongs to. No DOM, no fetch.
 *
 *   reviewBody(answers, outcomes)   // { ok: true, body } or { ok: false, errors: [...] }
 *   reviewFieldIds(outcomes)        // { held_on: 'held-on-day', 'outcomes.o1': 'rating-1', ... }
 *   closureBody(answers)            // { reason, effective_on, words } or the problems
 *   contributionBody(answers)       // { basis, weekly, assessed_on, notes } or the problems
 *   reviewActions(person, today)    // what the record offers: the next review, record a review, close the case
 */
import { dateFromParts, dateInWords, type Code, type PersonFile } from './casework-view';
import { parsePounds } from './money';
import type { FieldProblem } from './problem';

/** The codes these pages use, from GET /api/casework/codes. */
export interface ReviewCodes {
  review_reason: Code[];
  review_method: Code[];
  closure_reason: Code[];
  contribution_basis: Code[];
  outcome_ratings: Code[];
  review_results: Code[];
}

/** A case's closure, as GET /api/people/{id} gives it. */
export interface Closure {
  reason: string;
  reason_label: string;
  effective_on: string;
  words: string;
}

/** The parts of GET /api/people/{id} the review pages read, beyond PersonFile. */
export interface PersonAfterSignOff extends PersonFile {
  review_due: string | null;
  review_due_words: string | null;
  /** The server's judgement, by its own date; the browser's date is the fallback. */
  review_overdue?: boolean;
  closure: Closure | null;
}

/** GET /api/people/{id}/budget: the parts these pages read. */
export interface BudgetInForce {
  person_id: string;
  person_name: string;
  plan_id: string;
  plan_version: number;
  signed_off_on: string;
  statement: {
    contribution_assessed: boolean;
    contribution_basis: string;
    contribution_basis_label: string;
    contribution_weekly: string;
  };
  next_review: { due: string; kind: string; why: string; words: string; overdue: boolean } | null;
}

/** POST /api/people/{id}/reviews answers with this. */
export interface RecordedReview {
  id: string;
  held_on: string;
  held_on_words: string;
  result: string;
  result_label: string;
  outcomes: { outcome: string; words: string; rating: string; rating_label: string }[];
}

/** One person in a reviews queue (GET /api/queues/reviews-due or overdue-reviews). */
export interface QueuePerson {
  id: string;
  full_name: string;
  review_due: string | null;
  review_due_words: string | null;
  /** The server's judgement, by its own date; the browser's date is the fallback. */
  review_overdue?: boolean;
}

export interface ReviewQueuePage {
  queue: string;
  people: QueuePerson[];
  next_after?: string;
}

export const reviewApiPath = {
  reviews: (person: string): string => `/api/people/${encodeURIComponent(person)}/reviews`,
  closure: (person: string): string => `/api/people/${encodeURIComponent(person)}/closure`,
  contribution: (person: string): string => `/api/people/${encodeURIComponent(person)}/contribution`,
  budget: (person: string): string => `/api/people/${encodeURIComponent(person)}/budget`,
  queue: (which: 'reviews-due' | 'overdue-reviews', after = ''): string =>
    `/api/queues/${which}${after ? `?after=${encodeURIComponent(after)}` : ''}`,
};

export const reviewPagePath = {
  review: (person: string): string => `/person/review?person=${encodeURIComponent(person)}`,
  close: (person: string): string => `/person/close?person=${encodeURIComponent(person)}`,
  contribution: (person: string): string => `/person/contribution?person=${encodeURIComponent(person)}`,
  record: (person: string): string => `/person?id=${encodeURIComponent(person)}`,
  plan: (person: string): string => `/person/plan?person=${encodeURIComponent(person)}`,
  assessment: (person: string): string => `/person/assessment?id=${encodeURIComponent(person)}`,
};

type DateParts = { day: string; month: string; year: string };
type Built = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldProblem[] };

/** One outcome of the plan under review, in the person's words. */
export interface ReviewOutcome {
  id: string;
  words: string;
}

export interface ReviewAnswers {
  heldOn: DateParts;
  reason?: string;
  method?: string;
  /** By outcome id. */
  ratings: Record<string, string | undefined>;
  views: Record<string, string>;
  personsView: string;
  result?: string;
  notes: string;
}

/**
 * The review form read into POST /api/people/{id}/reviews's body: every outcome rated, in the
 * plan's order. Problems found first are named as the server names them ("held_on",
 * "outcomes.o1", "result").
 */
export function reviewBody(answers: ReviewAnswers, outcomes: readonly ReviewOutcome[]): Built {
  const errors: FieldProblem[] = [];
  const held = dateFromParts(answers.heldOn.day, answers.heldOn.month, answers.heldOn.year, 'date of the review');
  if (!held.ok) errors.push({ field: 'held_on', message: held.message });
  if (!answers.reason) errors.push({ field: 'reason', message: 'Select why the review was held' });
  if (!answers.method) errors.push({ field: 'method', message: 'Select how the review was done' });
  for (const o of outcomes) {
    if (!answers.ratings[o.id]) {
      errors.push({ field: `outcomes.${o.id}`, message: `Select how far they have got with ‘${o.words}’` });
    }
  }
  if (!answers.result) errors.push({ field: 'result', message: 'Select what happens next' });
  if (errors.length > 0 || !held.ok) return { ok: false, errors };
  return {
    ok: true,
    body: {
      held_on: held.date,
      reason: answers.reason,
      method: answers.method,
      outcomes: outcomes.map((o) => ({ outcome: o.id, rating: answers.ratings[o.id], persons_view: (answers.views[o.id] ?? '').trim() })),
      persons_view: answers.personsView.trim(),
      result: answers.result,
      notes: answers.notes.trim(),
    },
  };
}

/** The review form's element ids for each field the server may name. */
export function reviewFieldIds(outcomes: readonly ReviewOutcome[]): Record<string, string> {
  const ids: Record<string, string> = {
    held_on: 'held-on-day',
    reason: 'reason',
    method: 'method',
    outcomes: outcomes.length > 0 ? ratingId(0) : 'what-next',
    persons_view: 'persons-view',
    result: 'what-next',
    notes: 'notes',
  };
  outcomes.forEach((o, i) => {
    ids[`outcomes.${o.id}`] = ratingId(i);
    ids[`outcomes[${i}].rating`] = ratingId(i);
    ids[`outcomes[${i}].outcome`] = ratingId(i);
    ids[`outcomes[${i}]`] = ratingId(i);
    ids[`outcomes[${i}].persons_view`] = viewId(i);
  });
  return ids;
}

/** The element id of the first rating radio of the plan's `index`th outcome (from 0). */
export function ratingId(index: number): string {
  return `rating-${index + 1}`;
}

/** The element id of the box for the person's view of the plan's `index`th outcome (from 0). */
export function viewId(index: number): string {
  return `view-${index + 1}`;
}

/** What the confirmation says comes next for each result of a review. */
export function nextSteps(result: string, person: string): { text: string; href?: string; link?: string } {
  switch (result) {
    case 'revise_plan':
      return { text: 'You said the plan needs revising. Write a new version of it with them; the budget in place stays until the new version is signed off.', href: reviewPagePath.plan(person), link: 'Revise the support plan' };
    case 'reassess':
      return { text: 'You said their needs should be reassessed. Only a new assessment can change the indicative budget, up or down.', href: reviewPagePath.assessment(person), link: 'Reassess their needs' };
    default:
      return { text: 'The plan carries on as it is.' };
  }
}

export interface ClosureAnswers {
  reason?: string;
  effectiveOn: DateParts;
  words: string;
}

/** The closing form read into POST /api/people/{id}/closure's body, or the problems. */
export function closureBody(answers: ClosureAnswers): Built {
  const errors: FieldProblem[] = [];
  if (!answers.reason) errors.push({ field: 'reason', message: 'Select why the case is closing' });
  const on = dateFromParts(answers.effectiveOn.day, answers.effectiveOn.month, answers.effectiveOn.year, 'date support ended');
  if (!on.ok) errors.push({ field: 'effective_on', message: on.message });
  if (errors.length > 0 || !on.ok) return { ok: false, errors };
  return { ok: true, body: { reason: answers.reason, effective_on: on.date, words: answers.words.trim() } };
}

export const CLOSURE_FIELDS: Readonly<Record<string, string>> = {
  reason: 'reason',
  effective_on: 'effective-on-day',
  words: 'words',
};

export interface ContributionAnswers {
  basis?: string;
  weekly: string;
  assessedOn: DateParts;
  notes: string;
}

/**
 * The contribution form read into POST /api/people/{id}/contribution's body, or the problems.
 * The weekly amount is asked for (and sent) only when a financial assessment decided it; it is
 * sent as typed, in pounds, for the server to read exactly.
 */
export function contributionBody(answers: ContributionAnswers): Built {
  const errors: FieldProblem[] = [];
  if (!answers.basis) errors.push({ field: 'basis', message: 'Select how the contribution was decided' });
  const assessed = answers.basis === 'financial_assessment';
  if (assessed) {
    const weekly = parsePounds(answers.weekly);
    if (!weekly.ok) errors.push({ field: 'weekly', message: answers.weekly.trim() ? 'Enter what they pay each week in pounds and pence, like 23.50' : 'Enter what they pay each week, like 23.50 (0 if nothing)' });
    else if (weekly.pence < 0n) errors.push({ field: 'weekly', message: 'What they pay each week cannot be less than nothing' });
  }
  const on = dateFromParts(answers.assessedOn.day, answers.assessedOn.month, answers.assessedOn.year, 'date it was decided');
  if (!on.ok) errors.push({ field: 'assessed_on', message: on.message });
  if (errors.length > 0 || !on.ok) return { ok: false, errors };
  const body: Record<string, unknown> = { basis: answers.basis, assessed_on: on.date, notes: answers.notes.trim() };
  if (assessed) body['weekly'] = answers.weekly.trim().replace(/^£/, '').replaceAll(',', '');
  return { ok: true, body };
}

export const CONTRIBUTION_FIELDS: Readonly<Record<string, string>> = {
  basis: 'basis',
  weekly: 'weekly',
  assessed_on: 'assessed-on-day',
  notes: 'notes',
};

/** What the person's record offers after sign-off. */
export interface ReviewActions {
  /**
   * The next review in words, or null when none is due (no budget in place, or closed). When
   * overdue, the words to follow a red "Overdue" tag.
   */
  nextReview: string | null;
  overdue: boolean;
  recordReview: string | null;
  closeCase: string | null;
}

/**
 * A budget in place can be reviewed; an open case can be closed. A closed case offers neither.
 * `today` is YYYY-MM-DD.
 */
export function reviewActions(
  person: Pick<PersonAfterSignOff, 'id' | 'stage' | 'review_due' | 'review_due_words' | 'review_overdue'>,
  today: string,
): ReviewActions {
  if (person.stage === 'closed') return { nextReview: null, overdue: false, recordReview: null, closeCase: null };
  const active = person.stage === 'active';
  const overdue = active && (person.review_overdue ?? isOverdue(person.review_due, today));
  const words = person.review_due ? person.review_due_words || dateInWords(person.review_due) : null;
  return {
    nextReview: active && words ? (overdue ? afterOverdueTag(words) : words) : null,
    overdue,
    recordReview: active ? reviewPagePath.review(person.id) : null,
    closeCase: reviewPagePath.close(person.id),
  };
}

/**
 * The words to put after a red "Overdue" tag: the server's "Overdue by 5 days (it was due on …)"
 * without its first word, so that tag and words read as one ("Overdue by 5 days …").
 */
export function afterOverdueTag(words: string): string {
  return words.startsWith('Overdue ') ? words.slice('Overdue '.length) : words;
}

/** Whether a review due on `due` (YYYY-MM-DD) is overdue on `today`. */
export function isOverdue(due: string | null, today: string): boolean {
  return due !== null && due < today;
}

/** Today in the browser as YYYY-MM-DD (the local date, as the person sees it). */
export function todayIso(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The queue's rows: each person, when their review is due in words, whether it is overdue. */
export function queueRows(people: readonly QueuePerson[], today: string): { id: string; name: string; due: string; overdue: boolean; href: string }[] {
  return people.map((p) => {
    const overdue = p.review_overdue ?? isOverdue(p.review_due, today);
    const words = p.review_due_words || (p.review_due ? dateInWords(p.review_due) : 'Not set');
    return { id: p.id, name: p.full_name, due: overdue ? afterOverdueTag(words) : words, overdue, href: reviewPagePath.review(p.id) };
  });
}
