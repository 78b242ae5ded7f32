/**
 * The start both pages of one pooled budget share (/pool and /pool/leave): the signed-in page,
 * which pool and member the address names, the navigation, and the back link to the member's
 * pooled budgets. Returns null when the page has shown a problem instead.
 *
 *   const page = await startPoolPage();
 *   if (!page) return;
 *   page.poolId; page.personId; page.self
 */
import type { Session } from './api';
import { byId } from './dom';
import { renderServiceNavigation, showPageProblem, startSignedInPage } from './layout';
import { poolPaths } from './pools-view';

export interface PoolPage {
  session: Session;
  poolId: string;
  personId: string;
  /** The signed-in user is the member. */
  self: boolean;
  socialWorker: boolean;
}

export async function startPoolPage(): Promise<PoolPage | null> {
  const page = await startSignedInPage({ current: '' });
  if (!page) return null;
  const { session } = page;
  const query = new URLSearchParams(window.location.search);
  const poolId = query.get('id') ?? '';
  const personId = query.get('person') ?? session.user.person_id ?? '';
  if (!poolId || !personId) {
    showPageProblem({ status: 404, type: '', title: 'Not found', detail: 'This address does not say which pooled budget to show.', errors: [] });
    return null;
  }
  const self = session.user.person_id === personId;
  const socialWorker = session.user.roles.includes('assessor');
  if (self) renderServiceNavigation(session, '/my-record');
  else if (socialWorker) renderServiceNavigation(session, '/caseload');
  const back = byId<HTMLAnchorElement>('back-link');
  back.href = poolPaths.list(personId);
  back.textContent = self ? 'Your pooled budgets' : 'Their pooled budgets';
  back.hidden = false;
  return { session, poolId, personId, self, socialWorker };
}
