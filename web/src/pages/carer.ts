// /person/carer?person=… (social workers): link an unpaid carer to the person's record — their
// name, or their NHS number when they have their own record with the council; how they are
// related; whether they live together; whether they have been offered a carer's assessment and
// when. /person/carer?person=…&end=… asks to confirm that a carer no longer cares for them.
// Either way, back to the record with a message.
import '../main';
import { api } from '../api';
import { caseworkApiPath } from '../casework-view';
import { byId, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import { CARER_FIELDS, carerApiPath, carerBody, type Carer, type CarerCodes, type PersonCarers } from '../carer-view';
import { reviewPagePath } from '../review-view';
import { checked, dateInput, radios, textInput, valueOf } from '../safeguarding-form';

function backToRecord(person: PersonCarers): void {
  window.location.assign(reviewPagePath.record(person.id));
}

function askToEnd(person: PersonCarers, carerId: string): void {
  const carer = (person.carers ?? []).find((c) => c.id === carerId && !c.ended_at);
  if (!carer) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: `${person.full_name}’s record has no such carer still caring for them. Go back to the record to see who is.`, errors: [] });
  }
  byId('page-heading').textContent = `Does ${carer.name} no longer care for ${person.full_name}?`;
  document.title = `No longer their carer – ${person.full_name} – selfdirect`;
  byId('end-question').textContent = `${carer.description}.`;
  byId<HTMLAnchorElement>('end-cancel').href = reviewPagePath.record(person.id);
  const form = byId<HTMLFormElement>('end-form');
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const ended = await api<null>('POST', carerApiPath.end(person.id, carer.id));
      if (!ended.ok) return showPageProblem(ended.problem);
      setFlash({ heading: 'Carer updated', body: `${carer.name} is now shown as a past carer.` });
      backToRecord(person);
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

function askToAdd(person: PersonCarers, codes: CarerCodes): void {
  document.title = `Add a carer – ${person.full_name} – selfdirect`;
  replaceChildren(
    byId('carer-questions'),
    textInput('name', 'Carer’s name', { autocomplete: 'name' }),
    textInput('nhs-number', 'Carer’s NHS number (optional)', { hint: 'If they have their own record with the council (a carer’s assessment, for example), we link to it. For example, 485 777 3457.' }),
    radios('relationship', `How are they related to ${person.full_name}?`, codes.carer_relationship.map((c) => ({ value: c.code, text: c.label }))),
    radios('lives-with', `Do they live with ${person.full_name}?`, [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }], { inline: true }),
    textInput('phone', 'Phone number (optional)', { autocomplete: 'tel' }),
    radios('assessment-offer', 'Have they been offered a carer’s assessment?', codes.carer_assessment_offer.map((c) => ({ value: c.code, text: c.label })), {
      hint: 'The Care Act says every carer who may need support must be offered one.',
    }),
    dateInput('offered-on', 'When was it offered?', 'Leave blank if it has not been offered yet. For example, 20 11 2026.'),
  );
  const form = byId<HTMLFormElement>('carer-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const built = carerBody({
      name: valueOf(form, 'name'),
      nhsNumber: valueOf(form, 'nhs-number'),
      relationship: checked(form, 'relationship'),
      livesWith: checked(form, 'lives-with'),
      phone: valueOf(form, 'phone'),
      assessmentOffer: checked(form, 'assessment-offer'),
      offeredOn: { day: valueOf(form, 'offered-on-day'), month: valueOf(form, 'offered-on-month'), year: valueOf(form, 'offered-on-year') },
    });
    if (!built.ok) {
      errors.show(validationProblem(built.errors), CARER_FIELDS);
      return;
    }
    busy = true;
    try {
      const added = await api<Carer>('POST', carerApiPath.add(person.id), built.body);
      if (!added.ok) {
        showFormProblem(errors, added.problem, CARER_FIELDS);
        return;
      }
      errors.clear();
      const linked = added.data.carer_person_id ? ' Their own record is linked.' : '';
      setFlash({ heading: 'Carer added', body: `${added.data.description}.${linked}` });
      backToRecord(person);
    } finally {
      busy = false;
    }
  });
  form.hidden = false;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload', role: 'assessor' });
  if (!page) return;
  const params = new URLSearchParams(window.location.search);
  const personId = params.get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose record this is. Choose the person from your caseload.', errors: [] });
  }
  const [personResult, codesResult] = await Promise.all([
    api<PersonCarers>('GET', caseworkApiPath.person(personId)),
    api<CarerCodes>('GET', caseworkApiPath.codes),
  ]);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const person = personResult.data;
  byId('person-caption').textContent = person.full_name;
  byId('loading').remove();
  const end = params.get('end');
  if (end) askToEnd(person, end);
  else askToAdd(person, codesResult.data);
}

void main();
