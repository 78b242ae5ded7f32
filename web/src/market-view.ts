/**
 * The directory and the provider register in the browser (docs/market.md): the shapes the API
 * sends, the words shown for prices, ratings, days and areas, and the paths of the pages.
 * Pure functions, tested in market-view.test.ts; the pages are src/pages/find-support.ts,
 * directory-provider.ts, providers.ts and provider.ts.
 */

export interface Code {
  code: string;
  label: string;
}

export interface DirectoryCodes {
  need_areas: Code[];
  service_types: (Code & { traditional_menu: boolean })[];
  units: Code[];
  cqc_ratings: Code[];
  days: Code[];
}

export interface DirectoryProvider {
  id: string;
  name: string;
  description: string;
  cqc_location_id: string | null;
  cqc_rating: string | null;
  cqc_rating_label: string | null;
  cqc_rated_on: string | null;
  areas: string[];
  phone: string;
  email: string;
  address: string;
}

export interface ProviderDocument {
  kind: string;
  kind_label: string;
  title: string;
  expires_on: string;
}

export interface Provider extends DirectoryProvider {
  contract: string;
  contract_label: string;
  documents: ProviderDocument[];
  services?: number;
}

export interface Service {
  id: string;
  provider_id: string;
  what: string;
  description: string;
  unit: string;
  price_pence: number;
  price: string;
  availability: string;
  days: string[];
  need_areas: string[];
  service_type: string;
  service_type_label: string;
  traditional_menu: boolean;
  approved: boolean;
}

export interface DirectoryHit extends Service {
  provider: DirectoryProvider;
}

export interface DirectoryResults {
  council: { code: string; name: string };
  searched: string;
  total: number;
  /** More than `total` (the count stops at 1,000) services match. */
  more?: boolean;
  limit: number;
  offset: number;
  results: DirectoryHit[];
}

export interface ProviderPage {
  council: { code: string; name: string };
  provider: Provider;
  services: Service[];
}

export interface ExpiringDocument {
  provider_id: string;
  provider_name: string;
  kind_label: string;
  title: string;
  expires_on: string;
  days_left: number;
  expired: boolean;
  words: string;
}

/** The search form's fields: the API's parameter → the control's id. */
export const SEARCH_FIELDS: Readonly<Record<string, string>> = {
  q: 'q',
  need_area: 'need-area',
  area: 'area',
  day: 'day',
  max_price: 'max-price',
  min_rating: 'min-rating',
  limit: 'q',
  offset: 'q',
  council: 'q',
};

export const SEARCH_PARAMETERS = ['q', 'need_area', 'area', 'day', 'max_price', 'min_rating'] as const;

/** The search as the address gives it (the form's names are the API's parameters). */
export function searchFromQuery(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const name of ['council', ...SEARCH_PARAMETERS, 'offset']) {
    const value = params.get(name);
    if (value !== null && value.trim() !== '') out[name] = value.trim();
  }
  return out;
}

/** The API's search path for these parameters. */
export function searchApiPath(query: Record<string, string>): string {
  return `/api/directory/search?${new URLSearchParams(query).toString()}`;
}

/** The page's own address for the same search starting at `offset`. */
export function searchPagePath(query: Record<string, string>, offset: number): string {
  const next: Record<string, string> = { ...query };
  if (offset > 0) next['offset'] = String(offset);
  else delete next['offset'];
  return `/find-support?${new URLSearchParams(next).toString()}`;
}

export function directoryProviderPath(council: string, provider: string): string {
  return `/find-support/provider?${new URLSearchParams({ council, provider }).toString()}`;
}

export function staffProviderPath(provider: string, service?: string): string {
  const q = new URLSearchParams({ provider });
  if (service) q.set('service', service);
  return `/market/provider?${q.toString()}`;
}

const UNIT_WORDS: Readonly<Record<string, string>> = {
  hour: 'an hour',
  day: 'a day',
  session: 'a session',
  item: 'each',
  week: 'a week',
};

/** "£21.50 an hour", "£6.50 each". */
export function priceWithUnit(service: Pick<Service, 'price' | 'unit'>): string {
  return `${service.price} ${UNIT_WORDS[service.unit] ?? `a ${service.unit}`}`;
}

/** "Good (rated 1 June 2025)", "Not registered with the CQC". */
export function ratingText(provider: DirectoryProvider, dateInWords: (iso: string) => string): string {
  if (!provider.cqc_location_id) return 'Not registered with the Care Quality Commission';
  if (!provider.cqc_rating_label) return 'No rating recorded';
  if (!provider.cqc_rated_on) return provider.cqc_rating_label;
  return `${provider.cqc_rating_label} (rated ${dateInWords(provider.cqc_rated_on)})`;
}

const DAY_NAMES: Readonly<Record<string, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** "Monday to Friday", "Every day", "Saturday", "Monday, Wednesday and Friday". */
export function daysText(days: readonly string[]): string {
  const order = Object.keys(DAY_NAMES);
  const sorted = [...days].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (sorted.length === 0) return 'Ask the provider';
  if (sorted.length === 7) return 'Every day';
  const indexes = sorted.map((d) => order.indexOf(d));
  const run = indexes.every((n, i) => i === 0 || n === (indexes[i - 1] ?? -2) + 1);
  const name = (d: string) => DAY_NAMES[d] ?? d;
  if (run && sorted.length >= 3) return `${name(sorted[0] ?? '')} to ${name(sorted[sorted.length - 1] ?? '')}`;
  if (sorted.length === 1) return name(sorted[0] ?? '');
  return `${sorted.slice(0, -1).map(name).join(', ')} and ${name(sorted[sorted.length - 1] ?? '')}`;
}

/** The labels of need area codes, in the order given ("" for none). */
export function needsText(codes: readonly string[], needAreas: readonly Code[]): string {
  return codes.map((c) => needAreas.find((n) => n.code === c)?.label ?? c).join('; ');
}

/** "north, central", or "Not said". */
export function areasText(areas: readonly string[]): string {
  return areas.length === 0 ? 'Not said' : areas.join(', ');
}

/** "1 service found", "12 services found", "No services found". */
export function resultsHeading(total: number, more = false): string {
  if (total === 0) return 'No services found';
  if (more) return `More than ${total.toLocaleString('en-GB')} services found`;
  return `${total.toLocaleString('en-GB')} service${total === 1 ? '' : 's'} found`;
}

/** "Showing 21 to 40 of 57". */
export function showingText(results: Pick<DirectoryResults, 'offset' | 'total' | 'results' | 'more'>): string {
  if (results.total === 0) return '';
  const of = `${results.more ? 'more than ' : ''}${results.total.toLocaleString('en-GB')}`;
  return `Showing ${results.offset + 1} to ${results.offset + results.results.length} of ${of}`;
}

/** Splits "north; central south" into area codes, as the server takes them. */
export function listOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The provider form's fields: the API's field → the control's id. */
export const PROVIDER_FIELDS: Readonly<Record<string, string>> = {
  name: 'provider-name',
  description: 'provider-description',
  cqc_location_id: 'cqc-location-id',
  cqc_rating: 'cqc-rating',
  cqc_rated_on: 'cqc-rated-on-day',
  areas: 'areas',
  phone: 'phone',
  email: 'email',
  address: 'address',
  contract: 'contract',
  'documents[0].expires_on': 'insurance-expires-on-day',
  'documents[0].title': 'insurance-expires-on-day',
  'documents[0].kind': 'insurance-expires-on-day',
  'documents[1].expires_on': 'contract-expires-on-day',
  'documents[1].title': 'contract-expires-on-day',
  'documents[1].kind': 'contract-expires-on-day',
};

/** The service form's fields: the API's field → the control's id. */
export const SERVICE_FIELDS: Readonly<Record<string, string>> = {
  what: 'service-what',
  description: 'service-description',
  unit: 'unit',
  price: 'price',
  availability: 'availability',
  days: 'days-mon',
  need_areas: 'need-nutrition',
  service_type: 'service-type',
  approved: 'approved',
};

/**
 * The documents the provider form edits: an insurance and a contract expiry date (ISO, or ''
 * for none). Other documents the provider has are kept as they are.
 */
export function documentsFor(existing: readonly ProviderDocument[], insurance: string, contract: string): { kind: string; title: string; expires_on: string }[] {
  const out: { kind: string; title: string; expires_on: string }[] = [];
  const keep = (kind: string, date: string, title: string) => {
    if (date === '') return;
    const before = existing.find((d) => d.kind === kind);
    out.push({ kind, title: before?.title ?? title, expires_on: date });
  };
  keep('insurance', insurance, 'Insurance');
  keep('contract', contract, 'Contract with the council');
  for (const d of existing) if (d.kind === 'other') out.push({ kind: d.kind, title: d.title, expires_on: d.expires_on });
  return out;
}
