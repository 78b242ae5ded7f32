/**
 * Problems the server reports (RFC 9457 `application/problem+json`), and the error
 * summary a form shows for one.
 *
 *   const problem = parseProblem(422, await response.json());
 *   const model = errorSummaryModel(problem, { email: 'email', password: 'password' });
 *   // model.items  → [{ text: 'Enter your email address', href: '#email' }, ...]
 *   // model.fields → Map { 'email' => 'Enter your email address', ... }
 *
 * Pure: no DOM, no fetch. src/forms.ts draws the model.
 */

/** One field the server refused, and why, in words to show the person. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What went wrong with a request, normalised. `status` is 0 when the server was not reached. */
export interface Problem {
  status: number;
  /** The problem's type, such as "/problems/csrf"; '' when the server gave none. */
  type: string;
  title: string;
  detail: string;
  errors: FieldProblem[];
}

/** Shown when the service could not be reached at all. */
export const NETWORK_PROBLEM: Problem = Object.freeze({
  status: 0,
  type: '',
  title: 'The service could not be reached',
  detail: 'Check your internet connection, then try again.',
  errors: [],
}) as Problem;

/** A title for each status, used when the server sent none we can read. */
function defaultTitle(status: number): string {
  switch (status) {
    case 400:
      return 'The request is not valid';
    case 401:
      return 'Sign in to continue';
    case 403:
      return 'You do not have permission to do that';
    case 404:
      return 'Not found';
    case 409:
      return 'That conflicts with what is already recorded';
    case 422:
      return 'Check the information you sent';
    case 429:
      return 'Too many attempts';
    default:
      return status >= 500 ? 'Sorry, there is a problem with the service' : 'Something went wrong';
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Reads a problem from a response's status and parsed JSON body (anything: a body that is
 * not a problem document, or not JSON at all, still gives a usable Problem). Field errors
 * with no field name or no message are dropped.
 */
export function parseProblem(status: number, body: unknown): Problem {
  const object = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const title = text(object['title']) || defaultTitle(status);
  const errors: FieldProblem[] = [];
  const list = object['errors'];
  if (Array.isArray(list)) {
    for (const item of list) {
      if (typeof item !== 'object' || item === null) continue;
      const field = text((item as Record<string, unknown>)['field']);
      const message = text((item as Record<string, unknown>)['message']);
      if (field && message) errors.push({ field, message });
    }
  }
  return { status, type: text(object['type']), title, detail: text(object['detail']), errors };
}

/** A problem found before sending anything: the same shape as the server's 422. */
export function validationProblem(errors: FieldProblem[]): Problem {
  return { status: 422, type: '', title: 'Check the information you sent', detail: '', errors };
}

/** One line of an error summary; `href` ("#field-id") is absent when no field matches. */
export interface SummaryItem {
  text: string;
  href?: string;
}

/**
 * What a form shows for a problem: the error summary's lines, in order, and the message
 * to show beside each field (keyed by the field's element id).
 */
export interface ErrorSummaryModel {
  items: SummaryItem[];
  fields: Map<string, string>;
}

export interface ErrorSummaryOptions {
  /**
   * The element id to link a problem with no field errors to (for example the email field
   * when signing in fails). Without it such a line is plain text.
   */
  linkOtherProblemsTo?: string;
}

/**
 * Builds the error summary for `problem`.
 *
 * `fieldIds` maps the server's field names to the ids of the form's elements (for
 * checkboxes, the id of the first box). A field error for a field in the map links to it
 * and is shown beside it; one for a field not in the map (such as `token`, which no one
 * types) is a plain line. Each field shows only its first message, as GOV.UK advises, but
 * distinct messages for unknown fields are all listed. A problem with no field errors is
 * one line: its detail, or its title when it has no detail.
 */
export function errorSummaryModel(
  problem: Problem,
  fieldIds: Readonly<Record<string, string>>,
  options: ErrorSummaryOptions = {},
): ErrorSummaryModel {
  const items: SummaryItem[] = [];
  const fields = new Map<string, string>();
  const seen = new Set<string>();
  for (const error of problem.errors) {
    const id = Object.hasOwn(fieldIds, error.field) ? fieldIds[error.field] : undefined;
    if (id !== undefined) {
      if (fields.has(id)) continue;
      fields.set(id, error.message);
      items.push({ text: error.message, href: `#${id}` });
    } else if (!seen.has(error.message)) {
      items.push({ text: error.message });
    }
    seen.add(error.message);
  }
  if (items.length === 0) {
    const message = problem.detail || problem.title;
    items.push(
      options.linkOtherProblemsTo
        ? { text: message, href: `#${options.linkOtherProblemsTo}` }
        : { text: message },
    );
  }
  return { items, fields };
}
