import {
  drGrade,
  OverviewRow,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { drEntries } from './drReadiness';
import { overviewCsv } from './overviewCsv';
import { overviewRow } from '../../__testUtils__/overviewRow';
import {
  choose,
  matrixOrder,
  renderOverview,
  serviceRow,
} from '../../__testUtils__/renderOverview';

// Renders in a test app with charts: seconds on a busy machine, where jest's 5 s default
// is meant for unit tests.
jest.setTimeout(30_000);

const dr = (score: number, fail = 0) => ({
  score,
  grade: drGrade(score),
  weights: { pass: score, fail, unknown: 100 - score - fail },
});

const row = overviewRow;

// One team, so grouping does not reorder them. payments runs in two clusters and must
// count once; ledger and reports tie at 60 and are told apart by tier.
const rows: OverviewRow[] = [
  row('payments', { dr: dr(95) }),
  row('payments', { cluster: 'prod-dr', role: 'dr', dr: dr(95) }),
  row('reports', { tier: 'standard', dr: dr(60, 10) }),
  row('ledger', { dr: dr(60, 10) }),
  row('search', { tier: 'standard', dr: dr(75) }),
  row('labs', { tier: 'experimental' }),
  row('billing', { dr: dr(40, 30) }),
];

describe('DR readiness on the overview', () => {
  it('shows each service score once, coloured by grade, and a dash with a reason when absent', async () => {
    await renderOverview(rows);
    expect(
      await screen.findByRole('columnheader', { name: 'DR readiness' }),
    ).toBeInTheDocument();
    expect(
      within(serviceRow('ledger')).getByLabelText('DR readiness 60, Not ready'),
    ).toHaveTextContent('60');
    expect(
      within(serviceRow('search')).getByLabelText('DR readiness 75, At risk'),
    ).toBeInTheDocument();
    // payments has one row, its DR placement under production, and one score.
    expect(screen.getAllByRole('link', { name: 'payments' })).toHaveLength(1);
    expect(
      within(serviceRow('payments')).getAllByLabelText(/^DR readiness/),
    ).toHaveLength(1);

    const labsDash = within(serviceRow('labs')).getByLabelText(
      'DR readiness not derived yet',
    );
    expect(labsDash).toHaveTextContent('—');
    // Hovering shows why.
    expect(labsDash.closest('[title]')).toHaveAttribute(
      'title',
      'DR readiness not derived yet for this service',
    );
  });

  it('charts how many services have each grade, once per service, overall and by tier', async () => {
    const user = userEvent.setup();
    await renderOverview(rows);
    const chart = await screen.findByRole('figure', {
      name: 'DR readiness by tier',
    });
    expect(chart).toHaveTextContent(
      'DR readiness — 5 services: 3 not ready, 1 at risk, 1 ready; 1 not assessed yet',
    );
    const bars = within(chart)
      .getAllByRole('img')
      .map(bar => bar.getAttribute('aria-label'));
    expect(bars).toEqual(
      expect.arrayContaining([
        'All services: 3 not ready',
        'All services: 1 at risk',
        'All services: 1 ready',
        'critical: 2 not ready',
        'critical: 1 ready',
        'standard: 1 not ready',
        'standard: 1 at risk',
      ]),
    );
    // No bar for a count of 0 (critical at risk, standard ready, experimental).
    expect(bars).toHaveLength(7);
    // Filtering to the standard tier recounts what is shown.
    await choose(user, 'Tier', 'standard');
    expect(
      await screen.findByText(
        'DR readiness — 2 services: 1 not ready, 1 at risk, 0 ready',
      ),
    ).toBeInTheDocument();
  });

  it('counts by tier one entry per service', () => {
    const entries = drEntries([
      row('search', { tier: 'standard', dr: dr(75) }),
      row('labs'),
      row('odd', { tier: 'gold', dr: dr(10) }),
    ]);
    expect(entries.map(e => [e.entityRef, e.tier])).toEqual([
      ['component:default/search', 'standard'],
      ['component:default/odd', 'standard'],
    ]);
  });

  it('sorts worst first on request: lowest score, then the higher tier, unassessed last', async () => {
    const user = userEvent.setup();
    await renderOverview(rows);
    await screen.findByRole('columnheader', { name: 'DR readiness' });
    expect(matrixOrder()).toEqual([
      'billing',
      'labs',
      'ledger',
      'payments',
      'reports',
      'search',
    ]);
    await choose(user, 'Sort by', 'DR readiness, worst first');
    expect(matrixOrder()).toEqual([
      'billing',
      'ledger',
      'reports',
      'search',
      'payments',
      'labs',
    ]);
  });

  it('exports the readiness in the CSV, in the order shown, a line per service and cluster', async () => {
    const user = userEvent.setup();
    const exported: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      exported.push(blob);
      return 'blob:overview';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderOverview(rows);
    await screen.findByRole('columnheader', { name: 'DR readiness' });
    await choose(user, 'Sort by', 'DR readiness, worst first');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(exported).toHaveLength(1);
    const [header, ...lines] = (await exported[0].text()).trim().split('\r\n');
    const columns = header.split(',');
    const at = (line: string, column: string) =>
      line.split(',')[columns.indexOf(column)];
    expect(columns).toEqual(expect.arrayContaining(['drScore', 'drGrade']));
    expect(lines.map(line => at(line, 'service'))).toEqual([
      'billing',
      'ledger',
      'reports',
      'search',
      'payments',
      'payments',
      'labs',
    ]);
    expect(at(lines[0], 'drScore')).toBe('40');
    expect(at(lines[0], 'drGrade')).toBe('not-ready');
    expect(at(lines[6], 'drScore')).toBe('');
  });

  it('leaves the readiness cells empty in the CSV when it is not derived', () => {
    const [header, line] = overviewCsv([row('labs')])
      .trim()
      .split('\r\n');
    expect(header.endsWith(',drScore,drGrade')).toBe(true);
    expect(line.endsWith(',,')).toBe(true);
  });
});
