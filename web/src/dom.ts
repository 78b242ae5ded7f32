/**
 * Building elements without innerHTML, so that text from the server (a person's name, an
 * audit summary) can never become markup.
 *
 *   h('p', { class: 'govuk-body' }, 'Signed in as ', h('strong', {}, user.display_name))
 */

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/**
 * Creates `<tag>` with the given attributes (a `true` value sets an empty attribute,
 * `false` or `undefined` leaves it out) and children (strings become text nodes; null,
 * undefined and false are skipped).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child === null || child === undefined || child === false) continue;
    else parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** The element with this id, which the page's HTML must contain: a missing one is a bug. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no element with id "${id}"`);
  return element as T;
}

/** Text hidden from sight but read by screen readers, such as the person a link is about. */
export function visuallyHidden(text: string): HTMLSpanElement {
  return h('span', { class: 'govuk-visually-hidden' }, text);
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}
