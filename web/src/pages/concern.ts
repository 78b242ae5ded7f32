// /concern?id=… (safeguarding leads): one safeguarding concern. What was raised, by whom and
// when; each step the lead has taken (triage, enquiry, closure) with when; and the form for
// the next step: the triage decision (no further action reveals that it closes the concern),
// who leads the enquiry and when it started, or the closure with the outcome for the risk, the
// actions taken and the person's own view of whether what they wanted was achieved. A step
// out of order or a concern changed by someone else is explained in the error summary.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, tag } from '../govuk';
import { showFormProblem, showPageProblem, showSuccess, startSignedInPage } from '../layout';
import { validationProblem } from '../problem';
import { checked, dateInput, radios, textarea, textInput, valueOf, wireReveals } from '../safeguarding-form';
import {
  CLOSE_FIELDS,
  ENQUIRY_FIELDS,
  TRIAGE_FIELDS,
  enquiryBody,
  nextStep,
  riskTag,
  safeguardingApiPath,
  statusTag,
  type Concern,
  type SafeguardingCodes,
} from '../safeguarding-view';

type Step = 'triage' | 'enquiry' | 'close';

function orNotGiven(text: string): string {
  return text.trim() ? text : 'Not given';
}

function draw(concern: Concern): void {
  const heading = concern.person_name || concern.provider || 'Safeguarding concern';
  byId('page-heading').textContent = heading;
  document.title = `${heading} – Safeguarding concern – selfdirect`;
  const risk = riskTag(concern);
  const status = statusTag(concern.status, concern.status_label);
  const parts: Node[] = [
    h('p', { class: 'govuk-body', id: 'concern-tags' }, tag(status.text, status.modifier), ' ', risk ? tag(risk.text, risk.modifier) : null),
    h('h2', { class: 'govuk-heading-m' }, 'What was raised'),
    summaryList(
      [
        ['Kind of harm', concern.category_label],
        ['What happened', concern.what_happened],
        ['In danger right now', concern.immediate_risk ? 'Yes' : 'No'],
        ['What the person wants', orNotGiven(concern.persons_wishes)],
        ['Provider involved', orNotGiven(concern.provider)],
        ['Raised by', concern.raiser_label],
        ['Raised on', dateInWords(concern.raised_at)],
        ['Reference', concern.id],
      ],
      { id: 'concern-summary' },
    ),
  ];
  if (concern.triage) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, 'Triage'),
      summaryList(
        [
          ['Decision', concern.triage.decision_label],
          ['Reasons', concern.triage.reasons],
          ['Decided on', dateInWords(concern.triage.at)],
        ],
        { id: 'triage-summary' },
      ),
    );
  }
  if (concern.enquiry) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, 'Enquiry'),
      summaryList(
        [
          ['Led by', concern.enquiry.led_by],
          ['Started on', dateInWords(concern.enquiry.started_on)],
        ],
        { id: 'enquiry-summary' },
      ),
    );
  }
  if (concern.closure) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, 'Outcome'),
      summaryList(
        [
          ['The risk', concern.closure.risk_label],
          ['Actions taken', concern.closure.actions_taken],
          ['Were the outcomes the person wanted met?', concern.closure.outcomes_met_label],
          ['The person’s view', orNotGiven(concern.closure.persons_view)],
          ['Closed on', dateInWords(concern.closure.at)],
        ],
        { id: 'closure-summary' },
      ),
    );
  }
  replaceChildren(byId('concern-content'), parts);
}

function triageQuestions(codes: SafeguardingCodes): Node[] {
  const hints: Record<string, string> = {
    section_42_enquiry: 'The person has care and support needs, is experiencing or at risk of abuse or neglect, and cannot protect themselves because of those needs.',
    other_action: 'For example, a review of their support plan, advice, or a referral to another service.',
  };
  return [
    h('h2', { class: 'govuk-heading-l' }, 'Triage this concern'),
    radios(
      'decision',
      'What needs to happen?',
      codes.triage_decisions.map((d) => ({
        value: d.code,
        text: d.label,
        hint: hints[d.code],
        conditional:
          d.code === 'no_further_action'
            ? [h('p', { class: 'govuk-body' }, 'This closes the concern. Say in your reasons why no further safeguarding action is needed, and what was done to check.')]
            : undefined,
      })),
    ),
    textarea('reasons', 'Your reasons', { hint: 'The person who raised it and the person it is about may ask to see these.' }),
  ];
}

function enquiryQuestions(): Node[] {
  return [
    h('h2', { class: 'govuk-heading-l' }, 'Record the enquiry'),
    textInput('led-by', 'Who is leading the enquiry?', { hint: 'Their name, and their role or organisation.' }),
    dateInput('started-on', 'When did the enquiry start?', 'Leave blank for today. For example, 27 3 2026.'),
  ];
}

function closeQuestions(codes: SafeguardingCodes): Node[] {
  return [
    h('h2', { class: 'govuk-heading-l' }, 'Close the concern'),
    radios('risk', 'What happened to the risk?', codes.risk_outcomes.map((r) => ({ value: r.code, text: r.label }))),
    textarea('actions-taken', 'What actions were taken?'),
    radios(
      'outcomes-met',
      'Did the person feel the outcomes they wanted were met?',
      codes.outcomes_met.map((o) => ({ value: o.code, text: o.label })),
      { hint: 'Ask them. This is what Making Safeguarding Personal measures.' },
    ),
    textarea('persons-view', 'The person’s view, in their own words', {
      hint: 'If they did not say what they wanted, say why, for example they chose not to.',
      rows: 3,
    }),
  ];
}

/** The form for `step`, or the form hidden when there is nothing left to do. */
function drawForm(step: Step | null, codes: SafeguardingCodes): void {
  const form = byId<HTMLFormElement>('step-form');
  const host = byId('step-questions');
  if (!step) {
    host.replaceChildren();
    form.hidden = true;
    return;
  }
  const questions = step === 'triage' ? triageQuestions(codes) : step === 'enquiry' ? enquiryQuestions() : closeQuestions(codes);
  replaceChildren(host, questions);
  wireReveals(host);
  byId('step-button').textContent = step === 'triage' ? 'Save the decision' : step === 'enquiry' ? 'Save the enquiry' : 'Close the concern';
  form.dataset['step'] = step;
  form.hidden = false;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/concerns', role: 'safeguarding-lead' });
  if (!page) return;
  const id = new URLSearchParams(window.location.search).get('id') ?? '';
  if (!id) return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say which concern to show. Choose it from the safeguarding concerns.', errors: [] });
  const [concernResult, codesResult] = await Promise.all([
    api<Concern>('GET', safeguardingApiPath.concern(id)),
    api<SafeguardingCodes>('GET', safeguardingApiPath.codes),
  ]);
  if (!concernResult.ok) return showPageProblem(concernResult.problem);
  if (!codesResult.ok) return showPageProblem(codesResult.problem);
  const codes = codesResult.data;
  let concern = concernResult.data;

  /** The step this page offers: after other safeguarding action, closing (an enquiry is optional). */
  const stepFor = (c: Concern): Step | null => {
    const next = nextStep(c);
    return next === 'other-action' ? 'close' : next;
  };
  draw(concern);
  drawForm(stepFor(concern), codes);

  const form = byId<HTMLFormElement>('step-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const step = form.dataset['step'] as Step;
    const fields = step === 'triage' ? TRIAGE_FIELDS : step === 'enquiry' ? ENQUIRY_FIELDS : CLOSE_FIELDS;
    let body: Record<string, unknown>;
    if (step === 'triage') {
      body = { decision: checked(form, 'decision') ?? '', reasons: valueOf(form, 'reasons'), revision: concern.revision };
    } else if (step === 'enquiry') {
      const read = enquiryBody(valueOf(form, 'led-by'), valueOf(form, 'started-on-day'), valueOf(form, 'started-on-month'), valueOf(form, 'started-on-year'), concern.revision);
      if (!read.ok) {
        errors.show(validationProblem(read.errors), fields);
        return;
      }
      body = read.body;
    } else {
      body = {
        risk: checked(form, 'risk') ?? '',
        actions_taken: valueOf(form, 'actions-taken'),
        outcomes_met: checked(form, 'outcomes-met') ?? '',
        persons_view: valueOf(form, 'persons-view'),
        revision: concern.revision,
      };
    }
    busy = true;
    try {
      const result = await api<Concern>('POST', safeguardingApiPath.step(concern.id, step), body);
      if (!result.ok) {
        showFormProblem(errors, result.problem, fields);
        return;
      }
      errors.clear();
      concern = result.data;
      draw(concern);
      drawForm(stepFor(concern), codes);
      const done = step === 'triage'
        ? (concern.status === 'closed' ? 'Concern closed: no further safeguarding action' : `Triage recorded: ${concern.triage?.decision_label ?? ''}`)
        : step === 'enquiry' ? 'Enquiry recorded' : 'Concern closed';
      showSuccess(byId('notification'), done);
    } finally {
      busy = false;
    }
  });
}

void main();
