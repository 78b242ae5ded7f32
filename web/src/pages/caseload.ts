// /caseload (assessors): the people the council is working with, each with their case's
// stage as a tag and a link to their record; an "Add a person" button.
import '../main';
import { api } from '../api';
import { caseworkApiPath, stageTag, dateInWords, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { table, tag } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload', role: 'assessor' });
  if (!page) return;
  const result = await api<{ people: PersonFile[] }>('GET', caseworkApiPath.caseload);
  if (!result.ok) return showPageProblem(result.problem);
  byId('loading').remove();
  const people = result.data.people;
  if (people.length === 0) {
    byId('caseload-empty').hidden = false;
    return;
  }
  replaceChildren(
    byId('caseload-table'),
    table({
      id: 'caseload',
      caption: 'People on the caseload',
      captionSize: 'hidden',
      head: ['Name', 'Date of birth', 'NHS number', 'Stage'],
      rows: people.map((person) => {
        const stage = stageTag(person.stage, person.stage_label);
        return [
          h('a', { class: 'govuk-link', href: `/person?id=${encodeURIComponent(person.id)}` }, person.full_name, visuallyHidden(`, ${stage.text}`)),
          dateInWords(person.date_of_birth),
          person.nhs_number || 'Not known',
          tag(stage.text, stage.modifier),
        ];
      }),
      scroll: true,
      small: true,
    }),
  );
}

void main();
