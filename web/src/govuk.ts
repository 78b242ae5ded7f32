/**
 * GOV.UK Design System components drawn from data, for pages that build them from what the
 * server sends: summary lists, tables, tags, the panel. Everything is built with h(), so
 * every piece of text stays text.
 *
 *   summaryList([['Version', '2'], ['In use from', '1 April 2026']])
 *   table({ caption: 'Examples', head: ['Example', { text: 'Amount', numeric: true }], rows })
 */
import { h } from './dom';

type Content = Node | string;

/** A GOV.UK summary list (key and value pairs), without actions. */
export function summaryList(rows: [string, Content | Content[]][], { noBorder = false, id }: { noBorder?: boolean; id?: string } = {}): HTMLDListElement {
  return h(
    'dl',
    { class: `govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}`, id },
    rows.map(([key, value]) =>
      h(
        'div',
        { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key' }, key),
        h('dd', { class: 'govuk-summary-list__value' }, value),
      ),
    ),
  );
}

/** A GOV.UK tag, such as "Passed" (govuk-tag--green). */
export function tag(text: string, modifier: string): HTMLElement {
  return h('strong', { class: `govuk-tag ${modifier}` }, text);
}

/** A column heading, or a heading that is right-aligned for numbers. */
export type Heading = string | { text: Content; numeric?: boolean; hidden?: boolean };

/** A cell: its content, or content with options. */
export type Cell = Content | Content[] | { content: Content | Content[]; numeric?: boolean; header?: boolean };

export interface TableOptions {
  caption: string;
  /** A line under the caption, in smaller text, that says more about the table. */
  captionNote?: string;
  /** GOV.UK caption size: 's', 'm' or 'l'; or 'hidden' for a caption only screen readers read. */
  captionSize?: 's' | 'm' | 'l' | 'hidden';
  head: Heading[];
  rows: Cell[][];
  /** A last row, such as a total, drawn after the body in <tfoot>-like style. */
  foot?: Cell[];
  /** The first cell of each row is the row's heading (<th scope="row">). */
  rowHeadings?: boolean;
  /** Row headings in regular weight, for long ones such as descriptions. */
  plainRowHeadings?: boolean;
  /**
   * Wrap the table in a box that scrolls sideways on a narrow screen (and can take focus to
   * scroll with the keyboard). Only for tables that may be wider than the screen: each box
   * is one more stop for the Tab key.
   */
  scroll?: boolean;
  id?: string;
  /** Smaller text on narrow screens. */
  small?: boolean;
}

let captions = 0;

function isCellOptions(cell: Cell): cell is { content: Content | Content[]; numeric?: boolean; header?: boolean } {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Node) && !Array.isArray(cell);
}

function drawCell(cell: Cell, rowHeading: boolean, plain = false): HTMLElement {
  const options = isCellOptions(cell) ? cell : { content: cell };
  const numeric = options.numeric ? ' govuk-table__cell--numeric' : '';
  if (rowHeading || options.header) {
    const weight = plain ? ' govuk-!-font-weight-regular' : '';
    return h('th', { scope: 'row', class: `govuk-table__header${numeric}${weight}` }, options.content);
  }
  return h('td', { class: `govuk-table__cell${numeric}` }, options.content);
}

/** A GOV.UK table with a caption, column headings and rows. */
export function table(options: TableOptions): HTMLElement {
  captions += 1;
  const captionId = `table-caption-${captions}`;
  const size = options.captionSize ?? 'm';
  const captionClass = size === 'hidden' ? 'govuk-table__caption govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${size}`;
  const headings = options.head.map((heading) => {
    const { text, numeric, hidden } = typeof heading === 'string' ? { text: heading, numeric: false, hidden: false } : heading;
    return h(
      'th',
      { scope: 'col', class: `govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}` },
      hidden && typeof text === 'string' ? h('span', { class: 'govuk-visually-hidden' }, text) : text,
    );
  });
  const rows = options.rows.map((row) =>
    h('tr', { class: 'govuk-table__row' }, row.map((cell, i) => drawCell(cell, Boolean(options.rowHeadings) && i === 0, options.plainRowHeadings))),
  );
  const element = h(
    'table',
    { class: `govuk-table${options.small ? ' govuk-table--small-text-until-tablet' : ''}`, id: options.scroll ? undefined : options.id },
    h(
      'caption',
      { class: captionClass, id: captionId },
      options.caption,
      options.captionNote ? h('span', { class: 'govuk-body-s app-caption-note' }, options.captionNote) : null,
    ),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, headings)),
    h('tbody', { class: 'govuk-table__body' }, rows),
    options.foot
      ? h(
          'tfoot',
          {},
          h('tr', { class: 'govuk-table__row app-table__total' }, options.foot.map((cell, i) => drawCell(cell, i === 0))),
        )
      : null,
  );
  if (!options.scroll) return element;
  return h(
    'div',
    { class: 'app-table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0', id: options.id },
    element,
  );
}

/** A list of paragraphs or a bulleted list: one item is a paragraph, more are bullets. */
export function paragraphsOrList(items: Content[]): HTMLElement {
  if (items.length === 1) return h('p', { class: 'govuk-body' }, items[0]);
  return h('ul', { class: 'govuk-list govuk-list--bullet' }, items.map((item) => h('li', {}, item)));
}

/**
 * The page numbers a GOV.UK pagination shows for page `current` of `pages`: the first, the
 * last, the current page and those either side of it, with '…' where numbers are left out.
 *   pageNumbers(6, 12) → [1, '…', 5, 6, 7, '…', 12]
 */
export function pageNumbers(current: number, pages: number): (number | '…')[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: (number | '…')[] = [];
  let previous: number | undefined;
  for (const n of shown) {
    if (previous !== undefined && n - previous > 1) out.push('…');
    out.push(n);
    previous = n;
  }
  return out;
}

function arrow(direction: 'prev' | 'next'): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', `govuk-pagination__icon govuk-pagination__icon--${direction}`);
  svg.setAttribute('xmlns', ns);
  svg.setAttribute('height', '13');
  svg.setAttribute('width', '15');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('viewBox', '0 0 15 13');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    direction === 'prev'
      ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z'
      : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z',
  );
  svg.append(path);
  return svg;
}

/**
 * A GOV.UK pagination: "Previous", the page numbers (pageNumbers), "Next". Nothing when there
 * is one page. `href(n)` is page n's address; `label` names what is paged, for screen readers.
 */
export function pagination({ current, pages, href, label }: { current: number; pages: number; href: (page: number) => string; label: string }): HTMLElement | null {
  if (pages <= 1) return null;
  const link = (page: number, rel: 'prev' | 'next') =>
    h(
      'div',
      { class: `govuk-pagination__${rel}` },
      h(
        'a',
        { class: 'govuk-link govuk-pagination__link', href: href(page), rel, id: `pagination-${rel}` },
        rel === 'prev' ? arrow('prev') : null,
        h('span', { class: 'govuk-pagination__link-title' }, rel === 'prev' ? 'Previous' : 'Next', h('span', { class: 'govuk-visually-hidden' }, ' page')),
        rel === 'next' ? arrow('next') : null,
      ),
    );
  return h(
    'nav',
    { class: 'govuk-pagination', 'aria-label': label, id: 'pagination' },
    current > 1 ? link(current - 1, 'prev') : null,
    h(
      'ul',
      { class: 'govuk-pagination__list' },
      pageNumbers(current, pages).map((n) =>
        n === '…'
          ? h('li', { class: 'govuk-pagination__item govuk-pagination__item--ellipses' }, '⋯')
          : h(
              'li',
              { class: `govuk-pagination__item${n === current ? ' govuk-pagination__item--current' : ''}` },
              h('a', { class: 'govuk-link govuk-pagination__link', href: href(n), 'aria-label': `Page ${n}`, 'aria-current': n === current ? 'page' : undefined }, String(n)),
            ),
      ),
    ),
    current < pages ? link(current + 1, 'next') : null,
  );
}
