// /finance/surplus-proposals (finance officers): running the monitoring checks, and deciding the
// surplus recoveries they propose. "Run the monitoring checks" takes a date (today unless
// changed), and while the checks run the button is disabled and the page says it is checking;
// then what they found (budgets checked, new alerts by kind, new proposals) and the list is read
// again. Below, the proposals waiting for a decision, each a GOV.UK summary card with the amount,
// the person (a link to their plan and budget), the letter as the person would read it, and a
// decision: approve or decline, with a reason the person will read (the error summary names what
// is missing). Then the proposals already decided, with who decided, when and why.
import '../main';
import { api } from '../api';
import { dateFromParts } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table, tag } from '../govuk';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import {
  CHECKING_WORDS,
  decidedWords,
  decisionBody,
  decisionFields,
  letterParagraphs,
  monitoringPaths,
  proposalRows,
  proposalStatusTag,
  runRows,
  splitProposals,
  statementPath,
  type MonitoringRun,
  type Proposal,
} from '../monitoring-view';
import { formatPence } from '../money';
import { DATE_FIELDS, dateParts } from '../payment-run-view';
import { validationProblem } from '../problem';
import { checked, dateInput, radios, textarea, valueOf } from '../safeguarding-form';
import { whenInWords } from '../plan-view';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: monitoringPaths.proposals, role: 'finance-officer' });
  if (!page) return;
  const first = await api<{ proposals: Proposal[] }>('GET', monitoringPaths.api.proposals);
  if (!first.ok) return showPageProblem(first.problem);

  const summaryHost = byId('error-summary');
  const notification = byId('notification');
  let busy = false;

  /** Runs `action` unless another is under way: no button does anything twice. */
  const once = async (action: () => Promise<void>): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await action();
    } finally {
      busy = false;
    }
  };

  const decisionForm = (p: Proposal): HTMLElement => {
    const fields = decisionFields(p.id);
    const form = h(
      'form',
      { id: `decide-${p.id}`, method: 'post', action: monitoringPaths.proposals, novalidate: true },
      radios(
        fields.decision ?? '',
        'Your decision',
        [
          { value: 'approve', text: 'Approve the recovery', hint: `${formatPence(p.amount_pence)} is moved from the account back to the council. Send the letter.` },
          { value: 'decline', text: 'Decline it', hint: 'Nothing is taken. For example, the person is saving for something in their plan.' },
        ],
        { legendClass: 'govuk-fieldset__legend--s' },
      ),
      textarea(fields.reason ?? '', 'Reason', {
        hint: 'The person will read this, so write it to them in plain words.',
        rows: 3,
        labelClass: 'govuk-label--s',
      }),
      h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: `save-${p.id}` }, 'Save the decision', h('span', { class: 'govuk-visually-hidden' }, ` for ${p.person_name}`)),
    );
    const errors = new FormErrors(summaryHost, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void once(async () => {
        const body = decisionBody(checked(form as HTMLFormElement, fields.decision ?? ''), valueOf(form as HTMLFormElement, fields.reason ?? ''));
        if (!body.ok) {
          errors.show(validationProblem(body.errors), fields);
          return;
        }
        const done = await api<Proposal>('POST', monitoringPaths.api.decision(p.id), body.body);
        if (!done.ok) {
          showFormProblem(errors, done.problem, fields, { linkOtherProblemsTo: fields.decision });
          return;
        }
        errors.clear();
        if (await reread()) {
          const words = decidedWords(done.data);
          showSuccess(notification, words.heading, words.body);
        }
      });
    });
    return form;
  };

  const proposalCard = (p: Proposal): HTMLElement =>
    h(
      'div',
      { class: 'govuk-summary-card', id: `proposal-${p.id}` },
      h(
        'div',
        { class: 'govuk-summary-card__title-wrapper' },
        h('h3', { class: 'govuk-summary-card__title' }, `${p.person_name}: ${formatPence(p.amount_pence)}`),
      ),
      h(
        'div',
        { class: 'govuk-summary-card__content' },
        summaryList(
          [['Person', h('a', { class: 'govuk-link', href: monitoringPaths.budget(p.person_id) }, p.person_name)], ...proposalRows(p)],
          { id: `details-${p.id}` },
        ),
        statementPath(p)
          ? h(
              'p',
              { class: 'govuk-body' },
              'To check the balance before you decide, ',
              h('a', { class: 'govuk-link', href: statementPath(p) ?? '', id: `statement-${p.id}` }, 'import the latest statement', h('span', { class: 'govuk-visually-hidden' }, ` of ${p.person_name}’s account`)),
              '.',
            )
          : null,
        h('h4', { class: 'govuk-heading-s' }, 'The letter'),
        h('p', { class: 'govuk-body-s' }, 'What the person is sent if you approve the recovery.'),
        h('div', { class: 'app-letter', id: `letter-${p.id}` }, letterParagraphs(p).map((para) => h('p', { class: 'govuk-body' }, para))),
        decisionForm(p),
      ),
    );

  const decidedTable = (decided: readonly Proposal[]): HTMLElement =>
    table({
      id: 'decided-table',
      caption: 'Decided proposals',
      captionSize: 'm',
      head: ['Person', { text: 'Amount', numeric: true }, 'Decision', 'Decided by', 'Reason'],
      rows: decided.map((p) => {
        const status = proposalStatusTag(p.status);
        return [
          h('a', { class: 'govuk-link', href: monitoringPaths.budget(p.person_id) }, p.person_name),
          { content: formatPence(p.amount_pence), numeric: true },
          tag(status.text, status.modifier),
          p.decided_at ? `${p.decided_by_name ?? 'Someone'}, ${whenInWords(p.decided_at)}` : '',
          p.reason ?? '',
        ];
      }),
      small: true,
    });

  function render(proposals: readonly Proposal[]): void {
    const { waiting, decided } = splitProposals(proposals);
    replaceChildren(
      byId('waiting'),
      h('h2', { class: 'govuk-heading-m', id: 'waiting-heading' }, 'Waiting for a decision'),
      waiting.length === 0
        ? h('p', { class: 'govuk-body', id: 'none-waiting' }, 'No surplus recoveries are waiting for a decision. Run the monitoring checks to look for money building up.')
        : waiting.map(proposalCard),
    );
    byId('waiting').hidden = false;
    replaceChildren(byId('decided'), decided.length > 0 ? decidedTable(decided) : null);
    byId('decided').hidden = decided.length === 0;
  }

  /** Reads the proposals again and draws them; false (the page then says why) when it cannot. */
  async function reread(): Promise<boolean> {
    const again = await api<{ proposals: Proposal[] }>('GET', monitoringPaths.api.proposals);
    if (!again.ok) {
      showPageProblem(again.problem);
      return false;
    }
    render(again.data.proposals);
    return true;
  }

  // Run the checks.
  const runForm = byId<HTMLFormElement>('run-form');
  replaceChildren(byId('date-question'), dateInput('date', 'Which day are the checks for?', 'Usually today. For example, 1 12 2026.'));
  const today = dateParts();
  byId<HTMLInputElement>('date-day').value = today.day;
  byId<HTMLInputElement>('date-month').value = today.month;
  byId<HTMLInputElement>('date-year').value = today.year;
  const runErrors = new FormErrors(summaryHost, runForm);
  const runButton = byId<HTMLButtonElement>('run-button');
  const progress = byId('run-progress');
  const result = byId('run-result');
  runForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void once(async () => {
      const date = dateFromParts(valueOf(runForm, 'date-day'), valueOf(runForm, 'date-month'), valueOf(runForm, 'date-year'), 'date to check');
      if (!date.ok) {
        runErrors.show(validationProblem([{ field: 'date', message: date.message }]), DATE_FIELDS);
        return;
      }
      runErrors.clear();
      result.hidden = true;
      runButton.disabled = true;
      runButton.setAttribute('aria-disabled', 'true');
      progress.textContent = CHECKING_WORDS;
      try {
        const run = await api<MonitoringRun>('POST', monitoringPaths.api.runs, { date: date.date });
        if (!run.ok) {
          progress.textContent = '';
          showFormProblem(runErrors, run.problem, DATE_FIELDS, { linkOtherProblemsTo: 'date-day' });
          return;
        }
        progress.textContent = 'The checks have finished.';
        replaceChildren(
          result,
          h('h2', { class: 'govuk-heading-m', id: 'run-heading', tabindex: '-1' }, 'What the checks found'),
          summaryList(
            runRows(run.data).map(([key, value]): [string, HTMLElement | string] => [
              key,
              Array.isArray(value) ? h('ul', { class: 'govuk-list', id: 'run-raised' }, value.map((line) => h('li', {}, line))) : value,
            ]),
            { id: 'run-summary' },
          ),
          run.data.problems.length > 0
            ? [
                h('h3', { class: 'govuk-heading-s' }, 'Budgets that could not be checked'),
                h('ul', { class: 'govuk-list govuk-list--bullet', id: 'run-problems' }, run.data.problems.map((p) => h('li', {}, p))),
              ]
            : null,
          h('p', { class: 'govuk-body' }, 'Alerts go to the people who should ask about them: finance officers, social workers, support planners and safeguarding leads, each on their ', h('a', { class: 'govuk-link', href: monitoringPaths.alerts }, 'Money alerts'), ' page.'),
        );
        result.hidden = false;
        if (await reread()) byId('run-heading').focus();
      } finally {
        runButton.disabled = false;
        runButton.removeAttribute('aria-disabled');
      }
    });
  });

  render(first.data.proposals);
  byId('loading').remove();
  runForm.hidden = false;
}

void main();
