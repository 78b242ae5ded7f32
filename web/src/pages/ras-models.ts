// /ras-models (administrators): the council's published Resource Allocation System models
// and their versions, and a form to check a new model file (chosen or pasted): its
// problems by line and column, or, when it passes, its worked examples (Passed or Failed)
// and how each example's amount changes from the version in use; then "Publish version N".
// A model that fails the check has no publish button.
import '../main';
import { api, goToSignIn, loadSession, type ApiResult } from '../api';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table, tag } from '../govuk';
import { refusedForTwoStep, showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { dateInWords, timeInWords } from '../my-record-view';
import { validationProblem, type ErrorSummaryModel, type Problem } from '../problem';
import {
  comparisonRows,
  exampleCheckRows,
  periodPhrase,
  problemText,
  publicPagePath,
  publishedBy,
  versionStatus,
  type CheckProblem,
  type CheckResult,
  type RasModelList,
  type RasModelSummary,
} from '../ras-view';

const YAML_FIELD = 'model-yaml';
const FIELDS = { yaml: YAML_FIELD };

/** Where the model's text waits while its author signs in again (this tab only). */
const DRAFT_KEY = 'selfdirect.ras-model-draft';

function keepDraft(yaml: string): void {
  try {
    sessionStorage.setItem(DRAFT_KEY, yaml);
  } catch {
    // Storage can be turned off: the text is then lost, as it would be without this.
  }
}

function takeDraft(): string | null {
  try {
    const draft = sessionStorage.getItem(DRAFT_KEY);
    sessionStorage.removeItem(DRAFT_KEY);
    return draft;
  } catch {
    return null;
  }
}

/**
 * POSTs a model's text. When the session has ended (401), keeps the text for when the
 * person comes back from signing in, and goes there. When the CSRF token is out of date
 * (the person signed in again in another tab), fetches the session's new one and tries once
 * more.
 */
async function postModel<T>(path: string, yaml: string): Promise<ApiResult<T>> {
  let result = await api<T>('POST', path, { yaml }, { returnUnauthenticated: true });
  if (!result.ok && result.problem.status === 403 && result.problem.type.endsWith('/csrf')) {
    keepDraft(yaml);
    const session = await loadSession();
    takeDraft();
    if (session.ok) result = await api<T>('POST', path, { yaml }, { returnUnauthenticated: true });
  }
  if (!result.ok && result.problem.status === 401) {
    keepDraft(yaml);
    return goToSignIn();
  }
  return result;
}

/** The council's code, for links to the public pages; learnt from the list of models. */
let councilCode = '';

function modelBlock(model: RasModelSummary): HTMLElement {
  const current = model.current?.version ?? null;
  const versions = [...model.versions].sort((a, b) => b.version - a.version);
  return h(
    'div',
    { class: 'app-model', id: `model-${model.id}` },
    h('h3', { class: 'govuk-heading-m' }, model.title),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        summaryList([
          ['ID', h('code', {}, model.id)],
          [
            'In use now',
            model.current
              ? `Version ${model.current.version}, from ${dateInWords(model.current.effective_from)}`
              : 'No version yet',
          ],
          ...(model.current ? [['Amounts are for', periodPhrase(model.current.period).replace(/^an? /, 'one ')] as [string, string]] : []),
          [
            'Public page',
            h(
              'a',
              { class: 'govuk-link', href: publicPagePath(councilCode, model.id) },
              'How budgets are worked out',
              visuallyHidden(`: ${model.title}`),
            ),
          ],
        ]),
      ),
    ),
    table({
      id: `versions-${model.id}`,
      caption: `Versions of ${model.title}`,
      captionSize: 's',
      head: ['Version', 'In use from', 'Published', 'Published by', 'Status'],
      rows: versions.map((v) => {
        const status = versionStatus(v.version, current);
        return [
          String(v.version),
          dateInWords(v.effective_from),
          timeInWords(v.published_at),
          h('span', { class: 'app-break-anywhere' }, publishedBy(v.published_by)),
          tag(status.text, status.tagClass),
        ];
      }),
      rowHeadings: true,
      scroll: true,
      small: true,
    }),
  );
}

/** Loads and draws the published models. Returns false after showing a problem. */
async function showModels(): Promise<boolean> {
  const result = await api<RasModelList>('GET', '/api/ras/models');
  if (!result.ok) {
    showPageProblem(result.problem);
    return false;
  }
  const { council, models } = result.data;
  councilCode = council.code;
  byId('council-name').textContent = council.name;
  byId('no-models').hidden = models.length > 0;
  replaceChildren(byId('models-list'), models.map(modelBlock));
  byId('models-section').hidden = false;
  return true;
}

/** How many things the check found wrong: problems, and failing examples counted as one. */
function errorCount(check: CheckResult): number {
  return check.problems.length + (check.examples.some((e) => !e.passed) ? 1 : 0);
}

/** The error summary for a model's problems: one line each, all linking to the box. */
function problemsModel(lines: string[]): ErrorSummaryModel {
  const count = lines.length;
  return {
    items: lines.map((text) => ({ text, href: `#${YAML_FIELD}` })),
    fields: new Map([[YAML_FIELD, count === 1 ? (lines[0] ?? '') : `The model has ${count} problems. They are listed at the top of the page.`]]),
  };
}

/** Puts the cursor on line `line` of the box (after the error summary's link has focused it). */
function selectLine(box: HTMLTextAreaElement, line: number): void {
  const lines = box.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, text) => n + text.length + 1, 0);
  const end = start + (lines[line - 1]?.length ?? 0);
  box.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 20;
  box.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function wireCheck(): void {
  const form = byId<HTMLFormElement>('check-form');
  const file = byId<HTMLInputElement>('model-file');
  const box = byId<HTMLTextAreaElement>(YAML_FIELD);
  const errors = new FormErrors(byId('error-summary'), form);
  const results = byId('result-section');
  let busy = false;

  /** Anything shown about an earlier check no longer applies once the text changes. */
  const forgetResult = () => {
    results.hidden = true;
    replaceChildren(byId('result-publish'));
  };

  const readFile = async (): Promise<boolean> => {
    const chosen = file.files?.[0];
    if (!chosen) return true;
    try {
      box.value = await chosen.text();
      return true;
    } catch {
      errors.show(validationProblem([{ field: 'yaml', message: 'The file could not be read. Choose it again, or paste its text' }]), FIELDS);
      return false;
    }
  };

  file.addEventListener('change', async () => {
    forgetResult();
    await readFile();
  });
  box.addEventListener('input', () => {
    forgetResult();
    // What is checked is the text in the box: once it is edited, the file chosen is not it.
    file.value = '';
  });

  /** Shows a problem from the check or publish request. */
  const showRequestProblem = (problem: Problem, action: 'check' | 'publish') => {
    if (refusedForTwoStep(problem)) {
      // Refused because two-step sign-in is not on yet: say so, and link to where to set it up.
      showFormProblem(errors, problem, FIELDS);
      return;
    }
    if (problem.status === 403) {
      const csrf = problem.type.endsWith('/csrf');
      errors.showModel({
        items: [{
          text: csrf
            ? 'Your session has changed since this page was opened. Reload the page, then try again'
            : `You do not have permission to ${action} models. Ask another administrator to do it, or to give you the administrator role`,
        }],
        fields: new Map(),
      });
      return;
    }
    if (problem.status === 422 && problem.errors.length > 0) {
      errors.showModel(problemsModel(problem.errors.map((e) => e.message)));
      return;
    }
    errors.show(problem, FIELDS);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      if (box.value.trim() === '' && !(await readFile())) return;
      const yaml = box.value;
      if (yaml.trim() === '') {
        errors.show(validationProblem([{ field: 'yaml', message: 'Choose a model file, or paste the model' }]), FIELDS);
        forgetResult();
        return;
      }
      const result = await postModel<CheckResult>('/api/ras/models/check', yaml);
      if (!result.ok) {
        forgetResult();
        showRequestProblem(result.problem, 'check');
        return;
      }
      showCheck(result.data, yaml, errors, box, showRequestProblem);
    } finally {
      busy = false;
    }
  });
  const draft = takeDraft();
  if (draft !== null) {
    box.value = draft;
    replaceChildren(
      byId('draft-restored'),
      h('div', { class: 'govuk-inset-text' }, 'You had to sign in again. The model you were checking is back in the box below: check it again.'),
    );
  }
  byId('check-section').hidden = false;
}

function showCheck(
  check: CheckResult,
  yaml: string,
  errors: FormErrors,
  box: HTMLTextAreaElement,
  showRequestProblem: (problem: Problem, action: 'check' | 'publish') => void,
): void {
  const heading = byId('result-heading');
  const model = check.model;
  const current = check.current?.version ?? null;

  // Problems: the error summary lists each with its place in the file; no publish button.
  if (!check.ok) {
    const problems: CheckProblem[] = check.problems;
    const failedExamples = check.examples.filter((e) => !e.passed).length;
    const summary = problemsModel(check.problems.map(problemText));
    if (failedExamples > 0) {
      // The examples' table shows which, so the line links there.
      const text = `${failedExamples} worked ${failedExamples === 1 ? 'example does' : 'examples do'} not give the amount the file expects`;
      summary.items.push({ text, href: '#checked-examples' });
      if (check.problems.length === 0) summary.fields.set(YAML_FIELD, text);
    }
    if (summary.items.length === 0) summary.items.push({ text: 'The model did not pass the check', href: `#${YAML_FIELD}` });
    errors.showModel(summary);
    problems.forEach((problem, i) => {
      const link = byId('error-summary').querySelectorAll('a')[i];
      const line = problem.line ?? 0;
      if (link && line > 0) link.addEventListener('click', () => setTimeout(() => selectLine(box, line), 0));
    });
    heading.textContent = 'This model cannot be published yet';
    replaceChildren(
      byId('result-summary'),
      h('p', { class: 'govuk-body' }, `Fix the ${problems.length === 1 ? 'problem' : 'problems'} listed at the top of the page in the model file, then check it again. Nothing has been published.`),
    );
  } else {
    errors.clear();
    heading.textContent = 'This model passed the check';
    replaceChildren(
      byId('result-summary'),
      model
        ? summaryList([
            ['Title', model.title],
            ['ID', h('code', {}, model.id)],
            ['Version', String(model.version)],
            ['In use now', current === null ? 'No version of this model: this would be the first' : `Version ${current}`],
          ], { id: 'checked-model' })
        : '',
    );
  }

  const examples = exampleCheckRows(check.examples);
  replaceChildren(
    byId('result-examples'),
    examples.length > 0
      ? table({
          id: 'checked-examples',
          caption: 'Worked examples',
          head: ['Example', { text: 'Expected', numeric: true }, { text: 'Worked out', numeric: true }, 'Result'],
          rows: examples.map((e) => [
            e.description,
            { content: e.expected, numeric: true },
            { content: e.actual, numeric: true },
            tag(e.status, e.tagClass),
          ]),
          rowHeadings: true,
          plainRowHeadings: true,
          scroll: true,
          small: true,
        })
      : check.ok
        ? h('p', { class: 'govuk-body', id: 'checked-examples' }, 'The model has no worked examples. Add some to the file so that a mistake in a price or a band is caught before publishing.')
        : '',
  );

  const comparison = comparisonRows(check.comparison);
  replaceChildren(
    byId('result-comparison'),
    check.ok && model && current !== null && comparison.length > 0
      ? [
          table({
            id: 'comparison',
            caption: `How the amounts change from version ${current} to version ${model.version}`,
            head: [
              'Example',
              { text: `Now (version ${current})`, numeric: true },
              { text: `New (version ${model.version})`, numeric: true },
              { text: 'Change', numeric: true },
            ],
            rows: comparison.map((c) => [
              c.description,
              { content: c.current, numeric: true },
              { content: c.proposed, numeric: true },
              { content: c.change, numeric: true },
            ]),
            rowHeadings: true,
            plainRowHeadings: true,
            scroll: true,
            small: true,
          }),
        ]
      : '',
  );

  const publish = byId('result-publish');
  if (!check.ok || !model) {
    replaceChildren(publish);
  } else if (current !== null && model.version <= current) {
    replaceChildren(
      publish,
      warning(
        `Version ${model.version} cannot be published, because version ${current} is already in use. ` +
          `Change the version near the top of the file to ${current + 1} or more, then check it again.`,
      ),
    );
  } else {
    const button = h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button' }, `Publish version ${model.version}`);
    const publishForm = h('form', { id: 'publish-form', method: 'post', action: '/ras-models', novalidate: true }, button);
    replaceChildren(
      publish,
      warning(
        `Once published, version ${model.version} is on the public page and is used to work out budgets from the date in the file. ` +
          'It cannot be taken back: to change it, publish a newer version.',
      ),
      publishForm,
    );
    let busy = false;
    publishForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        const result = await postModel<{ id: string; version: number }>('/api/ras/models', yaml);
        if (!result.ok) {
          if (result.problem.status === 409) {
            errors.showModel({
              items: [{
                text: result.problem.detail ||
                  `Version ${model.version} is not newer than the version already published. Give it a higher version number, then check it again`,
                href: `#${YAML_FIELD}`,
              }],
              fields: new Map(),
            });
            replaceChildren(publish);
          } else {
            showRequestProblem(result.problem, 'publish');
            if (result.problem.status === 422) replaceChildren(publish);
          }
          return;
        }
        errors.clear();
        byId('result-section').hidden = true;
        replaceChildren(publish);
        byId<HTMLFormElement>('check-form').reset();
        await showModels();
        const { id, version } = result.data;
        showSuccess(
          byId('notification'),
          `Version ${version} of ${model.title} has been published`,
          h(
            'p',
            { class: 'govuk-body' },
            'Anyone can now read it on ',
            h('a', { class: 'govuk-notification-banner__link', href: publicPagePath(councilCode, id) }, 'the public page'),
            '. It is used to work out budgets from the date in the file.',
          ),
        );
        window.scrollTo(0, 0);
      } finally {
        busy = false;
      }
    });
  }

  byId('result-section').hidden = false;
  // The error summary takes focus when there are problems; otherwise the result does.
  if (check.ok) heading.focus();
}

/** GOV.UK warning text. */
function warning(text: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h('strong', { class: 'govuk-warning-text__text' }, visuallyHidden('Warning'), ` ${text}`),
  );
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/ras-models', role: 'administrator' });
  if (!page) return;
  if (!(await showModels())) return;
  wireCheck();
}

void main();
