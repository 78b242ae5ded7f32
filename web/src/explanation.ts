/**
 * An indicative budget's explanation, drawn: the money lines with their amounts and total,
 * then the steps worked out in between. Used by the person's record and the assessment page.
 */
import { h } from './dom';
import { table } from './govuk';
import { explanationView, type Estimate } from './ras-view';

/** The explanation of an amount: the money lines with their total, then the steps between. */
export function explanationParts(estimate: Estimate, idPrefix: string): Node[] {
  const view = explanationView(estimate);
  const parts: Node[] = [];
  if (view.money.length > 0) {
    parts.push(
      table({
        id: `${idPrefix}-money`,
        caption: 'What each part adds',
        captionSize: 's',
        head: ['Part', { text: 'Amount', numeric: true }],
        rows: view.money.map((line) => [line.text, { content: line.amount, numeric: true }]),
        foot: ['Indicative budget', { content: view.total, numeric: true }],
        small: true,
      }),
    );
  }
  if (view.steps.length > 0) {
    parts.push(
      h('h3', { class: 'govuk-heading-s' }, 'The steps in between'),
      h('ul', { class: 'govuk-list govuk-list--bullet', id: `${idPrefix}-steps` }, view.steps.map((step) => h('li', {}, step))),
    );
  }
  return parts;
}
