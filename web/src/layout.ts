/**
 * What every signed-in page shares: finding out who is signed in, the service navigation
 * in the header (Your account, Your record, Users, Budget models, Audit log, Sign out), signing out, messages carried
 * over to the next page, the page shown instead when something is wrong, and, on an
 * administrator's page, the banner that sends an administrator without two-step sign-in to
 * set it up.
 *
 *   const page = await startSignedInPage({ current: '/users', role: 'administrator' });
 *   if (!page) return;          // the page now says why (no permission, an error)
 *   page.session.user.display_name
 *   showFormProblem(errors, result.problem, FIELDS);   // a refusal explained, or the problem
 */
import { NotificationBanner } from 'govuk-frontend';
import { api, loadSession, type Session } from './api';
import { byId, h, replaceChildren } from './dom';
import type { FormErrors } from './forms';
import { pagesFor } from './paths';
import type { ErrorSummaryOptions, Problem } from './problem';
import { hasRole } from './roles';
import { adminTask, bannerText, isTwoStepRefusal, refusalText, setUpPath } from './two-step';

/** Who is signed in on this page, once startSignedInPage has found out. */
let signedIn: Session | null = null;
/** This page's section of the navigation, such as '/users'. */
let section = '';
/** Whether this is an administrator's page, whose refusals may be for want of two-step sign-in. */
let administratorPage = false;

/** The path and query of this page, to come back to after setting up two-step sign-in. */
function here(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Fills in and shows the header's service navigation. `current` is this page's section. */
export function renderServiceNavigation(session: Session, current: string): void {
  const container = document.getElementById('service-navigation');
  const list = document.getElementById('navigation');
  if (!container || !list) return;
  const items = pagesFor(session.user.roles, { personId: session.user.person_id }).map(({ href, text }) => {
    const active = href.split('?')[0] === current;
    return h(
      'li',
      { class: `govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}` },
      h(
        'a',
        { class: 'govuk-service-navigation__link', href, 'aria-current': active ? 'page' : undefined },
        active ? h('strong', { class: 'govuk-service-navigation__active-fallback' }, text) : text,
      ),
    );
  });
  const signOutForm = h(
    'form',
    { class: 'app-service-navigation__form', method: 'post', action: '/sign-in', novalidate: true },
    h('button', { type: 'submit', class: 'govuk-service-navigation__link app-service-navigation__button' }, 'Sign out'),
  );
  signOutForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void signOut();
  });
  items.push(h('li', { class: 'govuk-service-navigation__item' }, signOutForm));
  replaceChildren(list, items);
  container.hidden = false;
}

/**
 * Signs out (DELETE /api/session, with the CSRF token) and goes to the sign-in page, which
 * then says so. Goes there even if the session had already ended.
 */
export async function signOut(): Promise<void> {
  const result = await api('DELETE', '/api/session', undefined, { returnUnauthenticated: true });
  if (result.ok || result.problem.status === 401) {
    setFlash({ heading: 'You have signed out' });
    window.location.assign('/sign-in');
    return;
  }
  showPageProblem(result.problem);
}

/** Wires every sign-out form on the page (besides the header's) to signOut(). */
export function wireSignOutForms(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-sign-out]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void signOut();
    });
  }
}

/** A message for the next page this tab shows, such as "Bob's account has been turned off". */
export interface Flash {
  heading: string;
  body?: string;
}

const FLASH_KEY = 'selfdirect.flash';

/** Keeps `flash` for the next page (in this tab only). */
export function setFlash(flash: Flash): void {
  try {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify(flash));
  } catch {
    // Storage can be turned off; the message is a courtesy, so go on without it.
  }
}

/** Takes the message left by the previous page, if any (it is shown once). */
export function takeFlash(): Flash | null {
  try {
    const text = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    if (!text) return null;
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { heading, body } = value as Record<string, unknown>;
    if (typeof heading !== 'string' || heading === '') return null;
    return { heading, body: typeof body === 'string' ? body : undefined };
  } catch {
    return null;
  }
}

/**
 * Shows a green "Success" notification banner in `host`, which takes focus so that a
 * screen reader reads it. `extra` is added below the heading.
 */
export function showSuccess(host: HTMLElement, heading: string, ...extra: (Node | string)[]): HTMLElement {
  const banner = h(
    'div',
    {
      class: 'govuk-notification-banner govuk-notification-banner--success',
      role: 'alert',
      'aria-labelledby': 'success-banner-title',
      'data-module': 'govuk-notification-banner',
    },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id: 'success-banner-title' }, 'Success'),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('h3', { class: 'govuk-notification-banner__heading' }, heading),
      extra.map((item) => (typeof item === 'string' ? h('p', { class: 'govuk-body' }, item) : item)),
    ),
  );
  host.replaceChildren(banner);
  new NotificationBanner(banner);
  return banner;
}

/** Shows the flash left by the previous page, if there is one, in `host`. */
export function showFlash(host: HTMLElement): void {
  const flash = takeFlash();
  if (flash) showSuccess(host, flash.heading, ...(flash.body ? [flash.body] : []));
}

/**
 * Replaces the page's content (the element with id "page-content") with a page that
 * explains `problem`: no permission, not found, or a fault.
 */
export function showPageProblem(problem: Problem): void {
  const content = byId('page-content');
  let heading: string;
  const paragraphs: (string | Node)[] = [];
  const twoStep = refusedForTwoStep(problem);
  if (twoStep) {
    heading = 'You need to set up two-step sign-in first';
    paragraphs.push(
      `selfdirect did not show this page, because you cannot ${adminTask(section)} until you have set up two-step sign-in.`,
      h('a', { class: 'govuk-link', href: setUpPath(here()) }, 'Set up two-step sign-in on your account page'),
    );
  } else if (problem.status === 403) {
    heading = 'You do not have permission to see this page';
    paragraphs.push(
      problem.detail && problem.detail !== problem.title
        ? problem.detail
        : 'Your account does not have a role that can use this page.',
      'If you think you should be able to, ask your council’s selfdirect administrator.',
    );
  } else if (problem.status === 404) {
    heading = 'Page not found';
    paragraphs.push(problem.detail || 'There is nothing at this address. Check it is correct.');
  } else if (problem.status === 0) {
    heading = problem.title;
    paragraphs.push(problem.detail);
  } else {
    heading = 'Sorry, there is a problem with the service';
    paragraphs.push(problem.detail || problem.title, 'Try again later.');
  }
  if (!twoStep) {
    paragraphs.push(h('a', { class: 'govuk-link', href: '/account' }, 'Go to your account'));
  }
  replaceChildren(
    content,
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('h1', { class: 'govuk-heading-l' }, heading),
        paragraphs.map((p) => h('p', { class: 'govuk-body' }, p)),
      ),
    ),
  );
  document.title = `${heading} – selfdirect`;
}

/**
 * Shows a problem from a form's request in its error summary. When the server refused
 * because the administrator has not set up two-step sign-in, the summary says so and links to
 * the account page (the server's own words only say "You do not have permission").
 */
export function showFormProblem(
  errors: FormErrors,
  problem: Problem,
  fieldIds: Readonly<Record<string, string>>,
  options: ErrorSummaryOptions = {},
): void {
  if (refusedForTwoStep(problem)) {
    errors.showModel({ items: [{ text: refusalText(section), href: setUpPath(here()) }], fields: new Map() });
    return;
  }
  errors.show(problem, fieldIds, options);
}

/**
 * Whether `problem` is the server refusing an administrator's action, on an administrator's
 * page, because two-step sign-in is not set up yet. (On other pages a 403 has other reasons.)
 */
export function refusedForTwoStep(problem: Problem): boolean {
  return administratorPage && isTwoStepRefusal(problem, signedIn);
}

/**
 * A GOV.UK "Important" notification banner: a heading, then paragraphs or links.
 * `id` names it (its title's id is `${id}-title`).
 */
export function importantBanner(id: string, heading: (Node | string)[], ...body: (Node | string)[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-notification-banner', role: 'region', 'aria-labelledby': `${id}-title`, id, 'data-module': 'govuk-notification-banner' },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id: `${id}-title` }, 'Important'),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-notification-banner__heading' }, heading),
      body.map((item) => (typeof item === 'string' ? h('p', { class: 'govuk-body' }, item) : item)),
    ),
  );
}

/**
 * On an administrator's page, when two-step sign-in must be set up first: an "Important"
 * banner above the page's content (so it stays when the content is replaced by a problem),
 * linking to the account page's two-step section.
 */
function showTwoStepBanner(current: string): void {
  const content = document.getElementById('page-content');
  if (!content?.parentElement || document.getElementById('two-step-banner')) return;
  const words = bannerText(current);
  const banner = importantBanner(
    'two-step-banner',
    [
      words.heading,
      ' ',
      h('a', { class: 'govuk-notification-banner__link', href: setUpPath(here()) }, 'Set up two-step sign-in'),
      '.',
    ],
    words.body,
  );
  content.parentElement.insertBefore(
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, banner)),
    content,
  );
}

/** The problem shown when the page needs a role the person does not have. */
export function permissionProblem(): Problem {
  return { status: 403, type: '', title: 'You do not have permission to do that', detail: '', errors: [] };
}

export interface SignedInPage {
  session: Session;
}

/**
 * Starts a page that needs someone signed in: loads the session (or goes to the sign-in
 * page), draws the navigation with `current` marked (a path, or one chosen by the roles), shows any message from the previous
 * page, and checks `role` if given (one role, or a list of which any will do). Resolves null when the page cannot be used, after
 * showing why.
 */
export async function startSignedInPage(options: {
  current: string | ((roles: readonly string[]) => string);
  role?: string | readonly string[];
}): Promise<SignedInPage | null> {
  const loaded = await loadSession();
  if (!loaded.ok) {
    showPageProblem(loaded.problem);
    return null;
  }
  const session = loaded.data;
  signedIn = session;
  const current = typeof options.current === 'string' ? options.current : options.current(session.user.roles);
  section = current;
  administratorPage = options.role === 'administrator';
  renderServiceNavigation(session, current);
  wireSignOutForms();
  const allowed = options.role === undefined ? [] : typeof options.role === 'string' ? [options.role] : options.role;
  if (allowed.length > 0 && !allowed.some((r) => hasRole(session.user.roles, r))) {
    showPageProblem(permissionProblem());
    return null;
  }
  if (administratorPage && session.must_set_up_totp) showTwoStepBanner(current);
  const host = document.getElementById('notification');
  if (host) showFlash(host);
  return { session };
}
