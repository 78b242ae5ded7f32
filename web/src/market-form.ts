/**
 * The commissioner's forms for the provider register: a provider's questions (name, CQC
 * registration and rating, areas, contact, contract, insurance and contract expiry dates) and a
 * service's (what, price per unit, when, the needs it helps with, type, approval), filled in from
 * what is recorded when changing one, and read back into the API's request bodies.
 */
import { dateFromParts } from './casework-view';
import { h } from './dom';
import { singleCheckbox } from './form-parts';
import type { FieldProblem } from './problem';
import { dateInput, textInput, textarea, valueOf } from './safeguarding-form';
import { documentsFor, listOf, type DirectoryCodes, type Provider, type Service } from './market-view';

function selectQuestion(id: string, label: string, options: { code: string; label: string }[], chosen: string, none: string | null): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    h(
      'select',
      { class: 'govuk-select', id, name: id },
      none === null ? null : h('option', { value: '' }, none),
      options.map((o) => h('option', { value: o.code, selected: o.code === chosen ? true : undefined }, o.label)),
    ),
  );
}

function checkboxes(name: string, legend: string, hint: string, options: { code: string; label: string }[], chosen: readonly string[]): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': hint ? `${name}-hint` : undefined },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, legend),
      hint ? h('div', { class: 'govuk-hint', id: `${name}-hint` }, hint) : null,
      h(
        'div',
        { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' },
        options.map((o) =>
          h(
            'div',
            { class: 'govuk-checkboxes__item' },
            h('input', { class: 'govuk-checkboxes__input', id: `${name}-${o.code.replace(/_/g, '-')}`, name, type: 'checkbox', value: o.code, checked: chosen.includes(o.code) ? true : undefined }),
            h('label', { class: 'govuk-label govuk-checkboxes__label', for: `${name}-${o.code.replace(/_/g, '-')}` }, o.label),
          ),
        ),
      ),
    ),
  );
}

function setValue(root: HTMLElement, id: string, value: string): void {
  const control = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
  if (control) control.value = value;
}

function setDate(root: HTMLElement, id: string, iso: string | null | undefined): void {
  if (!iso) return;
  const [y, m, d] = iso.split('-');
  setValue(root, `${id}-day`, String(Number(d)));
  setValue(root, `${id}-month`, String(Number(m)));
  setValue(root, `${id}-year`, y ?? '');
}

const RATINGS = [
  { code: 'outstanding', label: 'Outstanding' },
  { code: 'good', label: 'Good' },
  { code: 'requires_improvement', label: 'Requires improvement' },
  { code: 'inadequate', label: 'Inadequate' },
  { code: 'not_yet_rated', label: 'Not yet rated' },
];

/** The provider's questions, filled in from `provider` when changing one. */
export function providerQuestions(provider: Provider | null): HTMLElement[] {
  const insurance = provider?.documents.find((d) => d.kind === 'insurance')?.expires_on;
  const contract = provider?.documents.find((d) => d.kind === 'contract')?.expires_on;
  const questions = [
    textInput('provider-name', 'Name', { labelClass: 'govuk-label--s' }),
    textarea('provider-description', 'What they do', { labelClass: 'govuk-label--s', rows: 3, hint: 'In their words, for people looking for support.' }),
    textInput('cqc-location-id', 'CQC location id (optional)', { labelClass: 'govuk-label--s', hint: 'From the provider’s page on the Care Quality Commission website, for example 1-101641578. Leave it empty if they are not registered.' }),
    selectQuestion('cqc-rating', 'CQC rating', RATINGS, provider?.cqc_rating ?? '', 'None'),
    dateInput('cqc-rated-on', 'Date of the CQC rating (optional)', 'As on the rating’s report, for example 1 6 2025.'),
    textInput('areas', 'Areas they serve', { labelClass: 'govuk-label--s', hint: 'The council’s area codes, separated by spaces, for example north central.' }),
    textInput('phone', 'Phone (optional)', { labelClass: 'govuk-label--s', autocomplete: 'off' }),
    textInput('email', 'Email (optional)', { labelClass: 'govuk-label--s', autocomplete: 'off' }),
    textarea('address', 'Address (optional)', { labelClass: 'govuk-label--s', rows: 3, hint: 'Give at least one way to contact them: a phone number, an email address or an address.' }),
    selectQuestion('contract', 'Contract', [{ code: 'spot', label: 'Spot purchase' }, { code: 'framework', label: 'Framework contract' }], provider?.contract ?? 'spot', null),
    dateInput('insurance-expires-on', 'Insurance expires on (optional)', 'For example, 31 1 2027.'),
    dateInput('contract-expires-on', 'Contract expires on (optional)', 'For example, 31 3 2028.'),
  ];
  const root = h('div', {}, questions);
  for (const legend of root.querySelectorAll('legend')) legend.classList.replace('govuk-fieldset__legend--m', 'govuk-fieldset__legend--s');
  for (const id of ['cqc-location-id', 'areas', 'email']) root.querySelector(`#${id}`)?.setAttribute('spellcheck', 'false');
  if (provider) {
    setValue(root, 'provider-name', provider.name);
    setValue(root, 'provider-description', provider.description);
    setValue(root, 'cqc-location-id', provider.cqc_location_id ?? '');
    setValue(root, 'areas', provider.areas.join(' '));
    setValue(root, 'phone', provider.phone);
    setValue(root, 'email', provider.email);
    setValue(root, 'address', provider.address);
    setDate(root, 'cqc-rated-on', provider.cqc_rated_on);
    setDate(root, 'insurance-expires-on', insurance);
    setDate(root, 'contract-expires-on', contract);
  }
  return questions;
}

type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldProblem[] };

function optionalDate(form: HTMLFormElement, id: string, what: string): { ok: true; date: string } | { ok: false; message: string } {
  const [d, m, y] = ['day', 'month', 'year'].map((part) => valueOf(form, `${id}-${part}`).trim());
  if (!d && !m && !y) return { ok: true, date: '' };
  return dateFromParts(d ?? '', m ?? '', y ?? '', what);
}

/** The provider request the form says, or what is wrong with its dates. */
export function readProvider(form: HTMLFormElement, existing: Provider | null): Built<Record<string, unknown>> {
  const errors: FieldProblem[] = [];
  const rated = optionalDate(form, 'cqc-rated-on', 'date of the rating');
  if (!rated.ok) errors.push({ field: 'cqc_rated_on', message: rated.message });
  const insurance = optionalDate(form, 'insurance-expires-on', 'date the insurance expires');
  if (!insurance.ok) errors.push({ field: 'documents[0].expires_on', message: insurance.message });
  const contract = optionalDate(form, 'contract-expires-on', 'date the contract expires');
  if (!contract.ok) errors.push({ field: 'documents[1].expires_on', message: contract.message });
  if (!rated.ok || !insurance.ok || !contract.ok) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name: valueOf(form, 'provider-name'),
      description: valueOf(form, 'provider-description'),
      cqc_location_id: valueOf(form, 'cqc-location-id'),
      cqc_rating: form.querySelector<HTMLSelectElement>('#cqc-rating')?.value ?? '',
      cqc_rated_on: rated.date,
      areas: listOf(valueOf(form, 'areas')),
      phone: valueOf(form, 'phone'),
      email: valueOf(form, 'email'),
      address: valueOf(form, 'address'),
      contract: form.querySelector<HTMLSelectElement>('#contract')?.value ?? 'spot',
      documents: documentsFor(existing?.documents ?? [], insurance.date, contract.date),
    },
  };
}

/** The service's questions, filled in from `service` when changing one. */
export function serviceQuestions(codes: DirectoryCodes, service: Service | null): HTMLElement[] {
  const units = codes.units.map((u) => ({ code: u.code, label: `A${u.code === 'hour' || u.code === 'item' ? 'n' : ''} ${u.code}` }));
  const questions = [
    textInput('service-what', 'What the service is', { labelClass: 'govuk-label--s', hint: 'For example, Help at home or Art club.' }),
    textarea('service-description', 'Description (optional)', { labelClass: 'govuk-label--s', rows: 3 }),
    selectQuestion('unit', 'The price is for', units, service?.unit ?? 'hour', null),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: 'price' }, 'Price of one unit'),
      h('div', { class: 'govuk-hint', id: 'price-hint' }, 'In pounds and pence, for example 21.50.'),
      h(
        'div',
        { class: 'govuk-input__wrapper' },
        h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, '£'),
        h('input', { class: 'govuk-input govuk-input--width-5', id: 'price', name: 'price', type: 'text', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'price-hint' }),
      ),
    ),
    textInput('availability', 'When it is available (optional)', { labelClass: 'govuk-label--s', hint: 'For example, Weekdays 7am to 11am.' }),
    checkboxes('days', 'Days it runs', 'Leave them all empty if the provider arranges days with each person.', codes.days, service?.days ?? []),
    checkboxes('need', 'What it helps with', 'Choose at least one.', codes.need_areas, service?.need_areas ?? []),
    selectQuestion('service-type', 'Type of service', codes.service_types.map((t) => ({ code: t.code, label: t.traditional_menu ? `${t.label} (traditional menu)` : t.label })), service?.service_type ?? '', 'Choose a type'),
    singleCheckbox('approved', 'On the council’s approved list', { checked: service?.approved === true }),
  ];
  const root = h('div', {}, questions);
  if (service) {
    setValue(root, 'service-what', service.what);
    setValue(root, 'service-description', service.description);
    setValue(root, 'price', service.price.replace(/^£/, '').replace(/,/g, ''));
    setValue(root, 'availability', service.availability);
  }
  return questions;
}

/** The service request the form says. */
export function readService(form: HTMLFormElement): Record<string, unknown> {
  const ticked = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((c) => c.value);
  return {
    what: valueOf(form, 'service-what'),
    description: valueOf(form, 'service-description'),
    unit: form.querySelector<HTMLSelectElement>('#unit')?.value ?? '',
    price: valueOf(form, 'price').trim().replace(/^£/, ''),
    availability: valueOf(form, 'availability'),
    days: ticked('days'),
    need_areas: ticked('need'),
    service_type: form.querySelector<HTMLSelectElement>('#service-type')?.value ?? '',
    approved: form.querySelector<HTMLInputElement>('#approved')?.checked ?? false,
  };
}
