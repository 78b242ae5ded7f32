// /my-money?person=… : the money in a person's budget, for the budget holder and anyone who
// may see their budget statement (a representative they let in, their social worker). What is
// in the account, when the money would run out at the rate it is going, the payments coming,
// a chart of spending against the plan this year (with its figures as a table), every payment
// in and out a page at a time, and the lines as a spreadsheet.
import '../main';
import { api } from '../api';
import { budgetPaths, personHomePath } from '../budget-view';
import { dateInWords } from '../casework-view';
import { h, byId, replaceChildren, visuallyHidden } from '../dom';
import { table } from '../govuk';
import { renderServiceNavigation, showPageProblem, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import { poolPaths } from '../pools-view';
import { burnDownChart, chartRows, chartSummary, contributionSentence, lineRows, moneyPaths, pageFromQuery, upcomingRows, type Money } from '../money-view';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** The balance in big type, with what can be spent now when money is set aside. */
function balanceCard(money: Money, self: boolean): HTMLElement {
  const lines: HTMLElement[] = [
    h('p', { class: 'govuk-body govuk-!-font-size-48 govuk-!-font-weight-bold govuk-!-margin-bottom-2', id: 'balance' }, formatPence(money.balance_pence)),
  ];
  if (money.available_pence !== money.balance_pence) {
    lines.push(h('p', { class: 'govuk-body', id: 'available' }, `${formatPence(money.available_pence)} of it can be spent now: the rest is set aside for payments on their way.`));
  }
  if (money.managed_balance_pence !== null) {
    lines.push(h('p', { class: 'govuk-body', id: 'managed-balance' }, `The organisation managing part of ${self ? 'your' : 'the'} budget holds ${formatPence(money.managed_balance_pence)}.`));
  }
  const contribution = contributionSentence(money, self);
  if (contribution) lines.push(h('p', { class: 'govuk-body', id: 'contribution-owed' }, contribution));
  lines.push(
    h(
      'p',
      { class: 'govuk-body govuk-!-margin-bottom-0' },
      `Since ${dateInWords(money.chart_from)}: ${formatPence(money.money_in_this_year_pence)} came in and ${formatPence(money.money_out_this_year_pence)} went out.`,
    ),
  );
  return h(
    'div',
    { class: 'govuk-summary-card', id: 'balance-card' },
    h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h2', { class: 'govuk-summary-card__title' }, money.managed ? (self ? 'Held for you by the organisation managing your budget' : 'Held by the organisation managing their budget') : self ? 'In your account' : 'In their account')),
    h('div', { class: 'govuk-summary-card__content' }, lines),
  );
}

/** Spending against the plan: a dashed line for the plan, a solid one for what was spent, both labelled. */
function chart(money: Money, self: boolean): HTMLElement {
  const g = burnDownChart(money.burn_down);
  const summary = chartSummary(money.burn_down, self);
  const ink = '#0b0c0c';
  const planColour = '#505a5f';
  const spentColour = '#1d70b8';
  const grid = g.yTicks.map((t) =>
    svg(
      'g',
      {},
      svg('line', { x1: g.left, x2: g.right, y1: t.y, y2: t.y, stroke: '#b1b4b6', 'stroke-width': 1 }),
      svg('text', { x: g.left - 8, y: t.y + 5, 'text-anchor': 'end', 'font-size': 14, fill: ink }, t.label),
    ),
  );
  const marker = (x: number, y: number, colour: string) => svg('circle', { cx: x, cy: y, r: 4, fill: colour });
  const picture = svg(
    'svg',
    {
      viewBox: `0 0 ${g.width} ${g.height}`,
      width: '100%',
      role: 'img',
      'aria-labelledby': 'chart-title chart-desc',
      class: 'app-money-chart',
      id: 'burn-down-chart',
      focusable: 'false',
    },
    svg('title', { id: 'chart-title' }, self ? 'Your spending against your plan' : 'Spending against the plan'),
    svg('desc', { id: 'chart-desc' }, `${summary} The dashed line is what the plan expected to be spent; the solid line is what was spent.`),
    ...grid,
    svg('line', { x1: g.left, x2: g.left, y1: g.top, y2: g.bottom, stroke: ink, 'stroke-width': 1 }),
    svg('line', { x1: g.left, x2: g.right, y1: g.bottom, y2: g.bottom, stroke: ink, 'stroke-width': 1 }),
    svg('text', { x: g.left, y: g.bottom + 24, 'font-size': 14, fill: ink }, g.firstDate),
    ...(g.lastDate === g.firstDate ? [] : [svg('text', { x: g.right, y: g.bottom + 24, 'font-size': 14, fill: ink, 'text-anchor': 'end' }, g.lastDate)]),
    svg('polyline', { points: g.plan, fill: 'none', stroke: planColour, 'stroke-width': 3, 'stroke-dasharray': '8 6' }),
    svg('polyline', { points: g.spent, fill: 'none', stroke: spentColour, 'stroke-width': 3 }),
    marker(g.planEnd.x, g.planEnd.y, planColour),
    marker(g.spentEnd.x, g.spentEnd.y, spentColour),
    svg('text', { x: g.planEnd.x + 8, y: g.planLabelY, 'font-size': 14, fill: ink }, 'Plan'),
    svg('text', { x: g.spentEnd.x + 8, y: g.spentLabelY, 'font-size': 14, fill: ink, 'font-weight': 'bold' }, 'Spent'),
  );
  return h(
    'div',
    { id: 'chart-section' },
    h('h2', { class: 'govuk-heading-m' }, self ? 'Your spending against your plan' : 'Spending against the plan'),
    h('p', { class: 'govuk-body', id: 'chart-summary' }, summary),
    h('p', { class: 'govuk-body-s' }, 'The dashed grey line is what the plan expected to be spent by each week. The solid blue line is what was spent.'),
    h('figure', { class: 'app-money-figure govuk-!-margin-0 govuk-!-margin-bottom-6' }, picture),
    h(
      'details',
      { class: 'govuk-details', id: 'chart-figures' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Show the figures in the chart')),
      h(
        'div',
        { class: 'govuk-details__text' },
        table({
          caption: 'Spending against the plan, week by week',
          captionSize: 's',
          head: ['Up to', { text: 'Plan', numeric: true }, { text: 'Spent', numeric: true }, { text: 'Left in the account', numeric: true }],
          rows: chartRows(money.burn_down).map(([on, plan, spent, balance]) => [on, { content: plan, numeric: true }, { content: spent, numeric: true }, { content: balance, numeric: true }]),
          rowHeadings: true,
          small: true,
          id: 'chart-table',
        }),
      ),
    ),
  );
}

function pagination(money: Money): HTMLElement | null {
  if (money.pages <= 1) return null;
  const items: HTMLElement[] = [];
  if (money.page > 1) {
    items.push(
      h(
        'div',
        { class: 'govuk-pagination__prev' },
        h('a', { class: 'govuk-link govuk-pagination__link', href: moneyPaths.page(money.person_id, money.page - 1), rel: 'prev' }, h('span', { class: 'govuk-pagination__link-title' }, 'Newer', visuallyHidden(' money in and out'))),
      ),
    );
  }
  if (money.page < money.pages) {
    items.push(
      h(
        'div',
        { class: 'govuk-pagination__next' },
        h('a', { class: 'govuk-link govuk-pagination__link', href: moneyPaths.page(money.person_id, money.page + 1), rel: 'next' }, h('span', { class: 'govuk-pagination__link-title' }, 'Older', visuallyHidden(' money in and out'))),
      ),
    );
  }
  return h('nav', { class: 'govuk-pagination govuk-pagination--block', 'aria-label': 'Money in and out: more pages', id: 'lines-pagination' }, items);
}

function moneyParts(money: Money, self: boolean): HTMLElement[] {
  const parts: HTMLElement[] = [balanceCard(money, self)];
  if (money.forecast) {
    parts.push(h('div', { class: 'govuk-inset-text', id: 'forecast' }, money.forecast));
  }
  parts.push(h('h2', { class: 'govuk-heading-m' }, 'What’s coming in'));
  if (money.upcoming.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'upcoming-none' }, self ? 'No more payments are planned. Ask your social worker if you think this is wrong.' : 'No more payments are planned for this budget.'));
  } else {
    parts.push(
      table({
        caption: 'The next payments from the council',
        captionSize: 'hidden',
        head: ['Date', { text: 'Amount', numeric: true }, 'What it is for'],
        rows: upcomingRows(money.upcoming).map(([on, amount, what]) => [on, { content: amount, numeric: true }, what]),
        rowHeadings: true,
        id: 'upcoming',
      }),
    );
  }
  if (money.burn_down.length > 0) parts.push(chart(money, self));
  parts.push(h('h2', { class: 'govuk-heading-m', id: 'lines-heading' }, 'Money in and out'));
  if (money.lines.length === 0) {
    parts.push(h('p', { class: 'govuk-body', id: 'lines-none' }, 'Nothing has been paid in or out yet. The council pays the money in on the date shown above.'));
  } else {
    parts.push(
      table({
        caption: money.pages > 1 ? `Money in and out, newest first (page ${money.page} of ${money.pages})` : 'Money in and out, newest first',
        captionSize: 'hidden',
        head: ['Date', 'What it was', { text: 'Money in', numeric: true }, { text: 'Money out', numeric: true }, { text: 'Left after', numeric: true }],
        rows: lineRows(money.lines).map(([on, what, inAmount, outAmount, balance]) => [
          on,
          what,
          { content: inAmount, numeric: true },
          { content: outAmount, numeric: true },
          { content: balance, numeric: true },
        ]),
        small: true,
        scroll: true,
        id: 'lines',
      }),
    );
    const more = pagination(money);
    if (more) parts.push(more);
  }
  parts.push(
    h(
      'p',
      { class: 'govuk-body govuk-!-display-none-print' },
      h('a', { class: 'govuk-link', id: 'download-csv', href: moneyPaths.csv(money.person_id), download: '' }, 'Download as a spreadsheet (CSV)'),
    ),
    h(
      'p',
      { class: 'govuk-body' },
      h('a', { class: 'govuk-link', id: 'budget-link', href: budgetPaths.page(money.person_id) }, self ? 'Your plan and budget statement' : 'Their plan and budget statement'),
    ),
    h(
      'p',
      { class: 'govuk-body' },
      h('a', { class: 'govuk-link', id: 'pools-link', href: poolPaths.list(money.person_id) }, self ? 'Pooled budgets: share part of your direct payment with others' : 'Their pooled budgets'),
    ),
  );
  return parts;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '' });
  if (!page) return;
  const { session } = page;
  const personId = new URLSearchParams(window.location.search).get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose money to show.', errors: [] });
  }
  const self = session.user.person_id === personId;
  if (self) renderServiceNavigation(session, '/my-money');
  else if (session.user.roles.includes('assessor')) renderServiceNavigation(session, '/caseload');
  const home = personHomePath(session.user.roles, personId, session.user.person_id);
  const back = byId<HTMLAnchorElement>('back-link');
  back.href = home.href;
  back.textContent = home.text;
  back.hidden = false;

  const result = await api<Money>('GET', moneyPaths.api(personId, pageFromQuery(window.location.search)));
  if (!result.ok) {
    // Their own money before any is paid: say so on the page, not as a page not found.
    if (self && result.problem.status === 404) {
      byId('loading').remove();
      replaceChildren(
        byId('money-content'),
        h('p', { class: 'govuk-body', id: 'no-money' }, result.problem.detail),
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/my-record' }, 'Go to your record')),
      );
      return;
    }
    return showPageProblem(result.problem);
  }
  const money = result.data;
  byId('person-caption').textContent = money.person_name;
  if (!self) byId('page-heading').textContent = 'Their money';
  document.title = `${self ? 'My money' : 'Their money'} – ${money.person_name} – selfdirect`;
  byId('loading').remove();
  replaceChildren(byId('money-content'), h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, moneyParts(money, self))));
}

void main();
