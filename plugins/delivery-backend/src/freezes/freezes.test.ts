import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';
import Ajv from 'ajv';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';
import { spec } from '../schema/openapi';

// Starts a test backend (plugins, database migrations): seconds on a busy machine.
jest.setTimeout(60_000);

const component = (name: string, annotations: Record<string, string>) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'delivery/environments': 'staging,production',
        ...annotations,
      },
    },
    spec: { type: 'service', owner: 'x', lifecycle: 'production' },
  } as Entity);

/**
 * The backend reads the system clock, so the freezes here do not depend on the day the
 * test runs: one in force until 2100, one starting in 2099.
 */
const FREEZES = [
  {
    name: 'Data centre move',
    reason: 'the staging database moves to the new region',
    environments: ['staging'],
    actions: ['migrate'],
    timeZone: 'UTC',
    start: '2000-01-01T00:00',
    end: '2100-01-01T00:00',
  },
  {
    name: 'Century audit',
    environments: ['production'],
    timeZone: 'Europe/Berlin',
    start: '2099-12-31T00:00',
    end: '2100-01-02T00:00',
  },
];

async function backend(
  extra: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  const { server } = await startTestBackend({
    features: [
      databaseReleasedOnShutdown,
      deliveryPlugin,
      mockServices.rootConfig.factory({
        data: {
          delivery: {
            environments: [
              { name: 'staging' },
              { name: 'production', production: true },
            ],
            freezes: FREEZES,
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          component('payment-service', {
            'delivery/freeze':
              'name=Black Friday | environments=production | timeZone=America/New_York | rrule=FREQ=DAILY | duration=P1D | reason=peak sales',
          }),
          component('ledger', {
            'delivery/freeze': 'name=x | environments=prod',
          }),
        ],
      }),
      ...(extra ?? []),
    ],
  });
  return server;
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(JSON.parse(JSON.stringify(spec)), 'contract');
const conforms = (body: unknown) =>
  ajv.validate('contract#/components/schemas/FreezesAnswer', body)
    ? []
    : ajv.errors;

describe('GET /freezes', () => {
  let server: Awaited<ReturnType<typeof backend>>;
  beforeAll(async () => {
    server = await backend();
  });

  const get = (entityRef: string, on = server) =>
    request(on)
      .get('/api/delivery/freezes')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());

  it('answers per environment of the service the freezes in force and the next, from config and the annotation', async () => {
    const res = await get('component:default/payment-service');
    expect(res.status).toBe(200);
    expect(conforms(res.body)).toEqual([]);
    expect(res.body.entityRef).toBe('component:default/payment-service');
    const [staging, production] = res.body.environments;
    expect(staging).toEqual({
      environment: 'staging',
      inForce: [
        {
          name: 'Data centre move',
          reason: 'the staging database moves to the new region',
          timeZone: 'UTC',
          source: 'config',
          actions: ['migrate'],
          start: '2000-01-01T00:00:00.000Z',
          end: '2100-01-01T00:00:00.000Z',
        },
      ],
    });
    // The service's own daily freeze is in force whatever the time, until New York's next midnight.
    expect(production.environment).toBe('production');
    expect(production.inForce).toEqual([
      expect.objectContaining({
        name: 'Black Friday',
        reason: 'peak sales',
        source: 'annotation',
        timeZone: 'America/New_York',
        actions: [
          'deploy',
          'scale',
          'rollback',
          'promote',
          'abort',
          'retry',
          'migrate',
        ],
      }),
    ]);
    const { start, end } = production.inForce[0];
    expect(Date.parse(start)).toBeLessThanOrEqual(Date.parse(res.body.now));
    expect(Date.parse(end)).toBeGreaterThan(Date.parse(res.body.now));
    // The next to start after it lifts is the next day's.
    expect(production.next).toMatchObject({ name: 'Black Friday', start: end });
  });

  it('answers the next freeze when none is in force', async () => {
    const res = await get('component:default/ledger');
    const production = res.body.environments[1];
    expect(production).toEqual({
      environment: 'production',
      inForce: [],
      next: expect.objectContaining({
        name: 'Century audit',
        start: '2099-12-30T23:00:00.000Z',
        end: '2100-01-01T23:00:00.000Z',
      }),
    });
  });

  it('says why a malformed annotation is left out, naming it', async () => {
    const res = await get('component:default/ledger');
    expect(res.status).toBe(200);
    expect(conforms(res.body)).toEqual([]);
    expect(res.body.annotationError).toBe(
      'delivery/freeze annotation, line 1, timeZone: is required: the IANA time zone the schedule is read in, such as Europe/Berlin or UTC',
    );
  });

  it('answers 400 naming entityRef, 404 for an entity not in the catalog, 403 to a caller the policy denies', async () => {
    const missing = await request(server)
      .get('/api/delivery/freezes')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('entityRef');
    const ghost = await get('component:default/ghost');
    expect(ghost.status).toBe(404);
    const denied = await backend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    const refused = await get('component:default/payment-service', denied);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Not allowed to read freeze windows of component:default/payment-service',
    );
  });
});
