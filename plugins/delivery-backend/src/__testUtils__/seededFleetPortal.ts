import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { Fleet } from '@internal/sandbox-fleet';
import { parse } from 'yaml';
import { deliveryPlugin } from '../plugin';
import { startSeededFleet } from './seededFleet';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

/** The seeded fleet for one test file, and a way to start the Delivery backend on it. */
export interface SeededFleetPortal {
  /** The fleet, once the file's `beforeAll` has started it. */
  readonly fleet: Fleet;
  /**
   * Starts the Delivery backend with exactly the config `./scripts/start` gives the portal
   * and a catalog of two services with workloads in the fleet
   * (propertyos-analytics-service, propertyos-owner-service) and one without
   * (no-workloads), plus `extra` features (a permission policy, say). Returns its server.
   */
  startBackend(
    extra?: BackendFeature[],
  ): Promise<Awaited<ReturnType<typeof startTestBackend>>['server']>;
}

/**
 * Starts the seeded sandbox fleet before the calling file's tests and stops it after them:
 * call it inside a `describe`.
 */
export function seededFleetPortal(): SeededFleetPortal {
  let fleet: Fleet | undefined;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    // Exactly what ./scripts/start gives the portal.
    portalConfig = parse(fleet.portalConfig());
  });
  afterAll(() => fleet?.stop());

  return {
    get fleet() {
      if (!fleet) throw new Error('the seeded fleet starts in beforeAll');
      return fleet;
    },
    async startBackend(extra = []) {
      const { server } = await startTestBackend({
        features: [
          databaseReleasedOnShutdown,
          deliveryPlugin,
          mockServices.rootConfig.factory({ data: portalConfig }),
          catalogServiceMock.factory({
            entities: [
              component('propertyos-analytics-service', {
                'backstage.io/kubernetes-id': 'propertyos-analytics-service',
              }),
              component('propertyos-owner-service', {
                'backstage.io/kubernetes-id': 'propertyos-owner-service',
              }),
              component('no-workloads', {}),
            ],
          }),
          ...extra,
        ],
      });
      return server;
    },
  };
}
