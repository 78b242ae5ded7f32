// /people/new (assessors): a person's details and their first contact with the council.
// Dates are GOV.UK date inputs, read as YYYY-MM-DD (a date that is not a real date is caught
// on the page; the rest, such as a date of birth in the future or an NHS number whose check
// digit is wrong, by the server). Problems go in the error summary; once added, the person's
// record is shown.
import '../main';
import { api } from '../api';
import { caseworkApiPath, dateFromParts, NEW_PERSON_FIELDS, type CaseworkCodes, type Code, type PersonFile } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { validationProblem, type FieldProblem } from '../problem';

function fillSelect(id: string, codes: Code[]): void {
  replaceChildren(
    byId(id),
    h('option', { value: '' }, 'Choose one'),
    codes.map((code) => h('option', { value: code.code }, code.label)),
  );
}

function value(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  if (control instanceof RadioNodeList) return control.value;
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked ? 'yes' : '';
  if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) return control.value.trim();
  return '';
}

/** A date input's value: '' when all three boxes are empty (the server then says so). */
function dateValue(form: HTMLFormElement, id: string, what: string, field: string, problems: FieldProblem[]): string {
  const parts = ['day', 'month', 'year'].map((part) => value(form, `${id}-${part}`));
  if (parts.every((part) => part === '')) return '';
  const result = dateFromParts(parts[0] ?? '', parts[1] ?? '', parts[2] ?? '', what);
  if (!result.ok) {
    problems.push({ field, message: result.message });
    return '';
  }
  return result.date;
}

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/caseload', role: 'assessor' });
  if (!page) return;
  const codes = await api<CaseworkCodes>('GET', caseworkApiPath.codes);
  if (!codes.ok) return showPageProblem(codes.problem);
  fillSelect('gender', codes.data.gender);
  fillSelect('ethnicity', codes.data.ethnicity);
  fillSelect('primary-support-reason', codes.data.primary_support_reason);
  fillSelect('accommodation', codes.data.accommodation);
  fillSelect('employment', codes.data.employment);
  fillSelect('route-of-access', codes.data.route_of_access);
  fillSelect('contact-outcome', codes.data.contact_outcome);

  const form = byId<HTMLFormElement>('person-form');
  const today = new Date();
  (form.elements.namedItem('contact-date-day') as HTMLInputElement).value = String(today.getDate());
  (form.elements.namedItem('contact-date-month') as HTMLInputElement).value = String(today.getMonth() + 1);
  (form.elements.namedItem('contact-date-year') as HTMLInputElement).value = String(today.getFullYear());

  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const problems: FieldProblem[] = [];
    const dateOfBirth = dateValue(form, 'date-of-birth', 'date of birth', 'date_of_birth', problems);
    const contactDate = dateValue(form, 'contact-date', 'date of contact', 'contact.contact_date', problems);
    if (problems.length > 0) {
      errors.show(validationProblem(problems), NEW_PERSON_FIELDS);
      return;
    }
    const body = {
      given_name: value(form, 'given-name'),
      family_name: value(form, 'family-name'),
      date_of_birth: dateOfBirth,
      nhs_number: value(form, 'nhs-number'),
      address: value(form, 'address'),
      postcode: value(form, 'postcode'),
      phone: value(form, 'phone'),
      email: value(form, 'email'),
      gender: value(form, 'gender'),
      ethnicity: value(form, 'ethnicity'),
      primary_support_reason: value(form, 'primary-support-reason'),
      accommodation: value(form, 'accommodation'),
      employment: value(form, 'employment'),
      has_unpaid_carer: value(form, 'has-unpaid-carer'),
      communication: {
        easy_read: value(form, 'easy-read') === 'yes',
        large_print: value(form, 'large-print') === 'yes',
        interpreter_language: value(form, 'interpreter-language'),
        other: value(form, 'communication-other'),
      },
      contact: {
        contact_date: contactDate,
        route_of_access: value(form, 'route-of-access'),
        asked_for: value(form, 'asked-for'),
        outcome: value(form, 'contact-outcome'),
      },
    };
    busy = true;
    try {
      const result = await api<PersonFile>('POST', caseworkApiPath.people, body);
      if (!result.ok) {
        showFormProblem(errors, result.problem, NEW_PERSON_FIELDS);
        return;
      }
      setFlash({ heading: `${result.data.full_name} has been added` });
      window.location.assign(`/person?id=${encodeURIComponent(result.data.id)}`);
    } finally {
      busy = false;
    }
  });
  byId('loading').remove();
  form.hidden = false;
}

void main();
