/**
 * What every signed-in page shares: finding out who is signed in, the service navigation
 * in the header (Your account, Your record, Users, Budget models, Audit log, Sign out), signing out, messages carried
 * over to the next page, and the page shown instead when something is wrong.
 *
 *   const page = await startSignedInPage({ current: '/users', role: 'administrator' });
 *   if (!page) return;          // the page now says why (no permission, an error)
 *   page.session.user.display_name
 */
import { NotificationBanner } from 'govuk-frontend';
import { api, loadSession, type Session } from './api';
import { byId, h, replaceChildren } from './dom';
import { pagesFor } from './paths';
import type { Problem } from './problem';
import { hasRole } from './roles';

/** Fills in and shows the header's service navigation. `current` is this page's section. */
export function renderServiceNavigation(session: Session, current: string): void {
  const container = document.getElementById('service-navigation');
  const list = document.getElementById('navigation');
  if (!container || !list) return;
  const items = pagesFor(session.user.roles, { hasRecord: Boolean(session.user.person_id) }).map(({ href, text }) => {
    const active = href === current;
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
  if (problem.status === 403) {
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
  paragraphs.push(h('a', { class: 'govuk-link', href: '/account' }, 'Go to your account'));
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

/** The problem shown when the page needs a role the person does not have. */
export function permissionProblem(): Problem {
  return { status: 403, type: '', title: 'You do not have permission to do that', detail: '', errors: [] };
}

export interface SignedInPage {
  session: Session;
}

/**
 * Starts a page that needs someone signed in: loads the session (or goes to the sign-in
 * page), draws the navigation with `current` marked, shows any message from the previous
 * page, and checks `role` if given. Resolves null when the page cannot be used, after
 * showing why.
 */
export async function startSignedInPage(options: { current: string; role?: string }): Promise<SignedInPage | null> {
  const loaded = await loadSession();
  if (!loaded.ok) {
    showPageProblem(loaded.problem);
    return null;
  }
  const session = loaded.data;
  renderServiceNavigation(session, options.current);
  wireSignOutForms();
  if (options.role && !hasRole(session.user.roles, options.role)) {
    showPageProblem(permissionProblem());
    return null;
  }
  const host = document.getElementById('notification');
  if (host) showFlash(host);
  return { session };
}
