import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DrCheck,
  DrFailoverRecord,
  DrReadiness,
  DrReadinessAnswer,
} from '@internal/backstage-plugin-delivery-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { DrCard } from './DrCard';
import { formatSeconds } from './drDurations';
import { backendError } from '../../__testUtils__/backendError';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service' },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000).toISOString();

const objectives: DrCheck = {
  id: 'objectives',
  title: 'Tier and recovery objectives declared',
  status: 'fail',
  evidence: {
    source: 'catalog',
    object: 'component:default/payment-service',
    observed:
      'tier critical declared, but RTO 15m is the tier default, not agreed for this service',
  },
  fix: 'Set delivery/tier, delivery/rto and delivery/rpo on the catalog entity to the objectives agreed for this service (for example delivery/rto: 15m).',
  weight: 5,
};

const drRegion: DrCheck = {
  id: 'dr-region',
  title: 'Runs in the DR region',
  status: 'pass',
  evidence: {
    source: 'cluster',
    cluster: 'dr-west',
    namespace: 'payments',
    at: hoursAgo(3),
    observed: 'standby running in dr-west (us-west-2): payments 1/1 ready',
  },
  fix: 'Keep at least one ready replica in dr-west.',
  weight: 20,
};

const replication: DrCheck = {
  id: 'db-replication',
  title: 'Database replica within the RPO',
  status: 'unknown',
  evidence: {
    source: 'dr-provider',
    observed: 'no DR provider reported on the database replica',
  },
  fix: 'Configure a DR provider for the database so its replica lag can be read.',
  weight: 20,
};

const backup: DrCheck = {
  id: 'backup',
  title: 'Last backup within the RPO',
  status: 'fail',
  evidence: {
    source: 'cluster',
    cluster: 'prod-east',
    namespace: 'payments',
    object: 'CronJob/payments-backup',
    at: '2026-03-01T11:50:00.000Z',
    observed:
      'last backup 2026-03-01T11:50:00.000Z (10m ago), older than the RPO of 5m',
  },
  fix: 'Run the backup CronJob every 5m or more often.',
  weight: 10,
};

const pdb: DrCheck = {
  id: 'pdb',
  title: 'PodDisruptionBudget',
  status: 'pass',
  evidence: {
    source: 'cluster',
    cluster: 'prod-east',
    namespace: 'payments',
    at: hoursAgo(1),
    observed: 'PodDisruptionBudget payments covers the pods',
  },
  fix: 'Keep the PodDisruptionBudget.',
  weight: 5,
};

const readiness: DrReadiness = {
  entityRef: 'component:default/payment-service',
  tier: 'critical',
  rtoMinutes: 15,
  rpoMinutes: 5,
  score: 42,
  grade: 'not-ready',
  checks: [objectives, drRegion, replication, backup, pdb],
  notApplicable: [],
  weights: { pass: 25, fail: 15, unknown: 20 },
  evaluatedAt: '2026-03-01T12:00:00.000Z',
};

const drill: DrFailoverRecord = {
  runId: 'run-42',
  mode: 'drill',
  status: 'succeeded',
  environment: 'production',
  initiatedBy: 'user:default/alice',
  startedAt: hoursAgo(50),
  finishedAt: hoursAgo(49),
  outcome: {
    mode: 'drill',
    recoverySeconds: 192,
    steps: [],
    state: { databasePrimary: 'primary', dnsPointsTo: 'primary' },
  },
};

const answer: DrReadinessAnswer = {
  readiness,
  trend: [
    { day: '2026-02-27', score: 30, grade: 'not-ready' },
    { day: '2026-02-28', score: 35, grade: 'not-ready' },
    { day: '2026-03-01', score: 42, grade: 'not-ready' },
  ],
  failovers: [drill],
};

function renderCard(getDrReadiness: DeliveryApi['getDrReadiness']) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <DrCard />
    </EntityProvider>,
    { apis: [[deliveryApiRef, { getDrReadiness }]] },
  );
}

const rowOf = (checkTitle: string) =>
  screen.getByText(checkTitle, { selector: 'td' }).closest('tr')!;

describe('DrCard', () => {
  it('shows score, grade, tier and objectives, marking the one defaulted from the tier', async () => {
    const getDrReadiness = jest.fn(async () => answer);
    await renderCard(getDrReadiness);
    expect(await screen.findByLabelText('score')).toHaveTextContent(
      'Score42 / 100',
    );
    expect(screen.getByLabelText('grade')).toHaveTextContent('Not ready');
    expect(screen.getByLabelText('tier')).toHaveTextContent('critical');
    expect(screen.getByLabelText('RTO')).toHaveTextContent(
      'RTO15 mintier default',
    );
    expect(screen.getByLabelText('RPO')).toHaveTextContent('RPO5 min');
    expect(screen.getByLabelText('RPO')).not.toHaveTextContent('tier default');
    expect(getDrReadiness).toHaveBeenCalledWith({
      entityRef: 'component:default/payment-service',
    });
  });

  it('lists every check with what was observed, where, when and its fix; unknown apart from fail', async () => {
    await renderCard(async () => answer);
    const table = await screen.findByRole('table', { name: 'DR checks' });
    expect(within(table).getAllByRole('row')).toHaveLength(
      readiness.checks.length + 1,
    );

    const backupRow = rowOf('Last backup within the RPO');
    expect(within(backupRow).getByText('Fail')).toBeInTheDocument();
    expect(backupRow).toHaveTextContent(backup.evidence.observed);
    expect(backupRow).toHaveTextContent(
      'from the cluster · cluster prod-east · namespace payments · CronJob/payments-backup',
    );
    expect(backupRow).toHaveTextContent(
      'Run the backup CronJob every 5m or more often.',
    );
    expect(backupRow).toHaveTextContent(/10$/);

    const replicaRow = rowOf('Database replica within the RPO');
    expect(
      within(replicaRow).getByText('Unknown: evidence missing'),
    ).toBeInTheDocument();
    expect(within(replicaRow).queryByText('Fail')).not.toBeInTheDocument();
    expect(replicaRow).toHaveTextContent('from the DR provider');
    expect(replicaRow).toHaveTextContent(replication.fix);

    const regionRow = rowOf('Runs in the DR region');
    expect(within(regionRow).getByText('Pass')).toBeInTheDocument();
    expect(regionRow).not.toHaveTextContent(drRegion.fix);
    expect(regionRow).toHaveTextContent('3h ago');
    await userEvent.hover(within(regionRow).getByText('3h ago'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      drRegion.evidence.at!,
    );
  });

  it('lists the checks that do not apply apart, with their reason', async () => {
    await renderCard(async () => ({
      ...answer,
      readiness: {
        ...readiness,
        notApplicable: [
          {
            id: 'drill',
            title: 'Failover drill within 90 days and within the RTO',
            reason: 'not scored for the critical tier',
          },
        ],
      },
    }));
    const list = await screen.findByRole('list', {
      name: 'checks not applicable',
    });
    expect(list).toHaveTextContent(
      'Failover drill within 90 days and within the RTO: not scored for the critical tier',
    );
    expect(
      within(screen.getByRole('table', { name: 'DR checks' })).queryByText(
        'Failover drill within 90 days and within the RTO',
      ),
    ).not.toBeInTheDocument();
  });

  it("shows the latest drill's measured recovery against the RTO and the score trend", async () => {
    const { container } = await renderCard(async () => answer);
    const latest = await screen.findByLabelText('latest failover');
    expect(latest).toHaveTextContent('Failover drill in production, succeeded');
    expect(latest).toHaveTextContent('by user:default/alice');
    expect(latest).toHaveTextContent('recovered in 3 min 12 s — RTO 15 min');
    expect(latest).not.toHaveTextContent('slower');

    expect(screen.getByLabelText('DR score by day')).toHaveTextContent(
      'Daily score from 2026-02-27 (30) to 2026-03-01 (42)',
    );
    expect(
      container.querySelectorAll('.recharts-line-curve').length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByText(/trend starts after the first daily snapshot/),
    ).not.toBeInTheDocument();
  });

  it('shows where a failed failover stopped and the state it left, and says when the trend has too few points', async () => {
    const failed: DrFailoverRecord = {
      runId: 'run-43',
      mode: 'failover',
      status: 'failed',
      environment: 'production',
      initiatedBy: 'user:default/bob',
      startedAt: hoursAgo(2),
      finishedAt: hoursAgo(1),
      outcome: {
        mode: 'failover',
        steps: [
          { id: 'pre-checks', status: 'done', seconds: 3, detail: 'lag 4s' },
          { id: 'fence', status: 'done', seconds: 2, detail: 'writers off' },
          {
            id: 'promote',
            status: 'failed',
            seconds: 75,
            detail: 'payments-dr did not become writable within 60s',
          },
        ],
        state: {
          databasePrimary: 'unknown',
          dnsPointsTo: 'primary',
          primaryReadyReplicas: 0,
          drReadyReplicas: 1,
        },
      },
    };
    await renderCard(async () => ({
      ...answer,
      trend: [{ day: '2026-03-01', score: 42, grade: 'not-ready' }],
      failovers: [failed, drill],
    }));
    const latest = await screen.findByLabelText('latest failover');
    expect(latest).toHaveTextContent('Failover in production, failed');
    expect(latest).toHaveTextContent(
      'Failed at step promote after 1 min 15 s: payments-dr did not become writable within 60s',
    );
    expect(latest).toHaveTextContent(
      'Left in this state: database writes go to unknown; DNS points to the primary region; 0 ready replicas in the primary; 1 ready replicas in the DR region',
    );
    expect(latest).toHaveTextContent('the DR side never served');
    expect(
      screen.getByText('The trend starts after the first daily snapshot.'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('DR score by day')).not.toBeInTheDocument();
  });

  it('marks a recovery slower than the RTO', async () => {
    await renderCard(async () => ({
      ...answer,
      failovers: [
        {
          ...drill,
          outcome: { ...drill.outcome!, recoverySeconds: 17 * 60 + 5 },
        },
      ],
    }));
    expect(await screen.findByLabelText('latest failover')).toHaveTextContent(
      'recovered in 17 min 5 s — RTO 15 min, slower than the objective',
    );
  });

  it('says what to add when the service has no DR region', async () => {
    await renderCard(async () => ({
      ...answer,
      readiness: {
        ...readiness,
        checks: [
          {
            ...drRegion,
            status: 'fail',
            evidence: {
              source: 'catalog',
              object: 'component:default/payment-service',
              observed:
                'no delivery/dr-region annotation: the service has no DR region to fail over to',
            },
          },
          pdb,
        ],
      },
    }));
    expect(
      await screen.findByText('No DR region declared'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Add the delivery\/dr-region annotation/),
    ).toHaveTextContent('delivery/tier');
    expect(
      screen.queryByRole('table', { name: 'DR checks' }),
    ).not.toBeInTheDocument();
  });

  it('says what to add when the service runs in no production cluster', async () => {
    const noProduction = (check: DrCheck): DrCheck => ({
      ...check,
      status: 'unknown',
      evidence: {
        source: 'cluster',
        observed: 'no production cluster was read for this service',
      },
    });
    await renderCard(async () => ({
      ...answer,
      readiness: {
        ...readiness,
        checks: [
          objectives,
          noProduction(pdb),
          noProduction({ ...pdb, id: 'probes', title: 'Probes' }),
        ],
      },
    }));
    expect(
      await screen.findByText('Not running in production'),
    ).toBeInTheDocument();
    expect(screen.getByText(/delivery\/dr-region/)).toHaveTextContent(
      'delivery/tier',
    );
  });

  it('shows a progress bar while loading', async () => {
    await renderCard(() => new Promise(() => {}));
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows a failed request as its message with a retry, never a stack trace', async () => {
    const failure = await backendError({
      status: 500,
      statusText: 'Internal Server Error',
      name: 'Error',
      message: 'DR provider aws-rds timed out',
      stack: 'at drService.ts:12',
    });
    let up = false;
    await renderCard(async () => {
      if (!up) throw failure;
      return answer;
    });
    expect(
      await screen.findByText('Could not load the DR readiness'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 500 Internal Server Error'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/drService\.ts/)).not.toBeInTheDocument();
    up = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByLabelText('score')).toHaveTextContent('42'),
    );
  });

  describe('polling', () => {
    afterEach(() => jest.useRealTimers());

    it('shows a drill that finished since the card was opened without a reload', async () => {
      jest.useFakeTimers();
      let failovers: DrFailoverRecord[] = [];
      await renderCard(async () => ({ ...answer, failovers }));
      expect(
        await screen.findByText(
          'No drill, switchover or failover has been run with Delivery yet.',
        ),
      ).toBeInTheDocument();
      failovers = [drill];
      await act(async () => {
        jest.advanceTimersByTime(30_000);
      });
      expect(
        await screen.findByText(/recovered in 3 min 12 s/),
      ).toBeInTheDocument();
    });
  });
});

describe('formatSeconds', () => {
  it('spells out units the way the recovery line reads', () => {
    expect(formatSeconds(45)).toBe('45 s');
    expect(formatSeconds(192)).toBe('3 min 12 s');
    expect(formatSeconds(900)).toBe('15 min');
    expect(formatSeconds(3_900)).toBe('1 h 5 min');
    expect(formatSeconds(3 * 86_400)).toBe('3 d');
  });
});
