/**
 * What the "People you help" page shows (GET /api/me/people): each person who has given the
 * signed-in user access, what the access allows in plain words, and until when.
 *
 *   rowsFor(people)   // [{ name, href: '/person/budget?person=…', allows: 'See their record …', until: '31 March 2027' }]
 */
import { budgetPaths } from './budget-view';

export interface PersonHelped {
  person_id: string;
  full_name: string;
  scopes: string[];
  ends_on: string;
}

const SCOPE_WORDS: Record<string, string> = {
  view: 'see their plan and budget',
  'write-plan': 'write their support plan',
  'manage-money': 'manage their money',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2027-03-31" → "31 March 2027"; anything else as given. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "See their plan and budget, and write their support plan": every grant includes seeing. */
export function allowsInWords(scopes: readonly string[]): string {
  const words = ['view', 'write-plan', 'manage-money']
    .filter((s) => s === 'view' || scopes.includes(s))
    .map((s) => SCOPE_WORDS[s]);
  const last = words[words.length - 1] ?? '';
  const sentence = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${last}` : last;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function rowsFor(people: readonly PersonHelped[]): { name: string; href: string; allows: string; until: string }[] {
  return people.map((p) => ({
    name: p.full_name,
    href: budgetPaths.page(p.person_id),
    allows: allowsInWords(p.scopes),
    until: longDate(p.ends_on),
  }));
}
