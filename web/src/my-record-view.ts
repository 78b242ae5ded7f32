/**
 * The "Your record" page's pure parts: who can see a budget holder's record (access
 * grants) and who has looked at it, in plain English; the GOV.UK date input read as an
 * ISO date; and the two-step sign-in key grouped for typing. No DOM, no fetch.
 *
 *   scopeLabel('manage-money')                   // 'Manage your money'
 *   actionLabel('grants.create')                 // 'Gave someone access'
 *   dateFromParts('31', '3', '2027')             // { ok: true, iso: '2027-03-31' }
 *   dateInWords('2027-03-31')                    // '31 March 2027'
 *   groupSecret('43TXQRH3BV5ZZQ77')              // '43TX QRH3 BV5Z ZQ77'
 */
import { roleTitles } from './roles';

/** What someone may do with a budget holder's record, as the API names it. */
export type Scope = 'view' | 'manage-money' | 'write-plan';

/** Every scope, in the order offered, with its words. */
export const SCOPES: readonly { name: Scope; label: string; hint: string }[] = Object.freeze([
  { name: 'view', label: 'See your record', hint: 'Your support plan, your budget and what has been spent' },
  { name: 'manage-money', label: 'Manage your money', hint: 'Record spending and deal with payments for you' },
  { name: 'write-plan', label: 'Write your support plan', hint: 'Change your support plan with you' },
]);

/** A scope in plain English; an unknown one is shown as it is. */
export function scopeLabel(name: string): string {
  return SCOPES.find((scope) => scope.name === name)?.label ?? name;
}

/** Scopes in plain English, in the order of SCOPES (unknown ones last). */
export function scopeLabels(names: readonly string[]): string[] {
  const rank = (name: string) => {
    const index = SCOPES.findIndex((scope) => scope.name === name);
    return index === -1 ? SCOPES.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b)).map(scopeLabel);
}

/** One access grant as GET /api/people/{id}/grants returns it. */
export interface Grant {
  id: string;
  grantee_name: string;
  grantee_email: string;
  scopes: string[];
  ends_on: string;
  reason: string;
  active: boolean;
  revoked_at: string | null;
  created_at: string;
}

/** Whether a grant still works: taken away beats everything, then whether it is active. */
export function grantStatus(grant: Pick<Grant, 'active' | 'revoked_at'>): { text: string; tagClass: string } {
  if (grant.revoked_at) return { text: 'Taken away', tagClass: 'govuk-tag--grey' };
  if (grant.active) return { text: 'Active', tagClass: 'govuk-tag--green' };
  return { text: 'Ended', tagClass: 'govuk-tag--grey' };
}

const ACTIONS: Record<string, string> = {
  'grants.read': 'Looked at who can see your record',
  'grants.create': 'Gave someone access',
  'grants.revoke': 'Took access away',
  'concern.raise': 'Raised a safeguarding concern about you',
  'concern.view': 'Looked at a safeguarding concern about you',
  'concern.triage': 'Decided what should happen about a safeguarding concern',
  'concern.enquiry': 'Started a safeguarding enquiry',
  'concern.close': 'Closed a safeguarding concern',
  'person.concerns-view': 'Looked at the safeguarding concerns about you',
  'people.create': 'Started your record',
  'eligibility.record': 'Decided whether you are eligible for support',
  'assessment.record': 'Recorded your assessment and indicative budget',
  'plans.decide': 'Decided on your support plan',
  'review.record': 'Recorded a review of your support',
  'person.view': 'Looked at your record',
  'budget.read': 'Looked at your budget',
  'money.read': 'Looked at the money paid in and spent from your budget',
  'payments.details.read': 'Looked at the bank account or card your money is paid to',
  'payments.details': 'Changed the bank account or card your money is paid to',
  'plans.read': 'Looked at your support plan',
  'plans.create': 'Started a support plan',
  'plans.update': 'Changed your support plan',
  'plans.submit': 'Sent your support plan to the council to be agreed',
};

/** What an audit action means, for the person the record is about. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** An outcome in plain English. */
export function outcomeLabel(outcome: string): { text: string; tagClass: string } {
  switch (outcome) {
    case 'allowed':
      return { text: 'Done', tagClass: 'govuk-tag--green' };
    case 'denied':
      return { text: 'Tried, but was not allowed', tagClass: 'govuk-tag--red' };
    case 'failed':
      return { text: 'Tried, but it did not work', tagClass: 'govuk-tag--orange' };
    default:
      return { text: outcome, tagClass: 'govuk-tag--grey' };
  }
}

/** A role list ("budget-holder,representative" or "operator") in plain English. */
export function rolesInWords(roles: string): string {
  return roleTitles(roles).join(', ');
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** A calendar date ("2027-03-31") in words ("31 March 2027"); other text as it is. */
export function dateInWords(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  if (!name) return iso;
  return `${Number(day)} ${name} ${year}`;
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A server timestamp as UK time in words, the GOV.UK way: "23 November 2026 at 1:32am".
 * Text that is not a timestamp is returned as it is.
 */
export function timeInWords(iso: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const parts: Record<string, number> = {};
  for (const part of LONDON_PARTS.formatToParts(when)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const hour = parts['hour'] ?? 0;
  const minute = String(parts['minute'] ?? 0).padStart(2, '0');
  const clock = hour === 12 && minute === '00' ? 'midday'
    : hour === 0 && minute === '00' ? 'midnight'
    : `${hour % 12 === 0 ? 12 : hour % 12}:${minute}${hour < 12 ? 'am' : 'pm'}`;
  return `${parts['day']} ${MONTHS[(parts['month'] ?? 1) - 1]} ${parts['year']} at ${clock}`;
}

/** The GOV.UK date input's three boxes read as one date, or why they cannot be. */
export type DateResult = { ok: true; iso: string } | { ok: false; message: string };

/**
 * Reads a GOV.UK date input (day, month, year as typed) into "YYYY-MM-DD". Each box must
 * hold only digits (spaces round them are ignored); the year must have 4 digits; and the
 * date must exist (not 31 April). Whether it is late enough is for the server to say.
 */
export function dateFromParts(day: string, month: string, year: string, what = 'The last day'): DateResult {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (d === '' && m === '' && y === '') return { ok: false, message: `Enter ${what.toLowerCase()}` };
  const missing = [
    d === '' ? 'a day' : '',
    m === '' ? 'a month' : '',
    y === '' ? 'a year' : '',
  ].filter((s) => s);
  if (missing.length > 0) {
    return { ok: false, message: `${what} must include ${missing.join(missing.length === 3 ? ', ' : ' and ')}` };
  }
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { ok: false, message: `${what} must be a real date, like 31 3 2027` };
  }
  const dn = Number(d);
  const mn = Number(m);
  const yn = Number(y);
  const check = new Date(Date.UTC(yn, mn - 1, dn));
  if (mn < 1 || mn > 12 || dn < 1 || check.getUTCFullYear() !== yn || check.getUTCMonth() !== mn - 1 || check.getUTCDate() !== dn) {
    return { ok: false, message: `${what} must be a real date, like 31 3 2027` };
  }
  return { ok: true, iso: `${y}-${String(mn).padStart(2, '0')}-${String(dn).padStart(2, '0')}` };
}

/** A base32 key in groups of 4, for typing into an authenticator app. */
export function groupSecret(secret: string): string {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}
