// /market/shaping (commissioners): the local market seen from the support plans people have
// agreed, numbers of people only. First the services people are leaving (the decommissioning-risk
// list: each with a small chart of the people using it over the year, where those who left went,
// and what it helps with), then support still to be chosen long after sign-off (unmet demand, by
// kind of support and postcode district, with a box to change how long counts as long), then the
// people using each kind of support a year ago, six months ago and today.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import {
  daysFromQuery,
  declineSentence,
  demandRows,
  inForceSentence,
  movedToWords,
  shapingPaths,
  trendBars,
  trendDescription,
  waitedWords,
  type DecliningService,
  type MarketShaping,
} from '../market-shaping-view';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

function trendChart(d: DecliningService, n: number): SVGElement {
  const g = trendBars(d.trend);
  const ink = '#0b0c0c';
  return svg(
    'svg',
    { viewBox: `0 0 ${g.width} ${g.height}`, width: '100%', role: 'img', 'aria-labelledby': `trend-title-${n} trend-desc-${n}`, class: 'app-trend-chart', id: `trend-${n}`, focusable: 'false' },
    svg('title', { id: `trend-title-${n}` }, `People using ${d.what} over the past year`),
    svg('desc', { id: `trend-desc-${n}` }, trendDescription(d)),
    svg('line', { x1: 0, x2: g.width, y1: g.bottom, y2: g.bottom, stroke: ink, 'stroke-width': 1 }),
    ...g.bars.map((bar, i) =>
      svg(
        'g',
        {},
        svg('rect', { x: bar.x, y: bar.y, width: bar.width, height: Math.max(bar.height, 0), fill: i === g.bars.length - 1 ? '#1d70b8' : '#b1b4b6' }),
        svg('text', { x: bar.x + bar.width / 2, y: bar.y - 5, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 'bold', fill: ink }, String(bar.value)),
        svg('text', { x: bar.x + bar.width / 2, y: g.bottom + 18, 'text-anchor': 'middle', 'font-size': 11, fill: ink }, bar.label),
      ),
    ),
  );
}

function decliningSection(s: MarketShaping): HTMLElement {
  const cards = s.declining.map((d, i) =>
    h(
      'div',
      { class: 'govuk-summary-card', id: `declining-${i + 1}` },
      h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h3', { class: 'govuk-summary-card__title' }, `${d.what}, ${d.provider_name}`)),
      h(
        'div',
        { class: 'govuk-summary-card__content' },
        h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: `declining-${i + 1}-sentence` }, declineSentence(d)),
        h('figure', { class: 'govuk-!-margin-0 govuk-!-margin-bottom-4 app-trend-figure' }, trendChart(d, i + 1)),
        summaryList([
          ['Kind of support', `${d.service_type_label}${d.traditional_menu ? ' (on the council’s traditional menu)' : ''}`],
          ['It helps with', d.need_areas.length > 0 ? d.need_areas.join('; ') : 'Not said'],
          [
            'Where the people who stopped went',
            d.moved_to.length > 0 ? h('ul', { class: 'govuk-list app-list--compact', id: `declining-${i + 1}-moved` }, movedToWords(d).map((w) => h('li', {}, w))) : 'They still have it in their plans',
          ],
        ]),
      ),
    ),
  );
  return h(
    'div',
    { class: 'govuk-grid-row' },
    h(
      'div',
      { class: 'govuk-grid-column-two-thirds' },
      h('h2', { class: 'govuk-heading-m', id: 'declining-heading' }, 'Services people are leaving'),
      h('p', { class: 'govuk-body' }, 'Services at least a fifth fewer people use than a year ago, from 3 or more, the steepest fall first. Before deciding a service’s future, talk to the people still using it: the list says what the people who left chose instead.'),
      cards.length > 0 ? cards : h('p', { class: 'govuk-body', id: 'declining-none' }, 'No service has lost a fifth or more of its people in the past year.'),
    ),
  );
}

function unmetSection(s: MarketShaping): HTMLElement {
  const days = String(s.unmet_after_days);
  return h(
    'div',
    { class: 'govuk-grid-row' },
    h(
      'div',
      { class: 'govuk-grid-column-full' },
      h('h2', { class: 'govuk-heading-m', id: 'unmet-heading' }, 'Support still to be chosen'),
      h('p', { class: 'govuk-body', id: 'unmet-intro' }, `Plan items still “to be chosen” more than ${days} days after the plan was agreed: support people need and have not found. By kind of support and postcode district.`),
      s.unmet.length > 0
        ? table({
            caption: `Items still to be chosen after ${days} days`,
            captionSize: 's',
            head: ['Kind of support', 'Area', { text: 'Items', numeric: true }, { text: 'People', numeric: true }, { text: 'Longest wait', numeric: true }],
            rows: s.unmet.map((u) => [u.kind_label, u.area, { content: u.items.toLocaleString('en-GB'), numeric: true }, { content: u.people.toLocaleString('en-GB'), numeric: true }, { content: waitedWords(u.longest_days), numeric: true }]),
            rowHeadings: true,
            small: true,
            id: 'unmet-table',
          })
        : h('p', { class: 'govuk-body', id: 'unmet-none' }, `Nothing has been waiting more than ${days} days.`),
      h(
        'form',
        { method: 'get', action: '/market/shaping', novalidate: true, id: 'days-form' },
        h(
          'div',
          { class: 'govuk-form-group' },
          h('label', { class: 'govuk-label govuk-label--s', for: 'unmet-after-days' }, 'Count items waiting more than this many days'),
          h('div', { class: 'govuk-hint', id: 'unmet-after-days-hint' }, 'From 1 to 365.'),
          h('input', { class: 'govuk-input govuk-input--width-3', id: 'unmet-after-days', name: 'unmet_after_days', type: 'text', inputmode: 'numeric', value: days, 'aria-describedby': 'unmet-after-days-hint', spellcheck: 'false' }),
        ),
        h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', id: 'change-days' }, 'Show'),
      ),
    ),
  );
}

function demandSection(s: MarketShaping): HTMLElement {
  const rows = demandRows(s);
  return h(
    'div',
    { class: 'govuk-grid-row' },
    h(
      'div',
      { class: 'govuk-grid-column-full' },
      h('h2', { class: 'govuk-heading-m', id: 'demand-heading' }, 'People using each kind of support'),
      rows.length > 0
        ? table({
            caption: 'People with each kind of support in their agreed plans',
            captionSize: 's',
            captionNote: 'A person with two items of one kind counts once. “Kind not said” is support whose kind nobody has recorded, such as a personal assistant.',
            head: ['Kind of support', { text: 'A year ago', numeric: true }, { text: '6 months ago', numeric: true }, { text: 'Today', numeric: true }, { text: 'Over the year', numeric: true }],
            rows: rows.map((r) => [r.kind, ...[r.yearAgo, r.halfYearAgo, r.today].map((n) => ({ content: n.toLocaleString('en-GB'), numeric: true })), { content: r.change, numeric: true }]),
            rowHeadings: true,
            small: true,
            id: 'demand-table',
          })
        : h('p', { class: 'govuk-body', id: 'demand-none' }, 'No agreed plan yet.'),
    ),
  );
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/market/shaping', role: 'commissioner' });
  if (!page) return; // the page says why
  const days = daysFromQuery(window.location.search);
  const result = await api<MarketShaping>('GET', shapingPaths.api(days));
  if (!result.ok) {
    if (result.problem.status === 422) {
      // The number typed: say what is wrong beside the box, and show the usual view under it.
      const fallback = await api<MarketShaping>('GET', shapingPaths.api(''));
      if (!fallback.ok) return showPageProblem(fallback.problem);
      show(fallback.data);
      const box = byId<HTMLInputElement>('unmet-after-days');
      box.value = days;
      new FormErrors(byId('error-summary'), byId<HTMLFormElement>('days-form')).show(result.problem, { unmet_after_days: 'unmet-after-days' });
      return;
    }
    return showPageProblem(result.problem);
  }
  show(result.data);
}

function show(s: MarketShaping): void {
  byId('loading').remove();
  byId('in-force').textContent = inForceSentence(s);
  byId('summary').hidden = false;
  replaceChildren(byId('declining'), decliningSection(s));
  replaceChildren(byId('unmet'), unmetSection(s));
  replaceChildren(byId('demand'), demandSection(s));
}

void main();
