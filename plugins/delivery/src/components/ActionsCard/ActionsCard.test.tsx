import { Entity } from '@backstage/catalog-model';
import {
  coreExtensionData,
  createExtension,
  createFrontendPlugin,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  ClusterSnapshot,
  DeliveryHealth,
  EntityRollouts,
  RolloutStatus,
  versionOfImage,
} from '@internal/backstage-plugin-delivery-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import deliveryPlugin from '../../alpha';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { createFromTemplateRouteRef } from '../../routes';
import { ActionsCard } from './ActionsCard';
import { backendError } from '../../__testUtils__/backendError';

// Renders in a test app with Material UI and charts: seconds on a busy machine, where
// jest's 5 s default is meant for unit tests.
jest.setTimeout(30_000);

/** Permission names the user holds on the service; every one unless a test says. */
let granted: string[] | undefined;

// usePermission caches answers across renders (SWR), so each test says what the user holds
// here; the mock still checks it is asked about this service.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: {
    permission: { name: string };
    resourceRef?: string;
  }) => ({
    loading: false,
    allowed:
      input.resourceRef === 'component:default/payment-service' &&
      (!granted || granted.includes(input.permission.name)),
  }),
}));

beforeEach(() => {
  granted = undefined;
});

const service = (
  environments?: string,
  strategy?: string,
  dependsOn?: string[],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    annotations: {
      'backstage.io/kubernetes-id': 'payment-service',
      ...(environments ? { 'delivery/environments': environments } : {}),
      ...(strategy ? { 'delivery/strategy': strategy } : {}),
    },
  },
  spec: {
    type: 'service',
    owner: 'payments-team',
    lifecycle: 'production',
    ...(dependsOn ? { dependsOn } : {}),
  },
});

const health: DeliveryHealth = {
  status: 'ok',
  environments: [
    { name: 'staging', production: false },
    { name: 'production', production: true },
  ],
  clusters: [],
};

const cluster = (
  name: string,
  environment: string,
  role: ClusterSnapshot['role'] = 'primary',
): ClusterSnapshot => ({
  name,
  environment,
  role,
  sandbox: true,
  state: 'ok',
  syncedAt: '2026-11-23T10:00:00Z',
});

const running = (image: string): RolloutStatus => ({
  state: 'complete',
  summary: `${versionOfImage(image)} on 2/2 replicas`,
  strategy: 'rolling',
  desired: 2,
  updated: 2,
  ready: 2,
  available: 2,
  progressPercent: 100,
  currentImage: image,
  currentVersion: versionOfImage(image),
  problems: [],
  revisions: [],
});

const notDeployed: RolloutStatus = {
  state: 'not-deployed',
  summary: 'not deployed in this cluster',
  strategy: 'rolling',
  desired: 0,
  updated: 0,
  ready: 0,
  available: 0,
  progressPercent: 0,
  problems: [],
  revisions: [],
};

const IMAGE = 'ghcr.io/acme/payment-service';

/** Staging is mid-way: its primary runs 1.5.0, its DR cluster still 1.4.0. */
const rollouts: EntityRollouts = {
  entityRef: 'component:default/payment-service',
  kubernetesId: 'payment-service',
  clusters: [
    {
      cluster: cluster('staging', 'staging'),
      rollout: running(`${IMAGE}:1.5.0`),
    },
    {
      cluster: cluster('staging-dr', 'staging', 'dr'),
      rollout: running(`${IMAGE}:1.4.0`),
    },
    {
      cluster: cluster('production', 'production'),
      rollout: running(`${IMAGE}:1.4.0`),
    },
    {
      cluster: cluster('prod-eu', 'production', 'dr'),
      rollout: running(`${IMAGE}:1.4.0`),
    },
  ],
};

const TEMPLATE_PATH = '/create/templates/:namespace/:templateName';

function renderCard(
  entity: Entity,
  api: Partial<DeliveryApi>,
  options: {
    scaffolder?: boolean;
  } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ActionsCard />
    </EntityProvider>,
    {
      apis: [
        [
          deliveryApiRef,
          {
            getRollouts: async () => rollouts,
            getHealth: async () => health,
            listApprovals: async () => [],
            getFreezes: async () => ({
              entityRef: 'component:default/payment-service',
              now: '2026-12-06T12:00:00.000Z',
              environments: [],
            }),
            ...api,
          },
        ],
      ],
      mountedRoutes:
        options.scaffolder === false
          ? {}
          : { [TEMPLATE_PATH]: createFromTemplateRouteRef },
    },
  );
}

function rowOf(environment: string): HTMLElement {
  return screen.getByRole('rowheader', { name: new RegExp(`^${environment}`) })
    .parentElement!;
}

function formDataOf(link: HTMLElement): unknown {
  const href = link.getAttribute('href')!;
  const query = new URLSearchParams(href.slice(href.indexOf('?')));
  return JSON.parse(query.get('formData')!);
}

describe('ActionsCard', () => {
  it('lists each declared environment with the versions running there, and marks production', async () => {
    await renderCard(service('staging,production'), {});
    await screen.findByRole('table', { name: 'environment actions' });

    const staging = rowOf('staging');
    expect(
      within(staging).getByRole('list', { name: 'versions by cluster' }),
    ).toHaveTextContent('1.5.0 on staging1.4.0 on staging-dr');
    expect(
      within(staging).queryByRole('img', { name: 'production' }),
    ).not.toBeInTheDocument();

    const production = rowOf('production');
    expect(within(production).getByText('1.4.0')).toBeInTheDocument();
    expect(
      within(production).queryByRole('list', { name: 'versions by cluster' }),
    ).not.toBeInTheDocument();
    expect(
      within(production).getByRole('img', { name: 'production' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/A lock marks a production environment/),
    ).toBeInTheDocument();
  });

  it('links Deploy to the deploy template with the service, environment and running image', async () => {
    await renderCard(service('staging,production'), {});
    const deploy = await screen.findByRole('button', {
      name: 'Deploy to staging',
    });
    const formData = {
      entityRef: 'component:default/payment-service',
      environment: 'staging',
      image: `${IMAGE}:1.5.0`,
    };
    expect(deploy).toHaveAttribute(
      'href',
      `/create/templates/default/delivery-deploy?formData=${encodeURIComponent(
        JSON.stringify(formData),
      )}`,
    );
    expect(
      formDataOf(screen.getByRole('button', { name: 'Deploy to production' })),
    ).toEqual({
      entityRef: 'component:default/payment-service',
      environment: 'production',
      image: `${IMAGE}:1.4.0`,
    });
  });

  it('links Rollback, Promote and Abort to their templates with the service and environment', async () => {
    await renderCard(service('staging,production', 'blue-green'), {});
    await screen.findByRole('button', { name: 'Deploy to staging' });
    const formData = encodeURIComponent(
      JSON.stringify({
        entityRef: 'component:default/payment-service',
        environment: 'staging',
      }),
    );
    expect(
      screen.getByRole('button', { name: 'Rollback staging' }),
    ).toHaveAttribute(
      'href',
      `/create/templates/default/delivery-rollback?formData=${formData}`,
    );
    expect(
      screen.getByRole('button', { name: 'Promote staging' }),
    ).toHaveAttribute(
      'href',
      `/create/templates/default/delivery-promote?formData=${formData}`,
    );
    expect(
      screen.getByRole('button', { name: 'Abort staging' }),
    ).toHaveAttribute(
      'href',
      `/create/templates/default/delivery-abort?formData=${formData}`,
    );
    for (const action of ['Rollback', 'Promote', 'Abort']) {
      expect(
        formDataOf(
          screen.getByRole('button', { name: `${action} production` }),
        ),
      ).toEqual({
        entityRef: 'component:default/payment-service',
        environment: 'production',
      });
    }
    expect(
      within(rowOf('staging')).getByRole('group', {
        name: 'Other actions on staging',
      }),
    ).toHaveTextContent('RollbackPromoteAbortScale');
  });

  it('offers Retry instead of Scale where an Argo Rollout runs the service, and only there', async () => {
    const argoInStaging: EntityRollouts = {
      ...rollouts,
      clusters: rollouts.clusters.map(row =>
        row.cluster.name === 'staging'
          ? {
              ...row,
              rollout: {
                ...row.rollout,
                state: 'aborted',
                argo: {
                  controller: 'argo-rollouts',
                  name: 'payment-service',
                  phase: 'Degraded',
                  strategy: 'canary',
                  stepCount: 5,
                  aborted: true,
                  pauseReasons: [],
                },
              },
            }
          : row,
      ),
    };
    await renderCard(service('staging,production', 'canary'), {
      getRollouts: async () => argoInStaging,
    });
    await screen.findByRole('button', { name: 'Deploy to staging' });
    expect(
      within(rowOf('staging')).getByRole('group', {
        name: 'Other actions on staging',
      }),
    ).toHaveTextContent('RollbackPromoteAbortRetry');
    expect(
      screen.getByRole('button', { name: 'Retry staging' }),
    ).toHaveAttribute(
      'href',
      `/create/templates/default/delivery-retry?formData=${encodeURIComponent(
        JSON.stringify({
          entityRef: 'component:default/payment-service',
          environment: 'staging',
        }),
      )}`,
    );
    expect(
      within(rowOf('production')).getByRole('group', {
        name: 'Other actions on production',
      }),
    ).toHaveTextContent('RollbackPromoteAbortScale');
  });

  it.each(['rolling', 'blue-green', 'canary'])(
    'links Scale to the scale template with the service and environment for a %s service',
    async strategy => {
      await renderCard(service('staging,production', strategy), {});
      await screen.findByRole('button', { name: 'Deploy to staging' });
      for (const environment of ['staging', 'production']) {
        const scale = screen.getByRole('button', {
          name: `Scale ${environment}`,
        });
        expect(scale.getAttribute('href')).toMatch(
          /^\/create\/templates\/default\/delivery-scale\?formData=/,
        );
        // No image, nor any number: how far to scale is the user's to say.
        expect(formDataOf(scale)).toEqual({
          entityRef: 'component:default/payment-service',
          environment,
        });
      }
    },
  );

  it('offers Migrate for a service with a database, opening its template in status mode for the environment', async () => {
    await renderCard(
      service('staging,production', 'rolling', [
        'resource:default/payments-db',
      ]),
      {},
    );
    const migrate = await screen.findByRole('button', {
      name: 'Migrate production',
    });
    expect(migrate.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/delivery-migrate\?formData=/,
    );
    expect(formDataOf(migrate)).toEqual({
      entityRef: 'component:default/payment-service',
      environment: 'production',
    });
    expect(
      within(rowOf('staging')).getByRole('group', {
        name: 'Other actions on staging',
      }),
    ).toHaveTextContent('RollbackScaleMigrate');
  });

  it('offers no Migrate for a service without a database', async () => {
    await renderCard(service('staging,production', 'rolling'), {});
    await screen.findByRole('button', { name: 'Deploy to staging' });
    expect(
      screen.queryByRole('button', { name: /^Migrate/ }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['no strategy (rolling by default)', undefined],
    ['a rolling strategy', 'rolling'],
  ])('offers Rollback but not Promote or Abort for %s', async (_, strategy) => {
    await renderCard(service('staging,production', strategy), {});
    await screen.findByRole('button', { name: 'Deploy to staging' });
    for (const environment of ['staging', 'production']) {
      expect(
        screen.getByRole('button', { name: `Rollback ${environment}` }),
      ).toHaveAttribute('href');
      expect(
        screen.queryByRole('button', { name: `Promote ${environment}` }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: `Abort ${environment}` }),
      ).not.toBeInTheDocument();
    }
  });

  it.each(['blue-green', 'canary'])(
    'offers Promote and Abort in every environment for a %s service',
    async strategy => {
      await renderCard(service('staging,production', strategy), {});
      await screen.findByRole('button', { name: 'Deploy to staging' });
      for (const environment of ['staging', 'production']) {
        for (const action of ['Rollback', 'Promote', 'Abort']) {
          expect(
            screen.getByRole('button', { name: `${action} ${environment}` }),
          ).toHaveAttribute('href');
        }
      }
    },
  );

  it('finds the scaffolder by its default target, with no route binding in the app', async () => {
    const root = createRouteRef();
    const selectedTemplate = createSubRouteRef({
      parent: root,
      path: '/templates/:namespace/:templateName',
    });
    const scaffolder = createFrontendPlugin({
      pluginId: 'scaffolder',
      routes: { root, selectedTemplate },
      // renderInTestApp has no app/routes, so mount the page where mountedRoutes do.
      extensions: [
        createExtension({
          name: 'page',
          attachTo: { id: 'app/root', input: 'elements' },
          output: [
            coreExtensionData.reactElement,
            coreExtensionData.routePath,
            coreExtensionData.routeRef,
          ],
          factory: () => [
            coreExtensionData.reactElement(<div />),
            coreExtensionData.routePath('/create'),
            coreExtensionData.routeRef(root),
          ],
        }),
      ],
    });
    await renderInTestApp(
      <EntityProvider entity={service('staging')}>
        <ActionsCard />
      </EntityProvider>,
      {
        features: [deliveryPlugin, scaffolder],
        apis: [
          [
            deliveryApiRef,
            {
              getRollouts: async () => rollouts,
              getHealth: async () => health,
              listApprovals: async () => [],
            },
          ],
        ],
      },
    );
    const deploy = await screen.findByRole('button', {
      name: 'Deploy to staging',
    });
    expect(deploy.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/delivery-deploy\?formData=/,
    );
    expect(
      screen
        .getByRole('button', { name: 'Rollback staging' })
        .getAttribute('href'),
    ).toMatch(/^\/create\/templates\/default\/delivery-rollback\?formData=/);
  });

  it('disables every action and says why when the app has no scaffolder', async () => {
    await renderCard(service('staging', 'canary'), {}, { scaffolder: false });
    const deploy = await screen.findByRole('button', {
      name: 'Deploy to staging',
    });
    for (const button of [
      deploy,
      screen.getByRole('button', { name: 'Rollback staging' }),
      screen.getByRole('button', { name: 'Promote staging' }),
      screen.getByRole('button', { name: 'Abort staging' }),
      screen.getByRole('button', { name: 'Scale staging' }),
    ]) {
      expect(button).toBeDisabled();
      expect(button).not.toHaveAttribute('href');
    }
    expect(
      screen.getByText(
        'The actions open the scaffolder, which this app does not have mounted.',
      ),
    ).toBeInTheDocument();
  });

  it('disables every action on an environment the backend does not have', async () => {
    await renderCard(service('staging,qa', 'blue-green'), {});
    const qa = await screen.findByRole('button', { name: 'Deploy to qa' });
    expect(qa).toBeDisabled();
    for (const action of ['Rollback', 'Promote', 'Abort', 'Scale']) {
      const button = screen.getByRole('button', { name: `${action} qa` });
      expect(button).toBeDisabled();
      expect(button).not.toHaveAttribute('href');
      expect(
        screen.getByRole('button', { name: `${action} staging` }),
      ).toHaveAttribute('href');
    }
    expect(within(rowOf('qa')).getByText('not configured')).toBeInTheDocument();
    expect(within(rowOf('qa')).getByText('not deployed')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Deploy to staging' }),
    ).toHaveAttribute('href');
  });

  describe('who may act', () => {
    it("disables every action of another team's service and says who may", async () => {
      // A developer of another team: the ownership condition answers no for this service.
      granted = ['delivery.entity.read'];
      await renderCard(service('staging,production', 'canary'), {});
      const deploy = await screen.findByRole('button', {
        name: 'Deploy to staging',
      });
      for (const button of [
        deploy,
        screen.getByRole('button', { name: 'Rollback staging' }),
        screen.getByRole('button', { name: 'Promote staging' }),
        screen.getByRole('button', { name: 'Scale staging' }),
      ]) {
        expect(button).toBeDisabled();
        expect(button).not.toHaveAttribute('href');
      }
      expect(deploy).toHaveAttribute(
        'title',
        'Only payments-team and the platform team may deploy payment-service in staging',
      );
      expect(
        screen.getByRole('button', { name: 'Rollback staging' }),
      ).toHaveAttribute(
        'title',
        'Only payments-team and the platform team may roll back payment-service in staging',
      );
      expect(
        within(rowOf('staging')).getByText(
          'Only payments-team and the platform team may deploy payment-service in staging.',
        ),
      ).toBeInTheDocument();
      expect(
        within(rowOf('production')).getByText(
          'Only the platform team may deploy payment-service in production.',
        ),
      ).toBeInTheDocument();
    });

    it('lets an owner act outside production only, and says why not in production', async () => {
      granted = ['delivery.entity.read', 'delivery.action.run'];
      await renderCard(service('staging,production'), {});
      expect(
        await screen.findByRole('button', { name: 'Deploy to staging' }),
      ).toHaveAttribute('href');
      expect(
        screen.getByRole('button', { name: 'Deploy to production' }),
      ).toBeDisabled();
      expect(
        within(rowOf('staging')).queryByText(/^Only /),
      ).not.toBeInTheDocument();
      expect(
        within(rowOf('production')).getByText(
          'Only the platform team may deploy payment-service in production.',
        ),
      ).toBeInTheDocument();
    });
  });

  describe('Failover', () => {
    const withDr: DeliveryHealth = {
      ...health,
      clusters: [
        {
          name: 'staging',
          environment: 'staging',
          role: 'primary',
          sandbox: true,
        },
        {
          name: 'staging-dr',
          environment: 'staging',
          role: 'dr',
          sandbox: true,
        },
        {
          name: 'production',
          environment: 'production',
          role: 'primary',
          sandbox: true,
        },
        {
          name: 'prod-eu',
          environment: 'production',
          role: 'dr',
          sandbox: true,
        },
      ],
    };

    it('opens the failover template as a drill of a production environment with a DR cluster', async () => {
      await renderCard(service('staging,production'), {
        getHealth: async () => withDr,
      });
      const failover = await screen.findByRole('button', {
        name: 'Failover production',
      });
      expect(failover.getAttribute('href')).toMatch(
        /^\/create\/templates\/default\/delivery-failover\?formData=/,
      );
      expect(formDataOf(failover)).toEqual({
        entityRef: 'component:default/payment-service',
        environment: 'production',
        mode: 'drill',
      });
      // Staging has a DR cluster too, but it is not production.
      expect(
        screen.queryByRole('button', { name: 'Failover staging' }),
      ).not.toBeInTheDocument();
    });

    it('is not offered without a DR cluster, or to a user outside the platform team', async () => {
      const { unmount } = await renderCard(service('staging,production'), {});
      await screen.findByRole('button', { name: 'Deploy to production' });
      expect(
        screen.queryByRole('button', { name: /^Failover/ }),
      ).not.toBeInTheDocument();
      unmount();

      granted = ['delivery.entity.read', 'delivery.action.run'];
      await renderCard(service('staging,production'), {
        getHealth: async () => withDr,
      });
      await screen.findByRole('button', { name: 'Deploy to production' });
      expect(
        screen.queryByRole('button', { name: /^Failover/ }),
      ).not.toBeInTheDocument();
    });
  });

  it('shows progress while loading', async () => {
    await renderCard(service('staging'), {
      getRollouts: () => new Promise(() => {}),
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says which annotation to add when the service declares no environments', async () => {
    const getRollouts = jest.fn(async () => rollouts);
    await renderCard(service(), { getRollouts });
    expect(
      await screen.findByText('No environments declared'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Add delivery\/environments/)).toBeInTheDocument();
    expect(getRollouts).not.toHaveBeenCalled();
  });

  it('still offers a first deploy, without an image, when nothing runs anywhere', async () => {
    await renderCard(service('staging,production'), {
      getRollouts: async () => ({
        ...rollouts,
        clusters: [
          { cluster: cluster('staging', 'staging'), rollout: notDeployed },
        ],
      }),
    });
    expect(
      await screen.findByText('Not running in any environment yet'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('staging')).getByText('not deployed'),
    ).toBeInTheDocument();
    expect(
      formDataOf(screen.getByRole('button', { name: 'Deploy to staging' })),
    ).toEqual({
      entityRef: 'component:default/payment-service',
      environment: 'staging',
    });
  });

  it('keeps the rows when the backend does not say which environments are production', async () => {
    await renderCard(service('staging,production'), {
      getHealth: async () => {
        throw new Error('health is down');
      },
    });
    expect(
      await screen.findByText(/did not say which environments are production/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Deploy to production' }),
    ).toHaveAttribute('href');
    expect(
      screen.queryByRole('img', { name: 'production' }),
    ).not.toBeInTheDocument();
  });

  it('shows a failed request as a message with a retry, never a stack trace', async () => {
    const failure = await backendError({
      status: 403,
      statusText: 'Forbidden',
      name: 'NotAllowedError',
      message: 'Not allowed',
      stack: 'at secret.ts:1',
    });
    const getRollouts = jest
      .fn()
      .mockRejectedValueOnce(failure)
      .mockResolvedValue(rollouts);
    await renderCard(service('staging'), { getRollouts });
    expect(
      await screen.findByText('Could not load the running versions'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/secret\.ts/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Deploy to staging' }),
      ).toHaveAttribute('href'),
    );
  });
});
