// /concerns (safeguarding leads): the open safeguarding concerns, people at immediate risk
// first (tagged in red), then the oldest; each links to the concern's page.
import '../main';
import { api } from '../api';
import { dateInWords } from '../casework-view';
import { byId, h, replaceChildren, visuallyHidden } from '../dom';
import { table, tag } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { aboutWhom, concernPagePath, riskTag, safeguardingApiPath, statusTag, type Concern } from '../safeguarding-view';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: '/concerns', role: 'safeguarding-lead' });
  if (!page) return;
  const result = await api<{ items: Concern[] }>('GET', safeguardingApiPath.queue);
  if (!result.ok) return showPageProblem(result.problem);
  byId('loading').remove();
  const concerns = result.data.items;
  if (concerns.length === 0) {
    byId('queue-empty').hidden = false;
    return;
  }
  replaceChildren(
    byId('queue'),
    table({
      id: 'concern-queue',
      caption: 'Open safeguarding concerns',
      captionSize: 'hidden',
      head: ['About', 'Kind of harm', 'Raised', 'Risk', 'Status'],
      rows: concerns.map((concern) => {
        const risk = riskTag(concern);
        const status = statusTag(concern.status, concern.status_label);
        return [
          h(
            'a',
            { class: 'govuk-link', href: concernPagePath(concern.id) },
            aboutWhom(concern),
            visuallyHidden(`, ${concern.category_label}${risk ? `, ${risk.text}` : ''}`),
          ),
          concern.category_label,
          dateInWords(concern.raised_at),
          risk ? tag(risk.text, risk.modifier) : 'Not immediate',
          tag(status.text, status.modifier),
        ];
      }),
      scroll: true,
      small: true,
    }),
  );
}

void main();
