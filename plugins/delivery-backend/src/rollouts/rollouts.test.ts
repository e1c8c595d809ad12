import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityRollouts } from '@internal/backstage-plugin-delivery-common';
import { seededFleetPortal } from '../__testUtils__/seededFleetPortal';
import request from 'supertest';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(60_000);

describe('GET /api/delivery/rollouts', () => {
  const portal = seededFleetPortal();

  const get = (server: any, entityRef: string) =>
    request(server)
      .get(`/api/delivery/rollouts?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', mockCredentials.user.header());

  it('answers every cluster with the rollout there, from the cache', async () => {
    const server = await portal.startBackend();
    const body: EntityRollouts = await eventually(
      async () =>
        (
          await get(server, 'component:default/propertyos-analytics-service')
        ).body,
      (b: EntityRollouts) =>
        b.clusters.length > 0 &&
        b.clusters.every(c => c.cluster.state === 'ok'),
      { what: 'every cluster read' },
    );
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
      (await (await fetch(`${portal.fleet.adminUrl}/counters`)).json()).total;
    const settled = () => {
      const clusters = Object.values(portal.fleet.counters.snapshot());
      return (
        clusters.length === portal.fleet.clusterNames().length &&
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
            portal.fleet.counters.snapshot(),
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
    const server = await portal.startBackend();
    expect(
      (await get(server, 'component:default/no-workloads')).body.clusters,
    ).toEqual([]);
    const missing = await get(server, 'component:default/ghost');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('entityRef');
    expect((await get(server, 'component:')).status).toBe(400);
  });

  it('refuses a caller the policy denies', async () => {
    const server = await portal.startBackend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    expect(
      (await get(server, 'component:default/propertyos-analytics-service'))
        .status,
    ).toBe(403);
  });
});
