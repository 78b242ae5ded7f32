// The finance settings page's sums (pages/finance-settings.ts): the settings as the form shows
// them, and the form read back into the API's body, each problem named by the API's field.
import { formatPence, parsePounds } from './money';
import type { FieldProblem } from './problem';

/** GET /api/finance-settings. */
export interface FinanceSettings {
  approval_threshold_pence: number;
  invoice_tolerance_basis_points: number;
  invoice_tolerance_minimum_pence: number;
  payment_run_every_days: number;
}

/** What the form's four boxes hold. */
export interface SettingsForm {
  every: string;
  threshold: string;
  percent: string;
  minimum: string;
}

/** The API's field → the box's id, for the error summary and inline messages. */
export const SETTINGS_FIELDS: Readonly<Record<string, string>> = {
  payment_run_every_days: 'payment-run-every-days',
  approval_threshold_pence: 'approval-threshold',
  invoice_tolerance_basis_points: 'invoice-tolerance-percent',
  invoice_tolerance_minimum_pence: 'invoice-tolerance-minimum',
};

/** "50,000.00": pounds for a box whose £ is beside it. */
function poundsText(pence: number): string {
  return formatPence(pence).replace('£', '');
}

/** 200 basis points → "2", 250 → "2.5", 5 → "0.05". */
export function percentText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

export function settingsForm(s: FinanceSettings): SettingsForm {
  return {
    every: String(s.payment_run_every_days),
    threshold: poundsText(s.approval_threshold_pence),
    percent: percentText(s.invoice_tolerance_basis_points),
    minimum: poundsText(s.invoice_tolerance_minimum_pence),
  };
}

/** The body for PUT /api/finance-settings, or what is wrong with the form, each by its field. */
export function readSettingsForm(form: SettingsForm): { body: FinanceSettings } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const every = form.every.trim();
  if (!/^\d{1,3}$/.test(every)) {
    problems.push({ field: 'payment_run_every_days', message: 'Enter how often payments are run as a whole number of days, like 7' });
  }
  const threshold = parsePounds(form.threshold);
  if (!threshold.ok) problems.push({ field: 'approval_threshold_pence', message: `Second approval: ${threshold.message}` });
  const percent = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(form.percent.trim().replace(/%$/, ''));
  if (!percent) {
    problems.push({ field: 'invoice_tolerance_basis_points', message: 'Enter the invoice tolerance as a percentage with at most two decimal places, like 2 or 2.5' });
  }
  const minimum = parsePounds(form.minimum);
  if (!minimum.ok) problems.push({ field: 'invoice_tolerance_minimum_pence', message: `Smallest tolerance: ${minimum.message}` });
  if (problems.length > 0 || !threshold.ok || !minimum.ok || !percent) return { problems };
  return {
    body: {
      payment_run_every_days: Number(every),
      approval_threshold_pence: Number(threshold.pence),
      invoice_tolerance_basis_points: Number(percent[1]) * 100 + Number((percent[2] ?? '').padEnd(2, '0')),
      invoice_tolerance_minimum_pence: Number(minimum.pence),
    },
  };
}
