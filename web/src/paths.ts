/**
 * Where to send someone: after signing in, and when they need to sign in. Pure.
 *
 *   safeReturnPath('/audit?action=users.create')  // '/audit?action=users.create'
 *   safeReturnPath('https://evil.example/')       // '/account'
 *   signInPath('/users', '')                      // '/sign-in?return=%2Fusers'
 *   pagesFor(['auditor'])                         // Your account, Audit log
 *   pagesFor(['approver'])                        // Your account, Plans to sign off
 *   pagesFor(['finance-officer'])                 // Your account, Payment runs, Statements,
 *                                                 // Provider invoices, Surplus proposals,
 *                                                 // Finance overview, Money alerts
 *   pagesFor(['assessor'])                        // Your account, Your caseload, Reviews, Money alerts
 *   pagesFor(['commissioner'])                    // Your account, Finance overview, Providers,
 *                                                 // Market shaping, Policy scenarios
 *   pagesFor(['analyst'])                         // Your account, Policy scenarios
 *   pagesFor(['administrator'])                   // Your account, Users, Budget models, Finance settings
 *   pagesFor(['budget-holder'], { personId: '01J…' }) // Your account, Your record, Your money
 *   pageTitle('/users/change-roles')              // 'Users'
 */

/** Where a person goes after signing in when there is nowhere better. */
export const DEFAULT_AFTER_SIGN_IN = '/account';

/**
 * Returns `value` when it is a path on this site, and `fallback` otherwise.
 *
 * A safe path starts with one "/" and is not read by a browser as another site: so not
 * "//host" or "/\host" (browsers treat a backslash as a slash), and it holds no control
 * characters or spaces (a browser strips tabs and newlines, which could turn "/\t/host"
 * into "//host"). `null`, `undefined` and "" give the fallback. The sign-in page itself is
 * refused too, so that signing in never lands back on it.
 */
export function safeReturnPath(
  value: string | null | undefined,
  fallback: string = DEFAULT_AFTER_SIGN_IN,
): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return fallback;
  const path = value.split(/[?#]/, 1)[0];
  if (path === '/sign-in' || path === '/sign-in.html') return fallback;
  return value;
}

/** The sign-in page's address, asking it to come back to `pathname` + `search` afterwards. */
export function signInPath(pathname: string, search: string): string {
  const here = `${pathname}${search}`;
  if (safeReturnPath(here, '') === '') return '/sign-in';
  return `/sign-in?return=${encodeURIComponent(here)}`;
}

/** The signed-in pages, in navigation order, and the role each needs (none: everyone; a list: any of them). */
const SIGNED_IN_PAGES: readonly { href: string; text: string; role?: string | readonly string[]; needsRecord?: boolean }[] = [
  { href: '/account', text: 'Your account' },
  { href: '/my-record', text: 'Your record', needsRecord: true },
  { href: '/my-money', text: 'Your money', needsRecord: true },
  { href: '/people-i-help', text: 'People you help', role: 'representative' },
  { href: '/caseload', text: 'Your caseload', role: 'assessor' },
  { href: '/reviews', text: 'Reviews', role: 'assessor' },
  { href: '/sign-off', text: 'Plans to sign off', role: 'approver' },
  { href: '/finance/payment-runs', text: 'Payment runs', role: 'finance-officer' },
  { href: '/finance/statements', text: 'Statements', role: 'finance-officer' },
  { href: '/finance/invoices', text: 'Provider invoices', role: 'finance-officer' },
  { href: '/finance/surplus-proposals', text: 'Surplus proposals', role: 'finance-officer' },
  { href: '/finance/pools', text: 'Pooled budgets', role: 'finance-officer' },
  { href: '/finance/overview', text: 'Finance overview', role: ['finance-officer', 'commissioner'] },
  { href: '/market/providers', text: 'Providers', role: 'commissioner' },
  { href: '/market/shaping', text: 'Market shaping', role: 'commissioner' },
  { href: '/scenarios', text: 'Policy scenarios', role: ['analyst', 'commissioner'] },
  { href: '/concerns', text: 'Safeguarding', role: 'safeguarding-lead' },
  // alerts.read: the use case narrows the list to the alerts routed to each of these roles.
  { href: '/alerts', text: 'Money alerts', role: ['finance-officer', 'assessor', 'support-planner', 'safeguarding-lead'] },
  { href: '/users', text: 'Users', role: 'administrator' },
  { href: '/ras-models', text: 'Budget models', role: 'administrator' },
  { href: '/finance/settings', text: 'Finance settings', role: 'administrator' },
  { href: '/audit', text: 'Audit log', role: 'auditor' },
];

/**
 * The pages a person with these roles may use, in navigation order. `personId`: the person's
 * record their account is linked to (a budget holder's), which gives them "Your record" and
 * "Your money" (whose address names them).
 */
export function pagesFor(roles: readonly string[], { personId = '' }: { personId?: string | null } = {}): { href: string; text: string }[] {
  return SIGNED_IN_PAGES.filter((page) => mayUse(page.role, roles) && (!page.needsRecord || Boolean(personId))).map(({ href, text }) => ({
    href: href === '/my-money' ? `/my-money?person=${encodeURIComponent(personId ?? '')}` : href,
    text,
  }));
}

/** Whether someone with `roles` may use a page for `needed` (none, one role, or any of several). */
function mayUse(needed: string | readonly string[] | undefined, roles: readonly string[]): boolean {
  if (needed === undefined) return true;
  return typeof needed === 'string' ? roles.includes(needed) : needed.some((r) => roles.includes(r));
}

/**
 * The navigation's name for the signed-in page at `pathname` or for the section it is in
 * ("/users/turn-off" is in Users), or '' for any other address.
 */
export function pageTitle(pathname: string): string {
  const page = SIGNED_IN_PAGES.find((p) => pathname === p.href || pathname.startsWith(`${p.href}/`));
  return page ? page.text : '';
}
