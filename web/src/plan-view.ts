/**
 * The support plan pages' pure parts: the API's shape for a plan, the names of its choices in
 * plain English, the builder's form read into the request the server wants, which form field
 * each of the server's field names belongs to, the "money left" words, and the sign-off
 * queue's rows. No DOM, no fetch.
 *
 *   planBody(draft)                     // { outcomes: [...], items: [...], ... } for POST or PUT
 *   planFieldIds(draft)                 // { 'items[1].unit_price': 'item-i2-unit-price', ... }
 *   overBudgetWarning(123400n)          // 'This plan costs £1,234.00 a year more than ...'
 */
import { dateInWords } from './casework-view';
import { formatPence, parsePounds } from './money';
import { moneyLeft, parseWeeksPerYear, planCost, priceInPence, weeklyToAnnual, type PlanCost, type WeeksPerYear } from './plan-cost';

export interface PlanOutcome {
  id: string;
  words: string;
}

export interface PlanItem {
  what: string;
  supplier: string;
  supplier_name: string;
  unit: string;
  unit_price: string;
  quantity: string;
  frequency: string;
  outcomes: string[];
  route: string;
  /** The directory service it buys, when chosen in Find support. */
  service_id?: string | null;
  /** The kind of support (a directory service type code), or '' when not said. */
  service_type?: string;
  /** The kind in words, from the server. */
  service_type_label?: string;
  /** Whether the scheme's approved list allows it, from the server. */
  approval?: { allowed: boolean; reason?: string };
  /** The line's cost (price × quantity), from the server. */
  line_pence?: number;
}

export interface PlanRisk {
  risk: string;
  how_managed: string;
}

export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'declined' | 'superseded' | string;

/** A plan version, from GET /api/plans/{id} (and POST, PUT, submit, decision). */
export interface Plan {
  id: string;
  person_id: string;
  version: number;
  status: PlanStatus;
  revision: number;
  outcomes: PlanOutcome[];
  items: PlanItem[];
  written_with: string[];
  risks: PlanRisk[];
  emergency: string;
  cost: { weekly_pence: number; annual_pence: number; one_off_pence: number; first_year_pence: number };
  indicative_annual_pence: number | null;
  against_indicative: string;
  /** Whether the scheme pays only for providers' services on the approved list. */
  approved_list_required?: boolean;
  weeks_per_year: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export const SUPPLIERS: readonly Choice[] = [
  { value: 'provider', label: 'A care provider (an agency or organisation)' },
  { value: 'personal_assistant', label: 'A personal assistant they employ' },
  { value: 'to_be_chosen', label: 'To be chosen' },
  { value: 'not_a_care_service', label: 'Not a care service', hint: 'Such as a gym pass, a class or equipment' },
];

export const FREQUENCIES: readonly Choice[] = [
  { value: 'per_week', label: 'Each week' },
  { value: 'per_year', label: 'Each year' },
  { value: 'one_off', label: 'Once (a one-off purchase)' },
];

export const ROUTES: readonly Choice[] = [
  { value: 'direct_payment', label: 'Direct payment', hint: 'The person (or someone for them) gets the money and pays' },
  { value: 'managed_budget', label: 'Managed budget', hint: 'The council or an organisation holds the money and pays for them' },
  { value: 'council_arranged', label: 'Arranged by the council' },
];

export const WRITTEN_WITH: readonly Choice[] = [
  { value: 'person', label: 'The person themselves' },
  { value: 'family', label: 'Family or friends' },
  { value: 'support_planner', label: 'A support planner' },
  { value: 'social_worker', label: 'A social worker' },
];

export const PLAN_STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Being written',
  submitted: 'Waiting for sign-off',
  returned: 'Returned for changes',
  approved: 'Approved',
  declined: 'Declined',
  superseded: 'Replaced by a later version',
};

/** The plain-English label of a choice's value, or the value itself when unknown. */
export function choiceLabel(choices: readonly Choice[], value: string): string {
  return choices.find((c) => c.value === value)?.label ?? value;
}

/** Everything the builder's form holds, read from the page. `key` identifies an item or risk on the page. */
export interface PlanDraft {
  outcomes: PlanOutcome[];
  items: (Omit<PlanItem, 'line_pence' | 'service_type_label' | 'approval'> & { key: string })[];
  writtenWith: string[];
  risks: (PlanRisk & { key: string })[];
  emergency: string;
}

/** Whether a risk row has nothing typed in it (sent as nothing). */
function blankRisk(r: PlanRisk): boolean {
  return r.risk.trim() === '' && r.how_managed.trim() === '';
}

/** The request body for POST /api/people/{id}/plans or PUT /api/plans/{id} (add `revision` for PUT). */
export function planBody(draft: PlanDraft): Record<string, unknown> {
  return {
    outcomes: draft.outcomes.map((o) => ({ id: o.id, words: o.words.trim() })),
    items: draft.items.map((i) => ({
      what: i.what.trim(),
      supplier: i.supplier,
      supplier_name: i.supplier_name.trim(),
      unit: i.unit.trim(),
      unit_price: i.unit_price.trim(),
      quantity: i.quantity.trim(),
      frequency: i.frequency,
      outcomes: i.outcomes,
      route: i.route,
      service_id: i.service_id ? i.service_id : null,
      service_type: i.service_type ?? '',
    })),
    written_with: draft.writtenWith,
    risks: draft.risks.filter((r) => !blankRisk(r)).map((r) => ({ risk: r.risk.trim(), how_managed: r.how_managed.trim() })),
    emergency: draft.emergency.trim(),
  };
}

/** The element id of each of an item's fields on the builder page. */
export function itemFieldId(key: string, field: string): string {
  return `item-${key}-${field.replaceAll('_', '-')}`;
}

/**
 * The builder's element ids for each field the server may name, for the items and outcomes
 * in the order they were sent. Choices (radios, checkboxes) link to their first box.
 */
export function planFieldIds(draft: PlanDraft): Record<string, string> {
  const ids: Record<string, string> = {
    outcomes: draft.outcomes[0] ? `outcome-${draft.outcomes[0].id}` : 'add-outcome',
    written_with: 'written-with',
    emergency: 'emergency',
    revision: 'save-plan',
  };
  draft.outcomes.forEach((o, i) => {
    ids[`outcomes[${i}].words`] = `outcome-${o.id}`;
    ids[`outcomes[${i}].id`] = `outcome-${o.id}`;
    ids[`outcomes[${i}]`] = `outcome-${o.id}`;
  });
  draft.items.forEach((item, i) => {
    for (const field of ['what', 'supplier', 'supplier_name', 'unit', 'unit_price', 'quantity', 'frequency', 'route', 'outcomes', 'service_type']) {
      ids[`items[${i}].${field}`] = itemFieldId(item.key, field);
    }
    // A service no longer in the directory: the item's remove button is the way out.
    ids[`items[${i}].service_id`] = itemFieldId(item.key, 'remove');
    ids[`items[${i}]`] = itemFieldId(item.key, 'what');
  });
  draft.risks.filter((r) => !blankRisk(r)).forEach((risk, i) => {
    ids[`risks[${i}].risk`] = `risk-${risk.key}-risk`;
    ids[`risks[${i}].how_managed`] = `risk-${risk.key}-how-managed`;
  });
  return ids;
}

/** The next outcome id not yet used: "o1", "o2", … */
export function nextOutcomeId(existing: readonly string[]): string {
  let n = 1;
  while (existing.includes(`o${n}`)) n += 1;
  return `o${n}`;
}

/** What the builder shows when two people saved the same version. */
export const CONFLICT_MESSAGE =
  'Someone else saved this plan since you opened it. Reload the page to see their changes; your changes have not been saved.';

/** The warning when the plan costs more than the indicative budget; `over` is the excess a year, in pence. */
export function overBudgetWarning(over: bigint): string {
  return `This plan costs ${formatPence(over)} a year more than the indicative budget. An approver will need a reason to agree it.`;
}

/** "£1,234.00 a year (£23.73 a week)" — an amount that may be negative, said plainly. */
export function yearAndWeek(annual: bigint, weekly: bigint): string {
  return `${formatPence(annual)} a year (${formatPence(weekly)} a week)`;
}

/** What the money panel shows, worked out from the items as typed. */
export interface MoneyPanel {
  /** The plan's cost a year (first year: recurring and one-off), the recurring cost a week and one-off. */
  cost: PlanCost;
  indicativeAnnual: bigint | null;
  /** Indicative minus the plan's first-year cost, a year and a week; null without an indicative budget. */
  left: { annual: bigint; weekly: bigint } | null;
  /** The warning text when over budget, else null. */
  warning: string | null;
  /** Items whose price or number cannot be read yet, and so are not counted. */
  incomplete: number;
}

export function moneyPanel(draft: Pick<PlanDraft, 'items'>, indicativeAnnualPence: number | null, weeksPerYear: string): MoneyPanel | null {
  const wpy: WeeksPerYear | null = parseWeeksPerYear(weeksPerYear);
  if (!wpy) return null;
  const result = planCost(
    draft.items.map((i) => ({ unitPrice: i.unit_price, quantity: i.quantity, frequency: i.frequency })),
    wpy,
  );
  if (!result.ok) return null;
  const indicative = indicativeAnnualPence === null ? null : BigInt(indicativeAnnualPence);
  const left = indicative === null ? null : moneyLeft(indicative, result.cost, wpy);
  return {
    cost: result.cost,
    indicativeAnnual: indicative,
    left: left && { annual: left.annual, weekly: left.weekly },
    warning: left?.over ? overBudgetWarning(-left.annual) : null,
    incomplete: result.incomplete,
  };
}

/** "2.5 hours each week", "1 year each year", "1 item once". */
export function quantityPhrase(item: Pick<PlanItem, 'quantity' | 'unit' | 'frequency'>): string {
  const unit = item.unit || 'item';
  const quantity = plainNumber(item.quantity);
  const plural = quantity === '1' ? unit : `${unit}s`;
  const how = item.frequency === 'per_year' ? 'each year' : item.frequency === 'one_off' ? 'once' : 'each week';
  return `${quantity} ${plural} ${how}`;
}

/** One row of the sign-off queue. */
export interface QueueRow {
  planId: string;
  personId: string;
  version: number;
  submittedAt: string;
  firstYear: string;
  indicative: string;
  /** "£1,234.00 over", "£50.00 under", "The same", or "No indicative budget". */
  difference: string;
}

export function queueRow(plan: Pick<Plan, 'id' | 'person_id' | 'version' | 'submitted_at' | 'cost' | 'indicative_annual_pence'>): QueueRow {
  const first = BigInt(plan.cost.first_year_pence);
  let difference: string;
  let indicative: string;
  if (plan.indicative_annual_pence === null) {
    indicative = 'None';
    difference = 'No indicative budget';
  } else {
    const ind = BigInt(plan.indicative_annual_pence);
    indicative = formatPence(ind);
    difference = first === ind ? 'The same' : first > ind ? `${formatPence(first - ind)} over` : `${formatPence(ind - first)} under`;
  }
  return {
    planId: plan.id,
    personId: plan.person_id,
    version: plan.version,
    submittedAt: plan.submitted_at ?? '',
    firstYear: formatPence(first),
    indicative,
    difference,
  };
}

/** Oldest submitted first (the API already sends them so; kept stable for equal times). */
export function oldestFirst<T extends Pick<Plan, 'submitted_at'>>(plans: readonly T[]): T[] {
  return [...plans].sort((a, b) => (a.submitted_at ?? '').localeCompare(b.submitted_at ?? ''));
}

export type Decision = 'approve' | 'return' | 'decline' | 'refer';

/** What the decision form holds. */
export interface DecisionAnswers {
  decision: Decision | '';
  /** The words for the chosen decision (what to change, the reason, who and why). */
  comments: string;
  actualAnnual: string;
  varianceCategory: string;
  varianceWords: string;
}

/**
 * Whether the variance reason is needed: approving with an actual budget (as typed, or the
 * plan's cost when empty) that differs from the indicative budget. null when the amount typed
 * cannot be read (the server will say so).
 */
export function needsVarianceReason(actualAnnual: string, planFirstYearPence: number, indicativeAnnualPence: number | null): boolean | null {
  if (indicativeAnnualPence === null) return false;
  let pence: bigint;
  if (actualAnnual.trim() === '') {
    pence = BigInt(planFirstYearPence);
  } else {
    const typed = parsePounds(actualAnnual);
    if (!typed.ok) return null;
    pence = typed.pence;
  }
  return pence !== BigInt(indicativeAnnualPence);
}

/** The request body for POST /api/plans/{id}/decision. */
export function decisionBody(answers: DecisionAnswers, revision: number, varianceNeeded: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { decision: answers.decision, revision };
  if (answers.decision === 'approve') {
    body['actual_annual'] = answers.actualAnnual.trim();
    if (varianceNeeded) {
      body['variance_category'] = answers.varianceCategory;
      body['variance_words'] = answers.varianceWords.trim();
    }
  } else {
    body['comments'] = answers.comments.trim();
  }
  return body;
}

/** The decision form's element ids for the server's field names. `comments` depends on the decision. */
export function decisionFieldIds(decision: Decision | ''): Record<string, string> {
  const comments: Record<string, string> = { return: 'return-comments', decline: 'decline-reason', refer: 'refer-comments' };
  return {
    decision: 'decision',
    comments: comments[decision] ?? 'decision',
    actual_annual: 'actual-annual',
    variance_category: 'variance-category',
    variance_words: 'variance-words',
    revision: 'decision',
  };
}

/** The plan's pages. */
export const planPaths = {
  builder: (planId: string): string => `/person/plan?plan=${encodeURIComponent(planId)}`,
  start: (personId: string): string => `/person/plan?person=${encodeURIComponent(personId)}`,
  check: (planId: string): string => `/person/plan/check?plan=${encodeURIComponent(planId)}`,
  /** Find support, choosing a service for this plan. */
  findService: (planId: string): string => `/find-support?${new URLSearchParams({ plan: planId }).toString()}`,
  /** Back to the builder, adding a directory service as a new item. */
  addService: (planId: string, serviceId: string, providerId: string): string =>
    `/person/plan?${new URLSearchParams({ plan: planId, add_service: serviceId, provider: providerId }).toString()}`,
  decision: (planId: string): string => `/sign-off/decision?plan=${encodeURIComponent(planId)}`,
};

/** The plan API's addresses. */
export const planApiPath = {
  create: (personId: string): string => `/api/people/${encodeURIComponent(personId)}/plans`,
  plan: (planId: string): string => `/api/plans/${encodeURIComponent(planId)}`,
  submit: (planId: string): string => `/api/plans/${encodeURIComponent(planId)}/submit`,
  decision: (planId: string): string => `/api/plans/${encodeURIComponent(planId)}/decision`,
  queue: '/api/queues/awaiting-sign-off',
};

/** A scheme as GET /api/councils/{id}/schemes lists it (the part the builder needs). */
export interface SchemeSettings {
  kind: string;
  settings: { weeks_per_year: string };
}

/** The weeks per year plans are costed with: the adult social care scheme's, else 52 (as the server). */
export function schemeWeeksPerYear(schemes: readonly SchemeSettings[]): string {
  return schemes.find((s) => s.kind === 'adult-social-care')?.settings.weeks_per_year ?? '52';
}

/**
 * The indicative budget a year from an assessment's amount and period, as the server works it
 * out for a plan: an annual amount as it is, any other made a year's worth from weekly.
 */
export function indicativeAnnualPence(amountPence: number, period: string, weeksPerYear: string): number | null {
  if (period === 'annual') return amountPence;
  const wpy = parseWeeksPerYear(weeksPerYear);
  if (!wpy) return null;
  const annual = weeklyToAnnual(BigInt(amountPence), wpy);
  return annual <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(annual) : null;
}

/** Whether a plan version can still be changed. */
export function isEditable(status: string): boolean {
  return status === 'draft' || status === 'returned';
}

/** Whether a 409 from saving is the stale-revision conflict (rather than a step that cannot happen). */
export function isStaleRevision(problem: { status: number; type: string }): boolean {
  return problem.status === 409 && problem.type.endsWith('/conflict');
}

/** `problem` with its detail replaced by `message` and no field errors: one plain line in the summary. */
export function problemWithMessage<P extends { detail: string; errors: unknown[] }>(problem: P, message: string): P {
  return { ...problem, detail: message, errors: [] };
}

/** A plan's items as the check-your-answers and decision pages list them. */
export function itemRows(plan: Pick<Plan, 'items' | 'outcomes'>): { what: string; who: string; how: string; paid: string; outcomes: string[]; cost: string; kind: string; notAllowed: string }[] {
  return plan.items.map((item) => {
    const served = item.outcomes.map((id) => {
      const index = plan.outcomes.findIndex((o) => o.id === id);
      return index === -1 ? id : `${index + 1}. ${plan.outcomes[index]?.words ?? ''}`;
    });
    const who = choiceLabel(SUPPLIERS, item.supplier) + (item.supplier_name ? `: ${item.supplier_name}` : '');
    const line = BigInt(item.line_pence ?? 0);
    const when = item.frequency === 'per_year' ? ' a year' : item.frequency === 'one_off' ? ' once' : ' a week';
    return {
      what: item.what,
      who,
      how: `${quantityPhrase(item)} at ${formatPence(priceInPence(item.unit_price) ?? 0n)} each`,
      paid: choiceLabel(ROUTES, item.route),
      outcomes: served,
      cost: `${formatPence(line)}${when}`,
      kind: item.service_type_label ?? '',
      notAllowed: item.approval && !item.approval.allowed ? (item.approval.reason ?? 'Not on the approved list') : '',
    };
  });
}

/** "10.00" → "10", "2.50" → "2.5": a number as a person would write it. */
export function plainNumber(text: string): string {
  return /^\d+\.\d+$/.test(text) ? text.replace(/\.?0+$/, '') : text;
}

/** A timestamp ("2026-11-23T05:30:12Z") as "23 November 2026 at 05:30" (UTC, as the server records it). */
export function whenInWords(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${dateInWords(match[1] ?? '')} at ${match[2]}:${match[3]}`;
}

const PLAN_EVENTS: Readonly<Record<string, string>> = {
  'submit-plan': 'Submitted for sign-off',
  'approve-plan': 'Approved',
  'return-plan': 'Returned for changes',
  'decline-plan': 'Declined',
};

/** One earlier step in the life of a person's plans, from the case's history. */
export interface PlanRound {
  what: string;
  version: string;
  when: string;
}

/**
 * The plan steps in a case's history (submitted, approved, returned, declined), newest first.
 * The history records the step and the version ("version 2: return"), not the approver's words.
 */
export function planRounds(events: readonly { event: string; at: string; detail: string }[]): PlanRound[] {
  return events
    .filter((e) => Object.hasOwn(PLAN_EVENTS, e.event))
    .map((e) => ({
      what: PLAN_EVENTS[e.event] ?? e.event,
      version: /^version (\d+)/.exec(e.detail)?.[1] ?? '',
      when: e.at,
    }))
    .sort((a, b) => b.when.localeCompare(a.when));
}

/** Pence as the plain pounds a person would type in a box: 1234567 → "12345.67". */
export function poundsForInput(pence: number): string {
  const value = BigInt(pence);
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/** A directory service, as the builder needs it to start an item. */
export interface DirectoryServiceChoice {
  id: string;
  what: string;
  unit: string;
  price_pence: number;
  service_type: string;
  provider_name: string;
}

/**
 * A new plan item for a service chosen in the directory: its words, provider, unit and price,
 * and how often it is usually bought (hours, days, sessions and weeks each week; items once).
 * How many is left for the planner to say.
 */
export function itemFromService(service: DirectoryServiceChoice): Omit<PlanItem, 'line_pence'> {
  return {
    what: service.what,
    supplier: 'provider',
    supplier_name: service.provider_name,
    unit: service.unit,
    unit_price: poundsForInput(service.price_pence),
    quantity: '',
    frequency: service.unit === 'item' ? 'one_off' : 'per_week',
    outcomes: [],
    route: 'direct_payment',
    service_id: service.id,
    service_type: service.service_type,
  };
}
