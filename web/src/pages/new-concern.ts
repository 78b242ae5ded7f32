// /concerns/new?person=… : raising a safeguarding concern about a person, by anyone who may
// see their record (their social worker, the person themselves with person=me, their
// representative). Whether they are in danger now (Yes reveals what to do first), the kind of
// harm, what happened, what the person wants, and a provider if one is involved. Problems go in
// the error summary; once raised, a confirmation with the reference and what happens next.
import '../main';
import { api } from '../api';
import { caseworkApiPath, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { checked, radios, textarea, textInput, valueOf, wireReveals } from '../safeguarding-form';
import { RAISE_FIELDS, raiseBody, safeguardingApiPath, type Concern, type SafeguardingCodes } from '../safeguarding-view';

function notFound(detail: string): void {
  showPageProblem({ status: 404, type: '', title: 'Not found', detail, errors: [] });
}

function showRaised(concern: Concern, backHref: string, backText: string): void {
  replaceChildren(
    byId('result'),
    h(
      'div',
      { class: 'govuk-panel govuk-panel--confirmation', id: 'concern-raised' },
      h('h2', { class: 'govuk-panel__title' }, 'Concern raised'),
      h('div', { class: 'govuk-panel__body' }, 'Your reference', h('br'), h('strong', { id: 'concern-reference' }, concern.id)),
    ),
    h('h2', { class: 'govuk-heading-m' }, 'What happens next'),
    h('p', { class: 'govuk-body' }, 'The council’s safeguarding lead has been told. They will decide what needs to happen and may contact you to find out more.'),
    concern.immediate_risk
      ? h('p', { class: 'govuk-body' }, 'You said someone is in danger right now. If you have not called 999, call now.')
      : null,
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: backHref }, backText)),
  );
  byId('concern-form').hidden = true;
  byId('result').hidden = false;
  byId('page-heading').textContent = 'Safeguarding concern raised';
  document.title = 'Safeguarding concern raised – selfdirect';
  byId('page-heading').focus();
}

async function main(): Promise<void> {
  const asked = new URLSearchParams(window.location.search).get('person') ?? '';
  const page = await startSignedInPage({ current: asked === 'me' ? '/my-record' : '/caseload' });
  if (!page) return;
  const own = page.session.user.person_id ?? '';
  const personId = asked === 'me' ? own : asked;
  if (!personId) {
    return notFound(
      asked === 'me'
        ? 'Your account is not linked to a person’s record. Ask your council’s social care team to raise the concern for you.'
        : 'This address does not say who the concern is about. Go back to the person’s record and try again.',
    );
  }
  const self = personId === own;
  const [personResult, codesResult] = await Promise.all([
    api<PersonFile>('GET', caseworkApiPath.person(personId)),
    api<SafeguardingCodes>('GET', safeguardingApiPath.codes),
  ]);
  if (!personResult.ok) return showPageProblem(personResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const person = personResult.data;
  const name = self ? 'you' : person.full_name;
  byId('person-caption').textContent = self ? 'About you' : person.full_name;
  document.title = `Raise a safeguarding concern – ${person.full_name} – selfdirect`;

  const host = byId('concern-questions');
  replaceChildren(
    host,
    radios(
      'immediate-risk',
      self ? 'Are you in danger right now?' : `Is ${name} in danger right now?`,
      [
        {
          value: 'yes',
          text: 'Yes',
          conditional: [
            h('p', { class: 'govuk-body' }, 'Call 999 now if you have not already. Then finish this form so that the safeguarding lead knows straight away.'),
          ],
        },
        { value: 'no', text: 'No' },
      ],
    ),
    radios(
      'category',
      'What kind of harm is it?',
      codesResult.data.categories.map((c) => ({ value: c.code, text: c.label })),
      { hint: 'Choose the one that fits best.' },
    ),
    textarea('what-happened', 'What happened, or what are you worried about?', {
      hint: 'Say what you saw or were told, when it happened, and who was involved.',
      rows: 6,
    }),
    textarea('persons-wishes', self ? 'What do you want to happen? (optional)' : `What does ${name} want to happen? (optional)`, {
      hint: self ? 'In your own words.' : 'In their words, if you know.',
      rows: 3,
    }),
    textInput('provider', 'If a care provider or agency is involved, which one? (optional)', {
      hint: 'For example, the name of a home care agency or care home.',
    }),
  );
  wireReveals(host);

  const backHref = self ? '/my-record' : `/person?id=${encodeURIComponent(person.id)}`;
  const backText = self ? 'Back to your record' : `Back to ${person.full_name}’s record`;
  const form = byId<HTMLFormElement>('concern-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const body = raiseBody({
        category: checked(form, 'category'),
        whatHappened: valueOf(form, 'what-happened'),
        immediateRisk: checked(form, 'immediate-risk') as 'yes' | 'no' | undefined,
        personsWishes: valueOf(form, 'persons-wishes'),
        provider: valueOf(form, 'provider'),
      });
      const result = await api<Concern>('POST', safeguardingApiPath.raise(person.id), body);
      if (!result.ok) {
        showFormProblem(errors, result.problem, RAISE_FIELDS);
        return;
      }
      errors.clear();
      showRaised(result.data, backHref, backText);
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
  form.hidden = false;
}

void main();
