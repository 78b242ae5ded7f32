/**
 * Statement import's pure parts: what the statements API sends, each line's category in plain
 * English, which categories a line may be changed to, and the re-categorisation request with
 * its own checks. No DOM, no fetch.
 *
 *   categoryText(line, view.plan_items)   // 'Plan item: Help to get up and dressed (Jade Okafor)'
 *   choicesFor(line)                      // [{ value: 'plan_item', text: 'Spent on a plan item' }, …]
 *   recategoriseBody({ row: '8', category: 'not_in_plan', planItem: '', note: '' })
 *   statementsApiPath.importInto('01J…', 'Northern Bank')
 */
import { dateInWords } from './casework-view';
import type { FieldProblem } from './problem';

export interface StatementFormat {
  name: string;
  council_payers: string[];
  yaml: string;
  created_at: string;
}

export interface StatementImport {
  id: string;
  account_id: string;
  person_id: string;
  format: string;
  file_sha256: string;
  plan_id: string | null;
  imported_at: string;
  imported_by: string;
  lines: number;
  money_in_pence: number;
  money_in: string;
  money_out_pence: number;
  money_out: string;
  flagged: number;
  transfers: number;
}

export interface StatementLine {
  row: number;
  line: number;
  date: string;
  payee: string;
  amount_pence: number;
  amount: string;
  reference: string;
  description: string;
  balance_pence: number | null;
  card: string;
  category: string;
  plan_item: number | null;
  reason: string;
  needs_review: boolean;
  recategorised: boolean;
  note: string;
  recategorised_at: string | null;
  recategorised_by: string;
  transfer_id: string | null;
}

export interface StatementPlanItem {
  index: number;
  what: string;
  supplier_name: string;
}

export interface StatementView {
  import: StatementImport;
  account_name: string;
  plan_items: StatementPlanItem[];
  lines: StatementLine[];
}

export const statementsApiPath = {
  formats: '/api/statement-formats',
  importInto: (account: string, format: string): string =>
    `/api/ledger/accounts/${encodeURIComponent(account)}/statements?format=${encodeURIComponent(format)}`,
  importsOf: (account: string): string => `/api/ledger/accounts/${encodeURIComponent(account)}/statements`,
  import: (id: string): string => `/api/statements/${encodeURIComponent(id)}`,
  categories: (id: string): string => `/api/statements/${encodeURIComponent(id)}/categories`,
};

export const statementsPagePath = (query: { account?: string; import?: string } = {}): string => {
  const params = new URLSearchParams();
  if (query.account) params.set('account', query.account);
  if (query.import) params.set('import', query.import);
  const search = params.toString();
  return search ? `/finance/statements?${search}` : '/finance/statements';
};

/** What each category is called on the page. */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  plan_item: 'Plan item',
  unknown_payee: 'Unknown payee',
  cash_withdrawal: 'Cash withdrawal',
  bank_charge: 'Bank charge',
  not_in_plan: 'Not for the plan',
  council_payment: 'Council payment',
  top_up: 'Top-up',
  refund: 'Refund',
  other_money_in: 'Money in from someone unknown',
  no_money_moved: 'No money moved',
};

/** Lines someone should look at: the flag shown as a tag beside them. */
export function flagText(line: StatementLine): string {
  if (!line.needs_review) return '';
  return line.amount_pence < 0 ? 'Unknown payee' : 'Check who sent this';
}

/** The plan item in words: "Help to get up and dressed (Jade Okafor)". */
export function planItemText(item: StatementPlanItem): string {
  return item.supplier_name ? `${item.what} (${item.supplier_name})` : item.what;
}

/** The line's category in words, with its plan item when it has one. */
export function categoryText(line: StatementLine, items: readonly StatementPlanItem[]): string {
  const label = CATEGORY_LABELS[line.category] ?? line.category;
  const item = line.plan_item === null ? undefined : items.find((i) => i.index === line.plan_item);
  return item ? `${label}: ${planItemText(item)}` : label;
}

/** "Row 8: 12 November 2026, HMRC PAYE, -£61.20": a line as the re-categorise form lists it. */
export function lineText(line: StatementLine): string {
  return `Row ${line.row}: ${dateInWords(line.date)}, ${line.payee}, ${line.amount}`;
}

export interface CategoryChoice {
  value: string;
  text: string;
}

const MONEY_OUT_CHOICES: readonly CategoryChoice[] = [
  { value: 'plan_item', text: 'Spent on a plan item' },
  { value: 'cash_withdrawal', text: 'Cash taken out' },
  { value: 'bank_charge', text: 'A bank or card charge' },
  { value: 'not_in_plan', text: 'Not for the plan' },
];

const MONEY_IN_CHOICES: readonly CategoryChoice[] = [
  { value: 'top_up', text: 'A top-up from the person or someone else' },
  { value: 'refund', text: 'Money back from a supplier' },
];

/**
 * What a line may be said to be: money out one of the spending categories, money in a top-up
 * or a refund. A council payment and a £0.00 line cannot be changed (the money is, or is not,
 * already in the books): none.
 */
export function choicesFor(line: StatementLine): readonly CategoryChoice[] {
  if (line.category === 'council_payment' || line.amount_pence === 0) return [];
  return line.amount_pence < 0 ? MONEY_OUT_CHOICES : MONEY_IN_CHOICES;
}

/** Every category any line may be changed to, for the form's radios. */
export const ALL_CHOICES: readonly CategoryChoice[] = [...MONEY_OUT_CHOICES, ...MONEY_IN_CHOICES];

/** The lines that may be re-categorised. */
export function changeableLines(lines: readonly StatementLine[]): StatementLine[] {
  return lines.filter((line) => choicesFor(line).length > 0);
}

/** The form's answers, as typed. */
export interface RecategoriseInput {
  row: string;
  category: string | undefined;
  planItem: string;
  note: string;
}

export type RecategoriseBody = { changes: { row: number; category: string; plan_item: number | null; note: string }[] };

export type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldProblem[] };

/** The API's field names → the form's element ids. */
export const RECATEGORISE_FIELDS: Readonly<Record<string, string>> = {
  'changes[0].row': 'line-row',
  'changes[0].category': 'category',
  'changes[0].plan_item': 'plan-item',
  'changes[0].note': 'note',
  changes: 'line-row',
};

export const IMPORT_FIELDS: Readonly<Record<string, string>> = {
  account: 'account',
  format: 'format',
  file: 'statement-file',
};

/**
 * Checks the re-categorise form and builds the request: a line chosen, what it was, a plan
 * item when it was spent on one (and one that fits the line), a note of at most 500 characters.
 */
export function recategoriseBody(input: RecategoriseInput, lines: readonly StatementLine[]): Built<RecategoriseBody> {
  const errors: FieldProblem[] = [];
  const line = lines.find((l) => String(l.row) === input.row);
  if (!line) errors.push({ field: 'changes[0].row', message: 'Choose the line' });
  if (!input.category) {
    errors.push({ field: 'changes[0].category', message: 'Choose what the line was' });
  } else if (line && !choicesFor(line).some((c) => c.value === input.category)) {
    errors.push({
      field: 'changes[0].category',
      message: line.amount_pence < 0 ? 'Money went out on this line: choose what it was spent on' : 'Money came in on this line: choose a top-up or money back',
    });
  }
  let planItem: number | null = null;
  if (input.planItem !== '') planItem = Number(input.planItem);
  if (input.category === 'plan_item' && planItem === null) {
    errors.push({ field: 'changes[0].plan_item', message: 'Choose the plan item it was spent on' });
  }
  if (planItem !== null && input.category !== 'plan_item' && input.category !== 'refund') {
    errors.push({ field: 'changes[0].plan_item', message: 'Only spending on a plan item or money back has a plan item: choose “None”' });
  }
  if ([...input.note].length > 500) errors.push({ field: 'changes[0].note', message: 'The note must be 500 characters or fewer' });
  if (errors.length > 0 || !line || !input.category) return { ok: false, errors };
  return { ok: true, body: { changes: [{ row: line.row, category: input.category, plan_item: planItem, note: input.note.trim() }] } };
}

/** A summary line and the message by a field, as forms.ts draws them (see problem.ts). */
export interface ImportErrorModel {
  items: { text: string; href?: string }[];
  fields: Map<string, string>;
}

/**
 * The error summary for a refused import: what it adds up to ("The statement has 3 problems;
 * nothing was imported…"), then every problem the server named, in its order. Problems with a
 * row or the whole file link to the file upload, which also shows the summing-up message;
 * problems with the account or the format link to those.
 */
export function importErrorModel(
  problem: { title: string; detail: string; errors: readonly FieldProblem[] },
  fieldIds: Readonly<Record<string, string>> = IMPORT_FIELDS,
): ImportErrorModel {
  const fileBox = fieldIds['file'] ?? 'statement-file';
  const items: { text: string; href?: string }[] = [];
  const fields = new Map<string, string>();
  const fileProblems = problem.errors.filter((e) => e.field === 'file' || e.field.startsWith('rows['));
  const rowProblems = problem.errors.some((e) => e.field.startsWith('rows['));
  if (rowProblems && problem.detail) {
    items.push({ text: problem.detail, href: `#${fileBox}` });
    fields.set(fileBox, problem.detail);
  }
  for (const error of problem.errors) {
    const id = Object.hasOwn(fieldIds, error.field) ? fieldIds[error.field] : fileProblems.includes(error) ? fileBox : undefined;
    if (id && !fields.has(id)) fields.set(id, error.message);
    items.push(id ? { text: error.message, href: `#${id}` } : { text: error.message });
  }
  if (items.length === 0) items.push({ text: problem.detail || problem.title });
  return { items, fields };
}

/** The import form's answers, checked before anything is sent. */
export function importProblems(input: { account: string; format: string; hasFile: boolean }): FieldProblem[] {
  const errors: FieldProblem[] = [];
  if (!/^[0-9A-Za-z]{26}$/.test(input.account.trim())) {
    errors.push({ field: 'account', message: 'Enter the direct payment account’s ID: 26 letters and numbers' });
  }
  if (!input.format) errors.push({ field: 'format', message: 'Choose the statement’s format' });
  if (!input.hasFile) errors.push({ field: 'file', message: 'Choose the statement file (CSV) to import' });
  return errors;
}

/** A payment the council made into the account, as the reconciliation API sends it. */
export interface ReconciliationPayment {
  transfer_id: string;
  on: string;
  amount_pence: number;
  amount: string;
  reference: string;
}

/** A council payment line of an imported statement. */
export interface ReconciliationArrival {
  import_id: string;
  row: number;
  on: string;
  amount_pence: number;
  amount: string;
  payee: string;
}

/** GET /api/ledger/accounts/{account}/reconciliation. */
export interface Reconciliation {
  covers_from: string | null;
  covers_to: string | null;
  tolerance_days: number;
  clean: boolean;
  paid_total_pence: number;
  arrived_total_pence: number;
  matched_total_pence: number;
  matched: { payment: ReconciliationPayment; arrival: ReconciliationArrival; days: number }[];
  not_arrived: ReconciliationPayment[];
  not_covered: ReconciliationPayment[];
  not_paid: ReconciliationArrival[];
}

export const reconciliationApiPath = (account: string): string => `/api/ledger/accounts/${encodeURIComponent(account)}/reconciliation`;

/** One row of the reconciliation table, in words. `problem` rows are tagged red. */
export interface ReconciliationRow {
  on: string; // the earlier of the two dates, for ordering (ISO)
  paid: string;
  arrived: string;
  amount: string;
  status: string;
  tag: 'green' | 'red' | 'grey';
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** Every payment and arrival, oldest first: arrived, not shown arriving, not in the books, or not covered. */
export function reconciliationRows(r: Reconciliation): ReconciliationRow[] {
  const rows: ReconciliationRow[] = [
    ...r.matched.map((m) => ({
      on: m.payment.on, paid: dateInWords(m.payment.on), arrived: `${dateInWords(m.arrival.on)} (row ${m.arrival.row})`,
      amount: m.payment.amount, status: 'Arrived', tag: 'green' as const,
    })),
    ...r.not_arrived.map((p) => ({
      on: p.on, paid: dateInWords(p.on), arrived: 'Not on the statements', amount: p.amount, status: 'Not shown arriving', tag: 'red' as const,
    })),
    ...r.not_paid.map((a) => ({
      on: a.on, paid: 'Not in the books', arrived: `${dateInWords(a.on)} (row ${a.row})`, amount: a.amount, status: 'Not paid through selfdirect', tag: 'red' as const,
    })),
    ...r.not_covered.map((p) => ({
      on: p.on, paid: dateInWords(p.on), arrived: 'No statement covers this yet', amount: p.amount, status: 'Not covered', tag: 'grey' as const,
    })),
  ];
  return rows.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** What the reconciliation adds up to, in a sentence or two. */
export function reconciliationSummary(r: Reconciliation): string {
  if (r.covers_from === null || r.covers_to === null) return 'No statement has been imported into this account yet, so there is nothing to compare the council’s payments with.';
  const covers = `The statements cover ${dateInWords(r.covers_from)} to ${dateInWords(r.covers_to)}.`;
  const matched = `${plural(r.matched.length, 'payment', 'payments')} from the council ${r.matched.length === 1 ? 'was' : 'were'} shown arriving within ${r.tolerance_days} days.`;
  if (r.clean) return `${covers} ${matched} Nothing is missing.`;
  const problems: string[] = [];
  if (r.not_arrived.length > 0) problems.push(`${plural(r.not_arrived.length, 'payment is', 'payments are')} not shown arriving`);
  if (r.not_paid.length > 0) problems.push(`${plural(r.not_paid.length, 'amount', 'amounts')} arrived that the books do not have`);
  const them = r.not_arrived.length + r.not_paid.length === 1 ? 'it' : 'them';
  return `${covers} ${matched} ${problems.join('; ')}: check ${them} with the bank statement and the payment runs.`;
}
