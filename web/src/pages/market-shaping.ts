// /market/shaping (commissioners): the local market seen from the support plans people have
// agreed, numbers of people only. First the services people are leaving (the decommissioning-risk
// list: each with a small chart of the people using it over the year, where those who left went,
// and what it helps with), then support still to be chosen long after sign-off (unmet demand, by
// kind of support and postcode district, with a box to change how long counts as long), then the
// people using each kind of support a year ago, six months ago and today; then how concentrated
// each kind of support is in few providers' hands (Herfindahl–Hirschman index, a chart of the
// most concentrated and a table of all); then the personal assistant workforce (count, hours and
// pay bands against the minimum wage, small counts withheld).
import '../main';
import { api, type ApiResult } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import {
  concentrationRows,
  concentrationSuppressedSentence,
  daysFromQuery,
  declineSentence,
  demandRows,
  hhiBars,
  hhiDescription,
  inForceSentence,
  movedToWords,
  payBandRows,
  shapingPaths,
  trendBars,
  trendDescription,
  waitedWords,
  workforceSummary,
  workforceSuppressedSentence,
  WORKFORCE_API,
  type DecliningService,
  type MarketShaping,
  type PaWorkforce,
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

function hhiChart(s: MarketShaping): SVGElement {
  const g = hhiBars(s.concentration);
  const ink = '#0b0c0c';
  return svg(
    'svg',
    { viewBox: `0 0 ${g.width} ${g.height}`, width: '100%', role: 'img', 'aria-labelledby': 'hhi-chart-title hhi-chart-desc', class: 'app-hhi-chart', id: 'hhi-chart', focusable: 'false' },
    svg('title', { id: 'hhi-chart-title' }, 'The most concentrated kinds of support, by Herfindahl–Hirschman index'),
    svg('desc', { id: 'hhi-chart-desc' }, hhiDescription(s.concentration)),
    // The scale below the bars.
    svg('line', { x1: g.left, x2: g.left + g.plot, y1: g.bottom + 4, y2: g.bottom + 4, stroke: ink, 'stroke-width': 1 }),
    ...g.ticks.map((t) =>
      svg(
        'g',
        {},
        svg('line', { x1: t.x, x2: t.x, y1: g.bottom + 4, y2: g.bottom + 9, stroke: ink, 'stroke-width': 1 }),
        svg('text', { x: t.x, y: g.bottom + 24, 'text-anchor': 'middle', 'font-size': 13, fill: ink }, t.label),
      ),
    ),
    ...g.bars.map((bar) =>
      svg(
        'g',
        {},
        svg('text', { x: g.left - 10, y: bar.y + g.rowHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', 'font-size': 15, fill: ink }, bar.label),
        svg('rect', { x: g.left, y: bar.y + 5, width: Math.max(bar.width, 1), height: g.rowHeight - 10, fill: '#1d70b8' }),
        svg('text', { x: g.left + bar.width + 8, y: bar.y + g.rowHeight / 2, 'dominant-baseline': 'middle', 'font-size': 15, 'font-weight': 'bold', fill: ink }, bar.valueText),
      ),
    ),
    // The thresholds on top of the bars: above 1,000 concentrated, above 2,000 highly.
    ...g.thresholds.map((t) =>
      svg(
        'g',
        {},
        svg('line', { x1: t.x, x2: t.x, y1: g.top - 8, y2: g.bottom + 4, stroke: ink, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }),
        svg('text', { x: t.anchor === 'end' ? t.x - 4 : t.x + 4, y: g.top - 12, 'text-anchor': t.anchor, 'font-size': 13, fill: ink }, t.label),
      ),
    ),
  );
}

function concentrationSection(s: MarketShaping): HTMLElement {
  const rows = concentrationRows(s);
  const withheld = concentrationSuppressedSentence(s);
  return h(
    'div',
    { class: 'govuk-grid-row' },
    h(
      'div',
      { class: 'govuk-grid-column-full' },
      h('h2', { class: 'govuk-heading-m', id: 'concentration-heading' }, 'How concentrated each market is'),
      h(
        'p',
        { class: 'govuk-body', id: 'concentration-intro' },
        'How much of the money people’s plans commit a year to providers in the directory goes to a few of them, for each kind of support, in each postcode district and across the council. Measured by the Herfindahl–Hirschman index (HHI): 10,000 is a single provider; above 2,000 is highly concentrated and above 1,000 concentrated, the thresholds of the UK merger assessment guidelines.',
      ),
      rows.length > 0
        ? [
            h(
              'figure',
              { class: 'govuk-!-margin-0 govuk-!-margin-bottom-6 app-hhi-figure' },
              hhiChart(s),
              h('figcaption', { class: 'govuk-body-s', id: 'hhi-chart-caption' }, 'Up to the ten highest, out of 10,000. The dashed lines are 1,000 and 2,000: above them a market is concentrated and highly concentrated. The table below has every figure.'),
            ),
            table({
              caption: 'Providers’ share of each market, the most concentrated first',
              captionSize: 's',
              captionNote: 'Annual spend is what the plans in force today commit to these providers a year. The largest provider’s share is of that spend.',
              head: ['Kind of support', 'Area', { text: 'Providers', numeric: true }, { text: 'Annual spend', numeric: true }, { text: 'HHI', numeric: true }, 'Band', 'Largest provider (share)'],
              rows: rows.map((r) => [r.kind, r.area, { content: r.providers.toLocaleString('en-GB'), numeric: true }, { content: r.spend, numeric: true }, { content: r.hhiText, numeric: true }, r.band, r.largest]),
              rowHeadings: true,
              small: true,
              scroll: true,
              id: 'concentration-table',
            }),
          ]
        : h('p', { class: 'govuk-body', id: 'concentration-none' }, 'No kind of support is bought from directory providers by enough people to show yet.'),
      withheld ? h('p', { class: 'govuk-body', id: 'concentration-withheld' }, withheld) : null,
    ),
  );
}

function workforceSection(w: ApiResult<PaWorkforce>): HTMLElement {
  const body: HTMLElement[] = [];
  if (!w.ok) {
    body.push(h('p', { class: 'govuk-body', id: 'workforce-problem' }, `The personal assistant figures could not be shown: ${w.problem.title}`));
  } else {
    const pa = w.data;
    const summary = workforceSummary(pa);
    if (summary.length > 0) body.push(summaryList(summary, { id: 'workforce-summary' }));
    const bands = payBandRows(pa);
    if (bands.length > 0) {
      body.push(
        table({
          caption: 'Personal assistants by hourly pay',
          captionSize: 's',
          head: ['Hourly pay', { text: 'Personal assistants', numeric: true }],
          rows: bands.map((b) => [b.band, { content: b.count, numeric: true }]),
          rowHeadings: true,
          small: true,
          id: 'workforce-bands',
        }),
      );
    }
    const withheld = workforceSuppressedSentence(pa);
    if (withheld) body.push(h('p', { class: 'govuk-body', id: 'workforce-withheld' }, withheld));
  }
  return h(
    'div',
    { class: 'govuk-grid-row' },
    h(
      'div',
      { class: 'govuk-grid-column-two-thirds' },
      h('h2', { class: 'govuk-heading-m', id: 'workforce-heading' }, 'Personal assistants'),
      h('p', { class: 'govuk-body' }, 'Personal assistants employed by people with a personal budget today: how many, their usual hours and what they are paid. Numbers only: nobody is named.'),
      ...body,
    ),
  );
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/market/shaping', role: 'commissioner' });
  if (!page) return; // the page says why
  const days = daysFromQuery(window.location.search);
  const [result, workforce] = await Promise.all([api<MarketShaping>('GET', shapingPaths.api(days)), api<PaWorkforce>('GET', WORKFORCE_API)]);
  if (!result.ok) {
    if (result.problem.status === 422) {
      // The number typed: say what is wrong beside the box, and show the usual view under it.
      const fallback = await api<MarketShaping>('GET', shapingPaths.api(''));
      if (!fallback.ok) return showPageProblem(fallback.problem);
      show(fallback.data, workforce);
      const box = byId<HTMLInputElement>('unmet-after-days');
      box.value = days;
      new FormErrors(byId('error-summary'), byId<HTMLFormElement>('days-form')).show(result.problem, { unmet_after_days: 'unmet-after-days' });
      return;
    }
    return showPageProblem(result.problem);
  }
  show(result.data, workforce);
}

function show(s: MarketShaping, workforce: ApiResult<PaWorkforce>): void {
  byId('loading').remove();
  byId('in-force').textContent = inForceSentence(s);
  byId('summary').hidden = false;
  replaceChildren(byId('declining'), decliningSection(s));
  replaceChildren(byId('unmet'), unmetSection(s));
  replaceChildren(byId('demand'), demandSection(s));
  replaceChildren(byId('concentration'), concentrationSection(s));
  replaceChildren(byId('workforce'), workforceSection(workforce));
}

void main();
