import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityRollouts,
  expandOverview,
} from '@internal/backstage-plugin-delivery-common';
import { databaseClosedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import { Fleet } from '@internal/sandbox-fleet';
import { startSeededFleet } from '../__testUtils__/seededFleet';
import request from 'supertest';
import { parse } from 'yaml';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(60_000);

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe('GET /api/delivery/rollouts', () => {
  let fleet: Fleet;
  let portalConfig: any;

  beforeAll(async () => {
    fleet = await startSeededFleet();
    // Exactly what ./scripts/start gives the portal.
    portalConfig = parse(fleet.portalConfig());
  });
  afterAll(() => fleet.stop());

  async function backend(extra: any[] = []) {
    const { server } = await startTestBackend({
      features: [
        databaseClosedOnShutdown,
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
  }

  const get = (server: any, entityRef: string) =>
    request(server)
      .get(`/api/delivery/rollouts?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', mockCredentials.user.header());

  it('answers every cluster with the rollout there, from the cache', async () => {
    const server = await backend();
    let body: EntityRollouts = { entityRef: '', clusters: [] };
    for (let i = 0; i < 100; i++) {
      body = (
        await get(server, 'component:default/propertyos-analytics-service')
      ).body;
      if (
        body.clusters.length &&
        body.clusters.every(c => c.cluster.state === 'ok')
      )
        break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(body.kubernetesId).toBe('propertyos-analytics-service');
    expect(
      body.clusters.map(c => [
        c.cluster.name,
        c.cluster.sandbox,
        c.rollout.state,
      ]),
    ).toEqual([
      ['staging', true, 'stalled'],
      ['production', true, 'complete'],
      ['production-dr', true, 'not-deployed'],
    ]);
    expect(body.clusters[0].rollout.problems[0]).toMatchObject({
      reason: 'ImagePullBackOff',
    });

    // "ok" means every first list is in; the watches open just after, and the usage
    // sampler reads metrics.k8s.io (which cannot be watched) once at start-up. Count from
    // when all of that has happened in every cluster, so only what the page view itself
    // asks is counted.
    const total = async (): Promise<number> =>
      (await (await fetch(`${fleet.adminUrl}/counters`)).json()).total;
    const settled = () => {
      const clusters = Object.values(fleet.counters.snapshot());
      return (
        clusters.length === fleet.clusterNames().length &&
        clusters.every(
          ({ list = {}, watch = {} }) =>
            list['metrics.k8s.io/pods'] > 0 &&
            Object.keys(list)
              .filter(resource => !resource.startsWith('metrics.k8s.io/'))
              .every(resource => watch[resource] > 0),
        )
      );
    };
    const deadline = Date.now() + 30_000;
    while (!settled()) {
      if (Date.now() > deadline)
        throw new Error(
          `the cache never settled: ${JSON.stringify(
            fleet.counters.snapshot(),
          )}`,
        );
      await new Promise(r => setTimeout(r, 50));
    }
    const before = await total();
    await get(server, 'component:default/propertyos-analytics-service');
    const after = await total();
    expect(after).toBe(before); // a page view costs zero Kubernetes requests
  });

  it('answers no clusters for an entity without workloads, 404 for an unknown one, 400 for a bad ref', async () => {
    const server = await backend();
    expect(
      (await get(server, 'component:default/no-workloads')).body.clusters,
    ).toEqual([]);
    const missing = await get(server, 'component:default/ghost');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('entityRef');
    expect((await get(server, 'component:')).status).toBe(400);
  });

  it('refuses a caller the policy denies', async () => {
    const server = await backend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    expect(
      (await get(server, 'component:default/propertyos-analytics-service'))
        .status,
    ).toBe(403);
  });

  it('GET /overview lists every readable service in every cluster, from the cache', async () => {
    // A policy condition on an adopter's own catalog rule, which only the catalog can
    // apply: the overview asks for the refs' decisions, as the permission backend gives them.
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async () => [
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_NOT_OWNER_SERVICE',
            resourceType: 'catalog-entity',
            params: {},
          },
        },
      ],
      authorize: async requests =>
        requests.map((r: any) => ({
          result:
            r.resourceRef === 'component:default/propertyos-owner-service'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const server = await backend([permissions.factory]);
    let body: any;
    for (let i = 0; i < 100; i++) {
      body = (
        await request(server)
          .get('/api/delivery/overview')
          .set('Authorization', mockCredentials.user.header())
      ).body;
      if (body.clusters?.every((c: any) => c.state === 'ok')) break;
      await new Promise(r => setTimeout(r, 100));
    }
    const { rows } = expandOverview(body);
    expect(rows.map(r => [r.name, r.cluster, r.state])).toEqual([
      ['propertyos-analytics-service', 'staging', 'stalled'],
      ['propertyos-analytics-service', 'production', 'complete'],
    ]);
    expect(rows[0]).toMatchObject({
      environment: 'staging',
      tier: 'standard',
      version: '3.1.0-missing',
    });
    expect(typeof body.version).toBe('number');

    // Served pre-compressed, and not at all when the caller already has this answer.
    const fresh = await request(server)
      .get('/api/delivery/overview')
      .set('Authorization', mockCredentials.user.header())
      .set('Accept-Encoding', 'gzip');
    expect(fresh.headers['content-encoding']).toBe('gzip');
    expect(fresh.body.placements).toHaveLength(2);
    const again = await request(server)
      .get('/api/delivery/overview')
      .set('Authorization', mockCredentials.user.header())
      .set('If-None-Match', fresh.headers.etag);
    expect(again.status).toBe(304);
    const plain = await request(server)
      .get('/api/delivery/overview')
      .set('Authorization', mockCredentials.user.header())
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.text).placements).toHaveLength(2);
  });
});
