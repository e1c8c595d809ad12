import { mockCredentials } from '@backstage/backend-test-utils';
import { expandOverview } from '@internal/backstage-plugin-delivery-common';
import { seededFleetPortal } from '../__testUtils__/seededFleetPortal';
import { hiddenByCatalogRule } from '../__testUtils__/hiddenByCatalogRule';
import request from 'supertest';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(60_000);

describe('GET /api/delivery/overview', () => {
  const portal = seededFleetPortal();

  it('lists every readable service in every cluster, from the cache', async () => {
    // A policy condition on an adopter's own catalog rule, which only the catalog can
    // apply: the overview asks for the refs' decisions, as the permission backend gives them.
    const permissions = hiddenByCatalogRule(
      'component:default/propertyos-owner-service',
    );
    const server = await portal.startBackend([permissions.factory]);
    const body = await eventually(
      async () =>
        (
          await request(server)
            .get('/api/delivery/overview')
            .set('Authorization', mockCredentials.user.header())
        ).body,
      (b: any) => b.clusters?.every((c: any) => c.state === 'ok'),
      { what: 'every cluster read' },
    );
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
