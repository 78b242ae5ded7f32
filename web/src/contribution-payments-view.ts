/**
 * Contributions paid in (/finance/contribution-payments?person=…): what a person owes towards
 * their assessed contribution, the payments a finance officer has recorded, and the form to
 * record another. The API: GET and POST /api/people/{person}/contribution-payments.
 *
 *   const built = contributionPaymentBody({ amount: '15.00', paidOn: { day: '20', month: '11', year: '2026' }, reference: '' }, key);
 *   if (built.ok) await api('POST', contributionPaymentsPath(personId), built.body);
 */
import { dateFromParts, dateInWords } from './casework-view';
import { formatPence, parsePounds } from './money';
import type { FieldProblem } from './problem';

export interface ContributionPayment {
  payment_id: string;
  paid_on: string;
  amount_pence: number;
  reference: string;
  recorded_at: string;
}

export interface ContributionAccount {
  person_id: string;
  person_name: string;
  /** The reference they quote when paying: "SD" and 8 letters and numbers. */
  contribution_reference: string;
  owed_pence: number;
  /** When more was credited back and paid than was charged. */
  in_credit_pence: number;
  charged_pence: number;
  payments: ContributionPayment[];
}

export interface ContributionPaid {
  person_name: string;
  payment_id: string;
  amount_pence: number;
  paid_on: string;
  reference: string;
  owed_pence: number;
  replayed: boolean;
  sentence: string;
}

export interface PaymentAnswers {
  amount: string;
  paidOn: { day: string; month: string; year: string };
  reference: string;
  /** Ticked when the server found one like it already recorded and they really paid twice. */
  paidTwice?: boolean;
}

export type BuiltPayment = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldProblem[] };

export function contributionPaymentsPath(personId: string): string {
  return `/api/people/${encodeURIComponent(personId)}/contribution-payments`;
}

export function contributionPaymentsPage(personId: string): string {
  return `/finance/contribution-payments?person=${encodeURIComponent(personId)}`;
}

/** The server's fields and the boxes they belong to. */
export const PAYMENT_FIELDS: Readonly<Record<string, string>> = {
  amount_pence: 'amount',
  paid_on: 'paid-on-day',
  reference: 'reference',
  paid_twice: 'paid-twice',
};

/**
 * Whether the server asks if the person really paid twice: a payment with the same amount and
 * day is already recorded (422 naming paid_twice). The page then shows the box to say so.
 */
export function asksIfPaidTwice(errors: readonly FieldProblem[]): boolean {
  return errors.some((e) => e.field === 'paid_twice');
}

/**
 * The request body for a payment, or what is wrong in words a person can act on. `key` is the
 * payment's id, made once when the form is drawn, so that a second click records it once.
 */
export function contributionPaymentBody(answers: PaymentAnswers, key: string): BuiltPayment {
  const errors: FieldProblem[] = [];
  const amount = parsePounds(answers.amount);
  let pence = 0n;
  if (!answers.amount.trim()) errors.push({ field: 'amount_pence', message: 'Enter the amount they paid, like 15.00' });
  else if (!amount.ok) errors.push({ field: 'amount_pence', message: 'Enter the amount they paid in pounds and pence, like 15.00' });
  else if (amount.pence <= 0n) errors.push({ field: 'amount_pence', message: 'Enter an amount of at least 1p' });
  else pence = amount.pence;
  const on = dateFromParts(answers.paidOn.day, answers.paidOn.month, answers.paidOn.year, 'day they paid');
  if (!on.ok) errors.push({ field: 'paid_on', message: on.message });
  const reference = answers.reference.trim();
  if (new TextEncoder().encode(reference).length > 200) errors.push({ field: 'reference', message: 'Keep the reference to 200 characters or fewer' });
  if (errors.length > 0 || !on.ok) return { ok: false, errors };
  const body: Record<string, unknown> = { payment_id: key, amount_pence: Number(pence), paid_on: on.date, reference };
  if (answers.paidTwice) body['paid_twice'] = true;
  return { ok: true, body };
}

/** What they owe, in a sentence. */
export function owedSentence(a: ContributionAccount): string {
  if (a.in_credit_pence > 0) return `${a.person_name} is ${formatPence(a.in_credit_pence)} in credit towards their contribution.`;
  if (a.owed_pence === 0) return `${a.person_name} owes nothing towards their contribution.`;
  return `${a.person_name} owes ${formatPence(a.owed_pence)} towards their contribution.`;
}

/** The reference they quote when they pay, in a sentence. */
export function referenceSentence(a: Pick<ContributionAccount, 'contribution_reference'>): string {
  return `When they pay by bank transfer, they quote the reference ${a.contribution_reference}, so that a bank file records the payment for them.`;
}

/** How the amount owed comes about: charged by the payment runs, less what was paid. */
export function owedWorking(a: ContributionAccount): string {
  const paid = a.charged_pence - a.owed_pence + a.in_credit_pence;
  return `The payment runs have charged ${formatPence(a.charged_pence)} and ${formatPence(paid)} has been paid.`;
}

/** The payments recorded, newest first: day paid, amount, reference. */
export function paymentRows(a: ContributionAccount): [string, string, string][] {
  return a.payments.map((p) => [dateInWords(p.paid_on), formatPence(p.amount_pence), p.reference || 'None given']);
}

/**
 * A key for a new payment (the server takes 1 to 40 letters, digits and _ : . -): random, so that
 * two finance officers' forms never share one.
 */
export function newPaymentKey(random: () => string = () => crypto.randomUUID()): string {
  return `f-${random().replaceAll('-', '')}`.slice(0, 40);
}
