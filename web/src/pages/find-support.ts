// /find-support?council=CODE&q=…&need_area=…&area=…&day=…&max_price=…&min_rating=… (public: no
// sign-in): search a council's directory of care and support services. The form is an ordinary
// GET form, so a search is an address that can be shared or bookmarked; the results list each
// service with its price per unit, the provider's CQC rating and areas, and links to the
// provider's page. Without a council in the address, the page lists the councils to choose from.
// With ?plan=… (from the plan builder's "Save and find a service in the directory"), someone who
// may change that plan sees whose plan it is and an "Add to the plan" link on each service,
// which takes them back to the builder with the service as a new item.
import '../main';
import { api, loadCouncils } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { FormErrors } from '../forms';
import { summaryList } from '../govuk';
import {
  areasText,
  daysText,
  directoryProviderPath,
  needsText,
  priceWithUnit,
  ratingText,
  resultsHeading,
  SEARCH_FIELDS,
  searchApiPath,
  searchFromQuery,
  searchPagePath,
  showingText,
  type Code,
  type DirectoryCodes,
  type DirectoryHit,
  type DirectoryResults,
} from '../market-view';
import { isEditable, planApiPath, planPaths, type Plan } from '../plan-view';
import type { Problem } from '../problem';

/** The plan a service is being chosen for, when the address names one its reader may change. */
interface ChoosingFor {
  plan: Plan & { person_name?: string };
}

function select(id: string, name: string, label: string, hint: string, options: Code[], chosen: string, none: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h(
      'select',
      { class: 'govuk-select', id, name, 'aria-describedby': hint ? `${id}-hint` : undefined },
      h('option', { value: '' }, none),
      options.map((o) => h('option', { value: o.code, selected: o.code === chosen ? true : undefined }, o.label)),
    ),
  );
}

function input(id: string, name: string, label: string, hint: string, value: string, extra: Record<string, string> = {}): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null,
    h('input', { class: `govuk-input ${extra['class'] ?? ''}`.trim(), id, name, type: 'text', value, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': hint ? `${id}-hint` : undefined, inputmode: extra['inputmode'] }),
  );
}

function priceInput(value: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: 'max-price' }, 'Most you want to pay for one hour, day, session or item'),
    h('div', { class: 'govuk-hint', id: 'max-price-hint' }, 'In pounds, for example 25 or 25.50. Leave it empty to see every price.'),
    h(
      'div',
      { class: 'govuk-input__wrapper' },
      h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, '£'),
      h('input', { class: 'govuk-input govuk-input--width-5', id: 'max-price', name: 'max_price', type: 'text', inputmode: 'decimal', value, autocomplete: 'off', 'aria-describedby': 'max-price-hint' }),
    ),
  );
}

function askQuestions(codes: DirectoryCodes, query: Record<string, string>): void {
  const ratings = codes.cqc_ratings.filter((r) => r.code !== 'not_yet_rated');
  replaceChildren(
    byId('search-questions'),
    input('q', 'q', 'What are you looking for?', 'A few words, for example help at home, day centre or swimming.', query['q'] ?? ''),
    select('need-area', 'need_area', 'What do you need help with?', '', codes.need_areas, query['need_area'] ?? '', 'Anything'),
    input('area', 'area', 'Area', 'The council’s name for the part of the area you live in, for example north. Leave it empty for everywhere.', query['area'] ?? '', { class: 'govuk-input--width-20' }),
    select('day', 'day', 'Day you need it', '', codes.days, query['day'] ?? '', 'Any day'),
    priceInput(query['max_price'] ?? ''),
    select('min-rating', 'min_rating', 'Lowest Care Quality Commission rating', 'Services that are not registered with the Care Quality Commission, such as clubs and gyms, are left out when you choose a rating.', ratings, query['min_rating'] ?? '', 'Any rating, or none'),
  );
}

function hitCard(hit: DirectoryHit, council: string, codes: DirectoryCodes, choosing: ChoosingFor | null): HTMLElement {
  const rows: [string, string][] = [
    ['Price', priceWithUnit(hit)],
    ['Type', hit.service_type_label],
    ['When', [daysText(hit.days), hit.availability].filter((s) => s !== '').join('. ')],
    ['Helps with', needsText(hit.need_areas, codes.need_areas)],
    ['Care Quality Commission rating', ratingText(hit.provider, dateInWords)],
    ['Areas', areasText(hit.provider.areas)],
  ];
  return h(
    'li',
    { class: 'app-directory-result', id: `result-${hit.id}` },
    h(
      'h3',
      { class: 'govuk-heading-s govuk-!-margin-bottom-1' },
      h('a', { class: 'govuk-link', href: directoryProviderPath(council, hit.provider.id) }, hit.what, visuallyHidden(` from ${hit.provider.name}`)),
    ),
    h('p', { class: 'govuk-body govuk-!-margin-bottom-2' }, `From ${hit.provider.name}`),
    hit.description ? h('p', { class: 'govuk-body' }, hit.description) : null,
    summaryList(rows),
    choosing
      ? h(
          'p',
          { class: 'govuk-body' },
          h('a', { class: 'govuk-link govuk-!-font-weight-bold', id: `add-${hit.id}`, href: planPaths.addService(choosing.plan.id, hit.id, hit.provider.id) }, 'Add to the plan', visuallyHidden(`: ${hit.what} from ${hit.provider.name}`)),
        )
      : null,
  );
}

/** Whose plan the services are being chosen for, and the way back to it. */
function showChoosingFor(choosing: ChoosingFor): void {
  const host = byId('choosing-for');
  const whose = choosing.plan.person_name ? `${choosing.plan.person_name}’s support plan` : 'a support plan';
  replaceChildren(
    host,
    h(
      'div',
      { class: 'govuk-inset-text', id: 'choosing-for-text' },
      `You are choosing a service for ${whose} (version ${choosing.plan.version}). Choose “Add to the plan” under a service to add it, or `,
      h('a', { class: 'govuk-link', href: planPaths.builder(choosing.plan.id), id: 'back-to-plan' }, 'go back to the plan'),
      '.',
    ),
  );
  host.hidden = false;
  const field = byId<HTMLInputElement>('for-plan');
  field.value = choosing.plan.id;
  field.disabled = false;
}

/** The plan named by ?plan=…, when the reader is signed in and may still change it. */
async function choosingFor(): Promise<ChoosingFor | null> {
  const planId = new URLSearchParams(window.location.search).get('plan') ?? '';
  if (!planId) return null;
  const plan = await api<Plan & { person_name?: string }>('GET', planApiPath.plan(planId));
  if (!plan.ok || !isEditable(plan.data.status)) return null;
  return { plan: plan.data };
}

function pagination(results: DirectoryResults, query: Record<string, string>): HTMLElement | null {
  const previous = results.offset > 0 ? Math.max(0, results.offset - results.limit) : null;
  const shown = results.offset + results.results.length;
  const full = results.results.length === results.limit;
  const next = shown < results.total || (results.more && full) ? results.offset + results.limit : null;
  if (previous === null && next === null) return null;
  return h(
    'nav',
    { class: 'govuk-pagination govuk-pagination--block', 'aria-label': 'Results pages' },
    previous === null
      ? null
      : h('div', { class: 'govuk-pagination__prev' }, h('a', { class: 'govuk-link govuk-pagination__link', href: searchPagePath(query, previous), rel: 'prev', id: 'previous-page' }, h('span', { class: 'govuk-pagination__link-title' }, 'Previous', visuallyHidden(' page')))),
    next === null
      ? null
      : h('div', { class: 'govuk-pagination__next' }, h('a', { class: 'govuk-link govuk-pagination__link', href: searchPagePath(query, next), rel: 'next', id: 'next-page' }, h('span', { class: 'govuk-pagination__link-title' }, 'Next', visuallyHidden(' page')))),
  );
}

function showResults(results: DirectoryResults, query: Record<string, string>, codes: DirectoryCodes, choosing: ChoosingFor | null): void {
  replaceChildren(
    byId('results'),
    h('h2', { class: 'govuk-heading-m', id: 'results-heading' }, resultsHeading(results.total, results.more)),
    results.more
      ? h('p', { class: 'govuk-body', id: 'narrow-hint' }, 'Add words or choose filters to narrow the search.')
      : null,
    results.total === 0
      ? h('p', { class: 'govuk-body', id: 'no-results' }, 'Try fewer words, or take away some of the choices.')
      : h('p', { class: 'govuk-body', id: 'showing' }, showingText(results)),
    h('ul', { class: 'govuk-list', id: 'result-list' }, results.results.map((hit) => hitCard(hit, results.council.code, codes, choosing))),
    pagination(results, choosing ? { ...query, plan: choosing.plan.id } : query),
  );
}

async function chooseCouncil(heading: string, words: string): Promise<void> {
  byId('loading').hidden = true;
  byId('page-heading').textContent = heading;
  const councils = await loadCouncils();
  const list = councils.ok ? [...councils.data.councils].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) : [];
  const host = byId('choose-council');
  replaceChildren(
    host,
    h('p', { class: 'govuk-body' }, words),
    h('ul', { class: 'govuk-list', id: 'council-links' }, list.map((c) => h('li', {}, h('a', { class: 'govuk-link', href: `/find-support?${new URLSearchParams({ council: c.code }).toString()}` }, c.name)))),
  );
  host.hidden = false;
}

function showFault(problem: Problem): void {
  byId('loading').hidden = true;
  replaceChildren(byId('results'), h('h2', { class: 'govuk-heading-m' }, 'Sorry, there is a problem with the service'), h('p', { class: 'govuk-body' }, problem.status === 0 ? problem.detail : 'Try again later.'));
}

async function start(): Promise<void> {
  const query = searchFromQuery(window.location.search);
  const codes = await api<DirectoryCodes>('GET', '/api/directory/codes');
  if (!codes.ok) {
    showFault(codes.problem);
    return;
  }
  // Without a council in the address, a signed-in user searches their own council's directory;
  // anyone else chooses a council first.
  const found = await api<DirectoryResults>('GET', searchApiPath(query));
  if (!found.ok && found.problem.status === 422 && found.problem.errors.some((e) => e.field === 'council')) {
    await chooseCouncil('Find support', 'Each council keeps a directory of care and support services. Choose a council:');
    return;
  }
  if (!found.ok && found.problem.status === 404) {
    await chooseCouncil('We could not find that council', 'Check the web address. You can also choose a council from this list:');
    return;
  }
  const council = found.ok ? found.data.council.code : (query['council'] ?? '');
  byId<HTMLInputElement>('council').value = council;
  askQuestions(codes.data, query);
  byId('loading').hidden = true;
  byId('directory').hidden = false;
  if (!found.ok) {
    if (found.problem.status === 422) {
      new FormErrors(byId('error-summary'), byId<HTMLFormElement>('search-form')).show(found.problem, SEARCH_FIELDS);
      return;
    }
    showFault(found.problem);
    return;
  }
  byId('council-caption').textContent = found.data.council.name;
  document.title = `Find support – ${found.data.council.name} – selfdirect`;
  const choosing = await choosingFor();
  if (choosing) showChoosingFor(choosing);
  showResults(found.data, { ...query, council }, codes.data, choosing);
}

void start();
