// /finance/overview?year=… (finance officers and commissioners): the council's personal budgets
// for a financial year from the ledger. The headline in sentences; a chart comparing what is
// committed, paid so far and forecast, each split by the way the money is paid, with the
// council's budget as a line (the same figures in a table below it); statement spend by category
// and the payees taking the most; the contributions people owe (named for finance officers
// only); the figures as a spreadsheet; and, for finance officers, a form to set the year's
// council budget. A year picker at the top shows another year.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { contributionFilePage } from '../contribution-file-view';
import { contributionPaymentsPage } from '../contribution-payments-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { table } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { formatPence, parsePounds } from '../money';
import {
  BOOKS_CHECK_PATH,
  booksCheckWords,
  BUDGET_FIELDS,
  budgetComparison,
  categoryRows,
  chartDescription,
  contributionRows,
  contributionsSummary,
  financeOverviewPaths,
  financialYearOf,
  mechanismRows,
  overviewChart,
  payeeRows,
  poundsShort,
  yearChoices,
  yearFromQuery,
  yearLabel,
  type BooksCheck,
  type FinanceOverview,
} from '../finance-overview-view';
import { validationProblem } from '../problem';
import { hasRole } from '../roles';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

function headline(o: FinanceOverview): HTMLElement[] {
  const [first, ...rest] = o.sentences;
  const parts: HTMLElement[] = [];
  if (first) parts.push(h('p', { class: 'govuk-body-l', id: 'forecast-sentence' }, first));
  if (rest.length > 0) parts.push(h('div', { class: 'govuk-inset-text', id: 'headline-more' }, rest.map((s) => h('p', { class: 'govuk-body' }, s))));
  return parts;
}

/** Committed, paid so far and forecast as stacked bars, the council's budget a dashed line. */
function chart(o: FinanceOverview): HTMLElement {
  const g = overviewChart(o);
  const ink = '#0b0c0c';
  const grid = g.yTicks.map((t) =>
    svg(
      'g',
      {},
      svg('line', { x1: g.left, x2: g.right, y1: t.y, y2: t.y, stroke: '#b1b4b6', 'stroke-width': 1 }),
      svg('text', { x: g.left - 8, y: t.y + 5, 'text-anchor': 'end', 'font-size': 14, fill: ink }, t.label),
    ),
  );
  const bars = g.bars.map((bar) =>
    svg(
      'g',
      {},
      ...bar.segments.map((s) => svg('rect', { x: bar.x, y: s.y, width: bar.width, height: Math.max(s.height, 0), fill: s.colour, stroke: '#ffffff', 'stroke-width': 1 })),
      svg('text', { x: bar.x + bar.width / 2, y: bar.totalY, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold', fill: ink }, bar.total),
      svg('text', { x: bar.x + bar.width / 2, y: g.bottom + 24, 'text-anchor': 'middle', 'font-size': 14, fill: ink }, bar.label),
    ),
  );
  const budget = g.budgetLine
    ? [
        svg('line', { x1: g.left, x2: g.right, y1: g.budgetLine.y, y2: g.budgetLine.y, stroke: '#d4351c', 'stroke-width': 3, 'stroke-dasharray': '10 6' }),
        svg('text', { x: g.right, y: g.budgetLine.labelY, 'text-anchor': 'end', 'font-size': 14, 'font-weight': 'bold', fill: ink }, g.budgetLine.label),
      ]
    : [];
  const picture = svg(
    'svg',
    {
      viewBox: `0 0 ${g.width} ${g.height}`,
      width: '100%',
      role: 'img',
      'aria-labelledby': 'chart-title chart-desc',
      class: 'app-money-chart',
      id: 'overview-chart',
      focusable: 'false',
    },
    svg('title', { id: 'chart-title' }, `Personal budgets in ${o.label}: committed, paid so far and forecast`),
    svg('desc', { id: 'chart-desc' }, chartDescription(o)),
    ...grid,
    svg('line', { x1: g.left, x2: g.left, y1: g.top, y2: g.bottom, stroke: ink, 'stroke-width': 1 }),
    svg('line', { x1: g.left, x2: g.right, y1: g.bottom, y2: g.bottom, stroke: ink, 'stroke-width': 1 }),
    ...bars,
    ...budget,
  );
  const legend = h(
    'ul',
    { class: 'govuk-list app-chart-legend', id: 'chart-legend' },
    o.by_mechanism.map((m) =>
      h('li', {}, h('span', { class: `app-chart-key app-chart-key--${m.mechanism}`, 'aria-hidden': 'true' }), m.label),
    ),
    o.council_budget_pence !== null ? h('li', {}, h('span', { class: 'app-chart-key app-chart-key--budget', 'aria-hidden': 'true' }), 'The council’s budget (dashed red line)') : null,
  );
  const rows = mechanismRows(o);
  const total = rows.pop()!;
  const comparison = budgetComparison(o);
  return h(
    'div',
    { id: 'chart-section' },
    h('h2', { class: 'govuk-heading-m' }, 'Committed, paid and forecast'),
    comparison ? h('p', { class: 'govuk-body', id: 'budget-comparison' }, comparison) : null,
    h('figure', { class: 'app-money-figure govuk-!-margin-0 govuk-!-margin-bottom-4' }, picture),
    legend,
    table({
      caption: `Personal budgets in ${o.label} by the way the money is paid`,
      captionSize: 's',
      captionNote: `Paid so far is to ${dateInWords(o.paid_to)}. Still to pay is what the budgets’ schedules say is due by ${dateInWords(o.ends_on)} and not yet paid.`,
      head: ['Paid as', { text: 'Committed', numeric: true }, { text: 'Paid so far', numeric: true }, { text: 'Still to pay', numeric: true }, { text: 'Forecast', numeric: true }],
      rows: rows.map(([label, ...figures]) => [label, ...figures.map((f) => ({ content: f, numeric: true }))]),
      foot: [total[0], ...total.slice(1).map((f) => ({ content: f, numeric: true }))],
      rowHeadings: true,
      small: true,
      id: 'mechanism-table',
    }),
  );
}

function spendParts(o: FinanceOverview): HTMLElement[] {
  const parts: HTMLElement[] = [h('h2', { class: 'govuk-heading-m', id: 'spend-heading' }, 'Where direct payments were spent')];
  if (o.spend_by_category.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'spend-none' }, `No statement lines of money spent are dated in ${o.label} yet.`));
    return parts;
  }
  parts.push(
    h('p', { class: 'govuk-body' }, `From the bank and card statements imported: ${formatPence(o.statement_spend_pence)} spent in ${o.label}.`),
    table({
      caption: 'Spend by what it was',
      captionSize: 's',
      head: ['What it was', { text: 'Lines', numeric: true }, { text: 'Amount', numeric: true }, { text: 'Share', numeric: true }],
      rows: categoryRows(o).map(([label, lines, amount, share]) => [label, { content: lines, numeric: true }, { content: amount, numeric: true }, { content: share, numeric: true }]),
      rowHeadings: true,
      small: true,
      id: 'category-table',
    }),
  );
  if (!o.top_payees_named) {
    parts.push(
      h('p', { class: 'govuk-body', id: 'payees-not-named' }, 'Who was paid is shown to finance officers only: a payee may be a personal assistant or another private person.'),
    );
    return parts;
  }
  parts.push(
    table({
      caption: o.top_payees.length === 10 ? 'The ten payees taking the most' : 'The payees taking the most',
      captionSize: 's',
      captionNote: 'As the statements name them.',
      head: ['Payee', { text: 'Lines', numeric: true }, { text: 'Amount', numeric: true }],
      rows: payeeRows(o).map(([payee, lines, amount]) => [payee, { content: lines, numeric: true }, { content: amount, numeric: true }]),
      rowHeadings: true,
      plainRowHeadings: true,
      small: true,
      id: 'payee-table',
    }),
  );
  return parts;
}

function contributionParts(o: FinanceOverview): HTMLElement[] {
  const parts: HTMLElement[] = [
    h('h2', { class: 'govuk-heading-m', id: 'contributions-heading' }, 'Contributions owed'),
    h('p', { class: 'govuk-body', id: 'contributions-summary' }, contributionsSummary(o)),
  ];
  if (o.contributions.named && o.contributions.owed.length > 0) {
    parts.push(
      h(
        'p',
        { class: 'govuk-body' },
        h('a', { class: 'govuk-link', href: contributionFilePage, id: 'contribution-file-link' }, 'Record contributions from the council’s bank file'),
      ),
    );
  }
  if (o.contributions.named && o.contributions.owed.length > 0) {
    parts.push(
      table({
        caption: 'Contributions owed, largest first',
        captionSize: 'hidden',
        head: ['Person', 'Reference', { text: 'Owed', numeric: true }, { text: 'Action', hidden: true }],
        rows: contributionRows(o).map(({ name, reference, owed, personId }) => [
          name,
          reference,
          { content: owed, numeric: true },
          h('a', { class: 'govuk-link', href: contributionPaymentsPage(personId) }, 'Record a payment', h('span', { class: 'govuk-visually-hidden' }, ` from ${name} (${reference})`)),
        ]),
        foot: ['Total', '', { content: formatPence(o.contributions.total_pence), numeric: true }, ''],
        rowHeadings: true,
        plainRowHeadings: true,
        small: true,
        id: 'contributions-table',
      }),
    );
  }
  return parts;
}

/** The form a finance officer sets the year's budget with. */
function budgetForm(o: FinanceOverview, errors: () => FormErrors): HTMLElement {
  const current = o.council_budget;
  const form = h(
    'form',
    { id: 'budget-form', method: 'post', action: financeOverviewPaths.page(o.year), novalidate: true },
    h(
      'div',
      { class: 'govuk-form-group' },
      h('h2', { class: 'govuk-label-wrapper' }, h('label', { class: 'govuk-label govuk-label--m', for: 'amount' }, `The council’s budget for personal budgets in ${o.label}`)),
      h(
        'div',
        { class: 'govuk-hint', id: 'amount-hint' },
        current
          ? `Now ${poundsShort(current.amount_pence)}, set by ${current.updated_by}. Enter the new amount in pounds, like 1300000.00.`
          : 'Enter the amount set aside in pounds, like 1300000.00. The forecast is compared with it.',
      ),
      h(
        'div',
        { class: 'govuk-input__wrapper' },
        h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, '£'),
        h('input', { class: 'govuk-input govuk-input--width-10', id: 'amount', name: 'amount', type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'amount-hint' }),
      ),
    ),
    h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'save-budget' }, current ? 'Change the budget' : 'Set the budget'),
  );
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const typed = byId<HTMLInputElement>('amount').value.trim();
    const parsed = parsePounds(typed);
    if (!parsed.ok || parsed.pence < 0n) {
      errors().show(validationProblem([{ field: 'amount', message: parsed.ok ? 'The budget cannot be less than £0.00' : parsed.message }]), BUDGET_FIELDS);
      return;
    }
    busy = true;
    try {
      const result = await api<{ year: number; amount_pence: number }>('PUT', financeOverviewPaths.budget(o.year), { amount: typed });
      if (!result.ok) {
        showFormProblem(errors(), result.problem, BUDGET_FIELDS, { linkOtherProblemsTo: 'amount' });
        return;
      }
      setFlash({ heading: `The council’s budget for ${yearLabel(o.year)} is now ${poundsShort(result.data.amount_pence)}` });
      window.location.assign(financeOverviewPaths.page(o.year));
    } finally {
      busy = false;
    }
  });
  return form;
}

/**
 * "Check the books" (finance officers): recomputes every balance of the council from its
 * transfers on the server and says whether they agree. A read that takes seconds for a large
 * council: the button waits, and the result is announced where it appears.
 */
function booksCheck(): HTMLElement {
  const result = h('div', { id: 'books-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', id: 'check-books' }, 'Check the books');
  let busy = false;
  button.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    replaceChildren(result, h('p', { class: 'govuk-body', id: 'books-checking' }, 'Checking the books…'));
    try {
      const checked = await api<BooksCheck>('GET', BOOKS_CHECK_PATH);
      if (!checked.ok) {
        replaceChildren(result, h('p', { class: 'govuk-error-message', id: 'books-failed' }, `The books could not be checked: ${checked.problem.detail || checked.problem.title}`));
        return;
      }
      const time = new Date(checked.data.checked_at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
      const words = booksCheckWords(checked.data, time);
      replaceChildren(
        result,
        words.clean
          ? h('div', { class: 'govuk-inset-text', id: 'books-clean' }, h('p', { class: 'govuk-body govuk-!-font-weight-bold' }, words.headline), ...words.details.map((d) => h('p', { class: 'govuk-body' }, d)))
          : h(
              'div',
              { id: 'books-not-clean' },
              h('div', { class: 'govuk-warning-text' }, h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'), h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), words.headline)),
              h('ul', { class: 'govuk-list govuk-list--bullet' }, words.details.map((d) => h('li', {}, d))),
            ),
      );
    } finally {
      busy = false;
      button.removeAttribute('aria-disabled');
    }
  });
  return h(
    'div',
    { id: 'books' },
    h('h2', { class: 'govuk-heading-m' }, 'Check the books'),
    h('p', { class: 'govuk-body' }, 'Works out every account’s balance again from its transfers and says whether they agree. Nothing is changed. For a large council it takes a few seconds.'),
    button,
    result,
  );
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: financeOverviewPaths.page(), role: ['finance-officer', 'commissioner'] });
  if (!page) return;
  const asked = yearFromQuery(window.location.search);
  const result = await api<FinanceOverview>('GET', financeOverviewPaths.api(asked ?? undefined));
  if (!result.ok) return showPageProblem(result.problem);
  const o = result.data;

  byId('year-caption').textContent = `April ${o.year} to March ${o.year + 1}`;
  document.title = `Finance overview ${o.label} – selfdirect`;
  const select = byId<HTMLSelectElement>('year');
  replaceChildren(
    select,
    yearChoices(financialYearOf(o.today), o.year).map((c) => h('option', { value: c.value, selected: c.selected }, c.text)),
  );
  byId('year-form').hidden = false;

  let formErrors: FormErrors | null = null;
  const errors = (): FormErrors => {
    formErrors ??= new FormErrors(byId('error-summary'), byId<HTMLFormElement>('budget-form'));
    return formErrors;
  };
  const column = h('div', { class: 'govuk-grid-column-two-thirds' }, [
    ...headline(o),
    chart(o),
    ...spendParts(o),
    ...contributionParts(o),
    h(
      'p',
      { class: 'govuk-body govuk-!-display-none-print' },
      h('a', { class: 'govuk-link', id: 'download-csv', href: financeOverviewPaths.csv(o.year), download: '' }, `Download the figures for ${o.label} as a spreadsheet (CSV)`),
    ),
    o.may_set_budget ? budgetForm(o, errors) : null,
    hasRole(page.session.user.roles, 'finance-officer') ? booksCheck() : null,
  ]);
  byId('loading').remove();
  replaceChildren(byId('overview-content'), h('div', { class: 'govuk-grid-row' }, column));
}

void main();
