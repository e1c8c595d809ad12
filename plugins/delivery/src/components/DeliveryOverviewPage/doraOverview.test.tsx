import {
  DEFAULT_DORA_THRESHOLDS,
  DeliveryRun,
  doraWindow,
  summarizeDora,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import { overviewRow } from '../../__testUtils__/overviewRow';
import { renderOverview, serviceRow } from '../../__testUtils__/renderOverview';

// Renders in a test app with charts: seconds on a busy machine.
jest.setTimeout(30_000);

const ref = (name: string) => `component:default/${name}`;

function deploy(
  name: string,
  day: number,
  status: DeliveryRun['status'] = 'succeeded',
): DeliveryRun {
  const at = `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return {
    id: `${name}-${day}`,
    entityRef: ref(name),
    environment: 'production',
    action: 'deploy',
    status,
    initiatedBy: 'user:default/alice',
    inputs: {},
    startedAt: at,
    finishedAt: at,
  };
}

// payments deploys daily with one failure in 21; ledger twice, one failed.
const runs = [
  ...Array.from({ length: 20 }, (_, i) => deploy('payments', i + 2)),
  deploy('payments', 22, 'failed'),
  deploy('ledger', 5),
  deploy('ledger', 6, 'failed'),
];
const summary = summarizeDora(
  runs,
  new Map([
    [ref('payments'), 'group:default/payments-team'],
    [ref('ledger'), 'group:default/payments-team'],
  ]),
  {
    environments: [{ name: 'production', production: true }],
    window: doraWindow(new Date('2026-11-23T12:00:00Z'), 30),
    thresholds: DEFAULT_DORA_THRESHOLDS,
  },
);

describe('DORA on the overview', () => {
  it('shows production deploys a week and change failure rate with their band, joined by entity ref', async () => {
    await renderOverview(
      [overviewRow('payments'), overviewRow('ledger'), overviewRow('labs')],
      undefined,
      summary,
    );
    expect(
      await screen.findByRole('columnheader', { name: 'Production DORA' }),
    ).toBeInTheDocument();
    // 20 deploys in 30 days: 4.7 a week, one every 1.5 days: high.
    expect(
      await within(serviceRow('payments')).findByLabelText('4.7 / week, High'),
    ).toHaveTextContent('4.7 / week High');
    // 1 failed of 21: 5%, elite.
    expect(
      within(serviceRow('payments')).getByLabelText(
        'change failure rate 5%, Elite',
      ),
    ).toBeInTheDocument();
    expect(
      within(serviceRow('ledger')).getByLabelText(
        'change failure rate 50%, Low',
      ),
    ).toHaveTextContent('50% failed Low');
    // The team's heading row (grouped by team) adds its services' deploys up: 2 of 23
    // failed, 9%, high.
    const team = summary.teams.find(
      t => t.owner === 'group:default/payments-team',
    )!;
    expect(team.services).toBe(2);
    const teamRow = screen
      .getAllByRole('row')
      .find(row => row.textContent?.startsWith('payments-team (3)'))!;
    const failed = team.metrics.changeFailureRate;
    expect(failed).toMatchObject({
      state: 'measured',
      deploys: 23,
      failures: 2,
    });
    expect(
      within(teamRow).getByLabelText('change failure rate 9%, High'),
    ).toHaveTextContent('9% failed High');
    // labs had no production deploys: one dash that says so, never 0%.
    expect(
      within(serviceRow('labs')).getByLabelText(
        'production DORA: No production deploys in the last 30 days',
      ),
    ).toHaveTextContent('—');
  });
});
