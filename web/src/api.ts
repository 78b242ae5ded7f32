/**
 * Talking to the selfdirect API: JSON in and out, the CSRF token on every change, and one
 * way of handling problems.
 *
 *   const session = await requireSession();        // or off to /sign-in?return=...
 *   const result = await api<{ users: User[] }>('GET', `/api/councils/${id}/users`);
 *   if (!result.ok) return showPageProblem(result.problem);
 *
 * A 401 from any call (except signing in, which asks not to) sends the browser to the
 * sign-in page, with a return address back to this page; the promise then never settles,
 * so the caller simply stops.
 */
import { NETWORK_PROBLEM, parseProblem, type Problem } from './problem';
import { signInPath } from './paths';

/** A user as the API describes one. */
export interface User {
  id: string;
  council_id: string;
  email: string;
  display_name: string;
  roles: string[];
  disabled: boolean;
  has_password: boolean;
  created_at: string;
  /** Whether two-step sign-in (a code from an authenticator app) is on. */
  two_step?: boolean;
  /** The person's record this account belongs to (a budget holder's), or null. */
  person_id?: string | null;
}

/** Who is signed in, from GET or POST /api/session. */
export interface Session {
  user: User;
  csrf_token: string;
  /** True when the account's roles need two-step sign-in and it is not on yet. */
  must_set_up_totp?: boolean;
}

export interface Council {
  id: string;
  code: string;
  name: string;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; problem: Problem };

export interface ApiOptions {
  /** Return a 401 as a problem instead of going to the sign-in page (for signing in). */
  returnUnauthenticated?: boolean;
}

let csrfToken = '';

/** Remembers the session's CSRF token, sent with every later POST, PUT and DELETE. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** A promise that never settles: the page is going somewhere else. */
function leaving<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** Sends the browser to the sign-in page, asking it to come back here. */
export function goToSignIn(): Promise<never> {
  window.location.assign(signInPath(window.location.pathname, window.location.search));
  return leaving();
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The response's body as JSON: undefined when it is empty, not JSON or never arrives. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One fetch: the response's status and parsed JSON body, or null when it never arrived. */
async function send(
  method: Method,
  path: string,
  body: unknown,
): Promise<{ status: number; ok: boolean; json: unknown } | null> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return null;
  }
  return { status: response.status, ok: response.ok, json: await readJson(response) };
}

/**
 * Makes one API request. `body`, when given, is sent as JSON. Resolves with the parsed
 * JSON (undefined for 204), or a Problem for an HTTP error or when the server could not be
 * reached. Never rejects.
 */
export async function api<T = undefined>(
  method: Method,
  path: string,
  body?: unknown,
  options: ApiOptions = {},
): Promise<ApiResult<T>> {
  const sent = await send(method, path, body);
  if (sent === null) return { ok: false, problem: NETWORK_PROBLEM };
  if (sent.ok) return { ok: true, status: sent.status, data: sent.json as T };
  if (sent.status === 401 && !options.returnUnauthenticated) return goToSignIn();
  return { ok: false, problem: parseProblem(sent.status, sent.json) };
}

/**
 * Who is signed in. Goes to the sign-in page when no one is (the promise then never
 * settles); resolves with a Problem for any other failure. Remembers the CSRF token.
 */
export async function loadSession(): Promise<ApiResult<Session>> {
  const result = await api<Session>('GET', '/api/session');
  if (result.ok) setCsrfToken(result.data.csrf_token);
  return result;
}

/** Every council, for the sign-in page's list and for a council's name. */
export async function loadCouncils(): Promise<ApiResult<{ councils: Council[] }>> {
  return api<{ councils: Council[] }>('GET', '/api/councils');
}

/** The API path of a council's users, or of one of them. */
export function usersPath(councilId: string, userId?: string): string {
  const base = `/api/councils/${encodeURIComponent(councilId)}/users`;
  return userId === undefined ? base : `${base}/${encodeURIComponent(userId)}`;
}

/**
 * Sends a file's bytes exactly as they are (a statement, say) as the body of a POST with
 * `contentType`, with the CSRF token; the answer as api() gives it. The bytes are not decoded
 * first, so the server sees what the file really holds (bytes that are not text included).
 */
export async function apiUpload<T>(path: string, bytes: ArrayBuffer, contentType: string): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Content-Type': contentType,
  };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: bytes, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, problem: NETWORK_PROBLEM };
  }
  const json = await readJson(response);
  if (response.ok) return { ok: true, status: response.status, data: json as T };
  if (response.status === 401) return goToSignIn();
  return { ok: false, problem: parseProblem(response.status, json) };
}

/** A file the server sent to be saved: its bytes and the name it suggested. */
export type DownloadResult = { ok: true; blob: Blob; filename: string } | { ok: false; problem: Problem };

/**
 * The file name in a Content-Disposition header (`attachment; filename="x.xlsx"`, quoted or
 * not), or `fallback` when it has none. Only the plain `filename` parameter is read, without
 * any path: the server sends simple ASCII names.
 */
export function attachmentName(contentDisposition: string | null, fallback: string): string {
  const match = /(?:^|;)\s*filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentDisposition ?? '');
  const name = (match?.[1] ?? match?.[2] ?? '').split(/[\\/]/).pop() ?? '';
  return name.trim() === '' ? fallback : name;
}

/**
 * POSTs `body` as JSON (with the CSRF token) to a route that answers with a file, such as a
 * spreadsheet; resolves with the file, or a Problem as api() gives one. Never rejects.
 */
export async function apiDownload(path: string, body: unknown, accept: string, fallbackName: string): Promise<DownloadResult> {
  const headers: Record<string, string> = { Accept: `${accept}, application/problem+json`, 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, problem: NETWORK_PROBLEM };
  }
  if (response.ok) {
    try {
      const blob = await response.blob();
      return { ok: true, blob, filename: attachmentName(response.headers.get('Content-Disposition'), fallbackName) };
    } catch {
      return { ok: false, problem: NETWORK_PROBLEM };
    }
  }
  if (response.status === 401) return goToSignIn();
  return { ok: false, problem: parseProblem(response.status, await readJson(response)) };
}
