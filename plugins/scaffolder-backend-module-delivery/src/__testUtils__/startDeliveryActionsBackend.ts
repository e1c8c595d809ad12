import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The actions record runs in the Delivery plugin's store: both plugins, as in a portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import { redactingAuditorServiceFactory } from '@internal/backstage-plugin-delivery-node';
import {
  authNamingCallingPlugin,
  databaseReleasedOnShutdown,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  clustersOnFreePorts,
  Fleet,
  FleetOptions,
} from '@internal/sandbox-fleet';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import request from 'supertest';
import yaml from 'yaml';
import { deliveryActionPollingFactory } from '../actionPolling';
import { scaffolderModuleDelivery } from '../module';
import { CATALOG_DIR, catalogComponents } from './exampleCatalog';

export { catalogComponents } from './exampleCatalog';

/** A component of the example catalog with another monthly budget (US dollars). */
export function catalogComponentWithBudget(name: string, usd: string): Entity {
  const entity = catalogComponents().find(e => e.metadata.name === name);
  if (!entity) throw new Error(`${name} is not in the example catalog`);
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'delivery/monthly-budget': usd,
      },
    },
  };
}

/** A template around one action, every parameter passed through as its input. */
export function actionTemplate(
  name: string,
  action: string,
  inputs: string[],
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'action',
      owner: 'group:default/platform-team',
      parameters: [{ properties: {} }],
      steps: [
        {
          id: 'act',
          name: action,
          action,
          input: Object.fromEntries(
            inputs.map(input => [input, `\${{ parameters.${input} }}`]),
          ),
        },
      ],
    },
  } as Entity;
}

/**
 * A template named `name` around `delivery:service:<name>`: the service and the
 * environment, plus the `more` inputs a test passes through.
 */
export function serviceActionTemplate(name: string, ...more: string[]): Entity {
  return actionTemplate(name, `delivery:service:${name}`, [
    'entityRef',
    'environment',
    ...more,
  ]);
}

/**
 * The deploy template of the action tests: the service, the environment, the image and
 * `keepPreviousSeconds` (tests set 0), plus the `more` inputs a test passes through.
 */
export function deployTemplate(...more: string[]): Entity {
  return serviceActionTemplate(
    'deploy',
    'image',
    'keepPreviousSeconds',
    ...more,
  );
}

/** The failover template of the action tests: the service, the environment, the mode and the reason. */
export function failoverTemplate(): Entity {
  return serviceActionTemplate('failover', 'mode', 'reason');
}

/**
 * How often the actions read a rollout, a Job or a failover step in these tests: the
 * sandbox answers in milliseconds, so the portal's default of seconds would only wait.
 */
export const TEST_ACTION_POLL_MS = 200;

/**
 * The sandbox fleet with fast pods, as the Delivery action tests use it; in real time
 * unless `options.timeScale` says otherwise.
 */
export function startSandboxFleet(
  options: Partial<FleetOptions> = {},
): Promise<Fleet> {
  return Fleet.start({
    catalogDir: CATALOG_DIR,
    clusters: clustersOnFreePorts(),
    adminPort: 0,
    autoTick: true,
    simulation: {
      tickMs: 100,
      speed: 20,
      load: {
        mode: 'steady',
        periodMs: 600_000,
        scaleDownStabilizationMs: 300_000,
      },
    },
    ...options,
  });
}

/** One of `delivery.environments` as a test configures it (see config.d.ts). */
export interface TestEnvironment {
  name: string;
  production?: boolean;
  imagePolicy?: { mutableTags?: string[]; requireDigest?: boolean };
  promotion?: { soakMinutes?: number };
}

/**
 * The backend's config: the fleet's portal config (`fleet.portalConfig()`, parsed) with
 * a staging and a production environment, then `config`'s top-level keys; `config.delivery`
 * is merged into the delivery block instead (`delivery.gitops`, say), keeping the fleet's
 * clusters.
 */
export function deliveryBackendConfig(
  portal: Record<string, any>,
  config?: Record<string, unknown>,
  environments: TestEnvironment[] = [
    { name: 'staging' },
    { name: 'production', production: true },
  ],
): JsonObject {
  const { delivery, ...others } = config ?? {};
  return {
    ...portal,
    delivery: {
      ...portal.delivery,
      environments,
      ...(delivery as Record<string, unknown> | undefined),
    },
    ...others,
  } as JsonObject;
}

/** What startDeliveryActionsBackend started, with helpers to assert on it. */
export type DeliveryActionsBackend = TestBackend & {
  fleet: Fleet;
  /** Clients for one sandbox cluster (`staging`, `production`), to assert its objects. */
  cluster: (name: string) => {
    apps: AppsV1Api;
    core: CoreV1Api;
    autoscaling: AutoscalingV2Api;
    /** For custom resources: Argo Rollouts. */
    custom: CustomObjectsApi;
  };
  /** A component's run history as its Delivery tab reads it. */
  history: (component: string) => Promise<Array<Record<string, any>>>;
};

/**
 * The sandbox fleet (fast pods), and a backend with the real scaffolder, the Delivery
 * module and the Delivery plugin (run store on SQLite) wired to it the way ./scripts/start
 * wires the portal (the redacting auditor included), except that the actions poll every
 * {@link TEST_ACTION_POLL_MS}.
 */
export async function startDeliveryActionsBackend(options: {
  templates: Entity[];
  extraEntities?: Entity[];
  /** More plugins, modules or service factories, e.g. the real permission backend. */
  features?: BackendFeature[];
  /**
   * The catalog: by default an in-memory one holding the example catalog's components, the
   * templates and `extraEntities`; `features` then bring the real catalog backend instead
   * (see realPermissionFramework).
   */
  catalog?: 'in-memory' | 'from-features';
  config?: Record<string, unknown>;
  /** `delivery.environments`; default staging, and production marked as serving users. */
  environments?: TestEnvironment[];
  /**
   * A fleet that is already running (the caller stops it), e.g. one an earlier backend
   * used; by default a new one is started, with `fleetOptions` (e.g. its `timeScale`).
   */
  fleet?: Fleet;
  fleetOptions?: Partial<FleetOptions>;
}): Promise<DeliveryActionsBackend> {
  const fleet =
    options.fleet ?? (await startSandboxFleet(options.fleetOptions));
  const portal = yaml.parse(fleet.portalConfig());
  const entities = [
    ...catalogComponents(),
    ...options.templates,
    ...(options.extraEntities ?? []),
  ];
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const catalog = catalogServiceMock.mock({
    getEntityByRef: async ref =>
      byRef.get(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
  });
  const backend = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      // The scaffolder calls the Delivery backend on behalf of a task's initiator.
      authNamingCallingPlugin,
      scaffolderPlugin,
      scaffolderModuleDelivery,
      deliveryActionPollingFactory({ pollMs: TEST_ACTION_POLL_MS }),
      deliveryPlugin,
      redactingAuditorServiceFactory,
      ...(options.catalog === 'from-features' ? [] : [catalog.factory]),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: deliveryBackendConfig(
          portal,
          options.config,
          options.environments,
        ),
      }),
    ],
  });
  const cluster = (name: string) => {
    const kc = new KubeConfig();
    kc.loadFromString(fleet.kubeconfig());
    kc.setCurrentContext(`sandbox-${name}`);
    return {
      apps: kc.makeApiClient(AppsV1Api),
      core: kc.makeApiClient(CoreV1Api),
      autoscaling: kc.makeApiClient(AutoscalingV2Api),
      custom: kc.makeApiClient(CustomObjectsApi),
    };
  };
  const history = async (component: string) =>
    (
      await request(backend.server)
        .get('/api/delivery/runs')
        .query({ entityRef: `component:default/${component}` })
        .set('Authorization', mockCredentials.user.header())
    ).body.items as Array<Record<string, any>>;
  return { ...backend, fleet, cluster, history };
}
