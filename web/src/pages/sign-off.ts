// /sign-off (approvers): the support plans waiting for sign-off, oldest first, as a GOV.UK
// table: the person, when it was submitted, its cost a year, the indicative budget and the
// difference; each links to the decision page. The person's name comes from their record
// (approvers may read the record of someone whose plan they decide).
import '../main';
import { api } from '../api';
import { caseworkApiPath, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { table } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { oldestFirst, planApiPath, planPaths, queueRow, whenInWords, type Plan } from '../plan-view';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/sign-off', role: 'approver' });
  if (!page) return;
  const result = await api<{ plans: Plan[] }>('GET', planApiPath.queue);
  if (!result.ok) return showPageProblem(result.problem);
  const plans = oldestFirst(result.data.plans);
  byId('loading').remove();
  if (plans.length === 0) {
    byId('queue-empty').hidden = false;
    return;
  }
  const ids = [...new Set(plans.map((p) => p.person_id))];
  const people = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      const person = await api<PersonFile>('GET', caseworkApiPath.person(id));
      if (person.ok) people.set(id, person.data.full_name);
    }),
  );
  replaceChildren(
    byId('queue-table'),
    table({
      id: 'sign-off-queue',
      caption: 'Plans waiting for sign-off',
      captionSize: 'hidden',
      head: ['Person', 'Submitted', { text: 'Cost a year', numeric: true }, { text: 'Indicative budget a year', numeric: true }, { text: 'Difference', numeric: true }],
      rows: plans.map((plan) => {
        const row = queueRow(plan);
        const name = people.get(plan.person_id) ?? 'Name not available';
        return [
          h('a', { class: 'govuk-link', href: planPaths.decision(plan.id) }, name, visuallyHidden(`: decide version ${plan.version} of the plan`)),
          whenInWords(row.submittedAt),
          { content: row.firstYear, numeric: true },
          { content: row.indicative, numeric: true },
          { content: row.difference, numeric: true },
        ];
      }),
      scroll: true,
      small: true,
    }),
  );
}

void main();
