import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The Delivery plugin serves the published files the catalog registers: the journey
// under test crosses both plugins, as it does in a portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { GOLDEN_PATH_KINDS } from '../goldenPath/parameters';
import { scaffolderModuleDelivery } from '../module';
import { GOLDEN_PATH_OWNERS } from './goldenPathParameters';
import { templateEntity } from './goldenPathTemplates';

/**
 * A backend with the real scaffolder, the Delivery module and the Delivery plugin (whose
 * repository route serves what the local target published). The catalog is a mock that
 * knows the three templates, the owners the tests name (groups and the user `mock`) and one
 * existing component, and records registrations.
 */
export async function startGoldenPathBackend(options: {
  localPublishDirectory: string;
}): Promise<TestBackend & { addLocation: jest.Mock }> {
  const entities: Entity[] = [
    ...GOLDEN_PATH_KINDS.map(templateEntity),
    ...GOLDEN_PATH_OWNERS,
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ledger', namespace: 'default' },
      spec: {
        type: 'service',
        owner: 'group:default/x',
        lifecycle: 'production',
      },
    },
  ];
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const addLocation = jest.fn(
    async (location: { type: string; target: string; dryRun?: boolean }) => ({
      location: {
        id: 'location-1',
        type: location.type,
        target: location.target,
      },
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'registered', namespace: 'default' },
        },
      ],
    }),
  );
  const catalog = catalogServiceMock.mock({
    getEntityByRef: async ref =>
      byRef.get(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
    addLocation: addLocation as any,
  });
  const backend = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      scaffolderPlugin,
      scaffolderModuleDelivery,
      deliveryPlugin,
      catalog.factory,
      mockServices.rootConfig.factory({
        data: {
          // The portal the generated runbook link points into.
          app: { baseUrl: 'http://localhost:3000' },
          delivery: {
            goldenPath: {
              localPublish: { directory: options.localPublishDirectory },
            },
          },
        },
      }),
    ],
  });
  return { ...backend, addLocation };
}
