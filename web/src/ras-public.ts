/**
 * What the two public RAS pages share (/how-budgets-are-worked-out and its estimate page):
 * finding the council and its published model from the address, and the page shown
 * instead when there is no such council, model or version. No one needs to sign in.
 *
 *   const loaded = await loadPublishedModel(publicPageQuery(new URLSearchParams(location.search)));
 *   if (!loaded) return;   // the page now says what was not found
 *   loaded.model.title
 */
import { api, loadCouncils } from './api';
import { byId, h, replaceChildren } from './dom';
import type { Problem } from './problem';
import {
  publicPagePath,
  versionApiPath,
  type PublicPageQuery,
  type RasModelList,
  type RasModelSummary,
  type RasModelVersion,
} from './ras-view';

export interface PublishedModel {
  list: RasModelList;
  /** The model's entry in the council's list (its versions, which is current). */
  summary: RasModelSummary;
  model: RasModelVersion;
}

/** Replaces the page's content with a heading and what to do next, and names the page. */
function showInstead(heading: string, ...content: (Node | string)[]): void {
  replaceChildren(
    byId('page-content'),
    h(
      'div',
      { class: 'govuk-grid-row' },
      h(
        'div',
        { class: 'govuk-grid-column-two-thirds' },
        h('h1', { class: 'govuk-heading-l' }, heading),
        content.filter((item) => item !== '').map((item) => (typeof item === 'string' ? h('p', { class: 'govuk-body' }, item) : item)),
      ),
    ),
  );
  document.title = `${heading} – selfdirect`;
}

/** A list of links, one per council, to its public page. */
async function councilLinks(): Promise<Node | string> {
  const result = await loadCouncils();
  if (!result.ok || result.data.councils.length === 0) return '';
  const councils = [...result.data.councils].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return h(
    'ul',
    { class: 'govuk-list', id: 'council-links' },
    councils.map((c) => h('li', {}, h('a', { class: 'govuk-link', href: publicPagePath(c.code) }, c.name))),
  );
}

function showFault(problem: Problem): void {
  if (problem.status === 0) {
    showInstead(problem.title, problem.detail);
    return;
  }
  showInstead('Sorry, there is a problem with the service', 'Try again later.');
}

/**
 * Loads what the address asks for: the council's list of models, then the model (the
 * council's first when none is named) at the version asked for (the current one when none
 * is). Resolves null after showing a page that says what could not be found.
 */
export async function loadPublishedModel(query: PublicPageQuery): Promise<PublishedModel | null> {
  if (!query.council) {
    showInstead(
      'How personal budgets are worked out',
      'Each council publishes how it works out personal budgets. Choose a council to see how it does this.',
      await councilLinks(),
    );
    return null;
  }
  const listed = await api<RasModelList>('GET', `/api/ras/models?${new URLSearchParams({ council: query.council }).toString()}`);
  if (!listed.ok) {
    if (listed.problem.status === 404) {
      showInstead(
        'We could not find that council',
        'Check the web address. It should include the council’s code, for example council=E09000033.',
        'You can also choose a council from this list:',
        await councilLinks(),
      );
    } else {
      showFault(listed.problem);
    }
    return null;
  }
  const list = listed.data;
  if (list.models.length === 0) {
    showInstead(
      'How personal budgets are worked out',
      `${list.council.name} has not published how it works out personal budgets yet.`,
      'Ask the council’s adult social care team how they work out how much money you may get.',
    );
    return null;
  }
  const summary = query.model ? list.models.find((m) => m.id === query.model) : list.models[0];
  if (!summary) {
    showInstead(
      'We could not find that questionnaire',
      `${list.council.name} has not published a questionnaire with that name. It publishes:`,
      h(
        'ul',
        { class: 'govuk-list', id: 'model-links' },
        list.models.map((m) => h('li', {}, h('a', { class: 'govuk-link', href: publicPagePath(list.council.code, m.id) }, m.title))),
      ),
    );
    return null;
  }
  const loaded = await api<RasModelVersion>('GET', versionApiPath(list.council.code, summary.id, query.version));
  if (!loaded.ok) {
    if (loaded.problem.status === 404) {
      showInstead(
        query.version === 'current' ? 'This questionnaire is not in use yet' : `There is no version ${query.version} of this questionnaire`,
        query.version === 'current'
          ? `${list.council.name} has published “${summary.title}”, but it does not start until later.`
          : `${list.council.name} has not published a version ${query.version} of “${summary.title}”.`,
        h('a', { class: 'govuk-link', href: publicPagePath(list.council.code, summary.id) }, `See “${summary.title}”`),
      );
    } else {
      showFault(loaded.problem);
    }
    return null;
  }
  return { list, summary, model: loaded.data };
}
