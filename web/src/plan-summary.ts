/**
 * A support plan drawn as GOV.UK summary cards: the outcomes, each item with its cost, who
 * helped write it, the risks, the emergency plan, and the cost against the indicative budget.
 * Used by the check-your-answers page and the approver's decision page.
 */
import { h } from './dom';
import { summaryList, table } from './govuk';
import { formatPence } from './money';
import { WRITTEN_WITH, choiceLabel, itemRows, overBudgetWarning, type Plan } from './plan-view';

type Content = Node | string;

/** A GOV.UK summary card: a title, an optional "Change" link, and its content. */
export function summaryCard(title: string, content: Content | Content[], change?: { href: string; hidden: string }): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-card' },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h('h2', { class: 'govuk-summary-card__title' }, title),
      change
        ? h('ul', { class: 'govuk-summary-card__actions' }, h('li', { class: 'govuk-summary-card__action' }, h('a', { class: 'govuk-link', href: change.href }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${change.hidden}`))))
        : null,
    ),
    h('div', { class: 'govuk-summary-card__content' }, content),
  );
}

function words(text: string, none: string): HTMLElement {
  return h('p', { class: 'govuk-body app-pre-wrap' }, text.trim() ? text : none);
}

/** The cost against the indicative budget, with the warning when over. */
export function costSummary(plan: Plan): HTMLElement[] {
  const first = BigInt(plan.cost.first_year_pence);
  const rows: [string, Content | Content[]][] = [
    ['Cost in the first year', formatPence(first)],
    ['Cost a week', formatPence(plan.cost.weekly_pence)],
  ];
  if (plan.cost.one_off_pence > 0) rows.push(['One-off purchases (in the first year)', formatPence(plan.cost.one_off_pence)]);
  rows.push(['Indicative budget', plan.indicative_annual_pence === null ? 'Not worked out' : `${formatPence(plan.indicative_annual_pence)} a year`]);
  const parts: HTMLElement[] = [summaryList(rows, { id: 'plan-cost' })];
  if (plan.indicative_annual_pence !== null && first > BigInt(plan.indicative_annual_pence)) {
    parts.push(
      h(
        'div',
        { class: 'govuk-warning-text', id: 'plan-over-budget' },
        h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
        h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), ' ', overBudgetWarning(first - BigInt(plan.indicative_annual_pence))),
      ),
    );
  } else if (plan.against_indicative) {
    parts.push(h('p', { class: 'govuk-body', id: 'plan-against' }, `${plan.against_indicative}.`));
  }
  return parts;
}

/** The plan as summary cards. `changeHref`, when given, adds "Change" links to the builder. */
export function planSummary(plan: Plan, changeHref?: string): HTMLElement[] {
  const change = (hidden: string) => (changeHref ? { href: changeHref, hidden } : undefined);
  const cards: HTMLElement[] = [];
  cards.push(
    summaryCard(
      'What they want to achieve',
      h('ol', { class: 'govuk-list govuk-list--number', id: 'summary-outcomes' }, plan.outcomes.map((o) => h('li', { class: 'app-pre-wrap' }, o.words))),
      change('what they want to achieve'),
    ),
  );
  const items = itemRows(plan);
  if (items.length === 0) {
    cards.push(summaryCard('What will be bought or done', h('p', { class: 'govuk-body' }, 'Nothing yet.'), change('the items')));
  }
  items.forEach((item, i) => {
    cards.push(
      summaryCard(
        `Item ${i + 1}: ${item.what}`,
        summaryList([
          ['Who', item.who],
          ['How much', item.how],
          ['Cost', item.cost],
          ['Paid by', item.paid],
          ...(item.kind ? [['Kind of support', item.kind] as [string, string]] : []),
          ['Helps with', item.outcomes.length > 0 ? h('ul', { class: 'govuk-list app-list--compact' }, item.outcomes.map((o) => h('li', {}, o))) : 'No outcome chosen'],
          ...(item.notAllowed
            ? [['Approved list', h('div', { class: 'govuk-warning-text govuk-!-margin-bottom-0', id: `item-${i + 1}-not-allowed` }, h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'), h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), ' ', item.notAllowed))] as [string, HTMLElement]]
            : []),
        ], { id: `summary-item-${i + 1}` }),
        change(`item ${i + 1}`),
      ),
    );
  });
  cards.push(
    summaryCard(
      'How the plan was written',
      summaryList([
        ['Written with', plan.written_with.length > 0 ? plan.written_with.map((w) => choiceLabel(WRITTEN_WITH, w)).join(', ') : 'Not said'],
        ['Risks and how they are managed', plan.risks.length > 0 ? h('ul', { class: 'govuk-list app-list--compact' }, plan.risks.map((r) => h('li', {}, h('strong', {}, r.risk), ': ', r.how_managed || 'Not said'))) : 'None recorded'],
        ['In an emergency', words(plan.emergency, 'Not said')],
      ], { id: 'summary-written' }),
      change('how the plan was written'),
    ),
  );
  cards.push(summaryCard('Cost', costSummary(plan)));
  return cards;
}
