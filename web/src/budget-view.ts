/**
 * The personal budget's pure parts: what GET /api/people/{id}/budget sends, the statement's
 * rows in plain English for whoever is reading (the person themselves, or someone else:
 * their representative or council staff), the next review, past reviews, and what to say
 * when there is no budget yet. No DOM, no fetch.
 *
 *   statementRows(budget.statement, 'self')   // [['The cost of meeting your needs', '£15,080.00 a year (£290.00 a week)'], …]
 *   nextReview(budget.next_review)            // { words: 'Due in 12 days, on 4 December 2026', why: '…', overdue: false }
 *   whatHappensNext({ stage: 'planning', plans: [] }, 'self')   // 'Your indicative budget has been worked out…'
 *   budgetPaths.page('01J…')                  // '/person/budget?person=01J…'
 */

/** Who is reading: the person whose budget it is, or someone else (staff, a representative). */
export type Audience = 'self' | 'other';

/** The statement as GET /api/people/{id}/budget sends it (money in pence and in words). */
export interface BudgetStatement {
  from: string;
  to: string;
  period_words: string;
  contribution_assessed: boolean;
  contribution_basis: string;
  contribution_basis_label: string;
  cost_annual_pence: number;
  cost_annual: string;
  cost_weekly_pence: number;
  cost_weekly: string;
  contribution_annual_pence: number;
  contribution_annual: string;
  contribution_weekly_pence: number;
  contribution_weekly: string;
  council_annual_pence: number;
  council_annual: string;
  council_weekly_pence: number;
  council_weekly: string;
  indicative_annual_pence: number | null;
  indicative_annual?: string;
  by_route: { code: string; label: string; annual_pence: number; annual: string }[];
  sentences: string[];
}

export interface ReviewOutcome {
  outcome: string;
  words: string;
  rating: string;
  rating_label: string;
  persons_view: string;
}

export interface Review {
  id: string;
  plan_id: string;
  held_on: string;
  held_on_words: string;
  reason: string;
  reason_label: string;
  method: string;
  method_label: string;
  outcomes: ReviewOutcome[];
  persons_view: string;
  result: string;
  result_label: string;
  notes: string;
  recorded_at: string;
}

export interface NextReview {
  due: string;
  kind: string;
  why: string;
  words: string;
  overdue: boolean;
}

/** GET /api/people/{id}/budget. */
export interface Budget {
  person_id: string;
  person_name: string;
  plan_id: string;
  plan_version: number;
  signed_off_on: string;
  variance_category: string;
  variance_label: string;
  variance_words: string;
  statement: BudgetStatement;
  next_review: NextReview | null;
  reviews: Review[];
}

/** One version of a plan as GET /api/people/{id} lists them (newest first). */
export interface PlanVersionSummary {
  id: string;
  version: number;
  status: string;
  first_year_pence: number;
  first_year: string;
  submitted_at: string | null;
  updated_at: string;
}

/** Where the budget lives, on the site and in the API. */
export const budgetPaths = {
  page: (personId: string) => `/person/budget?person=${encodeURIComponent(personId)}`,
  api: (personId: string) => `/api/people/${encodeURIComponent(personId)}/budget`,
  pdf: (personId: string) => `/api/people/${encodeURIComponent(personId)}/budget/statement.pdf`,
};

/** "£15,080.00 a year (£290.00 a week)". */
export function yearAndWeekWords(annual: string, weekly: string): string {
  return `${annual} a year (${weekly} a week)`;
}

/** The statement's summary rows: the cost, what the person pays, what the council pays, the period. */
export function statementRows(s: BudgetStatement, audience: Audience): [string, string][] {
  const your = audience === 'self' ? 'your' : 'their';
  const you = audience === 'self' ? 'you pay' : 'they pay';
  const pays = s.contribution_assessed
    ? yearAndWeekWords(s.contribution_annual, s.contribution_weekly)
    : 'Not worked out yet: the council will do a financial assessment';
  return [
    [`The cost of meeting ${your} needs`, yearAndWeekWords(s.cost_annual, s.cost_weekly)],
    [`What ${you} towards it`, pays],
    ['What the council pays', yearAndWeekWords(s.council_annual, s.council_weekly)],
    ['The period', s.period_words],
  ];
}

/** The statement's "how the plan spends it" table rows: how the money is paid, and how much a year. */
export function routeRows(s: Pick<BudgetStatement, 'by_route'>): [string, string][] {
  return s.by_route.map((r) => [r.label, r.annual]);
}

/** The next review in words, or null when none is set. */
export function nextReview(next: NextReview | null): { words: string; why: string; overdue: boolean } | null {
  if (!next) return null;
  return { words: next.words, why: next.why, overdue: next.overdue };
}

/** A GOV.UK tag colour for how an outcome is going at a review. */
export function ratingTagClass(rating: string): string {
  switch (rating) {
    case 'achieved':
      return 'govuk-tag--green';
    case 'partly':
      return 'govuk-tag--yellow';
    case 'not_yet':
      return 'govuk-tag--orange';
    default:
      return 'govuk-tag--grey';
  }
}

/** Past reviews, newest first. */
export function newestReviewsFirst<T extends Pick<Review, 'held_on' | 'recorded_at'>>(reviews: readonly T[]): T[] {
  return [...reviews].sort((a, b) => b.held_on.localeCompare(a.held_on) || b.recorded_at.localeCompare(a.recorded_at));
}

/**
 * What happens next, when there is no budget in place yet: one or two plain sentences for the
 * record's stage and the newest plan version. `audience` says whose words: "you" or "they".
 */
export function whatHappensNext(
  person: { stage: string; plans?: readonly Pick<PlanVersionSummary, 'version' | 'status'>[]; closure?: { words: string } | null },
  audience: Audience,
): string {
  const self = audience === 'self';
  const your = self ? 'your' : 'their';
  const newest = person.plans?.[0];
  switch (person.stage) {
    case 'contact':
    case 'assessment':
      return self
        ? 'The council is finding out what help you need. Once it has worked out an indicative budget (a first idea of the money), you can write a support plan saying how to spend it. Your budget statement will be here once the plan is agreed.'
        : 'The council is finding out what help they need. Once it has worked out an indicative budget, a support plan can be written. The budget statement will be here once the plan is agreed.';
    case 'not-eligible':
      return self
        ? 'The council decided that your needs are not ones it must meet, so there is no personal budget. You can ask for this decision to be looked at again, or ask for a new assessment if things change.'
        : 'The council decided that their needs are not ones it must meet, so there is no personal budget.';
    case 'planning':
      if (newest && (newest.status === 'draft' || newest.status === 'returned')) {
        return `${self ? 'Your' : 'Their'} support plan is being written (version ${newest.version}${newest.status === 'returned' ? ', sent back for changes' : ''}). When it is finished it is sent to the council to be agreed, and then the budget statement will be here.`;
      }
      return `${self ? 'Your' : 'Their'} indicative budget has been worked out. The next step is a support plan: what ${self ? 'you want' : 'they want'} to achieve and how the money will be spent. Once the council agrees it, the budget statement will be here.`;
    case 'awaiting-sign-off':
      return `${self ? 'Your' : 'Their'} support plan has been sent to the council to be agreed. Once it is agreed, the budget statement will be here.`;
    case 'closed':
      return person.closure?.words
        ? `${self ? 'Your' : 'Their'} case has been closed: ${person.closure.words}`
        : `${self ? 'Your' : 'Their'} case has been closed, so there is no personal budget.`;
    default:
      return `There is no personal budget in place for ${self ? 'you' : 'them'} yet. The council will tell ${self ? 'you' : 'them'} when there is; ${your} budget statement will then be here.`;
  }
}

/**
 * Where a person's record is for the signed-in user: a social worker's full record, or, for
 * anyone else (a representative, a support planner, the person), the plan and budget page.
 */
export function personHomePath(roles: readonly string[], personId: string, ownPersonId?: string | null): { href: string; text: string } {
  if (ownPersonId && ownPersonId === personId) return { href: '/my-record', text: 'Back to your record' };
  if (roles.includes('assessor')) return { href: `/person?id=${encodeURIComponent(personId)}`, text: 'Back to the person’s record' };
  return { href: budgetPaths.page(personId), text: 'Back to their plan and budget' };
}
