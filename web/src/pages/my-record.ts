// /my-record (a budget holder: someone whose account is linked to a person's record): their
// support plan and budget statement with its reviews and PDF (or what happens next), who can
// see their record, giving someone access, taking it away, and who has looked.
import '../main';
import { api, type Session } from '../api';
import { planParts, reviewParts, statementParts } from '../budget-statement';
import { budgetPaths, whatHappensNext, type Budget, type PlanVersionSummary } from '../budget-view';
import { caseworkApiPath, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { showPageProblem, showSuccess, startSignedInPage } from '../layout';
import {
  SCOPES,
  actionLabel,
  dateFromParts,
  dateInWords,
  grantStatus,
  outcomeLabel,
  rolesInWords,
  scopeLabels,
  timeInWords,
  type Grant,
} from '../my-record-view';
import { planApiPath, type Plan } from '../plan-view';
import { validationProblem, type FieldProblem } from '../problem';

const FIELDS = { grantee_email: 'grantee-email', scopes: 'scopes', ends_on: 'ends-on-day', reason: 'reason' };

interface RecordView {
  at: string;
  who: string;
  roles: string;
  action: string;
  outcome: string;
}

function grantsPath(personId: string, grantId?: string): string {
  const base = `/api/people/${encodeURIComponent(personId)}/grants`;
  return grantId === undefined ? base : `${base}/${encodeURIComponent(grantId)}`;
}

const cell = (...children: (Node | string)[]) => h('td', { class: 'govuk-table__cell' }, ...children);

function renderScopeCheckboxes(): void {
  replaceChildren(
    byId('scopes-checkboxes'),
    SCOPES.map((scope, index) => {
      const id = index === 0 ? 'scopes' : `scopes-${index + 1}`;
      const hintId = `${id}-item-hint`;
      return h(
        'div',
        { class: 'govuk-checkboxes__item' },
        h('input', { class: 'govuk-checkboxes__input', id, name: 'scopes', type: 'checkbox', value: scope.name, 'aria-describedby': hintId }),
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, scope.label),
        h('div', { id: hintId, class: 'govuk-hint govuk-checkboxes__hint' }, scope.hint),
      );
    }),
  );
}

class RecordPage {
  private readonly errors = new FormErrors(byId('error-summary'), byId<HTMLFormElement>('give-access-form'));
  private busy = false;
  /** The grant waiting for "Yes, take away access". */
  private revoking: Grant | null = null;

  constructor(private readonly personId: string) {}

  /** Loads and draws who can see the record. Returns false after showing a problem. */
  async showGrants(): Promise<boolean> {
    const result = await api<{ grants: Grant[] }>('GET', grantsPath(this.personId));
    if (!result.ok) {
      showPageProblem(result.problem);
      return false;
    }
    const grants = result.data.grants;
    replaceChildren(byId('grants-body'), grants.map((grant) => this.grantRow(grant)));
    byId('grants-table-box').hidden = grants.length === 0;
    byId('grants-empty').hidden = grants.length > 0;
    return true;
  }

  private grantRow(grant: Grant): HTMLTableRowElement {
    const status = grantStatus(grant);
    let action: Node | string = '';
    if (status.text === 'Active') {
      const button = h(
        'button',
        { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'data-module': 'govuk-button' },
        'Take away access',
        visuallyHidden(` from ${grant.grantee_name}`),
      );
      button.addEventListener('click', () => this.askToRevoke(grant));
      action = button;
    }
    return h(
      'tr',
      { class: 'govuk-table__row', 'data-grant-id': grant.id },
      h('th', { scope: 'row', class: 'govuk-table__header' }, grant.grantee_name),
      cell(h('span', { class: 'app-break-anywhere' }, grant.grantee_email)),
      cell(h('ul', { class: 'govuk-list app-list--compact' }, scopeLabels(grant.scopes).map((t) => h('li', {}, t)))),
      cell(h('time', { datetime: grant.ends_on }, dateInWords(grant.ends_on))),
      cell(h('strong', { class: `govuk-tag ${status.tagClass}` }, status.text)),
      cell(action),
    );
  }

  private askToRevoke(grant: Grant): void {
    this.revoking = grant;
    byId('revoke-heading').textContent = `Are you sure you want to take away ${grant.grantee_name}’s access to your record?`;
    byId('revoke-confirm').hidden = false;
    byId('revoke-heading').focus();
  }

  private cancelRevoke(): void {
    const grant = this.revoking;
    this.revoking = null;
    byId('revoke-confirm').hidden = true;
    // Back to the button that asked.
    const row = grant ? document.querySelector(`tr[data-grant-id="${CSS.escape(grant.id)}"] button`) : null;
    if (row instanceof HTMLElement) row.focus();
    else byId('grants-heading').focus();
  }

  private async revoke(): Promise<void> {
    const grant = this.revoking;
    if (!grant || this.busy) return;
    this.busy = true;
    try {
      const result = await api('DELETE', grantsPath(this.personId, grant.id));
      if (!result.ok) {
        this.errors.show(result.problem, FIELDS);
        return;
      }
      this.revoking = null;
      byId('revoke-confirm').hidden = true;
      this.errors.clear();
      if (!(await this.showGrants())) return;
      showSuccess(byId('notification'), `${grant.grantee_name}’s access has been taken away`);
      await this.showViews();
    } finally {
      this.busy = false;
    }
  }

  /** Loads and draws who has looked at the record. */
  async showViews(): Promise<void> {
    const result = await api<{ views: RecordView[] }>('GET', '/api/me/record-views');
    if (!result.ok) {
      showPageProblem(result.problem);
      return;
    }
    const views = result.data.views;
    replaceChildren(
      byId('views-body'),
      views.map((view) => {
        const outcome = outcomeLabel(view.outcome);
        return h(
          'tr',
          { class: 'govuk-table__row' },
          cell(h('time', { datetime: view.at }, timeInWords(view.at))),
          cell(view.who),
          cell(rolesInWords(view.roles)),
          cell(actionLabel(view.action)),
          cell(h('strong', { class: `govuk-tag ${outcome.tagClass}` }, outcome.text)),
        );
      }),
    );
    byId('views-table-box').hidden = views.length === 0;
    byId('views-empty').hidden = views.length > 0;
  }

  wire(): void {
    byId('revoke-yes').addEventListener('click', () => void this.revoke());
    byId('revoke-cancel').addEventListener('click', () => this.cancelRevoke());
    const form = byId<HTMLFormElement>('give-access-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.giveAccess(form);
    });
  }

  private async giveAccess(form: HTMLFormElement): Promise<void> {
    if (this.busy) return;
    const email = byId<HTMLInputElement>('grantee-email').value.trim();
    const scopes = [...form.querySelectorAll<HTMLInputElement>('input[name=scopes]')]
      .filter((box) => box.checked)
      .map((box) => box.value);
    const reason = byId<HTMLTextAreaElement>('reason').value.trim();
    const date = dateFromParts(
      byId<HTMLInputElement>('ends-on-day').value,
      byId<HTMLInputElement>('ends-on-month').value,
      byId<HTMLInputElement>('ends-on-year').value,
    );
    const missing: FieldProblem[] = [];
    if (email === '') missing.push({ field: 'grantee_email', message: 'Enter their email address' });
    if (scopes.length === 0) missing.push({ field: 'scopes', message: 'Select at least one thing they can do' });
    if (!date.ok) missing.push({ field: 'ends_on', message: date.message });
    if (missing.length > 0 || !date.ok) {
      this.errors.show(validationProblem(missing), FIELDS);
      return;
    }
    this.busy = true;
    try {
      const result = await api<Grant>('POST', grantsPath(this.personId), {
        grantee_email: email,
        scopes,
        ends_on: date.iso,
        reason,
      });
      if (!result.ok) {
        this.errors.show(result.problem, FIELDS);
        return;
      }
      this.errors.clear();
      form.reset();
      if (!(await this.showGrants())) return;
      showSuccess(
        byId('notification'),
        'You have given someone access to your record',
        `${email} can use it until ${dateInWords(date.iso)}.`,
      );
      await this.showViews();
    } finally {
      this.busy = false;
    }
  }
}

/**
 * The budget holder's plan and budget, in their own words: the statement, the plan, the
 * reviews and the PDF; or, before a budget is in place, what happens next. Returns false
 * after showing a problem.
 */
async function showBudget(personId: string): Promise<boolean> {
  const host = byId('budget-content');
  const budget = await api<Budget>('GET', budgetPaths.api(personId));
  if (budget.ok) {
    const plan = await api<Plan>('GET', planApiPath.plan(budget.data.plan_id));
    if (!plan.ok) {
      showPageProblem(plan.problem);
      return false;
    }
    replaceChildren(
      host,
      statementParts(budget.data, 'self'),
      planParts(plan.data, 'self'),
      reviewParts(budget.data, 'self'),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'budget-page', href: budgetPaths.page(personId) }, 'Your plan and budget on a page to print')),
    );
    return true;
  }
  if (budget.problem.status !== 404) {
    showPageProblem(budget.problem);
    return false;
  }
  // No budget yet: the record's stage says what happens next.
  const person = await api<PersonFile & { plans?: PlanVersionSummary[]; closure?: { words: string } | null }>('GET', caseworkApiPath.person(personId));
  if (!person.ok && person.problem.status !== 404) {
    showPageProblem(person.problem);
    return false;
  }
  replaceChildren(
    host,
    h('h2', { class: 'govuk-heading-m', id: 'no-budget-heading' }, 'Your plan and budget'),
    h(
      'p',
      { class: 'govuk-body', id: 'what-happens-next' },
      person.ok
        ? whatHappensNext(person.data, 'self')
        : 'The council has not started your record yet. Once it has, your support plan and your budget will be shown here.',
    ),
  );
  return true;
}

async function showRecord(session: Session): Promise<void> {
  const personId = session.user.person_id;
  if (!personId) {
    byId('not-linked').hidden = false;
    return;
  }
  if (!(await showBudget(personId))) return;
  renderScopeCheckboxes();
  const page = new RecordPage(personId);
  page.wire();
  if (!(await page.showGrants())) return;
  byId('record-section').hidden = false;
  await page.showViews();
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/my-record' });
  if (!page) return;
  await showRecord(page.session);
}

void main();
