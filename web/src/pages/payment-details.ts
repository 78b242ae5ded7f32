// /finance/payment-details?person=…[&route=…][&return=…] (finance officers): where a person's
// direct payment or managed budget is paid. What is saved now, for each route, then the form:
// which money it is for (radios; ?route= chooses one, as the held payments table's link does),
// who is paid, and how (radios: a bank account reveals the sort code and account number, a
// prepaid card its reference). The server checks the details and names each field it refuses.
// Once saved, goes back to ?return= (a page on this site: the payment run or the preview the
// link came from) with a banner saying so, or to the payment runs page.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { safeReturnPath } from '../paths';
import {
  DETAILS_FIELDS,
  ROUTES,
  detailsBody,
  detailsRows,
  isRoute,
  paymentRunPaths,
  routeLabel,
  type PaymentDetails,
} from '../payment-run-view';
import { validationProblem } from '../problem';
import { checked, radios, textInput, valueOf, wireReveals } from '../safeguarding-form';

/** A narrow GOV.UK text input for digits, such as a sort code. */
function digitsInput(id: string, label: string, hint: string, width: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: id }, label),
    h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint),
    h('input', { class: `govuk-input govuk-input--width-${width}`, id, name: id, type: 'text', inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-hint` }),
  );
}

function currentDetails(details: readonly PaymentDetails[]): HTMLElement[] {
  if (details.length === 0) {
    return [h('p', { class: 'govuk-body', id: 'no-details' }, 'No payment details are saved yet, so their payments are held.')];
  }
  return [
    h('h2', { class: 'govuk-heading-m' }, 'Saved now'),
    ...details.flatMap((d) => [
      h('h3', { class: 'govuk-heading-s' }, routeLabel(d.route)),
      summaryList(detailsRows(d), { id: `saved-${d.route.replace(/_/g, '-')}` }),
    ]),
    h('h2', { class: 'govuk-heading-m' }, 'Change them'),
  ];
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: paymentRunPaths.list, role: 'finance-officer' });
  if (!page) return;
  const query = new URLSearchParams(window.location.search);
  const personId = query.get('person') ?? '';
  if (!personId) {
    return showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say whose payment details to change. Use the link beside their held payment.', errors: [] });
  }
  const back = safeReturnPath(query.get('return'), paymentRunPaths.list);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.govuk-back-link')) link.href = back;

  const saved = await api<{ person_name: string; details: PaymentDetails[] }>('GET', paymentRunPaths.api.details(personId));
  if (!saved.ok) return showPageProblem(saved.problem);
  const name = saved.data.person_name;
  byId('person-caption').textContent = name;
  document.title = `Where the money is paid${name ? ` – ${name}` : ''} – selfdirect`;
  replaceChildren(byId('current-details'), currentDetails(saved.data.details));

  const host = byId('details-questions');
  replaceChildren(
    host,
    radios('route', 'Which money is this for?', ROUTES.map((r) => ({ value: r.value, text: r.text, hint: r.hint }))),
    textInput('payee-name', 'Who is paid?', { hint: 'The name on the bank account or card: the person, someone who manages the money for them, or the provider.', autocomplete: 'off' }),
    radios('method', 'How is the money paid?', [
      {
        value: 'bank',
        text: 'Into a bank account',
        conditional: [
          digitsInput('sort-code', 'Sort code', 'Must be 6 digits long, like 12-34-56', '5'),
          digitsInput('account-number', 'Account number', 'Must be 8 digits long', '10'),
        ],
      },
      { value: 'card', text: 'Onto a prepaid card', conditional: [textInput('card-reference', 'Card reference', { hint: 'As the card provider shows it, for example PC-004512', labelClass: 'govuk-label--s' })] },
    ]),
  );
  wireReveals(host);
  const route = query.get('route') ?? '';
  if (isRoute(route)) {
    const radio = host.querySelector<HTMLInputElement>(`input[name="route"][value="${route}"]`);
    if (radio) radio.checked = true;
  }

  const form = byId<HTMLFormElement>('details-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const built = detailsBody({
        route: checked(form, 'route'),
        payeeName: valueOf(form, 'payee-name'),
        method: checked(form, 'method'),
        sortCode: valueOf(form, 'sort-code'),
        accountNumber: valueOf(form, 'account-number'),
        cardReference: valueOf(form, 'card-reference'),
      });
      if (!built.ok) {
        errors.show(validationProblem(built.errors), DETAILS_FIELDS);
        return;
      }
      const result = await api<PaymentDetails>('PUT', paymentRunPaths.api.details(personId), built.body);
      if (!result.ok) {
        showFormProblem(errors, result.problem, DETAILS_FIELDS);
        return;
      }
      const d = result.data;
      const where = d.card_reference ? `prepaid card ${d.card_reference}` : `account ${d.account_number.replace(/^\*+/, 'ending ')}`;
      setFlash({
        heading: 'Payment details saved',
        body: `${name ? `${name}’s` : 'Their'} ${routeLabel(d.route).toLowerCase()} is now paid to ${d.payee_name}, ${where}.`,
      });
      window.location.assign(back);
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
  form.hidden = false;
}

void main();
