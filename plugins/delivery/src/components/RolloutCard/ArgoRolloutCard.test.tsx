import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  CompactAnalysisRun,
  CompactArgoRollout,
  CompactReplicaSet,
  computeRollout,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { RolloutCard } from './RolloutCard';

// Renders in a test app with Material UI: seconds on a busy machine.
jest.setTimeout(30_000);

const ID = 'capsight-backend';
const image = (v: string) => `ghcr.io/capsight/capsight-backend:${v}`;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: ID,
    annotations: { 'backstage.io/kubernetes-id': ID },
  },
  spec: { type: 'service', owner: 'capsight-team', lifecycle: 'production' },
};

const replicaSet = (
  hash: string,
  version: string,
  ready: number,
  revision: number,
): CompactReplicaSet => ({
  namespace: 'capsight',
  name: `${ID}-${hash}`,
  uid: `rs-${hash}`,
  ownerUid: 'ro',
  revision,
  podHash: hash,
  image: image(version),
  desired: ready,
  ready,
  createdAt: `2026-12-0${revision}T00:00:00Z`,
});

/** The derived status of the capsight-backend Rollout in one state. */
function argoRollout(
  argo: Partial<CompactArgoRollout>,
  replicaSets: CompactReplicaSet[],
  analysisRuns: CompactAnalysisRun[] = [],
  ready = 4,
) {
  return computeRollout(
    {
      deployments: [
        {
          namespace: 'capsight',
          name: ID,
          uid: 'ro',
          generation: 2,
          observedGeneration: 2,
          desired: 4,
          paused: false,
          strategyType: 'RollingUpdate',
          image: image('1.3.0'),
          replicas: ready,
          updated: 1,
          ready,
          available: ready,
          conditions: [],
          createdAt: '2026-12-01T00:00:00Z',
          argo: {
            strategy: 'canary',
            stepCount: 6,
            setWeight: 25,
            trafficRouting: false,
            stableHash: 'aaa',
            currentHash: 'bbb',
            pauseReasons: [],
            controllerPause: false,
            aborted: false,
            currentAnalysisRuns: [],
            ...argo,
          },
        },
      ],
      replicaSets,
      pods: [],
      hpas: [],
      analysisRuns,
    },
    Date.now(),
  );
}

const pausedAtStep = argoRollout(
  {
    phase: 'Paused',
    currentStepIndex: 1,
    pauseReasons: ['CanaryPauseStep'],
  },
  [replicaSet('aaa', '1.2.0', 3, 1), replicaSet('bbb', '1.3.0', 1, 2)],
);

const abortedByAnalysis = argoRollout(
  {
    phase: 'Degraded',
    message: 'RolloutAborted: Rollout aborted update to revision 2',
    currentStepIndex: 4,
    setWeight: 0,
    aborted: true,
    currentAnalysisRuns: [{ name: `${ID}-bbb-2-4`, status: 'Failed' }],
  },
  [replicaSet('aaa', '1.2.0', 4, 1), replicaSet('bbb', '1.3.0', 0, 2)],
  [
    {
      namespace: 'capsight',
      name: `${ID}-bbb-2-4`,
      ownerUid: 'ro',
      phase: 'Failed',
      podHash: 'bbb',
      failedMetrics: [
        {
          name: 'success-rate',
          phase: 'Failed',
          message: 'success rate 0.62 < 0.95',
        },
      ],
      createdAt: '2026-12-07T01:00:00Z',
    },
  ],
);

const healthy = argoRollout(
  {
    phase: 'Healthy',
    currentStepIndex: 6,
    setWeight: 100,
    stableHash: 'bbb',
    currentHash: 'bbb',
  },
  [replicaSet('aaa', '1.2.0', 0, 1), replicaSet('bbb', '1.3.0', 4, 2)],
);

const cluster = (name: string) => ({
  name,
  environment: name,
  role: 'primary' as const,
  sandbox: true,
  state: 'ok' as const,
  syncedAt: new Date().toISOString(),
});

function renderCard(clusters: EntityRollouts['clusters']) {
  const api: Partial<DeliveryApi> = {
    getRollouts: async ({ entityRef }) => ({
      entityRef,
      kubernetesId: ID,
      clusters,
    }),
  };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <RolloutCard />
    </EntityProvider>,
    { apis: [[deliveryApiRef, api]] },
  );
}

/** The table row of an environment (its name is in the Environment and Cluster cells). */
const rowOf = async (environment: string) =>
  (await screen.findAllByText(environment, { selector: 'td' }))[0].closest(
    'tr',
  )!;

describe('RolloutCard for a service an Argo Rollout runs', () => {
  it('shows a Rollout paused at a canary step: step, weight and why it waits', async () => {
    await renderCard([{ cluster: cluster('staging'), rollout: pausedAtStep }]);
    const row = await rowOf('staging');
    expect(within(row).getByText('Paused')).toBeInTheDocument();
    expect(within(row).getByLabelText('Argo Rollout')).toHaveTextContent(
      'Argo Rollout · step 1/6 · weight 25%',
    );
    expect(within(row).getByLabelText('Argo Rollout status')).toHaveTextContent(
      'paused: CanaryPauseStep',
    );
    expect(within(row).getByText('1.3.0')).toBeInTheDocument();

    await userEvent.click(within(row).getAllByRole('button')[0]);
    expect(
      await screen.findByText('Argo Rollouts (capsight-backend)'),
    ).toBeInTheDocument();
    expect(screen.getByText('1.2.0')).toBeInTheDocument(); // stable
  });

  it('says why a Rollout paused by hand waits', async () => {
    await renderCard([
      {
        cluster: cluster('staging'),
        rollout: argoRollout(
          { phase: 'Paused', message: 'manually paused', currentStepIndex: 2 },
          [replicaSet('aaa', '1.2.0', 3, 1), replicaSet('bbb', '1.3.0', 1, 2)],
        ),
      },
    ]);
    const row = await rowOf('staging');
    expect(within(row).getByText('Paused')).toBeInTheDocument();
    expect(within(row).getByLabelText('Argo Rollout status')).toHaveTextContent(
      'manually paused',
    );
  });

  it('shows an aborted Rollout with the analysis that failed it', async () => {
    await renderCard([
      { cluster: cluster('staging'), rollout: abortedByAnalysis },
    ]);
    const row = await rowOf('staging');
    expect(within(row).getByText('Aborted')).toBeInTheDocument();
    expect(within(row).getByLabelText('Argo Rollout')).toHaveTextContent(
      'step 4/6 · weight 0%',
    );
    expect(within(row).getByLabelText('Argo Rollout status')).toHaveTextContent(
      'aborted · analysis Failed: success-rate: success rate 0.62 < 0.95',
    );

    await userEvent.click(within(row).getAllByRole('button')[0]);
    expect(
      await screen.findByText(/aborted: .*1\.2\.0 keeps serving/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('yes: the stable version serves'),
    ).toBeInTheDocument();
  });

  it('shows a healthy Rollout as complete, beside a Deployment-run environment', async () => {
    await renderCard([
      { cluster: cluster('staging'), rollout: healthy },
      {
        cluster: cluster('production'),
        rollout: computeRollout(
          {
            deployments: [
              {
                namespace: 'capsight',
                name: ID,
                uid: 'd',
                generation: 1,
                observedGeneration: 1,
                desired: 2,
                paused: false,
                strategyType: 'RollingUpdate',
                image: image('1.2.0'),
                replicas: 2,
                updated: 2,
                ready: 2,
                available: 2,
                conditions: [],
                createdAt: '2026-12-01T00:00:00Z',
              },
            ],
            replicaSets: [],
            pods: [],
            hpas: [],
          },
          Date.now(),
        ),
      },
    ]);
    const staging = await rowOf('staging');
    expect(within(staging).getByText('Complete')).toBeInTheDocument();
    expect(within(staging).getByText('4/4')).toBeInTheDocument();
    expect(within(staging).getByLabelText('Argo Rollout')).toHaveTextContent(
      'Argo Rollout · step 6/6 · weight 100%',
    );
    expect(
      within(staging).queryByLabelText('Argo Rollout status'),
    ).not.toBeInTheDocument();
    const production = await rowOf('production');
    expect(within(production).getByText('Complete')).toBeInTheDocument();
    expect(
      within(production).queryByLabelText('Argo Rollout'),
    ).not.toBeInTheDocument();
  });
});
