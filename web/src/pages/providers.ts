// /market/providers (commissioners): the council's provider register. Documents expired or
// expiring in the next 60 days first, so that nobody is paid on a lapsed policy; then every
// provider with its CQC rating, contract and number of services, each linking to its page; and
// a form to add a provider.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { FormErrors } from '../forms';
import { table, tag } from '../govuk';
import { setFlash, showFormProblem, showPageProblem, startSignedInPage } from '../layout';
import { providerQuestions, readProvider } from '../market-form';
import { PROVIDER_FIELDS, ratingText, staffProviderPath, type ExpiringDocument, type Provider } from '../market-view';
import { validationProblem } from '../problem';

function expiring(documents: ExpiringDocument[]): HTMLElement {
  if (documents.length === 0) {
    return h('div', {}, h('h2', { class: 'govuk-heading-m' }, 'Documents expiring'), h('p', { class: 'govuk-body', id: 'no-expiring' }, 'No provider’s documents have expired or expire in the next 60 days.'));
  }
  return table({
    id: 'expiring-table',
    caption: 'Documents expired or expiring in the next 60 days',
    head: ['Provider', 'Document', 'Expiry'],
    rows: documents.map((d) => [
      h('a', { class: 'govuk-link', href: staffProviderPath(d.provider_id) }, d.provider_name),
      `${d.title} (${d.kind_label.toLowerCase()})`,
      d.expired ? [tag('Expired', 'govuk-tag--red'), ' ', d.words] : d.words,
    ]),
  });
}

function providerTable(providers: Provider[]): HTMLElement {
  if (providers.length === 0) {
    return h('div', {}, h('h2', { class: 'govuk-heading-m' }, 'The register'), h('p', { class: 'govuk-body', id: 'no-providers' }, 'There are no providers yet. Add one below, or import a list with selfdirect providers import.'));
  }
  return table({
    id: 'providers-table',
    caption: 'The register',
    head: ['Provider', 'CQC rating', 'Contract', { text: 'Services', numeric: true }],
    rows: providers.map((p) => [
      h('a', { class: 'govuk-link', href: staffProviderPath(p.id) }, p.name),
      ratingText(p, dateInWords),
      p.contract_label,
      { content: String(p.services ?? 0), numeric: true },
    ]),
  });
}

async function start(): Promise<void> {
  const page = await startSignedInPage({ current: '/market/providers', role: 'commissioner' });
  if (!page) return;  // the page says why
  const [list, due] = await Promise.all([
    api<{ providers: Provider[] }>('GET', '/api/providers'),
    api<{ documents: ExpiringDocument[] }>('GET', '/api/provider-documents/expiring?within_days=60'),
  ]);
  if (!list.ok) return showPageProblem(list.problem);
  if (!due.ok) return showPageProblem(due.problem);
  replaceChildren(byId('expiring'), expiring(due.data.documents));
  replaceChildren(byId('provider-list'), providerTable(list.data.providers));
  replaceChildren(byId('provider-questions'), providerQuestions(null));
  byId('loading').hidden = true;
  byId('register').hidden = false;
  byId('add-section').hidden = false;

  const form = byId<HTMLFormElement>('provider-form');
  const errors = new FormErrors(byId('error-summary'), form);
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const built = readProvider(form, null);
    if (!built.ok) {
      errors.show(validationProblem(built.errors), PROVIDER_FIELDS);
      return;
    }
    busy = true;
    try {
      const added = await api<Provider>('POST', '/api/providers', built.body);
      if (!added.ok) {
        showFormProblem(errors, added.problem, PROVIDER_FIELDS);
        return;
      }
      setFlash({ heading: 'Provider added', body: `${added.data.name} is in the register. Add their services below.` });
      window.location.assign(staffProviderPath(added.data.id));
    } finally {
      busy = false;
    }
  });
}

void start();
