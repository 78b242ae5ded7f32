/**
 * Contributions paid in from the council's bank file (/finance/contribution-file): a finance
 * officer chooses the file and its format, checks what each line comes to, then records the
 * payments. The API: POST /api/contribution-payments/file?format=…[&record=true], the CSV as the
 * body.
 *
 *   const checked = await apiUpload<ContributionFile>(contributionFilePath(format, false), bytes, 'text/csv');
 *   if (checked.ok) show(checked.data.sentence, fileLineRows(checked.data));
 */
import { dateInWords } from './casework-view';
import { formatPence } from './money';
import type { FieldProblem } from './problem';

export type FileLineOutcome = 'record' | 'already_recorded' | 'money_out' | 'no_reference' | 'unknown_reference' | 'not_accepted';

export interface ContributionFileLine {
  row: number;
  date: string;
  amount_pence: number;
  text: string;
  reference: string;
  person_id: string | null;
  person_name: string;
  outcome: FileLineOutcome;
  sentence: string;
}

export interface ContributionFile {
  format: string;
  file_sha256: string;
  recorded: boolean;
  payments: number;
  payments_total_pence: number;
  for_you: number;
  sentence: string;
  lines: ContributionFileLine[];
}

export const contributionFilePage = '/finance/contribution-file';

export function contributionFilePath(format: string, record: boolean): string {
  return `/api/contribution-payments/file?format=${encodeURIComponent(format)}${record ? '&record=true' : ''}`;
}

/** The server's fields and the boxes they belong to. */
export const FILE_FIELDS: Readonly<Record<string, string>> = {
  format: 'format',
  file: 'bank-file',
};

/** What is missing before the file can be sent. */
export function fileProblems(input: { format: string; hasFile: boolean }): FieldProblem[] {
  const errors: FieldProblem[] = [];
  if (!input.format) errors.push({ field: 'format', message: 'Choose the format of the bank file' });
  if (!input.hasFile) errors.push({ field: 'file', message: 'Choose the bank file (CSV) to read' });
  return errors;
}

/** A line's outcome as a GOV.UK tag: its words and colour. */
export function outcomeTag(line: Pick<ContributionFileLine, 'outcome'>, recorded: boolean): { text: string; colour: string } {
  switch (line.outcome) {
    case 'record':
      return recorded ? { text: 'Recorded', colour: 'green' } : { text: 'To record', colour: 'blue' };
    case 'already_recorded':
      return { text: 'Recorded before', colour: 'grey' };
    case 'money_out':
      return { text: 'Not a contribution', colour: 'grey' };
    case 'no_reference':
    case 'unknown_reference':
    case 'not_accepted':
      return { text: 'Needs you', colour: 'orange' };
  }
}

/** The table's rows: row, date, amount, what the line says, whose it is, and what happens. */
export function fileLineRows(file: ContributionFile): [string, string, string, string, string, string][] {
  return file.lines.map((l) => [
    String(l.row),
    dateInWords(l.date),
    l.amount_pence < 0 ? `−${formatPence(-l.amount_pence)}` : formatPence(l.amount_pence),
    l.text || 'Nothing',
    l.person_name || (l.reference ? l.reference : 'Not known'),
    l.sentence,
  ]);
}

/** The words on the button that records the payments. */
export function recordButtonText(file: Pick<ContributionFile, 'payments' | 'payments_total_pence'>): string {
  return file.payments === 1 ? `Record 1 payment of ${formatPence(file.payments_total_pence)}` : `Record ${file.payments} payments, ${formatPence(file.payments_total_pence)} in all`;
}
