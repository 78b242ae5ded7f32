// /how-budgets-are-worked-out?council=CODE&model=ID&version=N (public: no sign-in): a
// council's published Resource Allocation System in plain English: what it is for, how the
// score becomes money (prices, bands, tables, floor and ceiling), every question with the
// score of each answer, grouped by outcome area, and the worked examples. The model is the
// council's first when none is named, and the version the one in use when none is.
import '../main';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { paragraphsOrList, summaryList, table } from '../govuk';
import { dateInWords, timeInWords } from '../my-record-view';
import { loadPublishedModel, type PublishedModel } from '../ras-public';
import {
  allocationSteps,
  attributeRows,
  bandTableView,
  derivedRows,
  descriptionParagraphs,
  estimatePagePath,
  exampleRows,
  lookupTableView,
  parameterRows,
  periodPhrase,
  publicPagePath,
  publicPageQuery,
  questionSections,
  scoreHeading,
  type RasModelVersion,
} from '../ras-view';

function showHeading({ list, model }: PublishedModel): void {
  byId('council-caption').textContent = list.council.name;
  byId('model-title').textContent = model.title;
  document.title = `${model.title} – ${list.council.name} – selfdirect`;
}

function showVersionNote({ list, summary, model }: PublishedModel): void {
  const current = summary.current?.version ?? null;
  if (current === model.version) return;
  replaceChildren(
    byId('version-note'),
    h(
      'div',
      { class: 'govuk-inset-text' },
      `This is version ${model.version}. `,
      current === null ? 'No version of this questionnaire is in use yet.' : `Version ${current} is the one in use now. `,
      current === null
        ? ''
        : h('a', { class: 'govuk-link', href: publicPagePath(list.council.code, model.id) }, `See version ${current}`),
    ),
  );
}

function showFacts({ list, model }: PublishedModel): void {
  const rows: [string, string][] = [
    ['Council', list.council.name],
    ['Version', String(model.version)],
    ['In use from', dateInWords(model.effective_from)],
    ['Amounts are for', periodPhrase(model.period, model.period_phrase).replace(/^an? /, 'one ')],
  ];
  if (model.published_at) rows.push(['Published', timeInWords(model.published_at)]);
  replaceChildren(byId('model-facts'), summaryList(rows));
  replaceChildren(
    byId('model-description'),
    descriptionParagraphs(model.description).map((p, i) => h('p', { class: i === 0 ? 'govuk-body-l' : 'govuk-body' }, p)),
  );
}

/** Prices and other numbers, bands, tables, and (in a details) how each number is worked out. */
function showAllocation(model: RasModelVersion): void {
  replaceChildren(byId('allocation-steps'), allocationSteps(model).map((step) => h('li', {}, step)));
  const parts: Node[] = [];

  const parameters = parameterRows(model);
  if (parameters.length > 0) {
    parts.push(h('h3', { class: 'govuk-heading-m' }, 'Prices and other numbers'));
    if (model.allocation.transform === 'square') {
      parts.push(
        h(
          'p',
          { class: 'govuk-body' },
          'The model works on the square root of the amount, so most of these numbers are not in pounds: the score they add up to is squared to give pounds.',
        ),
      );
    }
    parts.push(summaryList(parameters.map((p) => [p.label, p.value]), { id: 'parameters' }));
  }

  for (const band of model.bands ?? []) {
    const view = bandTableView(band, model);
    // A short "of" ("Total points") heads the first column; a long one (a whole question)
    // goes under the caption instead, so that the column stays narrow on a phone.
    const longOf = view.of.length > 40;
    parts.push(
      table({
        id: `band-${view.id}`,
        caption: view.caption,
        captionNote: longOf ? `Worked out from the ${scoreHeading(model).toLowerCase()} for “${view.of}”` : undefined,
        head: [longOf ? scoreHeading(model) : view.of, 'Band', { text: view.money ? 'Amount' : 'Value', numeric: true }],
        rows: view.rows.map((row) => [row.range, row.label, { content: row.value, numeric: true }]),
        rowHeadings: true,
      }),
    );
  }

  for (const lookup of model.tables ?? []) {
    const view = lookupTableView(lookup, model);
    if (view.grid) {
      parts.push(
        table({
          id: `table-${view.id}`,
          caption: view.caption,
          head: [view.grid.corner, ...view.grid.columns.map((c) => ({ text: c, numeric: true }))],
          rows: view.grid.rows.map((row) => [row.heading, ...row.cells.map((cell) => ({ content: cell, numeric: true }))]),
          rowHeadings: true,
          scroll: true,
          small: true,
        }),
      );
    } else {
      parts.push(
        table({
          id: `table-${view.id}`,
          caption: view.caption,
          head: [...view.keyHeadings, { text: view.money ? 'Amount' : 'Value', numeric: true }],
          rows: view.rows.map((row) => [...row.keys, { content: row.value, numeric: true }]),
          rowHeadings: true,
          scroll: view.keyHeadings.length > 2,
        }),
      );
    }
  }

  const derived = derivedRows(model);
  if (derived.length > 0) {
    parts.push(
      h(
        'details',
        { class: 'govuk-details', id: 'derived-details' },
        h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'How each number is worked out')),
        h(
          'div',
          { class: 'govuk-details__text' },
          summaryList(
            derived.map((d) => [
              d.label,
              [
                h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, d.words),
                h('p', { class: 'govuk-body-s app-secondary-text govuk-!-margin-bottom-0' }, 'In the model: ', h('code', { class: 'app-break-anywhere' }, d.expression)),
              ],
            ]),
          ),
        ),
      ),
    );
  }
  replaceChildren(byId('allocation-details'), parts);
}

function showQuestions(model: RasModelVersion): void {
  const score = scoreHeading(model);
  byId('questions-intro').textContent =
    `Each answer has a score in ${score.toLowerCase()}. The questions are grouped by the areas of life in the Care Act’s eligibility rules.`;
  const parts: Node[] = [];
  for (const section of questionSections(model)) {
    parts.push(h('h3', { class: 'govuk-heading-m' }, section.heading));
    for (const question of section.questions) {
      if (question.options.length > 0) {
        parts.push(
          table({
            id: `question-${question.id}`,
            caption: question.text,
            captionSize: 's',
            head: ['Answer', { text: score, numeric: true }],
            rows: question.options.map((o) => [o.text, { content: o.score, numeric: true }]),
          }),
        );
      } else {
        parts.push(
          h(
            'div',
            { class: 'app-number-question', id: `question-${question.id}` },
            h('h4', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, question.text),
            h('p', { class: 'govuk-body' }, `Answer: ${question.numberHint.charAt(0).toLowerCase()}${question.numberHint.slice(1)}.`),
          ),
        );
      }
    }
  }
  const attributes = attributeRows(model);
  if (attributes.length > 0) {
    parts.push(h('h3', { class: 'govuk-heading-m' }, 'About you'));
    parts.push(h('p', { class: 'govuk-body' }, 'The questionnaire also asks:'));
    parts.push(summaryList(attributes.map((a) => [a.label, paragraphsOrList(a.answers)]), { id: 'attributes' }));
  }
  replaceChildren(byId('question-sections'), parts);
}

/** `version`: the version to name in links; none for the version in use, so links keep following it. */
function showExamples({ list, model }: PublishedModel, version: number | undefined): void {
  const rows = exampleRows(model);
  byId('examples-section').hidden = rows.length === 0;
  byId('examples-contents').hidden = rows.length === 0;
  if (rows.length === 0) return;
  replaceChildren(
    byId('examples-table'),
    table({
      id: 'examples',
      caption: 'Worked examples and their amounts',
      captionSize: 'hidden',
      head: ['Example', { text: `Amount ${periodPhrase(model.period, model.period_phrase)}`, numeric: true }, { text: 'Try it', hidden: true }],
      rows: rows.map((row, i) => [
        row.description,
        { content: row.amount, numeric: true },
        h(
          'a',
          { class: 'govuk-link', href: estimatePagePath(list.council.code, model.id, version, i + 1) },
          'Try these answers',
          visuallyHidden(` (example ${i + 1})`),
        ),
      ]),
      small: true,
    }),
  );
}

function showOtherModels({ list, model }: PublishedModel): void {
  const others = list.models.filter((m) => m.id !== model.id);
  if (others.length === 0) return;
  replaceChildren(
    byId('other-models'),
    h('h2', { class: 'govuk-heading-m' }, `Other questionnaires from ${list.council.name}`),
    h(
      'ul',
      { class: 'govuk-list' },
      others.map((m) => h('li', {}, h('a', { class: 'govuk-link', href: publicPagePath(list.council.code, m.id) }, m.title))),
    ),
  );
}

async function main(): Promise<void> {
  const query = publicPageQuery(new URLSearchParams(window.location.search));
  const version = query.version === 'current' ? undefined : query.version;
  const loaded = await loadPublishedModel(query);
  if (!loaded) return;
  const { list, model } = loaded;
  showHeading(loaded);
  showVersionNote(loaded);
  showFacts(loaded);
  byId<HTMLAnchorElement>('estimate-link').href = estimatePagePath(list.council.code, model.id, version);
  showAllocation(model);
  showQuestions(model);
  showExamples(loaded, version);
  showOtherModels(loaded);
  byId('loading').remove();
  byId('model-section').hidden = false;
}

void main();
