/**
 * Administrators and two-step sign-in. The server can require an administrator to turn on
 * two-step sign-in (a code from an authenticator app) before they may administer: it does by
 * default. Until they do, GET /api/session says `must_set_up_totp: true`, and every
 * administrator's action answers 403. These are the words and addresses that guide them to
 * the account page to set it up, and back again. Pure.
 *
 *   afterSignInPath('/users', true)        // '/account?return=%2Fusers'
 *   setUpPath('/users')                    // '/account?return=%2Fusers#two-step-heading'
 *   adminTask('/ras-models')               // 'check or publish budget models'
 *   isTwoStepRefusal(problem, session)     // a 403 because two-step sign-in is not on yet
 *   continueLink('/users')                 // { href: '/users', text: 'Continue to Users' }
 */
import { DEFAULT_AFTER_SIGN_IN, pageTitle, safeReturnPath } from './paths';
import type { Problem } from './problem';

/** The account page's two-step sign-in section. */
export const TWO_STEP_SECTION = 'two-step-heading';

/**
 * Where to go after signing in: `next` (already a safe path), unless the administrator must
 * set up two-step sign-in first; then the account page, remembering `next` for afterwards.
 */
export function afterSignInPath(next: string, mustSetUpTotp: boolean): string {
  if (!mustSetUpTotp) return next;
  return `/account${returnQuery(next)}`;
}

/** The account page's two-step sign-in section, remembering `returnTo` for afterwards. */
export function setUpPath(returnTo: string): string {
  return `/account${returnQuery(returnTo)}#${TWO_STEP_SECTION}`;
}

function returnQuery(path: string): string {
  const safe = safeReturnPath(path, '');
  const bare = safe.split(/[?#]/, 1)[0];
  if (safe === '' || bare === DEFAULT_AFTER_SIGN_IN) return '';
  return `?return=${encodeURIComponent(safe)}`;
}

/** What an administrator cannot do on the page `current` until two-step sign-in is on. */
export function adminTask(current: string): string {
  switch (current) {
    case '/users':
      return 'add users, change their roles or turn accounts off';
    case '/ras-models':
      return 'check or publish budget models';
    default:
      return 'manage users or publish budget models';
  }
}

/** The banner's words on an administrator's page, before two-step sign-in is on. */
export function bannerText(current: string): { heading: string; body: string } {
  return {
    heading: `You need to set up two-step sign-in before you can ${adminTask(current)}.`,
    body:
      'Administrators can change who sees people’s records, so they sign in with a security code from an app on their phone as well as their password.',
  };
}

/** Whether `problem` is the server refusing an administrator who has not set up two-step sign-in. */
export function isTwoStepRefusal(problem: Problem, session: { must_set_up_totp?: boolean } | null): boolean {
  if (problem.status !== 403 || !session?.must_set_up_totp) return false;
  // A stale CSRF token or a request from another site is a different refusal.
  return !/\/(csrf|cross-site)$/.test(problem.type);
}

/** The error summary's line when the server refuses an action for that reason. */
export function refusalText(current: string): string {
  return `You cannot ${adminTask(current)} until you have set up two-step sign-in. Set it up on your account page`;
}

/**
 * The link back to where an administrator was going before they were asked to set up
 * two-step sign-in (the account page's `?return=`), or null when there is nowhere to go back to.
 */
export function continueLink(returnParam: string | null): { href: string; text: string } | null {
  const href = safeReturnPath(returnParam, '');
  const bare = href.split(/[?#]/, 1)[0] ?? '';
  if (href === '' || bare === DEFAULT_AFTER_SIGN_IN) return null;
  const title = pageTitle(bare);
  return { href, text: title ? `Continue to ${title}` : 'Continue to the page you asked for' };
}
