// /scenarios (analysts and commissioners): choose an example policy scenario or write one, run
// it over a synthetic council, and see the cost to the council year by year with its band (a
// chart and a table), who is better and worse off by age band and support reason (a chart and
// tables) and the sufficiency test; download the years as CSV, or the whole run as a spreadsheet
// (XLSX, made by the server from the same request). Nothing about a real person.
import '../main';
import { api, apiDownload } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { table } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import {
  costChart,
  costDescription,
  DEFAULT_PEOPLE,
  doneMessage,
  EXAMPLES_API,
  groupRows,
  headline,
  parsePeople,
  PEOPLE_MESSAGE,
  peopleSentence,
  RUNS_API,
  RUNS_XLSX_API,
  runningMessage,
  scenarioErrors,
  sufficiencySentence,
  topUpSentence,
  winnersLosersBars,
  XLSX_TYPE,
  yearRows,
  type ScenarioExample,
  type ScenarioGroup,
  type ScenarioRun,
} from '../scenarios-view';

const SVG = 'http://www.w3.org/2000/svg';
const INK = '#0b0c0c';
const BLUE = '#1d70b8';

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

function costSvg(run: ScenarioRun): SVGElement {
  const g = costChart(run);
  return svg(
    'svg',
    { viewBox: `0 0 ${g.width} ${g.height}`, width: '100%', role: 'img', 'aria-labelledby': 'cost-chart-title cost-chart-desc', class: 'app-scenario-chart', id: 'cost-chart', focusable: 'false' },
    svg('title', { id: 'cost-chart-title' }, 'The cost to the council each year'),
    svg('desc', { id: 'cost-chart-desc' }, costDescription(run)),
    ...g.yTicks.map((t) =>
      svg(
        'g',
        {},
        svg('line', { x1: g.left, x2: g.right, y1: t.y, y2: t.y, stroke: '#b1b4b6', 'stroke-width': 1 }),
        svg('text', { x: g.left - 8, y: t.y, 'text-anchor': 'end', 'dominant-baseline': 'middle', 'font-size': 14, fill: INK }, t.label),
      ),
    ),
    svg('polygon', { points: g.band, fill: BLUE, 'fill-opacity': 0.25, stroke: 'none', id: 'cost-band' }),
    svg('polyline', { points: g.line, fill: 'none', stroke: BLUE, 'stroke-width': 3, id: 'cost-line' }),
    ...g.points.map((p) => svg('circle', { cx: p.x, cy: p.y, r: 3, fill: BLUE })),
    svg('line', { x1: g.left, x2: g.right, y1: g.bottom, y2: g.bottom, stroke: INK, 'stroke-width': 1 }),
    ...g.xTicks.map((t) => svg('text', { x: t.x, y: g.bottom + 22, 'text-anchor': 'middle', 'font-size': 14, fill: INK }, t.label)),
    svg('text', { x: (g.left + g.right) / 2, y: g.height - 2, 'text-anchor': 'middle', 'font-size': 14, fill: INK }, 'Year'),
  );
}

/** Each group's people as a bar split into better off, unchanged and worse off. */
function winnersLosersSvg(run: ScenarioRun): SVGElement {
  const bars = winnersLosersBars(run);
  const width = 900;
  const left = 230;
  const plot = 560;
  const row = 28;
  const top = 34;
  const height = top + bars.length * row + 10;
  const colours = { better: '#00703c', unchanged: '#b1b4b6', worse: '#d4351c' };
  const widest = Math.max(1, ...bars.map((b) => b.people));
  const described = bars.map((b) => `${b.label}: ${b.better.toLocaleString('en-GB')} better off, ${b.worse.toLocaleString('en-GB')} worse off, ${b.unchanged.toLocaleString('en-GB')} unchanged`).join('; ');
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': 'groups-chart-title groups-chart-desc', class: 'app-scenario-chart', id: 'groups-chart', focusable: 'false' },
    svg('title', { id: 'groups-chart-title' }, 'Who is better and worse off, by group'),
    svg('desc', { id: 'groups-chart-desc' }, `${described}.`),
    ...(['better', 'unchanged', 'worse'] as const).map((k, i) =>
      svg(
        'g',
        {},
        svg('rect', { x: left + i * 170, y: 6, width: 14, height: 14, fill: colours[k] }),
        svg('text', { x: left + i * 170 + 20, y: 17, 'font-size': 14, fill: INK }, k === 'better' ? 'Better off' : k === 'worse' ? 'Worse off' : 'Unchanged'),
      ),
    ),
    ...bars.map((b, i) => {
      const y = top + i * row;
      const scale = plot / widest;
      const wBetter = b.better * scale;
      const wSame = b.unchanged * scale;
      const wWorse = b.worse * scale;
      return svg(
        'g',
        {},
        svg('text', { x: left - 10, y: y + row / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', 'font-size': 14, fill: INK }, b.label),
        svg('rect', { x: left, y: y + 4, width: wBetter, height: row - 8, fill: colours.better }),
        svg('rect', { x: left + wBetter, y: y + 4, width: wSame, height: row - 8, fill: colours.unchanged }),
        svg('rect', { x: left + wBetter + wSame, y: y + 4, width: wWorse, height: row - 8, fill: colours.worse }),
        svg('text', { x: left + wBetter + wSame + wWorse + 6, y: y + row / 2, 'dominant-baseline': 'middle', 'font-size': 14, fill: INK }, b.people.toLocaleString('en-GB')),
      );
    }),
  );
}

function groupTable(run: ScenarioRun, dimension: ScenarioGroup['dimension'], caption: string, id: string): HTMLElement {
  const numeric = (text: string) => ({ text, numeric: true });
  const cell = (content: string) => ({ content, numeric: true });
  return table({
    caption,
    captionSize: 's',
    head: [dimension === 'age band' ? 'Age' : dimension === 'support reason' ? 'Support reason' : 'Group', numeric('People'), numeric('Better off'), numeric('Worse off'), numeric('Unchanged'), numeric('Gained'), numeric('Lost'), numeric('Below plan cost'), numeric('Short by')],
    rows: groupRows(run, dimension).map((r) => [r.label, cell(r.people), cell(r.better), cell(r.worse), cell(r.unchanged), cell(r.gained), cell(r.lost), cell(r.belowPlan), cell(r.shortfall)]),
    rowHeadings: true,
    small: true,
    scroll: true,
    id,
  });
}

/** What was sent to run the scenario: the XLSX is made from the same. */
interface RunRequest {
  scenario: string;
  people: number;
}

/** Asks the server for the run as a workbook and saves it; says so in `status`. */
async function saveWorkbook(button: HTMLButtonElement, status: HTMLElement, request: RunRequest): Promise<void> {
  // aria-disabled, not disabled: a disabled button would lose the keyboard's focus.
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  status.textContent = 'Making the spreadsheet…';
  const file = await apiDownload(RUNS_XLSX_API, request, XLSX_TYPE, 'scenario.xlsx');
  button.removeAttribute('aria-disabled');
  if (!file.ok) {
    status.textContent = 'The spreadsheet could not be made.';
    return showPageProblem(file.problem);
  }
  const url = URL.createObjectURL(file.blob);
  const link = h('a', { href: url, download: file.filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  status.textContent = `The spreadsheet ${file.filename} has been downloaded.`;
}

function downloads(run: ScenarioRun, request: RunRequest): HTMLElement {
  const url = URL.createObjectURL(new Blob([run.years_csv], { type: 'text/csv' }));
  const status = h('p', { class: 'govuk-body-s', id: 'download-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-2', 'data-module': 'govuk-button', id: 'download-xlsx', 'aria-describedby': 'download-xlsx-hint' }, 'Download as a spreadsheet (XLSX)');
  button.addEventListener('click', () => void saveWorkbook(button, status, request));
  return h(
    'div',
    { id: 'downloads' },
    h('h3', { class: 'govuk-heading-s' }, 'Download the results'),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: url, download: 'scenario-years.csv', id: 'download-csv' }, 'Download the years as CSV')),
    h('p', { class: 'govuk-hint', id: 'download-xlsx-hint' }, 'The spreadsheet has a sheet about the run, then the years, who is better and worse off by group, and the sufficiency test, with money in pounds.'),
    button,
    status,
  );
}

function results(run: ScenarioRun, request: RunRequest): HTMLElement[] {
  const topUp = topUpSentence(run);
  return [
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('h2', { class: 'govuk-heading-l', id: 'results-heading', tabindex: '-1' }, run.scenario.name),
        run.scenario.description ? h('p', { class: 'govuk-body' }, run.scenario.description) : null,
        h('p', { class: 'govuk-body-l', id: 'headline' }, headline(run)),
        h('p', { class: 'govuk-body', id: 'people-sentence' }, peopleSentence(run)),
        h('h3', { class: 'govuk-heading-s' }, 'What changes'),
        h('ul', { class: 'govuk-list govuk-list--bullet', id: 'changes' }, run.changes.map((c) => h('li', {}, c.charAt(0).toUpperCase() + c.slice(1)))),
        h('p', { class: 'govuk-body-s', id: 'about-run' }, `A synthetic council of ${run.people.toLocaleString('en-GB')} made-up people (seed ${run.council_seed}): ${run.today.people_with_budget.toLocaleString('en-GB')} with a budget today. ${run.scenario.runs.toLocaleString('en-GB')} runs, seed ${run.scenario.seed}.`),
      ),
    ),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-full' },
        h('h2', { class: 'govuk-heading-m', id: 'cost-heading' }, 'The cost to the council each year'),
        h('figure', { class: 'govuk-!-margin-0 govuk-!-margin-bottom-4' }, costSvg(run), h('figcaption', { class: 'govuk-body-s' }, 'The line is the median run; the shaded band is where 90% of runs fall (from the 5th to the 95th percentile). The table below has every figure.')),
        table({
          caption: 'Each year: the median run, and in brackets the 90% band',
          captionSize: 's',
          head: ['Year', { text: 'Cost to the council', numeric: true }, { text: 'Budgets', numeric: true }, { text: 'People eligible', numeric: true }, { text: 'With a direct payment', numeric: true }],
          rows: yearRows(run).map((row) => row.map((content, i) => (i === 0 ? content : { content, numeric: true }))),
          rowHeadings: true,
          small: true,
          scroll: true,
          id: 'years-table',
        }),
        downloads(run, request),
      ),
    ),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-full', id: 'groups' },
        h('h2', { class: 'govuk-heading-m', id: 'groups-heading' }, 'Who is better and worse off'),
        h('p', { class: 'govuk-body' }, 'At once, before any growth: each person with a budget today (or newly eligible), their new budget against today’s. Worse off includes people no longer eligible.'),
        h('figure', { class: 'govuk-!-margin-0 govuk-!-margin-bottom-4' }, winnersLosersSvg(run)),
        groupTable(run, 'age band', 'By age', 'groups-age'),
        groupTable(run, 'support reason', 'By support reason', 'groups-reason'),
        groupTable(run, 'everyone', 'Everyone', 'groups-everyone'),
      ),
    ),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds', id: 'sufficiency' },
        h('h2', { class: 'govuk-heading-m', id: 'sufficiency-heading' }, 'Would budgets still be enough?'),
        h('p', { class: 'govuk-body' }, 'The Care Act says a personal budget must be enough to meet the needs it is for. This compares each new budget with what the person’s current plan costs in its first year.'),
        h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'sufficiency-sentence' }, sufficiencySentence(run)),
        topUp ? h('p', { class: 'govuk-body', id: 'top-up-sentence' }, topUp) : null,
      ),
    ),
  ];
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/scenarios', role: ['analyst', 'commissioner'] });
  if (!page) return; // the page says why
  const loaded = await api<{ examples: ScenarioExample[] }>('GET', EXAMPLES_API);
  if (!loaded.ok) return showPageProblem(loaded.problem);
  const examples = loaded.data.examples;
  const form = byId<HTMLFormElement>('scenario-form');
  const yaml = byId<HTMLTextAreaElement>('scenario-yaml');
  const peopleBox = byId<HTMLInputElement>('people');
  const status = byId('run-status');
  const errors = new FormErrors(byId('error-summary'), form);
  peopleBox.value = String(DEFAULT_PEOPLE);

  replaceChildren(
    byId('examples'),
    examples.map((e, i) =>
      h(
        'div',
        { class: 'govuk-radios__item' },
        h('input', { class: 'govuk-radios__input', id: i === 0 ? 'example' : `example-${e.id}`, name: 'example', type: 'radio', value: e.id, checked: i === 0 ? true : undefined, 'aria-describedby': `example-${e.id}-hint` }),
        h('label', { class: 'govuk-label govuk-radios__label', for: i === 0 ? 'example' : `example-${e.id}` }, e.name),
        h('div', { class: 'govuk-hint govuk-radios__hint', id: `example-${e.id}-hint` }, e.description),
      ),
    ),
  );
  yaml.value = examples[0]?.yaml ?? '';
  byId('examples').addEventListener('change', (event) => {
    const chosen = examples.find((e) => e.id === (event.target as HTMLInputElement).value);
    if (chosen) yaml.value = chosen.yaml;
  });
  byId('loading').remove();
  form.hidden = false;

  let running = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (running) return;
    void (async () => {
      const people = parsePeople(peopleBox.value);
      if (people === null) {
        errors.showModel(scenarioErrors(validationProblem([{ field: 'people', message: PEOPLE_MESSAGE }])));
        status.textContent = '';
        return;
      }
      running = true;
      const button = byId<HTMLButtonElement>('run');
      button.disabled = true;
      button.setAttribute('aria-disabled', 'true');
      status.textContent = runningMessage(people);
      replaceChildren(byId('results'));
      const request: RunRequest = { scenario: yaml.value, people };
      const result = await api<ScenarioRun>('POST', RUNS_API, request);
      running = false;
      button.disabled = false;
      button.removeAttribute('aria-disabled');
      if (!result.ok) {
        status.textContent = 'The scenario was not run.';
        if (result.problem.status === 422) {
          errors.showModel(scenarioErrors(result.problem));
            return;
        }
        return showPageProblem(result.problem);
      }
      errors.clear();
      replaceChildren(byId('results'), results(result.data, request));
      status.textContent = doneMessage(result.data);
    })();
  });
}

void main();
