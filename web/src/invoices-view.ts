/**
 * Provider invoices' pure parts: what the invoices API sends, the addresses, how a status is
 * tagged, the record form's body and its early checks, and the upload's error summary. No DOM,
 * no fetch.
 *
 *   invoiceTag('held')                  // { text: 'Held', modifier: 'govuk-tag--orange' }
 *   periodWords('2026-11-23', '2026-11-29') // '23 November 2026 to 29 November 2026'
 *   recordBody({ provider: 'Acorn Home Care', … })  // { ok: true, body } or { ok: false, errors }
 */
import { dateFromParts, dateInWords } from './casework-view';
import type { FieldProblem } from './problem';

export interface Invoice {
  id: string;
  provider_name: string;
  provider_id: string | null;
  person_id: string;
  person_name: string;
  invoice_number: string;
  period_from: string;
  period_to: string;
  units: string;
  unit: string | null;
  unit_price: string;
  total_pence: number;
  total: string;
  status: 'matched' | 'held' | 'approved' | 'rejected';
  status_label: string;
  hold_reasons: string[];
  plan_item: string | null;
  received_at: string;
  received_by_name: string;
  decided_at: string | null;
  decided_by_name: string | null;
  decision_reason: string | null;
  transfer_id: string | null;
  export_id: string | null;
}

export interface InvoiceExport {
  id: string;
  created_at: string;
  invoices: number;
  total_pence: number;
  total: string;
  file: string;
}

export interface InvoiceList {
  held: Invoice[];
  recent: Invoice[];
  to_export: number;
  to_export_total: string;
  exports: InvoiceExport[];
  tolerance_basis_points: number;
  tolerance_minimum_pence: number;
}

export interface InvoiceImport {
  invoices: Invoice[];
  matched: number;
  held: number;
  posted: string;
}

export const invoicesPagePath = '/finance/invoices';

export const invoicesApiPath = {
  list: '/api/invoices',
  create: '/api/invoices',
  file: '/api/invoice-files',
  exports: '/api/invoice-exports',
  approve: (id: string): string => `/api/invoices/${encodeURIComponent(id)}/approve`,
  reject: (id: string): string => `/api/invoices/${encodeURIComponent(id)}/reject`,
};

/** A status as a GOV.UK tag. */
export function invoiceTag(status: Invoice['status']): { text: string; modifier: string } {
  switch (status) {
    case 'matched':
      return { text: 'Matched', modifier: 'govuk-tag--green' };
    case 'held':
      return { text: 'Held', modifier: 'govuk-tag--orange' };
    case 'approved':
      return { text: 'Approved', modifier: 'govuk-tag--blue' };
    case 'rejected':
      return { text: 'Rejected', modifier: 'govuk-tag--red' };
  }
}

/** "23 November 2026 to 29 November 2026", or one day in words. */
export function periodWords(from: string, to: string): string {
  return from === to ? dateInWords(from) : `${dateInWords(from)} to ${dateInWords(to)}`;
}

/** "10 hours at £20.00" (or "10 × £20.00" when the plan item's unit is not known). */
export function unitsWords(invoice: Pick<Invoice, 'units' | 'unit' | 'unit_price'>): string {
  if (!invoice.unit) return `${invoice.units} × ${invoice.unit_price}`;
  const plural = invoice.units === '1' || invoice.unit.endsWith('s') ? invoice.unit : `${invoice.unit}s`;
  return `${invoice.units} ${plural} at ${invoice.unit_price}`;
}

/** "The tolerance is 2% of the expected amount" (and its minimum when there is one). */
export function toleranceWords(basisPoints: number, minimumPence: number): string {
  const percent = (basisPoints / 100).toString();
  const minimum = minimumPence > 0 ? `, and at least £${(minimumPence / 100).toFixed(2)}` : '';
  return `An invoice is held when its price is more than ${percent}% of the expected amount away from the plan’s${minimum}.`;
}

/** The server's field names and the record form's element ids. */
export const RECORD_FIELDS: Readonly<Record<string, string>> = {
  provider: 'provider',
  person_id: 'person-id',
  invoice_number: 'invoice-number',
  period_from: 'period-from-day',
  period_to: 'period-to-day',
  units: 'units',
  unit_price: 'unit-price',
  total: 'total',
};

export interface RecordInput {
  provider: string;
  personId: string;
  invoiceNumber: string;
  from: { day: string; month: string; year: string };
  to: { day: string; month: string; year: string };
  units: string;
  unitPrice: string;
  total: string;
}

export interface RecordBody {
  provider: string;
  person_id: string;
  invoice_number: string;
  period_from: string;
  period_to: string;
  units: string;
  unit_price: string;
  total: string;
}

export type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldProblem[] };

/**
 * Checks what can be checked before sending (each field filled in, the dates real) and builds
 * the request. Everything else — a real person, the amounts' form, the period — the server
 * checks, naming the field.
 */
export function recordBody(input: RecordInput): Built<RecordBody> {
  const errors: FieldProblem[] = [];
  const required = (field: string, value: string, message: string) => {
    if (!value.trim()) errors.push({ field, message });
  };
  required('provider', input.provider, 'Enter the provider’s name as the support plan gives it');
  required('person_id', input.personId, 'Enter the person’s reference from their record');
  required('invoice_number', input.invoiceNumber, 'Enter the invoice number the provider gave it');
  const from = dateFromParts(input.from.day, input.from.month, input.from.year, 'first day the invoice covers');
  if (!from.ok) errors.push({ field: 'period_from', message: from.message });
  const to = dateFromParts(input.to.day, input.to.month, input.to.year, 'last day the invoice covers');
  if (!to.ok) errors.push({ field: 'period_to', message: to.message });
  required('units', input.units, 'Enter how many units (hours, visits) the invoice is for');
  required('unit_price', input.unitPrice, 'Enter the price of one unit, like 20.00');
  required('total', input.total, 'Enter the invoice’s total, like 200.00');
  if (errors.length > 0 || !from.ok || !to.ok) return { ok: false, errors };
  return {
    ok: true,
    body: {
      provider: input.provider.trim(),
      person_id: input.personId.trim(),
      invoice_number: input.invoiceNumber.trim(),
      period_from: from.date,
      period_to: to.date,
      units: input.units.trim(),
      unit_price: input.unitPrice.trim().replace(/^£/, ''),
      total: input.total.trim().replace(/^£/, ''),
    },
  };
}

/** A decision's reason: required, at most 1,000 characters. */
export function reasonProblem(reason: string, approve: boolean): string | null {
  if (!reason.trim()) return approve ? 'Say why the invoice should be paid despite what held it' : 'Say why the invoice is rejected, so that the provider can be told';
  if (reason.trim().length > 1000) return 'The reason must be 1,000 characters or fewer';
  return null;
}

export interface UploadErrorModel {
  items: { text: string; href?: string }[];
  fields: Map<string, string>;
}

/**
 * The error summary for a refused file: the server's summary first, then every row's problem,
 * each linking to the file input (the rows are in the file, not on the page).
 */
export function uploadErrorModel(problem: { title: string; detail: string; errors: readonly FieldProblem[] }, fileId = 'invoice-file'): UploadErrorModel {
  const items: { text: string; href?: string }[] = [];
  const fields = new Map<string, string>();
  if (problem.errors.some((e) => e.field.startsWith('rows[')) && problem.detail) {
    items.push({ text: problem.detail, href: `#${fileId}` });
    fields.set(fileId, problem.detail);
  }
  for (const error of problem.errors) {
    if (!fields.has(fileId)) fields.set(fileId, error.message);
    items.push({ text: error.message, href: `#${fileId}` });
  }
  if (items.length === 0) items.push({ text: problem.detail || problem.title, href: `#${fileId}` });
  return { items, fields };
}
