// /reviews (social workers): the reviews to do. Two tables: overdue reviews (each with a red
// "Overdue" tag) and reviews due in the next 4 weeks, soonest first, each person linking to the
// review form; plain words when a table is empty; 50 at a time, with a link to the next 50.
// The due queue from the server includes the overdue ones; they are listed once, as overdue.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { table, tag } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { queueRows, reviewApiPath, reviewPagePath, todayIso, type ReviewQueuePage } from '../review-view';

type Which = 'overdue-reviews' | 'reviews-due';

const SECTIONS: Record<Which, { id: string; heading: string; empty: string; param: string }> = {
  'overdue-reviews': { id: 'overdue', heading: 'Overdue reviews', empty: 'No reviews are overdue.', param: 'overdue_after' },
  'reviews-due': { id: 'due', heading: 'Due in the next 4 weeks', empty: 'No reviews are due in the next 4 weeks.', param: 'due_after' },
};

function nextPageHref(param: string, after: string): string {
  const query = new URLSearchParams(window.location.search);
  query.set(param, after);
  return `/reviews?${query.toString()}#${param === 'overdue_after' ? 'overdue' : 'due'}`;
}

function section(which: Which, data: ReviewQueuePage, today: string): HTMLElement {
  const s = SECTIONS[which];
  const rows = queueRows(data.people, today).filter((row) => which === 'overdue-reviews' || !row.overdue);
  const parts: (Node | null)[] = [h('h2', { class: 'govuk-heading-m', id: s.id }, s.heading)];
  if (rows.length === 0 && !data.next_after) {
    parts.push(h('p', { class: 'govuk-body', id: `${s.id}-empty` }, s.empty));
  } else if (rows.length > 0) {
    parts.push(
      table({
        id: `${s.id}-table`,
        caption: s.heading,
        captionSize: 'hidden',
        head: ['Name', 'Review', { text: 'Action', hidden: true }],
        rows: rows.map((row) => [
          h('a', { class: 'govuk-link', href: reviewPagePath.record(row.id) }, row.name),
          row.overdue ? h('span', {}, tag('Overdue', 'govuk-tag--red'), ' ', row.due) : row.due,
          h('a', { class: 'govuk-link', href: row.href }, 'Record a review', visuallyHidden(` for ${row.name}`)),
        ]),
        small: true,
      }),
    );
  }
  if (data.next_after) {
    parts.push(
      h(
        'nav',
        { class: 'govuk-pagination govuk-pagination--block', 'aria-label': `${s.heading}: more` },
        h(
          'div',
          { class: 'govuk-pagination__next' },
          h(
            'a',
            { class: 'govuk-link govuk-pagination__link', href: nextPageHref(s.param, data.next_after), rel: 'next' },
            h('span', { class: 'govuk-pagination__link-title' }, 'Next page', visuallyHidden(` of ${s.heading.toLowerCase()}`)),
          ),
        ),
      ),
    );
  }
  return h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, parts));
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/reviews', role: 'assessor' });
  if (!page) return;
  const query = new URLSearchParams(window.location.search);
  const [overdue, due] = await Promise.all([
    api<ReviewQueuePage>('GET', reviewApiPath.queue('overdue-reviews', query.get('overdue_after') ?? '')),
    api<ReviewQueuePage>('GET', reviewApiPath.queue('reviews-due', query.get('due_after') ?? '')),
  ]);
  if (!overdue.ok) return showPageProblem(overdue.problem);
  if (!due.ok) return showPageProblem(due.problem);
  byId('loading').remove();
  const today = todayIso();
  replaceChildren(byId('queues'), section('overdue-reviews', overdue.data, today), section('reviews-due', due.data, today));
}

void main();
