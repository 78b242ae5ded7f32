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
