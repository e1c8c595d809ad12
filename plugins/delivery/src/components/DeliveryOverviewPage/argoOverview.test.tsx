import { screen, within } from '@testing-library/react';
import { overviewRow } from '../../__testUtils__/overviewRow';
import { renderOverview, serviceRow } from '../../__testUtils__/renderOverview';

// Renders in a test app with charts: seconds on a busy machine.
jest.setTimeout(30_000);

const rows = [
  overviewRow('capsight-backend', {
    cluster: 'staging',
    environment: 'staging',
    state: 'paused',
    summary: 'rollout of 1.3.0 is paused at step 1/6 (CanaryPauseStep)',
    argo: { step: '1/6', setWeightPercent: 25 },
  }),
  overviewRow('capsight-worker', {
    cluster: 'staging',
    environment: 'staging',
    state: 'aborted',
    summary: 'rollout of 2.0.0 aborted; 1.9.0 keeps serving',
    argo: { step: '4/6', setWeightPercent: 0 },
  }),
  overviewRow('payment-service'),
];

/** The cell of `service` under `environment`'s column. */
function cellOf(service: string, environment: string): HTMLElement {
  const headers = screen
    .getAllByRole('columnheader')
    .map(header => header.textContent);
  const cells = serviceRow(service).querySelectorAll<HTMLElement>(
    '[role="gridcell"], [role="rowheader"]',
  );
  return cells[headers.indexOf(environment)];
}

describe('the overview for services Argo Rollouts run', () => {
  it('shows paused and aborted Rollouts with their step and weight, in their environment', async () => {
    await renderOverview(rows);
    expect(
      await screen.findByRole('heading', { name: 'Services (3 of 3)' }),
    ).toBeInTheDocument();
    const counts = screen.getByLabelText('counts by state');
    expect(within(counts).getByText('Aborted')).toBeInTheDocument();
    expect(within(counts).getByText('Paused')).toBeInTheDocument();

    const paused = cellOf('capsight-backend', 'staging');
    expect(within(paused).getByText('Paused')).toBeInTheDocument();
    expect(
      within(paused).getByTitle(
        'rollout of 1.3.0 is paused at step 1/6 (CanaryPauseStep)',
      ),
    ).toBeInTheDocument();
    expect(within(paused).getByLabelText('Argo Rollout')).toHaveTextContent(
      'step 1/6 · weight 25%',
    );
    expect(
      within(cellOf('capsight-backend', 'production')).getByLabelText(
        'not in production',
      ),
    ).toBeInTheDocument();
    const aborted = cellOf('capsight-worker', 'staging');
    expect(within(aborted).getByText('Aborted')).toBeInTheDocument();
    expect(within(aborted).getByLabelText('Argo Rollout')).toHaveTextContent(
      'step 4/6 · weight 0%',
    );
    const plain = cellOf('payment-service', 'production');
    expect(within(plain).getByText('Complete')).toBeInTheDocument();
    expect(
      within(plain).queryByLabelText('Argo Rollout'),
    ).not.toBeInTheDocument();
  });
});
