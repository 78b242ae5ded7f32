/**
 * The Resource Allocation System (RAS) pages' pure parts: the API's shapes, and the words
 * and table rows for a published model (how the score becomes money, bands, tables,
 * questions by outcome area, worked examples), an estimate's explanation, and an
 * administrator's check of a new version (problems, examples, the comparison with the
 * version in use). No DOM, no fetch: the pages draw what these return, as text.
 *
 *   poundsFromDecimal('29640.48')                 // '£29,640.48'
 *   bandRangeText({ at_least: '85', below: '100' }) // 'from 85 to below 100'
 *   changeText(23490, 24300)                      // '+£8.10 (+3.4%)'
 *   problemText({ line: 12, column: 7, message: 'unknown name "x"' })
 *                                                 // 'Line 12, column 7: unknown name "x"'
 *
 * Decimal numbers arrive as strings (exact): they are shown as given, never through a
 * floating-point number. Amounts in pence are integers and go through src/money.ts.
 */
import { formatPence } from './money';
import type { FieldProblem } from './problem';

// ---------------------------------------------------------------------------------------
// The API's shapes (docs: the RAS section of the API contract).

export type Period = 'weekly' | 'annual';
/** A decimal as the API sends it: a string, exact. A number is accepted and shown as is. */
export type Decimal = string | number;
/** One answer as POST /api/ras/evaluate takes it: an option's code, a number, yes/no. */
export type Answer = string | number | boolean;

export interface RasCouncil {
  code: string;
  name: string;
}

export interface RasVersionSummary {
  version: number;
  effective_from: string;
  published_at: string;
  published_by: string;
}

export interface RasModelSummary {
  id: string;
  title: string;
  current: { version: number; effective_from: string; period: Period; published_at: string } | null;
  versions: RasVersionSummary[];
}

/** GET /api/ras/models */
export interface RasModelList {
  council: RasCouncil;
  models: RasModelSummary[];
}

export interface RasOption {
  code: string;
  text: string;
  score: Decimal;
}

export interface RasNumberRange {
  min?: Decimal | null;
  max?: Decimal | null;
  integer?: boolean;
}

export interface RasQuestion {
  id: string;
  text: string;
  outcome?: string | null;
  outcome_name?: string | null;
  group?: string | null;
  options?: RasOption[];
  number?: RasNumberRange;
}

export interface RasAttribute {
  id: string;
  label: string;
  type: 'number' | 'category' | 'yes_no';
  min?: Decimal | null;
  max?: Decimal | null;
  integer?: boolean;
  values?: { code: string; text: string }[];
}

export interface RasParameter {
  id: string;
  label: string;
  value: Decimal;
  fit?: boolean;
}

export interface RasDerived {
  id: string;
  label: string;
  expression: string;
}

export interface RasBand {
  at_least?: Decimal | null;
  below?: Decimal | null;
  value: Decimal;
  label: string;
}

export interface RasBandTable {
  id: string;
  label: string;
  of: string;
  bands: RasBand[];
}

export interface RasTableRow {
  keys: (string | number)[];
  key_labels?: string[];
  value: Decimal;
}

export interface RasTable {
  id: string;
  label: string;
  keys: string[];
  rows: RasTableRow[];
}

export interface RasNamedExpression {
  label: string;
  expression: string;
}

export interface RasAllocation {
  expression: string;
  transform: 'none' | 'square';
  add_ons?: { id: string; label: string; expression: string }[];
  scale?: RasNamedExpression | null;
  floor?: RasNamedExpression | null;
  ceiling?: RasNamedExpression | null;
}

export interface RasExample {
  description: string;
  answers: Record<string, Answer>;
  amount_pence: number;
}

/** GET /api/ras/models/{id}/versions/{v} */
export interface RasModelVersion {
  council: RasCouncil;
  id: string;
  version: number;
  title: string;
  description: string;
  period: Period;
  period_phrase?: string;
  currency?: string;
  effective_from: string;
  rounding: string;
  score_word?: string;
  published_at?: string;
  questions: RasQuestion[];
  attributes?: RasAttribute[];
  parameters?: RasParameter[];
  derived?: RasDerived[];
  bands?: RasBandTable[];
  tables?: RasTable[];
  allocation: RasAllocation;
  examples?: RasExample[];
}

export interface ExplanationLine {
  kind: string;
  id?: string;
  text: string;
  amount_pence?: number;
  value?: Decimal;
}

/** POST /api/ras/evaluate */
export interface Estimate {
  model: string;
  version: number;
  period: Period;
  amount_pence: number;
  amount?: string;
  explanation: ExplanationLine[];
}

export interface CheckProblem {
  line?: number | null;
  column?: number | null;
  message: string;
}

/** POST /api/ras/models/check */
export interface CheckResult {
  ok: boolean;
  problems: CheckProblem[];
  model: { id: string; version: number; title: string } | null;
  examples: { description: string; expected_pence: number; amount_pence: number | null; passed: boolean }[];
  current: { version: number } | null;
  comparison: { description: string; current_pence: number | null; new_pence: number | null }[];
}

// ---------------------------------------------------------------------------------------
// Addresses.

/** The public page of a council's model (the council's first model when `model` is absent). */
export function publicPagePath(council: string, model?: string, version?: number): string {
  const query = new URLSearchParams({ council });
  if (model) query.set('model', model);
  if (version !== undefined) query.set('version', String(version));
  return `/how-budgets-are-worked-out?${query.toString()}`;
}

/** The estimate page for a council's model; `example` (from 1) fills in a worked example's answers. */
export function estimatePagePath(council: string, model: string, version?: number, example?: number): string {
  const query = new URLSearchParams({ council, model });
  if (version !== undefined) query.set('version', String(version));
  if (example !== undefined) query.set('example', String(example));
  return `/how-budgets-are-worked-out/estimate?${query.toString()}`;
}

/** What a public page's address asks for: council code, model id, version (a number or "current"). */
export interface PublicPageQuery {
  council: string;
  model: string;
  version: number | 'current';
  /** A worked example to fill the estimate form with, counting from 1; 0 for none. */
  example: number;
}

/** Reads a public page's address. Anything unusable is treated as absent. */
export function publicPageQuery(query: URLSearchParams): PublicPageQuery {
  const code = (query.get('council') ?? '').trim();
  const model = (query.get('model') ?? '').trim();
  const version = (query.get('version') ?? '').trim();
  const example = (query.get('example') ?? '').trim();
  return {
    council: /^[A-Za-z0-9_-]{1,40}$/.test(code) ? code : '',
    model: /^[a-z0-9-]{1,80}$/.test(model) ? model : '',
    version: /^[1-9]\d{0,8}$/.test(version) ? Number(version) : 'current',
    example: /^[1-9]\d{0,3}$/.test(example) ? Number(example) : 0,
  };
}

/** The API path of a model version, for the public pages. */
export function versionApiPath(council: string, model: string, version: number | 'current'): string {
  return `/api/ras/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(String(version))}?${new URLSearchParams({ council }).toString()}`;
}

// ---------------------------------------------------------------------------------------
// Numbers and money.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A decimal as text: a string as given, a number as JavaScript writes it, nothing as ''. */
export function decimalText(value: Decimal | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value.trim();
}

/** Inserts a comma every three digits of the whole part: "29640.48" → "29,640.48". */
export function groupDigits(value: Decimal): string {
  const text = decimalText(value);
  const match = DECIMAL.exec(text);
  if (!match) return text;
  const [, minus = '', whole = '', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${minus}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/**
 * A decimal amount of pounds, exactly as given but written as money: "4.35" → "£4.35",
 * "55" → "£55", "27820.5" → "£27,820.50" (one decimal place gets its second zero),
 * "0.123" → "£0.123" (never rounded), "-12" → "-£12". Text that is not a decimal is
 * returned as it is.
 */
export function poundsFromDecimal(value: Decimal): string {
  const text = decimalText(value);
  const match = DECIMAL.exec(text);
  if (!match) return text;
  const [, minus = '', whole = '', fraction] = match;
  const grouped = groupDigits(whole);
  const pence = fraction === undefined ? '' : `.${fraction.length === 1 ? `${fraction}0` : fraction}`;
  return `${minus}£${grouped}${pence}`;
}

/** True when the text is a plain decimal number ("4.35", "-2", "120"). */
export function isDecimal(value: Decimal | null | undefined): boolean {
  return DECIMAL.test(decimalText(value));
}

/**
 * Whether a label names an amount of money (so its value is shown with £): it mentions a
 * price, an amount, a cost, an extra or £. "Price of one point a week" is; "Share of the
 * estimate the money available can pay for" and "Your level" are not.
 */
export function isMoneyLabel(label: string): boolean {
  return /\b(price|prices|amount|amounts|cost|costs|extra)\b|£/i.test(label);
}

/** "a week" or "a year", from the period phrase the API gives or the period itself. */
export function periodPhrase(period: Period | string, phrase?: string): string {
  if (phrase) return phrase;
  return period === 'annual' ? 'a year' : 'a week';
}

/** An amount in pence for a period: "£234.90 a week". */
export function amountFor(pence: number, phrase: string): string {
  return `${formatPence(pence)} ${phrase}`;
}

// ---------------------------------------------------------------------------------------
// Dates and text.

/** The model's description as paragraphs: split at blank lines, each paragraph's lines joined. */
export function descriptionParagraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.split(/\s*\r?\n\s*/).join(' ').trim())
    .filter((paragraph) => paragraph !== '');
}

/** "Your age" → "your age", but "RAS score" stays as it is. */
function lowerFirst(text: string): string {
  if (/^[A-Z][a-z]/.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}

/** "maintaining personal hygiene" → "Maintaining personal hygiene". */
function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "personal_care_items" → "personal care items". */
function humanise(id: string): string {
  return id.replaceAll('_', ' ');
}

/** The rounding rule in words. */
export function roundingInWords(rounding: string): string {
  switch (rounding) {
    case 'half_up':
      return 'The amount is rounded to the nearest penny (half a penny is rounded up).';
    case 'half_even':
      return 'The amount is rounded to the nearest penny (half a penny is rounded to the even penny).';
    case 'down':
      return 'The amount is rounded down to the penny.';
    case 'up':
      return 'The amount is rounded up to the penny.';
    default:
      return `The amount is rounded to the penny (${rounding}).`;
  }
}

// ---------------------------------------------------------------------------------------
// Expressions in words.

/** Every name a model's expressions can use, with the words for it. */
export function nameLabels(model: RasModelVersion): Map<string, string> {
  const labels = new Map<string, string>();
  for (const q of model.questions) labels.set(q.id, q.text);
  for (const a of model.attributes ?? []) labels.set(a.id, a.label);
  for (const p of model.parameters ?? []) labels.set(p.id, p.label);
  for (const d of model.derived ?? []) labels.set(d.id, d.label);
  for (const b of model.bands ?? []) labels.set(b.id, b.label);
  for (const t of model.tables ?? []) labels.set(t.id, t.label);
  for (const a of model.allocation.add_ons ?? []) labels.set(a.id, a.label);
  return labels;
}

/** Outcome codes and groups, for total(g): an outcome by its name, a group in words. */
function groupLabels(model: RasModelVersion): Map<string, string> {
  const groups = new Map<string, string>();
  for (const q of model.questions) {
    if (q.outcome) groups.set(q.outcome, q.outcome_name || humanise(q.outcome));
    if (q.group && !groups.has(q.group)) groups.set(q.group, humanise(q.group));
  }
  return groups;
}

/** Category codes in quotes ("own_home") and the words for them. */
function categoryLabels(model: RasModelVersion): Map<string, string> {
  const values = new Map<string, string>();
  for (const a of model.attributes ?? []) for (const v of a.values ?? []) values.set(v.code, v.text);
  return values;
}

const WORDS: Record<string, string> = {
  if: 'if',
  then: 'then',
  elif: 'otherwise if',
  else: 'otherwise',
  and: 'and',
  or: 'or',
  not: 'not',
  in: 'is one of',
  match: 'depending on',
  min: 'the lower of',
  max: 'the higher of',
  clamp: 'kept between limits:',
  abs: 'the size of',
  round: 'rounded',
  round_down: 'rounded down',
  round_up: 'rounded up',
  sqrt: 'the square root of',
};

const OPERATORS: Record<string, string> = {
  '*': '×',
  '/': '÷',
  '+': '+',
  '-': '−',
  '^': 'to the power',
  '==': 'is',
  '!=': 'is not',
  '<=': 'is at most',
  '>=': 'is at least',
  '<': 'is less than',
  '>': 'is more than',
};

const TOKEN = /\s+|(\d+(?:\.\d+)?)|("[^"]*")|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[-+*/^<>(),[\]{}:])|(.)/gy;

/**
 * An expression from the model in words, for people who do not read formulas: names become
 * the model's own labels in quotation marks, operators become ×, ÷, "is at least"...,
 * functions are named ("the lower of"), total(g) is "the total for" the outcome or group,
 * and category codes become their words. A lone name is just its label.
 *
 *   describeExpression('total_points * price_per_point', labels)
 *   // '“Total points” × “Price of one point a week”'
 */
export function describeExpression(expression: string, model: RasModelVersion): string {
  const labels = nameLabels(model);
  const trimmed = expression.trim();
  const alone = labels.get(trimmed);
  if (alone !== undefined) return alone;
  const groups = groupLabels(model);
  const categories = categoryLabels(model);
  const out: string[] = [];
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(trimmed); match; match = TOKEN.exec(trimmed)) {
    if (match[0].trim() !== '') tokens.push(match[0]);
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    if (token === 'total' && tokens[i + 1] === '(' && tokens[i + 3] === ')') {
      const group = tokens[i + 2] ?? '';
      out.push(`the total for “${groups.get(group) ?? humanise(group)}”`);
      i += 3;
    } else if (token.startsWith('"')) {
      const code = token.slice(1, -1);
      out.push(`“${categories.get(code) ?? code}”`);
    } else if (/^[A-Za-z_]/.test(token)) {
      if (token === 'else' && tokens[i + 1] === ':') {
        out.push('anything else:');
        i += 1;
      } else {
        const label = labels.get(token);
        out.push(label !== undefined ? `“${label}”` : (WORDS[token] ?? humanise(token)));
      }
    } else {
      out.push(OPERATORS[token] ?? token);
    }
  }
  return out
    .join(' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']')
    .replace(/ ([,:])/g, '$1');
}

/** A lone label in quotation marks, as names are inside longer descriptions. */
function quoteLabel(text: string, model: RasModelVersion): string {
  return [...nameLabels(model).values()].includes(text) ? `“${text}”` : text;
}

/** A value written as a number or a parameter's name, as its number. */
function resolveValue(value: Decimal, model: RasModelVersion): string {
  const text = decimalText(value);
  if (isDecimal(text)) return text;
  const parameter = (model.parameters ?? []).find((p) => p.id === text);
  return parameter ? decimalText(parameter.value) : text;
}

// ---------------------------------------------------------------------------------------
// How the score becomes money.

/** Whether the model's numbers are pounds (false when it works on the square root of cost). */
function valuesArePounds(model: RasModelVersion): boolean {
  return model.allocation.transform !== 'square';
}

/** One named number of the model, as shown on the public page. */
export interface ParameterRow {
  label: string;
  value: string;
}

/** The parameters with their labels and values, money with £. */
export function parameterRows(model: RasModelVersion): ParameterRow[] {
  const pounds = valuesArePounds(model);
  return (model.parameters ?? []).map((p) => ({
    label: p.label,
    value: pounds && isMoneyLabel(p.label) ? poundsFromDecimal(p.value) : groupDigits(p.value),
  }));
}

/** A number or a parameter, written as money when it is a plain number. */
function moneyOf(expression: string, model: RasModelVersion): string {
  const value = resolveValue(expression, model);
  return isDecimal(value) ? poundsFromDecimal(value) : describeExpression(expression, model);
}

/**
 * The steps from a person's answers to their amount, in order, each one sentence: the core
 * amount, the square (for a model fitted on the square root of cost), add-ons, scale, floor,
 * ceiling and rounding.
 */
export function allocationSteps(model: RasModelVersion): string[] {
  const { allocation } = model;
  const phrase = periodPhrase(model.period, model.period_phrase);
  const steps: string[] = [];
  const core = quoteLabel(describeExpression(allocation.expression, model), model);
  if (allocation.transform === 'square') {
    steps.push(`Your answers give a score: ${core}.`);
    steps.push(
      'The model was fitted on the square root of cost, so the score is squared (multiplied by itself). ' +
        `This gives an amount in pounds ${phrase}.`,
    );
  } else {
    steps.push(`Your answers give an amount in pounds ${phrase}: ${core}.`);
  }
  for (const addOn of allocation.add_ons ?? []) {
    const how = describeExpression(addOn.expression, model);
    steps.push(`Add “${addOn.label}”${how === addOn.label ? '' : `: ${how}`}.`);
  }
  if (allocation.scale) {
    const value = resolveValue(allocation.scale.expression, model);
    const how = isDecimal(value) ? `× ${value}` : describeExpression(allocation.scale.expression, model);
    steps.push(`Multiply by “${allocation.scale.label}”: ${how}.`);
  }
  if (allocation.floor) {
    const amount = moneyOf(allocation.floor.expression, model);
    steps.push(`If the amount is less than ${amount} ${phrase}, it is raised to ${amount} (“${allocation.floor.label}”).`);
  }
  if (allocation.ceiling) {
    const amount = moneyOf(allocation.ceiling.expression, model);
    steps.push(`If the amount is more than ${amount} ${phrase}, it is lowered to ${amount} (“${allocation.ceiling.label}”).`);
  }
  steps.push(roundingInWords(model.rounding));
  return steps;
}

/** The words for a band's range: "below 85", "from 85 to below 100", "100 or more". */
export function bandRangeText(band: Pick<RasBand, 'at_least' | 'below'>): string {
  const from = decimalText(band.at_least);
  const below = decimalText(band.below);
  if (from && below) return `from ${groupDigits(from)} to below ${groupDigits(below)}`;
  if (below) return `below ${groupDigits(below)}`;
  if (from) return `${groupDigits(from)} or more`;
  return 'any value';
}

export interface BandTableView {
  id: string;
  caption: string;
  /** What the bands are of, in words ("Total points"). */
  of: string;
  /** Whether the values are money (so the column says "Amount"). */
  money: boolean;
  rows: { range: string; label: string; value: string }[];
}

/** A band table as rows of "from … to below …", its label and its value (with £ for money). */
export function bandTableView(table: RasBandTable, model: RasModelVersion): BandTableView {
  const money = valuesArePounds(model) && isMoneyLabel(table.label);
  return {
    id: table.id,
    caption: table.label,
    of: describeExpression(table.of, model),
    money,
    rows: table.bands.map((band) => {
      const value = resolveValue(band.value, model);
      return {
        range: bandRangeText(band),
        label: band.label,
        value: money && isDecimal(value) ? poundsFromDecimal(value) : groupDigits(value),
      };
    }),
  };
}

export interface LookupTableView {
  id: string;
  caption: string;
  money: boolean;
  /**
   * With two keys, a grid: one row per value of the first key, one column per value of the
   * second. Otherwise null, and `rows` lists each combination.
   */
  grid: { corner: string; columns: string[]; rows: { heading: string; cells: string[] }[] } | null;
  keyHeadings: string[];
  rows: { keys: string[]; value: string }[];
}

/** A lookup table: a grid when it has two keys, else one row per combination of keys. */
export function lookupTableView(table: RasTable, model: RasModelVersion): LookupTableView {
  const labels = nameLabels(model);
  const money = valuesArePounds(model) && isMoneyLabel(table.label);
  const show = (value: Decimal) => (money && isDecimal(value) ? poundsFromDecimal(value) : groupDigits(value));
  const keyHeadings = table.keys.map((key) => labels.get(key) ?? humanise(key));
  const keyText = (row: RasTableRow, i: number) => row.key_labels?.[i] ?? String(row.keys[i] ?? '');
  const rows = table.rows.map((row) => ({ keys: table.keys.map((_, i) => keyText(row, i)), value: show(row.value) }));

  let grid: LookupTableView['grid'] = null;
  if (table.keys.length === 2 && table.rows.length > 0) {
    const rowKeys: string[] = [];
    const columnKeys: string[] = [];
    const cells = new Map<string, string>();
    for (const row of rows) {
      const [first = '', second = ''] = row.keys;
      if (!rowKeys.includes(first)) rowKeys.push(first);
      if (!columnKeys.includes(second)) columnKeys.push(second);
      cells.set(JSON.stringify([first, second]), row.value);
    }
    grid = {
      corner: `${keyHeadings[0] ?? ''}`,
      columns: columnKeys,
      rows: rowKeys.map((heading) => ({
        heading,
        cells: columnKeys.map((column) => cells.get(JSON.stringify([heading, column])) ?? '–'),
      })),
    };
  }
  return { id: table.id, caption: table.label, money, grid, keyHeadings, rows };
}

/** Each derived value: its label and how it is worked out, in words and as written. */
export function derivedRows(model: RasModelVersion): { label: string; words: string; expression: string }[] {
  return (model.derived ?? []).map((d) => ({
    label: d.label,
    words: describeExpression(d.expression, model),
    expression: d.expression,
  }));
}

// ---------------------------------------------------------------------------------------
// Questions.

export interface QuestionView {
  id: string;
  text: string;
  /** Options with their scores; empty for a number question. */
  options: { code: string; text: string; score: string }[];
  /** For a number question, what to type: "A whole number from 0 to 7". */
  numberHint: string;
}

export interface QuestionSection {
  /** The outcome area's name, or "Other questions" for those about circumstances. */
  heading: string;
  questions: QuestionView[];
}

/** What a number answer may be: "A whole number from 0 to 7", "A number of at least 18". */
export function numberHint(range: RasNumberRange | RasAttribute): string {
  const kind = range.integer ? 'A whole number' : 'A number';
  const min = decimalText(range.min);
  const max = decimalText(range.max);
  if (min && max) return `${kind} from ${groupDigits(min)} to ${groupDigits(max)}`;
  if (min) return `${kind} of at least ${groupDigits(min)}`;
  if (max) return `${kind} of at most ${groupDigits(max)}`;
  return kind;
}

function questionView(q: RasQuestion): QuestionView {
  return {
    id: q.id,
    text: q.text,
    options: (q.options ?? []).map((o) => ({ code: o.code, text: o.text, score: groupDigits(o.score) })),
    numberHint: q.options ? '' : numberHint(q.number ?? {}),
  };
}

export const OTHER_QUESTIONS = 'Other questions';

/**
 * The questions grouped by outcome area, in the order each area first appears; questions
 * with no outcome (about the person's circumstances) come last, under "Other questions".
 */
export function questionSections(model: RasModelVersion): QuestionSection[] {
  const sections: QuestionSection[] = [];
  const byHeading = new Map<string, QuestionSection>();
  const other: QuestionView[] = [];
  for (const q of model.questions) {
    const heading = upperFirst((q.outcome_name || (q.outcome ? humanise(q.outcome) : '')).trim());
    if (!heading) {
      other.push(questionView(q));
      continue;
    }
    let section = byHeading.get(heading);
    if (!section) {
      section = { heading, questions: [] };
      byHeading.set(heading, section);
      sections.push(section);
    }
    section.questions.push(questionView(q));
  }
  if (other.length > 0) sections.push({ heading: OTHER_QUESTIONS, questions: other });
  return sections;
}

/** The facts about the person the model asks for, and what each may be. */
export function attributeRows(model: RasModelVersion): { label: string; answers: string[] }[] {
  return (model.attributes ?? []).map((a) => {
    if (a.type === 'category') return { label: a.label, answers: (a.values ?? []).map((v) => v.text) };
    if (a.type === 'yes_no') return { label: a.label, answers: ['Yes or no'] };
    return { label: a.label, answers: [numberHint(a)] };
  });
}

/** "points" → "Points", the heading of a score column. */
export function scoreHeading(model: RasModelVersion): string {
  const word = (model.score_word || 'score').trim();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The worked examples: what each describes, and its amount for the model's period. */
export function exampleRows(model: RasModelVersion): { description: string; amount: string }[] {
  return (model.examples ?? []).map((e) => ({ description: e.description, amount: formatPence(e.amount_pence) }));
}

// ---------------------------------------------------------------------------------------
// The estimate form.

/** The id of the form control for an input (for radios, the first one). */
export function answerControlId(inputId: string): string {
  return `answer-${inputId}`;
}

/** The server's field name for an input, as in its 422 errors. */
export function answerField(inputId: string): string {
  return `answers.${inputId}`;
}

/** Maps every "answers.<id>" field to its control's id, for the error summary. */
export function answerFieldIds(model: RasModelVersion): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const q of model.questions) ids[answerField(q.id)] = answerControlId(q.id);
  for (const a of model.attributes ?? []) ids[answerField(a.id)] = answerControlId(a.id);
  return ids;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Reads the form: `values` holds, for each input id, the chosen option's code, "yes"/"no",
 * or the text typed (undefined when nothing was chosen). Returns the answers to send and
 * the problems found here: a missing answer, or a number that is not one. Whether a number
 * is in range is left to the server, which says so for the same field.
 */
export function readAnswers(
  model: RasModelVersion,
  values: ReadonlyMap<string, string | undefined>,
): { answers: Record<string, Answer>; problems: FieldProblem[] } {
  const answers: Record<string, Answer> = {};
  const problems: FieldProblem[] = [];
  const number = (id: string, subject: string, missing: string) => {
    const text = (values.get(id) ?? '').trim().replace(/,/g, '');
    if (text === '') problems.push({ field: answerField(id), message: missing });
    else if (!NUMBER.test(text) || !Number.isFinite(Number(text))) {
      problems.push({ field: answerField(id), message: `${subject} must be a number, like 3` });
    } else answers[id] = Number(text);
  };
  for (const q of model.questions) {
    if (q.options) {
      const code = values.get(q.id);
      if (!code) problems.push({ field: answerField(q.id), message: `Select an answer for “${q.text}”` });
      else answers[q.id] = code;
    } else {
      number(q.id, `Your answer to “${q.text}”`, `Enter a number for “${q.text}”`);
    }
  }
  for (const a of model.attributes ?? []) {
    const value = values.get(a.id);
    if (a.type === 'number') number(a.id, a.label, `Enter ${lowerFirst(a.label)}`);
    else if (a.type === 'yes_no') {
      if (value === 'yes' || value === 'no') answers[a.id] = value === 'yes';
      else problems.push({ field: answerField(a.id), message: `Select yes or no for “${a.label}”` });
    } else if (!value) problems.push({ field: answerField(a.id), message: `Select ${lowerFirst(a.label)}` });
    else answers[a.id] = value;
  }
  return { answers, problems };
}

/**
 * A worked example's answers as the form's values (the reverse of readAnswers): codes as
 * they are, numbers as text, yes/no as "yes" or "no" (the model file may say yes, no,
 * true or false).
 */
export function formValuesFromAnswers(answers: Record<string, Answer>): Map<string, string> {
  const values = new Map<string, string>();
  for (const [id, answer] of Object.entries(answers)) {
    if (typeof answer === 'boolean') values.set(id, answer ? 'yes' : 'no');
    else values.set(id, String(answer));
  }
  return values;
}

// ---------------------------------------------------------------------------------------
// An estimate's explanation.

export interface ExplanationView {
  /** "£234.90 a week" */
  amount: string;
  /** Lines with money, in order; they add up to the amount. */
  money: { text: string; amount: string }[];
  total: string;
  /** Lines without money: the steps worked out in between, in order. */
  steps: string[];
}

/** The explanation as money lines (with their amounts) and then the steps in between. */
export function explanationView(estimate: Estimate, phrase = periodPhrase(estimate.period)): ExplanationView {
  const money: ExplanationView['money'] = [];
  const steps: string[] = [];
  for (const line of estimate.explanation) {
    if (typeof line.amount_pence === 'number') money.push({ text: line.text, amount: formatPence(line.amount_pence) });
    else steps.push(line.text);
  }
  return { amount: amountFor(estimate.amount_pence, phrase), money, total: formatPence(estimate.amount_pence), steps };
}

// ---------------------------------------------------------------------------------------
// Checking and publishing a model (administrators).

/** "Line 12, column 7: message"; just the message when it has no place in the file. */
export function problemText(problem: CheckProblem): string {
  const line = problem.line ?? 0;
  const column = problem.column ?? 0;
  if (line > 0 && column > 0) return `Line ${line}, column ${column}: ${problem.message}`;
  if (line > 0) return `Line ${line}: ${problem.message}`;
  return problem.message;
}

/** A worked example's result in the check: Passed or Failed, as a GOV.UK tag. */
export function exampleCheckRows(
  examples: CheckResult['examples'],
): { description: string; expected: string; actual: string; status: string; tagClass: string }[] {
  return examples.map((e) => ({
    description: e.description,
    expected: formatPence(e.expected_pence),
    actual: typeof e.amount_pence === 'number' ? formatPence(e.amount_pence) : 'Could not be worked out',
    status: e.passed ? 'Passed' : 'Failed',
    tagClass: e.passed ? 'govuk-tag--green' : 'govuk-tag--red',
  }));
}

/**
 * The change from `before` to `after` pence, in pounds and per cent to one decimal place
 * (halves away from zero), worked out on integers: "+£8.10 (+3.4%)", "-£5.00 (-2.1%)",
 * "No change". From zero there is no percentage: "+£5.00".
 */
export function changeText(before: number, after: number): string {
  const change = BigInt(after) - BigInt(before);
  if (change === 0n) return 'No change';
  const sign = change > 0n ? '+' : '-';
  const pounds = `${sign}${formatPence(change > 0n ? change : -change)}`;
  if (before === 0) return pounds;
  const base = BigInt(before);
  const numerator = change * 1000n;
  let tenths = numerator / base;
  const remainder = numerator % base;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (2n * abs(remainder) >= abs(base)) tenths += (numerator < 0n) !== (base < 0n) ? -1n : 1n;
  const magnitude = abs(tenths);
  return `${pounds} (${sign}${magnitude / 10n}.${magnitude % 10n}%)`;
}

/**
 * The comparison of each example under the version in use and the new one. The server
 * works out the examples of both versions, so an example the two share comes twice: an
 * exact repeat is shown once.
 */
export function comparisonRows(
  comparison: CheckResult['comparison'],
): { description: string; current: string; proposed: string; change: string }[] {
  const seen = new Set<string>();
  const unique = comparison.filter((c) => {
    const key = JSON.stringify([c.description, c.current_pence, c.new_pence]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.map((c) => {
    const current = typeof c.current_pence === 'number' ? formatPence(c.current_pence) : 'Not available';
    const proposed = typeof c.new_pence === 'number' ? formatPence(c.new_pence) : 'Not available';
    const change =
      typeof c.current_pence === 'number' && typeof c.new_pence === 'number'
        ? changeText(c.current_pence, c.new_pence)
        : 'Cannot compare';
    return { description: c.description, current, proposed, change };
  });
}

/** Whether a version is in use, not yet in use or replaced, as a GOV.UK tag. */
export function versionStatus(
  version: number,
  current: number | null,
): { text: string; tagClass: string } {
  if (current !== null && version === current) return { text: 'In use', tagClass: 'govuk-tag--green' };
  if (current === null || version > current) return { text: 'Not in use yet', tagClass: 'govuk-tag--blue' };
  return { text: 'Replaced', tagClass: 'govuk-tag--grey' };
}

/** Who published a version: their name, or the command line when no one signed in did. */
export function publishedBy(who: string | null | undefined): string {
  return who && who.trim() !== '' ? who : 'Server operator (command line)';
}
