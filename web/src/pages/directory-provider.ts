// /find-support/provider?council=CODE&provider=ID (public: no sign-in): a provider's page in the
// council's directory: what they do, their Care Quality Commission rating, the areas they serve,
// how to contact them, and each of their services with its price per unit and when it runs.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren } from '../dom';
import { summaryList, table } from '../govuk';
import { areasText, daysText, needsText, priceWithUnit, ratingText, type DirectoryCodes, type ProviderPage } from '../market-view';

function showInstead(heading: string, ...paragraphs: string[]): void {
  byId('loading').hidden = true;
  byId('page-heading').textContent = heading;
  document.title = `${heading} – selfdirect`;
  replaceChildren(byId('provider'), paragraphs.map((p) => h('p', { class: 'govuk-body' }, p)));
  byId('provider').hidden = false;
}

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const council = params.get('council') ?? '';
  const provider = params.get('provider') ?? '';
  if (council !== '') byId<HTMLAnchorElement>('back-link').href = `/find-support?${new URLSearchParams({ council }).toString()}`;
  if (history.length > 1 && document.referrer.includes('/find-support?')) {
    byId<HTMLAnchorElement>('back-link').href = document.referrer;
  }
  const [page, codes] = await Promise.all([
    api<ProviderPage>('GET', `/api/directory/providers/${encodeURIComponent(provider)}?${new URLSearchParams({ council }).toString()}`),
    api<DirectoryCodes>('GET', '/api/directory/codes'),
  ]);
  if (!page.ok || !codes.ok) {
    const problem = !page.ok ? page.problem : !codes.ok ? codes.problem : null;
    if (problem && (problem.status === 404 || problem.status === 422)) {
      showInstead('We could not find that provider', 'Check the web address, or search the directory again.');
    } else {
      showInstead('Sorry, there is a problem with the service', problem?.status === 0 ? problem.detail : 'Try again later.');
    }
    return;
  }
  const { provider: p, services } = page.data;
  byId('council-caption').textContent = page.data.council.name;
  byId('page-heading').textContent = p.name;
  document.title = `${p.name} – Find support – selfdirect`;
  const contact: [string, string][] = [];
  if (p.phone) contact.push(['Phone', p.phone]);
  if (p.email) contact.push(['Email', p.email]);
  if (p.address) contact.push(['Address', p.address]);
  replaceChildren(
    byId('provider'),
    p.description ? h('p', { class: 'govuk-body-l', id: 'provider-description' }, p.description) : null,
    summaryList(
      [
        ['Care Quality Commission rating', ratingText(p, dateInWords)],
        ...(p.cqc_location_id ? ([['CQC location', p.cqc_location_id]] as [string, string][]) : []),
        ['Areas', areasText(p.areas)],
        ...contact,
      ],
      { id: 'provider-facts' },
    ),
  );
  byId('loading').hidden = true;
  byId('provider').hidden = false;
  replaceChildren(
    byId('services'),
    h('h2', { class: 'govuk-heading-m', id: 'services-heading' }, services.length === 1 ? 'Their service' : 'Their services'),
    services.length === 0
      ? h('p', { class: 'govuk-body' }, 'This provider has not listed any services yet. Contact them to ask what they offer.')
      : table({
          id: 'services-table',
          caption: `Services from ${p.name}`,
          captionSize: 'hidden',
          head: ['Service', 'Price', 'When', 'Helps with'],
          rows: services.map((s) => [
            [h('strong', {}, s.what), s.description ? h('br') : '', s.description],
            priceWithUnit(s),
            [daysText(s.days), s.availability].filter((x) => x !== '').join('. '),
            needsText(s.need_areas, codes.data.need_areas),
          ]),
        }),
  );
}

void start();
