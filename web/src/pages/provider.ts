// /market/provider?provider=ID[&service=ID] (commissioners): one provider of the register: its
// details and documents, its services (each with a link to change it), a form to add a service
// (or change the one named in the address), and a form to change the provider.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { summaryList, table, tag } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { providerQuestions, readProvider, readService, serviceQuestions } from '../market-form';
import {
  areasText,
  daysText,
  PROVIDER_FIELDS,
  priceWithUnit,
  ratingText,
  SERVICE_FIELDS,
  staffProviderPath,
  type DirectoryCodes,
  type ProviderPage,
  type Service,
} from '../market-view';
import { validationProblem } from '../problem';

function facts(page: ProviderPage): HTMLElement {
  const p = page.provider;
  const contact = [p.phone, p.email, p.address].filter((x) => x !== '').join(', ');
  return summaryList(
    [
      ['CQC rating', ratingText(p, dateInWords)],
      ['CQC location id', p.cqc_location_id ?? 'None'],
      ['Areas', areasText(p.areas)],
      ['Contact', contact],
      ['Contract', p.contract_label],
      ['Documents', p.documents.length === 0 ? 'None recorded' : p.documents.map((d) => h('span', { class: 'app-block' }, `${d.title}: expires ${dateInWords(d.expires_on)}`))],
    ],
    { id: 'provider-summary' },
  );
}

function servicesTable(page: ProviderPage): HTMLElement {
  if (page.services.length === 0) return h('p', { class: 'govuk-body', id: 'no-services' }, 'No services yet. Add one below.');
  return table({
    id: 'services-table',
    caption: 'Services',
    head: ['Service', 'Price', 'Days', 'Approved', { text: 'Change', hidden: true }],
    rows: page.services.map((s) => [
      [s.what, s.traditional_menu ? ' ' : '', s.traditional_menu ? tag('Traditional menu', 'govuk-tag--grey') : ''],
      priceWithUnit(s),
      daysText(s.days),
      s.approved ? 'Yes' : 'No',
      h('a', { class: 'govuk-link', href: staffProviderPath(page.provider.id, s.id), id: `change-${s.id}` }, 'Change', visuallyHidden(` ${s.what}`)),
    ]),
  });
}

async function start(): Promise<void> {
  const signedIn = await startSignedInPage({ current: '/market/providers', role: 'commissioner' });
  if (!signedIn) return;
  const params = new URLSearchParams(window.location.search);
  const id = params.get('provider') ?? '';
  const serviceId = params.get('service');
  const [loaded, codes] = await Promise.all([api<ProviderPage>('GET', `/api/providers/${encodeURIComponent(id)}`), api<DirectoryCodes>('GET', '/api/directory/codes')]);
  if (!loaded.ok) return showPageProblem(loaded.problem);
  if (!codes.ok) return showPageProblem(codes.problem);
  const page = loaded.data;
  byId('page-heading').textContent = page.provider.name;
  document.title = `${page.provider.name} – Providers – selfdirect`;
  replaceChildren(byId('provider-facts'), facts(page));
  replaceChildren(byId('services'), servicesTable(page));

  const editing: Service | null = serviceId ? (page.services.find((s) => s.id === serviceId) ?? null) : null;
  if (editing) {
    byId('service-heading').textContent = `Change ${editing.what}`;
    byId('save-service').textContent = 'Save the service';
  }
  replaceChildren(byId('service-questions'), serviceQuestions(codes.data, editing));
  replaceChildren(byId('provider-questions'), providerQuestions(page.provider));
  byId('loading').hidden = true;
  byId('forms').hidden = false;

  const serviceForm = byId<HTMLFormElement>('service-form');
  const serviceErrors = new FormErrors(byId('error-summary'), serviceForm);
  let busy = false;
  serviceForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const body = readService(serviceForm);
      const saved = editing
        ? await api<Service>('PUT', `/api/services/${encodeURIComponent(editing.id)}`, body)
        : await api<Service>('POST', `/api/providers/${encodeURIComponent(page.provider.id)}/services`, body);
      if (!saved.ok) {
        showFormProblem(serviceErrors, saved.problem, SERVICE_FIELDS);
        return;
      }
      setFlash({ heading: editing ? 'Service changed' : 'Service added', body: `${saved.data.what}, ${priceWithUnit(saved.data)}.` });
      window.location.assign(staffProviderPath(page.provider.id));
    } finally {
      busy = false;
    }
  });

  const providerForm = byId<HTMLFormElement>('provider-form');
  const providerErrors = new FormErrors(byId('error-summary'), providerForm);
  providerForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const built = readProvider(providerForm, page.provider);
    if (!built.ok) {
      providerErrors.show(validationProblem(built.errors), PROVIDER_FIELDS);
      return;
    }
    busy = true;
    try {
      const saved = await api('PUT', `/api/providers/${encodeURIComponent(page.provider.id)}`, built.body);
      if (!saved.ok) {
        showFormProblem(providerErrors, saved.problem, PROVIDER_FIELDS);
        return;
      }
      setFlash({ heading: 'Provider changed', body: 'The register and the public directory show the changes.' });
      window.location.assign(staffProviderPath(page.provider.id));
    } finally {
      busy = false;
    }
  });
}

void start();
