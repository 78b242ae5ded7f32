/**
 * The personal budget drawn with GOV.UK components, shared by the budget page
 * (/person/budget, for staff and representatives) and the budget holder's own record
 * (/my-record): the statement, how the plan spends it, the reviews, the plan in plain words,
 * and the link to the statement as a PDF. `audience` chooses "your" or "their".
 *
 *   replaceChildren(host, statementParts(budget, 'self'), reviewParts(budget, 'self'));
 */
import { dateInWords } from './casework-view';
import { h } from './dom';
import { summaryList, table, tag } from './govuk';
import {
  budgetPaths,
  newestReviewsFirst,
  nextReview,
  ratingTagClass,
  routeRows,
  statementRows,
  type Audience,
  type Budget,
} from './budget-view';
import { ROUTES, SUPPLIERS, choiceLabel, quantityPhrase, type Plan } from './plan-view';
import { formatPence } from './money';
import { moneyPaths } from './money-view';
import { paPaths } from './pa-view';

/** "Download the statement (PDF)", pointing at the PDF route. */
export function pdfLink(personId: string): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body govuk-!-display-none-print' },
    h('a', { class: 'govuk-link', id: 'statement-pdf', href: budgetPaths.pdf(personId), type: 'application/pdf' }, 'Download the statement (PDF)'),
  );
}

/** "See your money": My money, where the payments in and the spending out are. */
export function moneyLink(personId: string, audience: Audience): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body govuk-!-display-none-print' },
    h('a', { class: 'govuk-link', id: 'my-money-link', href: moneyPaths.page(personId) }, audience === 'self' ? 'My money: what has been paid in and spent' : 'Their money: what has been paid in and spent'),
  );
}

/** The personal assistants the person employs and their employer's checklist. */
export function assistantsLink(personId: string, audience: Audience): HTMLElement {
  return h(
    'p',
    { class: 'govuk-body govuk-!-display-none-print' },
    h('a', { class: 'govuk-link', id: 'pa-link', href: paPaths.page(personId) }, audience === 'self' ? 'Your personal assistants: what you need to do as an employer' : 'Their personal assistants and employer’s checklist'),
  );
}

/** The statement: the summary list, its plain-English sentences, how the plan spends it, the PDF link. */
export function statementParts(budget: Budget, audience: Audience): HTMLElement[] {
  const s = budget.statement;
  const parts: HTMLElement[] = [
    h('h2', { class: 'govuk-heading-m', id: 'statement-heading' }, audience === 'self' ? 'Your budget' : 'The budget statement'),
    summaryList(statementRows(s, audience), { id: 'statement-summary' }),
    h(
      'div',
      { class: 'govuk-inset-text', id: 'statement-sentences' },
      s.sentences.map((sentence) => h('p', { class: 'govuk-body' }, sentence)),
    ),
  ];
  if (s.by_route.length > 0) {
    parts.push(
      table({
        id: 'statement-routes',
        caption: audience === 'self' ? 'How your plan spends it' : 'How the plan spends it',
        captionNote: 'A year, including anything bought once',
        head: ['How the money is paid', { text: 'A year', numeric: true }],
        rows: routeRows(s).map(([label, annual]) => [label, { content: annual, numeric: true }]),
        rowHeadings: true,
        foot: ['Total', { content: s.cost_annual, numeric: true }],
      }),
    );
  }
  if (audience === 'other') {
    const rows: [string, string][] = [['Signed off on', dateInWords(budget.signed_off_on)]];
    if (budget.variance_label) {
      rows.push(['Why it differs from the indicative budget', budget.variance_label], ['What the approver said', budget.variance_words || 'Nothing more']);
    }
    parts.push(h('h3', { class: 'govuk-heading-s' }, 'The sign-off'), summaryList(rows, { id: 'statement-variance' }));
  }
  parts.push(pdfLink(budget.person_id), moneyLink(budget.person_id, audience));
  // Staff who read the statement (approvers, finance officers) do not see a person's PAs; their
  // social worker reaches them from the person's record.
  if (audience === 'self') parts.push(assistantsLink(budget.person_id, audience));
  return parts;
}

/** The next review in words (with "Overdue" when it is), then past reviews with each outcome's rating. */
export function reviewParts(budget: Budget, audience: Audience): HTMLElement[] {
  const self = audience === 'self';
  const parts: HTMLElement[] = [h('h2', { class: 'govuk-heading-m', id: 'reviews-heading' }, self ? 'Your reviews' : 'Reviews')];
  const next = nextReview(budget.next_review);
  if (next) {
    parts.push(
      h(
        'p',
        { class: 'govuk-body', id: 'next-review' },
        h('strong', {}, self ? 'Your next review: ' : 'Next review: '),
        next.words,
        next.overdue ? ' ' : null,
        next.overdue ? tag('Overdue', 'govuk-tag--red') : null,
      ),
      h('p', { class: 'govuk-body', id: 'next-review-why' }, `${next.why}.`),
    );
  } else {
    parts.push(h('p', { class: 'govuk-body', id: 'next-review' }, 'No review date has been set yet.'));
  }
  parts.push(
    h(
      'p',
      { class: 'govuk-body' },
      self
        ? 'A review looks at whether your support is helping you reach the outcomes in your plan. Your budget cannot be cut because of a review alone: that needs a new assessment of your needs.'
        : 'A review looks at whether the support is helping them reach the outcomes in their plan.',
    ),
  );
  const reviews = newestReviewsFirst(budget.reviews);
  if (reviews.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'past-reviews' }, self ? 'You have not had a review yet.' : 'There have been no reviews yet.'));
    return parts;
  }
  parts.push(
    h('h3', { class: 'govuk-heading-s' }, 'Past reviews'),
    h(
      'div',
      { id: 'past-reviews' },
      reviews.map((review, i) =>
        h(
          'div',
          { class: 'govuk-summary-card', id: `review-${i + 1}` },
          h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h4', { class: 'govuk-summary-card__title' }, `Review on ${review.held_on_words}`)),
          h(
            'div',
            { class: 'govuk-summary-card__content' },
            summaryList([
              ['Why it was held', review.reason_label || review.reason],
              ['How', review.method_label || review.method],
              ['What was decided', review.result_label || review.result],
              [self ? 'What you said' : 'What they said', review.persons_view || 'Nothing recorded'],
            ]),
            table({
              caption: 'How each outcome is going',
              captionSize: 's',
              head: ['Outcome', 'Rating'],
              rows: review.outcomes.map((o) => [o.words || o.outcome, tag(o.rating_label || o.rating, ratingTagClass(o.rating))]),
              rowHeadings: true,
              plainRowHeadings: true,
            }),
          ),
        ),
      ),
    ),
  );
  return parts;
}

/** The plan in force in plain words: what the person wants to achieve, and what is bought, who from and how it is paid. */
export function planParts(plan: Plan, audience: Audience): HTMLElement[] {
  const self = audience === 'self';
  const items = plan.items.map((item) => {
    const who = choiceLabel(SUPPLIERS, item.supplier) + (item.supplier_name ? `: ${item.supplier_name}` : '');
    const when = item.frequency === 'per_year' ? ' a year' : item.frequency === 'one_off' ? ' once' : ' a week';
    return [
      item.what,
      who,
      `${quantityPhrase(item)}, ${formatPence(BigInt(item.line_pence ?? 0))}${when}`,
      choiceLabel(ROUTES, item.route),
    ];
  });
  return [
    h('h2', { class: 'govuk-heading-m', id: 'plan-heading' }, self ? 'Your support plan' : 'The support plan'),
    h('p', { class: 'govuk-body' }, `Version ${plan.version}, agreed by the council.`),
    h('h3', { class: 'govuk-heading-s' }, self ? 'What you want to achieve' : 'What they want to achieve'),
    h('ol', { class: 'govuk-list govuk-list--number', id: 'plan-outcomes' }, plan.outcomes.map((o) => h('li', { class: 'app-pre-wrap' }, o.words))),
    items.length > 0
      ? table({
          id: 'plan-items',
          caption: 'What the money buys',
          captionSize: 's',
          head: ['What', 'Who from', 'How much', 'How it is paid'],
          rows: items,
          rowHeadings: true,
          small: true,
          scroll: true,
        })
      : h('p', { class: 'govuk-body', id: 'plan-items' }, 'Nothing is bought with the money yet.'),
  ];
}
