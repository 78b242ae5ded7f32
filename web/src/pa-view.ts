/**
 * What the personal assistants page shows, worked out without a browser: the API's shapes,
 * the page's addresses, the rows of a PA's summary card and the answers a form sends.
 *
 *   paPaths.page('01J…')            // '/personal-assistants?person=01J…'
 *   assistantRows(pa, 'self')       // [['Hourly rate', '£12.71'], …]
 *   minimumWageSentence(view)       // 'The National Living Wage is £12.71 an hour from 1 April 2026 …'
 */
import { dateInWords } from './casework-view';
import { formatPence } from './money';

export type Audience = 'self' | 'other';

export interface PersonalAssistant {
  id: string;
  name: string;
  hourly_rate_pence: number;
  hourly_rate: string;
  hours_hundredths: number;
  hours_per_week: string;
  starts_on: string;
  ends_on: string | null;
  current: boolean;
  right_to_work_checked_on: string | null;
  dbs_checked_on: string | null;
  close_relative_in_household: boolean;
  council_decision: string;
  council_decision_on: string | null;
  revision: number;
}

export interface EmployerDuties {
  payroll_provider: string;
  payroll_from: string | null;
  pension_enrolled_on: string | null;
  pension_exempt_reason: string;
  insurer: string;
  insurance_cover_pence: number;
  insurance_cover: string;
  insurance_expires_on: string | null;
  contract_issued_on: string | null;
  holiday_pay: string;
  authorised_person_without_capacity: boolean;
  revision: number;
}

export interface Attention {
  code: string;
  level: 'urgent' | 'warning';
  assistant_id: string | null;
  message: string;
}

export interface EmployerView {
  person_id: string;
  person_name: string;
  today: string;
  assistants: PersonalAssistant[];
  duties: EmployerDuties;
  rules: { dbs_required: boolean; insurance_reminder_days: number };
  minimum_wage: { from: string; band: string; hourly_pence: number } | null;
  attention: Attention[];
}

export const paPaths = {
  page: (personId: string) => `/personal-assistants?person=${encodeURIComponent(personId)}`,
  api: (personId: string) => `/api/people/${encodeURIComponent(personId)}/personal-assistants`,
  assistant: (personId: string, id: string) => `${paPaths.api(personId)}/${encodeURIComponent(id)}`,
  duties: (personId: string) => `/api/people/${encodeURIComponent(personId)}/employer-duties`,
};

/** The form fields a problem from the API names, mapped to the control an error links to. */
export const ASSISTANT_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  hourly_rate: 'hourly_rate',
  hours_per_week: 'hours_per_week',
  starts_on: 'starts_on-day',
  right_to_work_checked_on: 'right_to_work_checked_on-day',
  dbs_checked_on: 'dbs_checked_on-day',
  close_relative_in_household: 'close_relative_in_household',
  council_decision: 'council_decision',
  council_decision_on: 'council_decision_on-day',
};

export const DUTIES_FIELDS: Readonly<Record<string, string>> = {
  payroll_provider: 'payroll_provider',
  payroll_from: 'payroll_from-day',
  pension_enrolled_on: 'pension_enrolled_on-day',
  pension_exempt_reason: 'pension_exempt_reason',
  insurer: 'insurer',
  insurance_cover: 'insurance_cover',
  insurance_expires_on: 'insurance_expires_on-day',
  contract_issued_on: 'contract_issued_on-day',
  holiday_pay: 'holiday_pay',
  authorised_person_without_capacity: 'authorised_person_without_capacity',
};

function dateOr(iso: string | null, none: string): string {
  return iso ? dateInWords(iso) : none;
}

function hoursWords(hours: string): string {
  return hours === '1' ? '1 hour' : `${hours} hours`;
}

/** The rows of a PA's summary card. */
export function assistantRows(pa: PersonalAssistant, audience: Audience): [string, string][] {
  const rows: [string, string][] = [
    ['Hourly rate', formatPence(pa.hourly_rate_pence)],
    ['Usual hours a week', hoursWords(pa.hours_per_week)],
    ['Started', dateInWords(pa.starts_on)],
  ];
  if (pa.ends_on) rows.push(['Last day', dateInWords(pa.ends_on)]);
  rows.push(
    ['Right-to-work check', dateOr(pa.right_to_work_checked_on, 'Not recorded')],
    ['DBS check', dateOr(pa.dbs_checked_on, 'Not recorded')],
    [
      audience === 'self' ? 'A close relative who lives with you' : 'A close relative in the same household',
      pa.close_relative_in_household ? `Yes: the council decided on ${dateOr(pa.council_decision_on, 'an unknown date')} that this is necessary (${pa.council_decision})` : 'No',
    ],
  );
  return rows;
}

/** The checklist as rows of a summary list: each duty and what is recorded for it. */
export function dutiesRows(d: EmployerDuties): [string, string][] {
  const insurance = d.insurer
    ? `${d.insurer}, cover of ${formatPence(d.insurance_cover_pence)}, ends ${dateOr(d.insurance_expires_on, 'on an unknown date')}`
    : 'Not recorded';
  const pension = d.pension_enrolled_on
    ? `Enrolled on ${dateInWords(d.pension_enrolled_on)}`
    : d.pension_exempt_reason
      ? `No one needs enrolling: ${d.pension_exempt_reason}`
      : 'Not recorded';
  return [
    ['Payroll', d.payroll_provider ? `${d.payroll_provider}, from ${dateOr(d.payroll_from, 'an unknown date')}` : 'Not recorded'],
    ['Workplace pension', pension],
    ['Employers’ liability insurance', insurance],
    ['Contract given', dateOr(d.contract_issued_on, 'Not recorded')],
    ['Holiday pay', d.holiday_pay || 'Not recorded'],
    ['An authorised person manages the direct payment', d.authorised_person_without_capacity ? 'Yes' : 'No'],
  ];
}

/** The minimum wage in force, in a sentence; '' when none is known. */
export function minimumWageSentence(view: Pick<EmployerView, 'minimum_wage'>): string {
  const w = view.minimum_wage;
  if (!w) return '';
  return `The National Living Wage is ${formatPence(w.hourly_pence)} an hour from ${dateInWords(w.from)} for workers aged ${w.band}. Workers under 21 have lower rates: see GOV.UK.`;
}

/** Splits `YYYY-MM-DD` into the boxes of a date input; empty boxes for none. */
export function dateParts(iso: string | null): { day: string; month: string; year: string } {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}
