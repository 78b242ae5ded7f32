// /people-i-help (representatives): the people who have given the signed-in user access, each
// linking to their plan and budget, with what the access allows and until when.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { table } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { rowsFor, type PersonHelped } from '../people-i-help-view';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/people-i-help' });
  if (!page) return;
  const result = await api<{ people: PersonHelped[] }>('GET', '/api/me/people');
  if (!result.ok) return showPageProblem(result.problem);
  byId('loading').remove();
  const rows = rowsFor(result.data.people);
  const content =
    rows.length === 0
      ? h(
          'p',
          { class: 'govuk-body', id: 'people-empty' },
          'Nobody has given you access yet. When someone does, from their own record or through their social worker, they will be listed here.',
        )
      : table({
          id: 'people-table',
          caption: 'People who have given you access',
          captionSize: 'hidden',
          head: ['Name', 'You may', 'Until'],
          rows: rows.map((row) => [h('a', { class: 'govuk-link', href: row.href }, row.name), row.allows, row.until]),
          small: true,
        });
  replaceChildren(byId('people'), h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, content)));
}

void main();
