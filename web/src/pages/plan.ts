// /person/plan?person=… (start a plan) or /person/plan?plan=… (change a draft or returned
// version): the support plan builder. The outcomes in the person's words; the items (what,
// who, unit, price, how many, how often, which outcomes, how paid), added and removed without
// losing what is typed elsewhere; who helped write it; risks; what happens in an emergency.
// Beside it the money left (the indicative budget a year minus the plan's first-year cost, and
// a week), worked out live in integer pence by src/plan-cost.ts, with a GOV.UK warning when the
// plan goes above the indicative budget; after saving, the server's figure is shown.
// Saving sends the revision read: a 409 means someone else saved first, and nothing is lost
// from the page. "Save and check the plan" goes on to /person/plan/check.
import '../main';
import { api, type Session } from '../api';
import { personHomePath } from '../budget-view';
import { caseworkApiPath, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { formatPence } from '../money';
import { lineCost, parseWeeksPerYear, priceInPence, quantityInHundredths } from '../plan-cost';
import {
  CONFLICT_MESSAGE,
  FREQUENCIES,
  PLAN_STATUS_LABELS,
  ROUTES,
  SUPPLIERS,
  WRITTEN_WITH,
  indicativeAnnualPence,
  isEditable,
  isStaleRevision,
  itemFieldId,
  itemFromService,
  moneyPanel,
  nextOutcomeId,
  planApiPath,
  planBody,
  planFieldIds,
  planPaths,
  plainNumber,
  problemWithMessage,
  schemeWeeksPerYear,
  yearAndWeek,
  type Choice,
  type Plan,
  type PlanDraft,
  type PlanItem,
  type PlanOutcome,
  type PlanRisk,
  type SchemeSettings,
} from '../plan-view';
import type { Code, DirectoryCodes, ProviderPage } from '../market-view';

const LIVE_DELAY_MS = 300;

let itemCounter = 0;
let riskCounter = 0;

/** A set of GOV.UK radios or checkboxes inside a fieldset, in a form group. */
function choiceGroup(options: {
  kind: 'radio' | 'checkbox';
  name: string;
  firstId: string;
  legend: (Node | string)[];
  hint?: string;
  choices: readonly Choice[];
  checked: readonly string[];
  small?: boolean;
  inline?: boolean;
}): HTMLElement {
  const hintId = `${options.firstId}-hint`;
  const base = options.kind === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  const classes = [base, options.small ? `${base}--small` : '', options.inline ? `${base}--inline` : ''].filter(Boolean).join(' ');
  return h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': options.hint ? hintId : undefined },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, options.legend),
      options.hint ? h('div', { class: 'govuk-hint', id: hintId }, options.hint) : null,
      h(
        'div',
        { class: classes, 'data-module': options.kind === 'radio' ? 'govuk-radios' : 'govuk-checkboxes' },
        options.choices.map((choice, i) => {
          const id = i === 0 ? options.firstId : `${options.firstId}-${i + 1}`;
          const choiceHintId = `${id}-item-hint`;
          return h(
            'div',
            { class: `${base}__item` },
            h('input', {
              class: `${base}__input`,
              id,
              name: options.name,
              type: options.kind,
              value: choice.value,
              checked: options.checked.includes(choice.value),
              'aria-describedby': choice.hint ? choiceHintId : undefined,
            }),
            h('label', { class: `govuk-label ${base}__label`, for: id }, choice.label),
            choice.hint ? h('div', { class: `govuk-hint ${base}__hint`, id: choiceHintId }, choice.hint) : null,
          );
        }),
      ),
    ),
  );
}

function textInput(id: string, label: (Node | string)[], value: string, options: { hint?: string; width?: string; prefix?: string; inputmode?: string; spellcheck?: boolean } = {}): HTMLElement {
  const hintId = `${id}-hint`;
  const input = h('input', {
    class: `govuk-input${options.width ? ` govuk-input--width-${options.width}` : ''}`,
    id,
    name: id,
    type: 'text',
    value,
    inputmode: options.inputmode,
    spellcheck: options.spellcheck === false ? 'false' : undefined,
    'aria-describedby': options.hint ? hintId : undefined,
  });
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: id }, label),
    options.hint ? h('div', { class: 'govuk-hint', id: hintId }, options.hint) : null,
    options.prefix
      ? h('div', { class: 'govuk-input__wrapper' }, h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, options.prefix), input)
      : input,
  );
}

function textArea(id: string, label: (Node | string)[], value: string, rows = 3, labelClass = 'govuk-label'): HTMLElement {
  const area = h('textarea', { class: 'govuk-textarea', id, name: id, rows: String(rows) });
  area.value = value;
  return h('div', { class: 'govuk-form-group' }, h('label', { class: labelClass, for: id }, label), area);
}

/** "Item 2" text kept in step with the item's place in the list. */
function numbered(kind: 'item' | 'outcome' | 'risk', prefix: string, suffix = ''): HTMLElement {
  return h('span', { 'data-number': kind, 'data-prefix': prefix, 'data-suffix': suffix });
}

/** The same, read by screen readers only. */
function hiddenNumber(kind: 'item' | 'outcome' | 'risk', prefix: string, suffix = ''): HTMLElement {
  return h('span', { class: 'govuk-visually-hidden' }, numbered(kind, prefix, suffix));
}

class Builder {
  readonly form = byId<HTMLFormElement>('plan-form');
  readonly errors = new FormErrors(byId('error-summary'), this.form);
  private timer: number | undefined;

  constructor(
    private plan: Plan | null,
    private readonly person: PersonFile,
    private indicativeAnnual: number | null,
    private weeksPerYear: string,
    private readonly kinds: readonly Code[],
  ) {}

  // ----- Reading the form -----

  outcomeIds(): string[] {
    return [...byId('outcomes').querySelectorAll<HTMLElement>('[data-outcome]')].map((row) => row.dataset['outcome'] ?? '');
  }

  private value(id: string): string {
    const el = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
    return el?.value ?? '';
  }

  private checked(name: string): string[] {
    return [...this.form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
  }

  draft(): PlanDraft {
    const outcomes: PlanOutcome[] = this.outcomeIds().map((id) => ({ id, words: this.value(`outcome-${id}`) }));
    const items = [...byId('items').querySelectorAll<HTMLElement>('[data-item]')].map((row) => {
      const key = row.dataset['item'] ?? '';
      const f = (field: string): string => this.value(itemFieldId(key, field));
      return {
        key,
        what: f('what'),
        supplier: this.checked(`${itemFieldId(key, 'supplier')}`)[0] ?? '',
        supplier_name: f('supplier_name'),
        unit: f('unit'),
        unit_price: f('unit_price'),
        quantity: f('quantity'),
        frequency: this.checked(`${itemFieldId(key, 'frequency')}`)[0] ?? '',
        outcomes: this.checked(`${itemFieldId(key, 'outcomes')}`),
        route: this.checked(`${itemFieldId(key, 'route')}`)[0] ?? '',
        service_id: row.dataset['serviceId'] ?? null,
        service_type: row.dataset['serviceId'] ? (row.dataset['serviceType'] ?? '') : f('service_type'),
      };
    });
    const risks = [...byId('risks').querySelectorAll<HTMLElement>('[data-risk]')].map((row) => {
      const key = row.dataset['risk'] ?? '';
      return { key, risk: this.value(`risk-${key}-risk`), how_managed: this.value(`risk-${key}-how-managed`) };
    });
    return { outcomes, items, writtenWith: this.checked('written-with'), risks, emergency: this.value('emergency') };
  }

  // ----- Drawing -----

  fill(plan: Plan | null): void {
    const outcomes = plan && plan.outcomes.length > 0 ? plan.outcomes : [{ id: 'o1', words: '' }];
    replaceChildren(byId('outcomes'), outcomes.map((o) => this.outcomeRow(o)));
    replaceChildren(byId('items'), (plan?.items ?? []).map((item) => this.itemRow(item)));
    replaceChildren(
      byId('written-with-boxes'),
      WRITTEN_WITH.map((choice, i) => {
        const id = i === 0 ? 'written-with' : `written-with-${i + 1}`;
        return h(
          'div',
          { class: 'govuk-checkboxes__item' },
          h('input', { class: 'govuk-checkboxes__input', id, name: 'written-with', type: 'checkbox', value: choice.value, checked: (plan?.written_with ?? []).includes(choice.value) }),
          h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, choice.label),
        );
      }),
    );
    const risks = plan && plan.risks.length > 0 ? plan.risks : [{ risk: '', how_managed: '' }];
    replaceChildren(byId('risks'), risks.map((r) => this.riskRow(r)));
    byId<HTMLTextAreaElement>('emergency').value = plan?.emergency ?? '';
    this.renumber();
    this.updateMoney(true);
    this.showSaved();
  }

  private removeButton(label: string, hidden: HTMLElement, onRemove: () => void, id?: string): HTMLElement {
    const button = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', id }, label, hidden);
    button.addEventListener('click', onRemove);
    return button;
  }

  outcomeRow(o: PlanOutcome): HTMLElement {
    const row = h(
      'div',
      { class: 'app-plan-row', 'data-outcome': o.id, id: `outcome-row-${o.id}` },
      textArea(`outcome-${o.id}`, [numbered('outcome', 'Outcome ')], o.words, 2, 'govuk-label govuk-label--s'),
    );
    row.append(
      this.removeButton('Remove', visuallyHidden(' this outcome'), () => {
        const rows = [...byId('outcomes').querySelectorAll('[data-outcome]')];
        if (rows.length <= 1) {
          byId<HTMLTextAreaElement>(`outcome-${o.id}`).value = '';
          byId(`outcome-${o.id}`).focus();
        } else {
          const index = rows.indexOf(row);
          row.remove();
          const next = rows[index + 1] ?? rows[index - 1];
          const id = (next as HTMLElement | undefined)?.dataset['outcome'];
          if (id) byId(`outcome-${id}`).focus();
        }
        this.afterOutcomesChange();
      }),
    );
    return row;
  }

  itemRow(item: Omit<PlanItem, 'line_pence'> | null): HTMLElement {
    itemCounter += 1;
    const key = `i${itemCounter}`;
    const id = (field: string): string => itemFieldId(key, field);
    const n = (before: string, after = ''): HTMLElement => numbered('item', before, after);
    // "(item 2)" after a question, for a screen reader moving from box to box.
    const ofItem = (extra = ''): HTMLElement => hiddenNumber('item', `${extra} (item `, ')');
    const row = h(
      'div',
      { class: 'app-plan-item', 'data-item': key, id: `item-row-${key}` },
      h('h3', { class: 'govuk-heading-s', id: id('heading'), tabindex: '-1' }, n('Item ')),
      textInput(id('what'), ['What is it?', ofItem()], item?.what ?? '', { hint: 'For example, help to get up and dressed, or a gym pass' }),
      item?.service_id ? this.fromDirectory(key, item) : null,
      choiceGroup({ kind: 'radio', name: id('supplier'), firstId: id('supplier'), legend: ['Who gives it?', ofItem()], choices: SUPPLIERS, checked: [item?.supplier || 'to_be_chosen'], small: true }),
      textInput(id('supplier_name'), ['Their name, if known', ofItem()], item?.supplier_name ?? ''),
      textInput(id('unit'), ['What is one unit?', ofItem()], item?.unit ?? 'hour', { hint: 'For example hour, visit, session or item', width: '10' }),
      textInput(id('unit_price'), ['Price of one unit', ofItem(' in pounds')], item?.unit_price ?? '', { hint: 'In pounds, like 21.50', width: '10', prefix: '£', inputmode: 'decimal', spellcheck: false }),
      textInput(id('quantity'), ['How many units', ofItem()], plainNumber(item?.quantity ?? ''), { hint: 'Like 10 or 2.5', width: '5', inputmode: 'decimal', spellcheck: false }),
      choiceGroup({ kind: 'radio', name: id('frequency'), firstId: id('frequency'), legend: ['How often?', ofItem()], choices: FREQUENCIES, checked: [item?.frequency || 'per_week'], small: true }),
      h('div', { id: id('outcomes-group') }),
      choiceGroup({ kind: 'radio', name: id('route'), firstId: id('route'), legend: ['How is it paid for?', ofItem()], choices: ROUTES, checked: [item?.route || 'direct_payment'], small: true }),
      item?.service_id ? null : this.kindSelect(key, item?.service_type ?? '', ofItem()),
      h('p', { class: 'govuk-body', id: id('line-cost') }),
      h('div', { id: id('approval') }),
    );
    if (item?.service_id) {
      row.dataset['serviceId'] = item.service_id;
      row.dataset['serviceType'] = item.service_type ?? '';
    }
    this.drawItemOutcomes(row, item?.outcomes ?? []);
    row.append(
      this.removeButton('Remove', h('span', { class: 'govuk-visually-hidden' }, ' ', n('item ')), () => {
        const rows = [...byId('items').querySelectorAll<HTMLElement>('[data-item]')];
        const index = rows.indexOf(row);
        row.remove();
        const next = rows[index + 1] ?? rows[index - 1];
        const nextKey = next?.dataset['item'];
        this.renumber();
        this.updateMoney(false);
        if (nextKey) byId(itemFieldId(nextKey, 'heading')).focus();
        else byId('add-item').focus();
      }, id('remove')),
    );
    return row;
  }

  /** What an item chosen in the directory says about where it came from. */
  private fromDirectory(key: string, item: Omit<PlanItem, 'line_pence'>): HTMLElement {
    const kind = item.service_type_label || this.kinds.find((k) => k.code === item.service_type)?.label || '';
    return h(
      'div',
      { class: 'govuk-inset-text', id: itemFieldId(key, 'from-directory') },
      'Chosen from the council’s directory',
      item.supplier_name ? ` (${item.supplier_name})` : '',
      kind ? `. Kind of support: ${kind}.` : '.',
      ' To choose a different service, remove this item and find another.',
    );
  }

  /** "What kind of support is it?": the directory's service types, or not said. */
  private kindSelect(key: string, chosen: string, ofItem: HTMLElement): HTMLElement {
    const selectId = itemFieldId(key, 'service_type');
    return h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label', for: selectId }, 'What kind of support is it? (optional)', ofItem),
      h('div', { class: 'govuk-hint', id: `${selectId}-hint` }, 'This helps the council see what people are looking for, and what is hard to find.'),
      h(
        'select',
        { class: 'govuk-select', id: selectId, name: selectId, 'aria-describedby': `${selectId}-hint` },
        h('option', { value: '' }, 'Not said'),
        this.kinds.map((k) => h('option', { value: k.code, selected: k.code === chosen ? true : undefined }, k.label)),
      ),
    );
  }

  /** A new item for a service chosen in the directory, at the end of the list, with the focus on it. */
  addFromDirectory(item: Omit<PlanItem, 'line_pence'>): string {
    const row = this.itemRow(item);
    byId('items').append(row);
    this.renumber();
    this.updateMoney(true);
    const key = row.dataset['item'] ?? '';
    return key;
  }

  /** Under each item the scheme's approved list does not allow, why, from the plan as saved. */
  showApprovals(): void {
    const rows = [...byId('items').querySelectorAll<HTMLElement>('[data-item]')];
    rows.forEach((row, i) => {
      const key = row.dataset['item'] ?? '';
      const host = document.getElementById(itemFieldId(key, 'approval'));
      if (!host) return;
      const approval = this.plan?.items[i]?.approval;
      replaceChildren(
        host,
        approval && !approval.allowed
          ? h(
              'div',
              { class: 'govuk-warning-text' },
              h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
              h('strong', { class: 'govuk-warning-text__text' }, visuallyHidden('Warning'), ' ', approval.reason ?? 'This item is not on the approved list.'),
            )
          : null,
      );
    });
  }

  /** The item's "Which outcomes does it help with?" boxes, from the outcomes as they are now. */
  drawItemOutcomes(row: HTMLElement, checked: readonly string[]): void {
    const key = row.dataset['item'] ?? '';
    const host = row.querySelector<HTMLElement>(`#${itemFieldId(key, 'outcomes-group')}`);
    if (!host) return;
    const outcomes = this.outcomeIds().map((id, i) => {
      const words = this.value(`outcome-${id}`).trim();
      return { value: id, label: words ? `${i + 1}. ${words.length > 80 ? `${words.slice(0, 79)}…` : words}` : `Outcome ${i + 1}` };
    });
    replaceChildren(
      host,
      choiceGroup({
        kind: 'checkbox',
        name: itemFieldId(key, 'outcomes'),
        firstId: itemFieldId(key, 'outcomes'),
        legend: ['Which outcomes does it help with?', hiddenNumber('item', ' (item ', ')')],
        hint: 'Select all that apply.',
        choices: outcomes,
        checked,
        small: true,
      }),
    );
  }

  riskRow(r: PlanRisk): HTMLElement {
    riskCounter += 1;
    const key = `r${riskCounter}`;
    const row = h(
      'div',
      { class: 'app-plan-row', 'data-risk': key, id: `risk-row-${key}` },
      textArea(`risk-${key}-risk`, [numbered('risk', 'Risk ')], r.risk, 2, 'govuk-label govuk-label--s'),
      textArea(`risk-${key}-how-managed`, ['How they have chosen to manage it', hiddenNumber('risk', ' (risk ', ')')], r.how_managed, 2),
    );
    row.append(
      this.removeButton('Remove', h('span', { class: 'govuk-visually-hidden' }, ' ', numbered('risk', 'risk ')), () => {
        const rows = [...byId('risks').querySelectorAll<HTMLElement>('[data-risk]')];
        const index = rows.indexOf(row);
        row.remove();
        const next = rows[index + 1] ?? rows[index - 1];
        this.renumber();
        const nextKey = next?.dataset['risk'];
        if (nextKey) byId(`risk-${nextKey}-risk`).focus();
        else byId('add-risk').focus();
      }),
    );
    return row;
  }

  /** Every "Item 2", "Outcome 1", "Risk 3" text, in step with the order on the page. */
  renumber(): void {
    for (const [kind, list, attr] of [['item', 'items', 'data-item'], ['outcome', 'outcomes', 'data-outcome'], ['risk', 'risks', 'data-risk']] as const) {
      byId(list).querySelectorAll(`[${attr}]`).forEach((row, i) => {
        for (const span of row.querySelectorAll<HTMLElement>(`[data-number="${kind}"]`)) {
          span.textContent = `${span.dataset['prefix'] ?? ''}${i + 1}${span.dataset['suffix'] ?? ''}`;
        }
      });
    }
  }

  afterOutcomesChange(): void {
    this.renumber();
    for (const row of byId('items').querySelectorAll<HTMLElement>('[data-item]')) {
      const key = row.dataset['item'] ?? '';
      this.drawItemOutcomes(row, this.checked(itemFieldId(key, 'outcomes')));
    }
    this.renumber();
  }

  // ----- Money -----

  /** Each item's own cost line, and the panel; the live region is updated after a pause. */
  updateMoney(now: boolean): void {
    const draft = this.draft();
    for (const item of draft.items) {
      const price = priceInPence(item.unit_price);
      const quantity = quantityInHundredths(item.quantity);
      const line = document.getElementById(itemFieldId(item.key, 'line-cost'));
      if (!line) continue;
      if (price === null || quantity === null) {
        line.textContent = 'Enter the price and how many to see what this item costs.';
      } else {
        const how = item.frequency === 'per_year' ? ' each year' : item.frequency === 'one_off' ? ' once' : ' each week';
        replaceChildren(line, 'This item costs ', h('strong', {}, `${formatPence(lineCost(price, quantity))}${how}`), '.');
      }
    }
    window.clearTimeout(this.timer);
    if (now) this.drawMoney(draft);
    else this.timer = window.setTimeout(() => this.drawMoney(this.draft()), LIVE_DELAY_MS);
  }

  private drawMoney(draft: PlanDraft): void {
    const host = byId('money-live');
    const panel = moneyPanel(draft, this.indicativeAnnual, this.weeksPerYear);
    if (!panel) {
      replaceChildren(host, h('p', { class: 'govuk-body' }, 'The money left cannot be worked out here; save the plan to see its cost.'));
      return;
    }
    const rows: HTMLElement[] = [];
    rows.push(
      h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, 'Indicative budget'),
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'money-indicative' }, panel.indicativeAnnual === null ? 'Not worked out yet' : `${formatPence(panel.indicativeAnnual)} a year`),
      h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, 'This plan costs'),
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'money-cost' }, yearAndWeek(panel.cost.firstYear, panel.cost.weekly), panel.cost.oneOff > 0n ? ` including ${formatPence(panel.cost.oneOff)} one-off` : ''),
    );
    if (panel.left) {
      rows.push(
        h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, 'Money left'),
        h('p', { class: 'govuk-heading-m', id: 'money-left' }, yearAndWeek(panel.left.annual, panel.left.weekly)),
      );
    }
    if (panel.warning) {
      rows.push(
        h(
          'div',
          { class: 'govuk-warning-text', id: 'over-budget' },
          h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h('strong', { class: 'govuk-warning-text__text' }, visuallyHidden('Warning'), ' ', panel.warning),
        ),
      );
    }
    if (panel.incomplete > 0) {
      rows.push(h('p', { class: 'govuk-body-s', id: 'money-incomplete' }, panel.incomplete === 1 ? '1 item is not counted yet: enter its price and how many.' : `${panel.incomplete} items are not counted yet: enter their prices and how many.`));
    }
    replaceChildren(host, rows);
  }

  /** The server's own figure for the version as last saved. */
  showSaved(): void {
    this.showApprovals();
    const host = byId('money-saved');
    if (!this.plan) {
      replaceChildren(host);
      return;
    }
    const cost = this.plan.cost;
    replaceChildren(
      host,
      h('h3', { class: 'govuk-heading-s' }, 'As last saved'),
      h('p', { class: 'govuk-body', id: 'saved-cost' }, `${formatPence(cost.first_year_pence)} a year (${formatPence(cost.weekly_pence)} a week)`),
      this.plan.against_indicative ? h('p', { class: 'govuk-body-s', id: 'saved-against' }, `${this.plan.against_indicative}.`) : null,
    );
  }

  // ----- Saving -----

  async save(then: 'stay' | 'check' | 'directory'): Promise<void> {
    const draft = this.draft();
    const fieldIds = planFieldIds(draft);
    const body = planBody(draft);
    const result = this.plan
      ? await api<Plan>('PUT', planApiPath.plan(this.plan.id), { ...body, revision: this.plan.revision })
      : await api<Plan>('POST', planApiPath.create(this.person.id), body);
    if (!result.ok) {
      if (isStaleRevision(result.problem)) {
        this.errors.show(problemWithMessage(result.problem, CONFLICT_MESSAGE), {});
      } else {
        showFormProblem(this.errors, result.problem, fieldIds);
      }
      return;
    }
    this.errors.clear();
    const first = this.plan === null;
    this.plan = result.data;
    if (this.plan.indicative_annual_pence !== null) this.indicativeAnnual = this.plan.indicative_annual_pence;
    this.weeksPerYear = this.plan.weeks_per_year;
    if (first) window.history.replaceState(null, '', planPaths.builder(this.plan.id));
    if (then === 'check') {
      setFlash({ heading: 'The plan has been saved' });
      window.location.assign(planPaths.check(this.plan.id));
      return;
    }
    if (then === 'directory') {
      window.location.assign(planPaths.findService(this.plan.id));
      return;
    }
    this.showSaved();
    this.updateMoney(true);
    showSuccess(byId('notification'), 'The plan has been saved', `Version ${this.plan.version}. It costs ${formatPence(this.plan.cost.first_year_pence)} a year.`);
  }

  wire(): void {
    byId('add-outcome').addEventListener('click', () => {
      const id = nextOutcomeId(this.outcomeIds());
      byId('outcomes').append(this.outcomeRow({ id, words: '' }));
      this.afterOutcomesChange();
      byId(`outcome-${id}`).focus();
    });
    byId('add-item').addEventListener('click', () => {
      const row = this.itemRow(null);
      byId('items').append(row);
      this.renumber();
      this.updateMoney(false);
      byId(itemFieldId(row.dataset['item'] ?? '', 'what')).focus();
    });
    byId('add-risk').addEventListener('click', () => {
      const row = this.riskRow({ risk: '', how_managed: '' });
      byId('risks').append(row);
      this.renumber();
      byId(`risk-${row.dataset['risk'] ?? ''}-risk`).focus();
    });
    this.form.addEventListener('input', (event) => {
      const target = event.target as HTMLElement;
      // An outcome's words are the labels of the items' outcome boxes.
      if (target.id.startsWith('outcome-')) this.afterOutcomesChange();
      this.updateMoney(false);
    });
    this.form.addEventListener('change', () => this.updateMoney(false));
    let busy = false;
    this.form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      try {
        await this.save(submitter?.value === 'draft' ? 'stay' : 'check');
      } finally {
        busy = false;
      }
    });
    byId('find-service').addEventListener('click', async () => {
      if (busy) return;
      busy = true;
      try {
        await this.save('directory');
      } finally {
        busy = false;
      }
    });
  }
}

async function loadWeeksPerYear(session: Session): Promise<string> {
  // The scheme's settings are for council staff: a budget holder or representative writing
  // the plan sees the money worked out once the plan is saved.
  if (session.user.roles.every((role) => role === 'budget-holder' || role === 'representative')) return '';
  const schemes = await api<{ schemes: SchemeSettings[] }>('GET', `/api/councils/${encodeURIComponent(session.user.council_id)}/schemes`);
  return schemes.ok ? schemeWeeksPerYear(schemes.data.schemes) : '';
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload' });
  if (!page) return;
  const params = new URLSearchParams(window.location.search);
  const planId = params.get('plan') ?? '';
  let personId = params.get('person') ?? '';
  let plan: Plan | null = null;
  if (planId) {
    const loaded = await api<Plan>('GET', planApiPath.plan(planId));
    if (!loaded.ok) return showPageProblem(loaded.problem);
    plan = loaded.data;
    personId = plan.person_id;
  }
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose plan to show. Open it from the person’s record.', errors: [] });
  }
  const personResult = await api<PersonFile>('GET', caseworkApiPath.person(personId));
  if (!personResult.ok) return showPageProblem(personResult.problem);
  const person = personResult.data;
  byId('person-caption').textContent = person.full_name;
  const home = personHomePath(page.session.user.roles, person.id, page.session.user.person_id);
  const backToPerson = byId<HTMLAnchorElement>('back-to-person');
  backToPerson.href = home.href;
  backToPerson.textContent = home.text;
  document.title = `Support plan – ${person.full_name} – selfdirect`;

  if (plan && !isEditable(plan.status)) {
    byId('page-heading').textContent = `Support plan, version ${plan.version}`;
    replaceChildren(
      byId('loading'),
      `This version is ${(PLAN_STATUS_LABELS[plan.status] ?? plan.status).toLowerCase()} and can no longer be changed. `,
      h('a', { class: 'govuk-link', href: planPaths.check(plan.id) }, 'See the plan'),
      '.',
    );
    return;
  }
  if (!plan && !person.assessment) {
    replaceChildren(byId('loading'), 'A plan is written once the indicative budget has been worked out. ', h('a', { class: 'govuk-link', href: home.href }, 'Go back to the record'), '.');
    return;
  }

  let weeksPerYear = plan?.weeks_per_year ?? '';
  let indicative = plan?.indicative_annual_pence ?? null;
  if (!plan) {
    weeksPerYear = await loadWeeksPerYear(page.session);
    if (weeksPerYear && person.assessment) indicative = indicativeAnnualPence(person.assessment.amount_pence, person.assessment.period, weeksPerYear);
  }
  if (!parseWeeksPerYear(weeksPerYear)) weeksPerYear = '';

  byId('page-heading').textContent = plan ? `Support plan, version ${plan.version}` : 'Start a support plan';
  byId('plan-status').textContent = plan
    ? `${PLAN_STATUS_LABELS[plan.status] ?? plan.status}. Changes are kept when you save.`
    : 'Nothing is kept until you save.';
  const codes = await api<DirectoryCodes>('GET', '/api/directory/codes');
  const builder = new Builder(plan, person, indicative, weeksPerYear, codes.ok ? codes.data.service_types : []);
  builder.fill(plan);
  builder.wire();
  byId('loading').remove();
  byId('plan-section').hidden = false;
  if (plan) await addChosenService(builder, plan, params);
}

/** Back from Find support with a service: it becomes a new item, not yet saved. */
async function addChosenService(builder: Builder, plan: Plan, params: URLSearchParams): Promise<void> {
  const serviceId = params.get('add_service') ?? '';
  const providerId = params.get('provider') ?? '';
  if (!serviceId || !providerId) return;
  // Reloading the page must not add it twice.
  window.history.replaceState(null, '', planPaths.builder(plan.id));
  const page = await api<ProviderPage>('GET', `/api/directory/providers/${encodeURIComponent(providerId)}`);
  const service = page.ok ? page.data.services.find((s) => s.id === serviceId) : undefined;
  if (!page.ok || !service) {
    showPageProblemInBanner('That service is no longer in the directory. Find another, or add the item yourself.');
    return;
  }
  const key = builder.addFromDirectory(itemFromService({ ...service, provider_name: page.data.provider.name }));
  showSuccess(byId('notification'), `${service.what} from ${page.data.provider.name} has been added`, 'Say how many and which outcomes it helps with, then save the plan.');
  byId(itemFieldId(key, 'heading')).focus();
}

function showPageProblemInBanner(message: string): void {
  replaceChildren(
    byId('notification'),
    h(
      'div',
      { class: 'govuk-notification-banner', role: 'region', 'aria-labelledby': 'directory-problem-title', 'data-module': 'govuk-notification-banner' },
      h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: 'directory-problem-title' }, 'Important')),
      h('div', { class: 'govuk-notification-banner__content' }, h('p', { class: 'govuk-notification-banner__heading' }, message)),
    ),
  );
}

void main();
