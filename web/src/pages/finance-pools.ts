// /finance/pools (finance officers): every pooled budget of the council, newest first, with its
// members, shares every 4 weeks, balance and this period — collected, or still to collect — each
// a link to the pool's page, where the shares are collected and the service paid.
import '../main';
import { api } from '../api';
import { byId, h, replaceChildren } from '../dom';
import { table, tag } from '../govuk';
import { showPageProblem, startSignedInPage } from '../layout';
import { councilPoolRow, poolPaths, toCollectWords, type CouncilPool } from '../pools-view';

async function main(): Promise<void> {
  const page = await startSignedInPage({ current: poolPaths.all, role: 'finance-officer' });
  if (!page) return;
  const loaded = await api<{ pools: CouncilPool[] }>('GET', poolPaths.allApi);
  byId('loading').hidden = true;
  if (!loaded.ok) return showPageProblem(loaded.problem);
  const pools = loaded.data.pools;
  const summary = byId('to-collect');
  summary.textContent = toCollectWords(pools);
  summary.hidden = false;
  const host = byId('pools');
  if (pools.length === 0) {
    replaceChildren(host, h('p', { class: 'govuk-body', id: 'pools-empty' }, 'No one has pooled their budget yet.'));
  } else {
    replaceChildren(
      host,
      table({
        id: 'pools-table',
        caption: 'Pools',
        captionSize: 'm',
        head: ['Pool', 'State', 'Members', { text: 'Shares every 4 weeks', numeric: true }, { text: 'In the pool', numeric: true }, 'This period'],
        rows: pools.map((p) => {
          const row = councilPoolRow(p);
          return [
            row.href ? h('a', { class: 'govuk-link', href: row.href, id: `open-${p.id}` }, row.name) : row.name,
            tag(row.status, row.tag),
            row.members,
            { content: row.shares, numeric: true },
            { content: row.balance, numeric: true },
            h('span', {}, row.period ? `${row.period}: ` : '', tag(row.todo.text, row.todo.tag)),
          ];
        }),
        small: true,
      }),
    );
  }
  host.hidden = false;
}

void main();
